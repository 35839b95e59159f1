/*
 * A mineral's page beyond the concentration figures: the projects that contribute to it (with their funding
 * standing) and its supply chain — the links between projects, laid out as a Sankey diagram on the server with
 * d3-sankey (docs/decisions/084-*.md), plus the flags on refining and magnet projects whose supply is not
 * contracted. Everything is read under the person's row-level security: a link shows only when both of its
 * projects do.
 */
import { sankey, sankeyLinkHorizontal } from "d3-sankey";
import type { MemberContext } from "~/auth/auth.server";
import { countryName } from "~/domain/countries";
import { SCENARIO_CLASSES, type ProjectClass } from "~/domain/resilience";
import type { LinkKind, LinkStatus } from "~/domain/supply";
import type { SupplyStage } from "~/domain/supply";
import type { ResilienceModel } from "./resilience.server";

const STAGES: SupplyStage[] = ["mining", "refining", "magnets"];
const SEGMENT_COLUMN: Record<string, number> = { mining: 0, refining: 1, recycling: 1, magnets: 2 };

/* Contributing projects ------------------------------------------------------------------------------ */

export interface ContributingProject {
  projectId: string;
  name: string;
  status: string;
  hostCountry: string;
  hostName: string;
  stage: SupplyStage;
  capacity: number;
  unit: string;
  firstYear: number;
  /** The class the project counts in, or null when it counts in no scenario (submitted, rejected…). */
  projectClass: ProjectClass | null;
  /** Counted in the chosen scenario at the horizon. */
  counted: boolean;
  gapMinor: string | null;
  missingRates: string[];
}

/** Every visible output of the mineral, per project and stage, with the project's standing. */
export async function mineralProjects(
  context: MemberContext,
  mineral: string,
  model: ResilienceModel,
): Promise<ContributingProject[]> {
  const rows = await context.user.db((tx) =>
    tx.query<{
      projectId: string;
      name: string;
      status: string;
      hostCountry: string;
      stage: SupplyStage;
      unit: string;
      firstYear: number;
      capacity: string;
    }>(
      `select p.id as "projectId", p.name, p.status, p.host_country::text as "hostCountry", o.stage, o.unit,
              min(o.first_output_year) as "firstYear", sum(o.capacity_per_year)::text as capacity
         from public.project_outputs o join public.projects p on p.id = o.project_id
        where o.partnership_id = $1 and o.mineral = $2 and p.status not in ('rejected', 'cancelled')
        group by 1, 2, 3, 4, 5, 6
        order by 5, sum(o.capacity_per_year) desc, 2`,
      [context.partnership.id, mineral],
    ),
  );
  const standings = new Map(model.standings.map((s) => [s.id, s]));
  const classes = SCENARIO_CLASSES[model.params.scenario];
  return rows.map((row) => {
    const standing = standings.get(row.projectId);
    const projectClass = standing?.projectClass ?? null;
    const group = model.groups.find((g) => g.view.key === `${mineral}:${row.stage}`);
    return {
      ...row,
      hostName: countryName(row.hostCountry),
      capacity: Number(row.capacity),
      projectClass,
      counted:
        projectClass !== null &&
        classes.includes(projectClass) &&
        row.firstYear <= model.params.horizon &&
        row.unit === group?.view.unit,
      gapMinor:
        standing?.gapMinor === undefined || standing.gapMinor === null
          ? null
          : standing.gapMinor.toString(),
      missingRates: standing?.missingRates ?? [],
    };
  });
}

/* The supply chain ------------------------------------------------------------------------------------ */

export interface ChainNode {
  id: string;
  name: string;
  column: number;
  stageLabel: string;
  status: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface ChainLink {
  id: string;
  supplierId: string;
  supplierName: string;
  buyerId: string;
  buyerName: string;
  kind: LinkKind;
  status: LinkStatus;
  tonnes: number;
  /** The supplier's output unit for the mineral, when it has one. */
  unit: string | null;
  path: string;
  width: number;
}

export interface ChainFlag {
  projectId: string;
  name: string;
  stage: SupplyStage;
  flag: "no-link" | "negotiation-only";
}

export interface SupplyChain {
  width: number;
  height: number;
  nodes: ChainNode[];
  links: ChainLink[];
  flags: ChainFlag[];
}

export const CHAIN_WIDTH = 720;

/**
 * The mineral's links as a Sankey diagram. Stages are measured in different units, so link widths are scaled
 * within each pair of stages (each pair's links share 100 units) and never compared across stages.
 */
export async function mineralChain(
  context: MemberContext,
  mineral: string,
  projects: ReadonlyArray<ContributingProject>,
): Promise<SupplyChain> {
  const links = await context.user.db((tx) =>
    tx.query<{
      id: string;
      supplierId: string;
      supplierName: string;
      supplierSegment: string;
      supplierStatus: string;
      buyerId: string;
      buyerName: string;
      buyerSegment: string;
      buyerStatus: string;
      kind: LinkKind;
      status: LinkStatus;
      tonnes: string;
    }>(
      `select l.id, s.id as "supplierId", s.name as "supplierName", s.segment as "supplierSegment",
              s.status as "supplierStatus", b.id as "buyerId", b.name as "buyerName",
              b.segment as "buyerSegment", b.status as "buyerStatus", l.kind, l.status,
              l.tonnes_per_year::text as tonnes
         from public.project_links l
         join public.projects s on s.id = l.supplier_project_id
         join public.projects b on b.id = l.buyer_project_id
        where l.partnership_id = $1 and l.mineral = $2
        order by s.name, b.name`,
      [context.partnership.id, mineral],
    ),
  );
  const stageOf = new Map<string, SupplyStage>();
  const unitOf = new Map<string, string>();
  for (const project of projects) {
    if (!stageOf.has(project.projectId)) {
      stageOf.set(project.projectId, project.stage);
      unitOf.set(project.projectId, project.unit);
    }
  }
  const columnOf = (id: string, segment: string) => {
    const stage = stageOf.get(id);
    return stage ? STAGES.indexOf(stage) : (SEGMENT_COLUMN[segment] ?? 1);
  };

  const flags = chainFlags(projects, links);
  if (links.length === 0) return { width: CHAIN_WIDTH, height: 0, nodes: [], links: [], flags };

  const nodes = new Map<string, { id: string; name: string; column: number; status: string }>();
  for (const link of links) {
    nodes.set(link.supplierId, {
      id: link.supplierId,
      name: link.supplierName,
      column: columnOf(link.supplierId, link.supplierSegment),
      status: link.supplierStatus,
    });
    nodes.set(link.buyerId, {
      id: link.buyerId,
      name: link.buyerName,
      column: columnOf(link.buyerId, link.buyerSegment),
      status: link.buyerStatus,
    });
  }
  const transitionTotals = new Map<string, number>();
  const transition = (link: (typeof links)[number]) =>
    `${nodes.get(link.supplierId)?.column}>${nodes.get(link.buyerId)?.column}`;
  for (const link of links) {
    transitionTotals.set(
      transition(link),
      (transitionTotals.get(transition(link)) ?? 0) + Number(link.tonnes),
    );
  }
  const height = Math.max(160, nodes.size * 46);
  type Node = { id: string; name: string; column: number; status: string };
  type Link = { id: string; source: string; target: string; value: number };
  const layout = sankey<Node, Link>()
    .nodeId((node) => node.id)
    .nodeAlign((node) => node.column)
    .nodeWidth(14)
    .nodePadding(30)
    .nodeSort((a, b) => a.name.localeCompare(b.name))
    .extent([
      [200, 10],
      [CHAIN_WIDTH - 200, height - 10],
    ]);
  const graph = layout({
    nodes: [...nodes.values()].map((node) => ({ ...node })),
    links: links.map((link) => ({
      id: link.id,
      source: link.supplierId,
      target: link.buyerId,
      value: (100 * Number(link.tonnes)) / (transitionTotals.get(transition(link)) || 1),
    })),
  });
  const path = sankeyLinkHorizontal();
  const laidOut = new Map(graph.links.map((link) => [link.id, link]));
  return {
    width: CHAIN_WIDTH,
    height,
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      name: node.name,
      column: node.column,
      stageLabel: STAGES[node.column] ?? "",
      status: node.status,
      x0: node.x0 ?? 0,
      x1: node.x1 ?? 0,
      y0: node.y0 ?? 0,
      y1: node.y1 ?? 0,
    })),
    links: links.map((link) => {
      const drawn = laidOut.get(link.id);
      return {
        id: link.id,
        supplierId: link.supplierId,
        supplierName: link.supplierName,
        buyerId: link.buyerId,
        buyerName: link.buyerName,
        kind: link.kind,
        status: link.status,
        tonnes: Number(link.tonnes),
        unit: unitOf.get(link.supplierId) ?? null,
        path: drawn ? (path(drawn) ?? "") : "",
        width: Math.max(1, drawn?.width ?? 1),
      };
    }),
    flags,
  };
}

/**
 * Refining and magnet projects whose supply is not secured: no link brings them the mineral at all, or every
 * link that does is still under negotiation (an MoU or a signed contract counts as contracted).
 */
export function chainFlags(
  projects: ReadonlyArray<Pick<ContributingProject, "projectId" | "name" | "stage">>,
  links: ReadonlyArray<{ buyerId: string; status: LinkStatus }>,
): ChainFlag[] {
  const flags: ChainFlag[] = [];
  const seen = new Set<string>();
  for (const project of projects) {
    if (project.stage === "mining" || seen.has(project.projectId)) continue;
    seen.add(project.projectId);
    const inflows = links.filter((link) => link.buyerId === project.projectId);
    if (inflows.length === 0) {
      flags.push({ ...pick(project), flag: "no-link" });
    } else if (inflows.every((link) => link.status === "under_negotiation")) {
      flags.push({ ...pick(project), flag: "negotiation-only" });
    }
  }
  return flags;
}

const pick = (project: Pick<ContributingProject, "projectId" | "name" | "stage">) => ({
  projectId: project.projectId,
  name: project.name,
  stage: project.stage,
});
