/*
 * A mineral's page beyond the concentration figures: the projects that contribute to it (with their funding
 * standing) and its supply chain — the links between projects added up by stage and host country, laid out as
 * a Sankey diagram on the server with d3-sankey (docs/decisions/084-*.md, 153-*.md), plus the refining and
 * magnet projects whose supply is not contracted. Everything is read under the person's row-level security: a
 * link counts only when both of its projects show. What the page receives is bounded whatever the portfolio:
 * the first rows of each list with the count of all, and the chain by country (the largest countries of each
 * stage, the rest together as "rest of world").
 */
import { sankey, sankeyLinkHorizontal } from "d3-sankey";
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { countryName } from "~/domain/countries";
import { REST_OF_WORLD, SCENARIO_CLASSES, type ProjectClass } from "~/domain/resilience";
import type { LinkStatus, SupplyStage } from "~/domain/supply";
import {
  standingFromRollup,
  type ProjectStanding,
  type ResilienceModel,
  type RolledUpFunding,
} from "./resilience.server";

const STAGES: SupplyStage[] = ["mining", "refining", "magnets"];
/** Rows of each list the page receives (it says how many there are in all). */
export const LIST_ROWS = 100;

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

export interface ContributingProjects {
  /** One page of LIST_ROWS, by stage, largest capacity first. */
  rows: ContributingProject[];
  counts: { all: number; counted: number };
  page: number;
  pageCount: number;
}

/**
 * The visible outputs of the mineral, per project and stage, with the project's standing: page `page` of
 * `rowsPerPage` rows and the counts of all. The class is decided in SQL, from the funding rollups (ADR 072) or,
 * evaluated per request, from the model's standings, so counting needs no row per project in memory.
 */
export async function mineralProjects(
  context: MemberContext,
  mineral: string,
  model: ResilienceModel,
  page = 1,
  rowsPerPage = LIST_ROWS,
): Promise<ContributingProjects> {
  const units = Object.fromEntries(
    model.groups.filter((g) => g.view.mineral === mineral).map((g) => [g.view.stage, g.view.unit]),
  );
  const classOf = classExpression(model.standings, context.membership);
  // $1–$5: partnership, mineral, the scenario's classes, horizon, each stage's unit; the class's from $6 on.
  const params = [
    context.partnership.id,
    mineral,
    SCENARIO_CLASSES[model.params.scenario],
    model.params.horizon,
    JSON.stringify(units),
    ...classOf.params,
  ];
  const counted = `coalesce(${classOf.sql} = any ($3::text[]) and r.first_year <= $4
                             and r.unit = ($5::jsonb ->> r.stage), false)`;
  const { rows, counts } = await context.user.db(async (tx) => {
    // One page in the index's order (ADR 162): what the page shows does not grow with the portfolio.
    const rows = await tx.query<
      RolledUpFunding & {
        projectId: string;
        name: string;
        hostCountry: string;
        stage: SupplyStage;
        unit: string;
        firstYear: number;
        capacity: string;
        projectClass: ProjectClass | null;
        counted: boolean;
      }
    >(
      `select r.project_id as "projectId", r.name, r.host_country as "hostCountry", r.stage, r.unit,
              r.first_year as "firstYear", r.capacity::text as capacity, ${classOf.sql} as "projectClass",
              ${counted} as counted, r.status, r.funded, r.sought_stated as "soughtStated",
              r.gap_minor::text as "gapMinor", r.missing_rates as "missingRates"
         from public.resilience_project_outputs r
        where r.partnership_id = $1 and r.mineral = $2
        order by r.stage, r.capacity desc, r.name, r.project_id
        limit ${rowsPerPage} offset ${(page - 1) * rowsPerPage}`,
      params,
    );
    // The counts read the same index's columns, never the rows' names or funding.
    const [counts] = await tx.query<{ all: number; counted: number }>(
      `select count(*)::int as "all", (count(*) filter (where ${counted}))::int as counted
         from public.resilience_project_outputs r
        where r.partnership_id = $1 and r.mineral = $2`,
      params,
    );
    return { rows, counts: counts ?? { all: 0, counted: 0 } };
  });
  const standings = new Map((model.standings ?? []).map((s) => [s.id, s]));
  return {
    rows: rows.map((row) => {
      const standing = model.standings
        ? standings.get(row.projectId)
        : standingFromRollup(row, row.projectClass === "draft");
      return {
        projectId: row.projectId,
        name: row.name,
        status: row.status,
        hostCountry: row.hostCountry,
        hostName: countryName(row.hostCountry),
        stage: row.stage,
        capacity: Number(row.capacity),
        unit: row.unit,
        firstYear: row.firstYear,
        projectClass: row.projectClass,
        counted: row.counted,
        gapMinor:
          standing?.gapMinor === undefined || standing.gapMinor === null
            ? null
            : standing.gapMinor.toString(),
        missingRates: standing?.missingRates ?? [],
      };
    }),
    counts,
    page,
    pageCount: Math.max(1, Math.ceil(counts.all / rowsPerPage)),
  };
}

/**
 * The class of a project's row `r` of resilience_project_outputs in SQL, from parameter $6 on: the rollups' own
 * decision, or the ids the per-request standings put in each class. Drafts count only for their government's
 * delegates.
 */
function classExpression(
  standings: ReadonlyArray<ProjectStanding> | null,
  membership: MemberContext["membership"],
): { sql: string; params: unknown[] } {
  if (standings) {
    const ids = (c: ProjectClass) => standings.filter((s) => s.projectClass === c).map((s) => s.id);
    return {
      sql: `case when r.project_id = any ($6::uuid[]) then 'funded'
                 when r.project_id = any ($7::uuid[]) then 'pipeline'
                 when r.project_id = any ($8::uuid[]) then 'draft' end`,
      params: [ids("funded"), ids("pipeline"), ids("draft")],
    };
  }
  return {
    sql: `case when r.status = 'completed' or (r.status = 'approved' and r.funded) then 'funded'
               when r.status = 'approved' then 'pipeline'
               when r.status = 'draft' and r.registering_member_id = $6::uuid then 'draft' end`,
    params: [membership.role === "delegate" ? membership.memberId : null],
  };
}

/* The supply chain ------------------------------------------------------------------------------------ */

/** A stage in a country: a node of the diagram ("XX" gathers the countries beyond the largest). */
export interface ChainNode {
  id: string;
  stage: SupplyStage;
  country: string;
  column: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The links from one stage and country to another, added up. */
export interface ChainFlow {
  id: string;
  from: { stage: SupplyStage; country: string };
  to: { stage: SupplyStage; country: string };
  links: number;
  tonnes: number;
  /** The suppliers' output unit, when they share one. */
  unit: string | null;
  /** Links per status; the flow is drawn in the status that carries the most tonnes. */
  statuses: Record<LinkStatus, number>;
  status: LinkStatus;
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
  flows: ChainFlow[];
  /** Every visible link of the mineral (the flows add them up). */
  links: number;
  /** The first LIST_ROWS flagged projects, and how many there are. */
  flags: ChainFlag[];
  flagCount: number;
}

export const CHAIN_WIDTH = 720;
/** Countries drawn per stage: the largest by tonnes through them; the others are one "rest of world" node. */
export const CHAIN_COUNTRIES = 8;

export interface FlowRow {
  fromStage: SupplyStage;
  fromCountry: string;
  toStage: SupplyStage;
  toCountry: string;
  status: LinkStatus;
  links: number;
  tonnes: string;
  unit: string | null;
  units: number;
}

/**
 * The mineral's links added up per stage and host country at both ends (a project's stage is its output's for
 * the mineral, else its segment's), then laid out as a Sankey. Stages are measured in different units, so flow
 * widths are scaled within each pair of stages (each pair's flows share 100 units) and never compared across.
 */
export async function mineralChain(context: MemberContext, mineral: string): Promise<SupplyChain> {
  const { rows, flags } = await context.user.db(async (tx) => ({
    rows: await flowRows(tx, context.partnership.id, mineral),
    flags: await chainFlags(tx, context.partnership.id, mineral),
  }));
  const flows = foldCountries(rows);
  const links = rows.reduce((sum, row) => sum + row.links, 0);
  const empty = { width: CHAIN_WIDTH, height: 0, nodes: [], flows: [], links, ...flags };
  return flows.length === 0 ? empty : { ...layOut(flows), links, ...flags };
}

/**
 * The flows as the kept sums hold them (links between two projects that are not drafts, ADR 169), plus the few
 * links touching a draft that the reader may see, read through project_links' policy and added up the same way.
 * Both are grouped by the supplier's unit too, so the unit facts come out as one query of every link gave them.
 */
export function flowRows(
  tx: Queryable,
  partnershipId: string,
  mineral: string,
): Promise<FlowRow[]> {
  return tx.query<FlowRow>(
    // A project's stage is its output's for the mineral, else its segment's (recycling refines).
    `with draft_link as (
       select coalesce(so.stage, case s.segment when 'mining' then 'mining' when 'magnets' then 'magnets' else 'refining' end) as from_stage, s.host_country::text as from_country,
              coalesce(bo.stage, case b.segment when 'mining' then 'mining' when 'magnets' then 'magnets' else 'refining' end) as to_stage, b.host_country::text as to_country,
              l.status, so.unit, 1 as links, l.tonnes_per_year as tonnes
         from public.project_links l
         join public.projects s on s.id = l.supplier_project_id
         join public.projects b on b.id = l.buyer_project_id
         left join lateral (select min(o.stage) as stage, min(o.unit) as unit from public.project_outputs o
                             where o.project_id = s.id and o.mineral = $2) so on true
         left join lateral (select min(o.stage) as stage from public.project_outputs o
                             where o.project_id = b.id and o.mineral = $2) bo on true
        where l.partnership_id = $1 and l.mineral = $2 and (l.supplier_is_draft or l.buyer_is_draft)
     ), flow as (
       select f.from_stage, f.from_country, f.to_stage, f.to_country, f.status, f.unit, f.links, f.tonnes
         from public.supply_chain_flows f
        where f.partnership_id = $1 and f.mineral = $2
       union all
       select * from draft_link
     )
     select from_stage as "fromStage", from_country as "fromCountry", to_stage as "toStage",
            to_country as "toCountry", status, sum(links)::int as links, sum(tonnes)::text as tonnes,
            min(unit) as unit, count(distinct unit)::int as units
       from flow group by 1, 2, 3, 4, 5
      order by 1, 2, 3, 4, 5`,
    [partnershipId, mineral],
  );
}

/** Per stage, the countries with the most tonnes through them keep their node; the others become one. */
function foldCountries(rows: ReadonlyArray<FlowRow>): Omit<ChainFlow, "path" | "width">[] {
  const through = new Map<string, number>();
  for (const row of rows) {
    for (const end of [`${row.fromStage}:${row.fromCountry}`, `${row.toStage}:${row.toCountry}`]) {
      through.set(end, (through.get(end) ?? 0) + Number(row.tonnes));
    }
  }
  const kept = new Set<string>();
  for (const stage of STAGES) {
    [...through]
      .filter(([key]) => key.startsWith(`${stage}:`))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, CHAIN_COUNTRIES)
      .forEach(([key]) => kept.add(key));
  }
  const place = (stage: SupplyStage, country: string) =>
    kept.has(`${stage}:${country}`) ? country : REST_OF_WORLD;
  const flows = new Map<
    string,
    Omit<ChainFlow, "path" | "width"> & { byStatus: Map<string, number> }
  >();
  for (const row of rows) {
    const from = { stage: row.fromStage, country: place(row.fromStage, row.fromCountry) };
    const to = { stage: row.toStage, country: place(row.toStage, row.toCountry) };
    const id = `${from.stage}:${from.country}>${to.stage}:${to.country}`;
    const flow = flows.get(id) ?? {
      id,
      from,
      to,
      links: 0,
      tonnes: 0,
      unit: row.unit,
      statuses: { signed: 0, mou: 0, under_negotiation: 0 },
      status: row.status,
      byStatus: new Map<string, number>(),
    };
    flow.links += row.links;
    flow.tonnes += Number(row.tonnes);
    if (row.units > 1 || flow.unit !== row.unit) flow.unit = null;
    flow.statuses[row.status] += row.links;
    flow.byStatus.set(row.status, (flow.byStatus.get(row.status) ?? 0) + Number(row.tonnes));
    flows.set(id, flow);
  }
  return [...flows.values()]
    .map(({ byStatus, ...flow }) => ({
      ...flow,
      status: [...byStatus].sort((a, b) => b[1] - a[1])[0]?.[0] as LinkStatus,
    }))
    .sort((a, b) => b.tonnes - a.tonnes || a.id.localeCompare(b.id));
}

function layOut(flows: ReadonlyArray<Omit<ChainFlow, "path" | "width">>) {
  type Node = { id: string; stage: SupplyStage; country: string; column: number };
  type Link = { id: string; source: string; target: string; value: number };
  const nodes = new Map<string, Node>();
  for (const flow of flows) {
    for (const end of [flow.from, flow.to]) {
      const id = `${end.stage}:${end.country}`;
      nodes.set(id, { id, ...end, column: STAGES.indexOf(end.stage) });
    }
  }
  const pairTotals = new Map<string, number>();
  const pair = (flow: (typeof flows)[number]) => `${flow.from.stage}>${flow.to.stage}`;
  for (const flow of flows)
    pairTotals.set(pair(flow), (pairTotals.get(pair(flow)) ?? 0) + flow.tonnes);
  const height = Math.max(160, nodes.size * 40);
  const layout = sankey<Node, Link>()
    .nodeId((node) => node.id)
    .nodeAlign((node) => node.column)
    .nodeWidth(14)
    .nodePadding(24)
    // Rest of world last in its column, the others by country code (stable whatever the language).
    .nodeSort(
      (a, b) =>
        Number(a.country === REST_OF_WORLD) - Number(b.country === REST_OF_WORLD) ||
        a.country.localeCompare(b.country),
    )
    .extent([
      [200, 10],
      [CHAIN_WIDTH - 200, height - 10],
    ]);
  const graph = layout({
    nodes: [...nodes.values()].map((node) => ({ ...node })),
    links: flows.map((flow) => ({
      id: flow.id,
      source: `${flow.from.stage}:${flow.from.country}`,
      target: `${flow.to.stage}:${flow.to.country}`,
      value: (100 * flow.tonnes) / (pairTotals.get(pair(flow)) || 1),
    })),
  });
  const path = sankeyLinkHorizontal();
  const laidOut = new Map(graph.links.map((link) => [link.id, link]));
  return {
    width: CHAIN_WIDTH,
    height,
    nodes: graph.nodes.map((node): ChainNode => ({
      id: node.id,
      stage: node.stage,
      country: node.country,
      column: node.column,
      x0: node.x0 ?? 0,
      x1: node.x1 ?? 0,
      y0: node.y0 ?? 0,
      y1: node.y1 ?? 0,
    })),
    flows: flows.map((flow): ChainFlow => {
      const drawn = laidOut.get(flow.id);
      return {
        ...flow,
        path: drawn ? (path(drawn) ?? "") : "",
        width: Math.max(1, drawn?.width ?? 1),
      };
    }),
  };
}

/**
 * Refining and magnet projects whose supply is not secured: no visible link brings them the mineral at all,
 * or every link that does is still under negotiation (an MoU or a signed contract counts as contracted). The
 * first LIST_ROWS by stage and name, and how many there are.
 */
export async function chainFlags(
  tx: Queryable,
  partnershipId: string,
  mineral: string,
): Promise<{ flags: ChainFlag[]; flagCount: number }> {
  // The kept inflow from suppliers that are not drafts (ADR 169), plus what the draft suppliers the reader may
  // see bring (project_links' policy): a project with a contracted inflow is not flagged, whoever reads. The
  // count is the kept one of the projects that are not drafts, less those the reader's draft inflow lifts,
  // plus the reader's draft buyers still flagged: a few rows, whatever the number of flags.
  const rows = await tx.query<ChainFlag & { total: number }>(
    `with draft_inflow as (
       select l.buyer_project_id as id, count(*) as links,
              count(*) filter (where l.status <> 'under_negotiation') as contracted
         from public.project_links l
        where l.partnership_id = $1 and l.mineral = $2 and (l.supplier_is_draft or l.buyer_is_draft)
          and l.supplier_is_draft
        group by 1
     ), candidate as (
       -- Looked up per candidate (offset 0 keeps it a lateral), so the index's order serves the limit.
       select b.project_id, b.name, b.stage, b.status, b.links + coalesce(d.links, 0) as links,
              coalesce(d.contracted, 0) as contracted
         from public.supply_chain_buyers b
         left join lateral (select di.links, di.contracted from draft_inflow di
                             where di.id = b.project_id offset 0) d on true
        where b.partnership_id = $1 and b.mineral = $2 and b.stage <> 'mining' and b.contracted = 0
     ), total as (
       select coalesce((select c.projects from public.supply_chain_flag_counts c
                         where c.partnership_id = $1 and c.mineral = $2), 0)
              - (select count(*) from public.supply_chain_buyers b join draft_inflow d on d.id = b.project_id
                  where b.partnership_id = $1 and b.mineral = $2 and b.stage <> 'mining'
                    and b.contracted = 0 and b.status <> 'draft' and d.contracted > 0)
              + (select count(*) from public.supply_chain_buyers b left join draft_inflow d on d.id = b.project_id
                  where b.partnership_id = $1 and b.mineral = $2 and b.stage <> 'mining'
                    and b.contracted = 0 and b.status = 'draft' and coalesce(d.contracted, 0) = 0) as total
     )
     select c.project_id as "projectId", c.name, c.stage,
            case when c.links = 0 then 'no-link' else 'negotiation-only' end as flag,
            (select total from total)::int as total
       from candidate c
      where c.contracted = 0
      order by c.stage, c.name, c.project_id limit ${LIST_ROWS}`,
    [partnershipId, mineral],
  );
  return {
    flags: rows.map(({ total: _total, ...flag }) => flag),
    flagCount: rows[0]?.total ?? 0,
  };
}
