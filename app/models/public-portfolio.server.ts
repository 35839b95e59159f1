/*
 * The public portfolio (/public/:slug) and its open data, read only as anon under row-level security (rule 7,
 * ADRs 133–136): whatever a signed-in person's own rights, these pages show what the partnership publishes and
 * nothing else. Drafts, submissions, projects kept off by their government, conditional and draft pledges are
 * not in what anon can read, so they cannot be in what these functions return.
 */
import type { Queryable } from "~/db/engine.server";
import type { AnonReader } from "~/db/rls.server";
import type { OpenFunding, OpenOutput, OpenProject, Pagination } from "~/domain/open-data";
import type { Mineral, Segment, Stage } from "~/domain/projects/vocabulary";
import { convertGroups } from "~/utils/fx";
import { loadRates } from "./funding.server";
import { mapCell, mapPoint, type MapPoint } from "./portfolio.server";
import { landHref, MAP_HEIGHT, MAP_WIDTH } from "./portfolio-map.server";
import { getResilienceFor, type ResilienceReader } from "./resilience.server";

export interface PublishedPartnership {
  id: string;
  slug: string;
  name: string;
  reportingCurrency: string;
}

/** The partnership `slug` if it publishes (anon sees no other), else null. */
export async function findPublished(
  tx: Queryable,
  slug: string,
): Promise<PublishedPartnership | null> {
  const [row] = await tx.query<PublishedPartnership>(
    `select id, slug, name, reporting_currency::text as "reportingCurrency" from public.partnerships
      where slug = $1`,
    [slug],
  );
  return row ?? null;
}

interface ProjectRow {
  id: string;
  name: string;
  hostCountry: string;
  segment: string;
  minerals: string[];
  stage: string;
  sponsor: string | null;
  latitude: string | null;
  longitude: string | null;
  updatedAt: string;
}

/** Every project anon may read, with its outputs, money per government and milestones, by name. */
export async function loadOpenProjects(
  tx: Queryable,
  partnershipId: string,
  page?: Pagination,
): Promise<{
  projects: Array<OpenProject & Pick<ProjectRow, "latitude" | "longitude">>;
  total: number;
}> {
  const [count] = await tx.query<{ total: number }>(
    "select count(*)::int as total from public.projects where partnership_id = $1",
    [partnershipId],
  );
  const rows = await tx.query<ProjectRow>(
    `select p.id, p.name, p.host_country::text as "hostCountry", p.segment, p.minerals, p.stage,
            s.name as sponsor, p.latitude::text as latitude, p.longitude::text as longitude,
            to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "updatedAt"
       from public.projects p
       left join public.sponsor_organisations s on s.id = p.sponsor_organisation_id
      where p.partnership_id = $1
      order by p.name, p.id
      limit $2 offset $3`,
    [partnershipId, page?.perPage ?? null, page ? (page.page - 1) * page.perPage : 0],
  );
  const ids = rows.map((row) => row.id);
  const outputs = await tx.query<OpenOutput & { projectId: string }>(
    `select project_id as "projectId", mineral, stage, capacity_per_year::text as "capacityPerYear", unit,
            first_output_year as "firstOutputYear"
       from public.project_outputs where project_id = any($1::uuid[])
      order by mineral, stage, first_output_year`,
    [ids],
  );
  const funding = await tx.query<
    Omit<OpenFunding, "amountMinor"> & { projectId: string; amountMinor: string }
  >(
    `select pl.project_id as "projectId", m.code as "governmentCode", m.name as "governmentName",
            pl.currency::text as currency, sum(pl.amount_minor)::text as "amountMinor"
       from public.pledges pl join public.members m on m.id = pl.member_id
      where pl.project_id = any($1::uuid[]) and pl.status in ('committed', 'disbursing', 'fulfilled')
        and pl.cofunding_rule is null
      group by 1, 2, 3, 4 order by 3, 4`,
    [ids],
  );
  const milestones = await tx.query<{
    projectId: string;
    done: number;
    nextTitle: string | null;
    nextDue: string | null;
  }>(
    `select m.project_id as "projectId", count(*) filter (where m.status = 'done')::int as done,
            (array_agg(m.title order by m.due_date, m.position) filter (where m.status not in ('done', 'cancelled')))[1]
              as "nextTitle",
            to_char(min(m.due_date) filter (where m.status not in ('done', 'cancelled')), 'YYYY-MM-DD') as "nextDue"
       from public.milestones m where m.project_id = any($1::uuid[]) group by 1`,
    [ids],
  );
  const byProject = <T extends { projectId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of list) map.set(item.projectId, [...(map.get(item.projectId) ?? []), item]);
    return map;
  };
  const outputsOf = byProject(outputs);
  const fundingOf = byProject(funding);
  const milestonesOf = new Map(milestones.map((m) => [m.projectId, m]));
  return {
    total: count?.total ?? 0,
    projects: rows.map((row) => {
      const milestone = milestonesOf.get(row.id);
      return {
        ...row,
        outputs: (outputsOf.get(row.id) ?? []).map(({ projectId: _, ...output }) => output),
        committed: (fundingOf.get(row.id) ?? []).map(({ projectId: _, ...f }) => ({
          ...f,
          amountMinor: BigInt(f.amountMinor),
        })),
        milestonesDone: milestone?.done ?? 0,
        nextMilestone:
          milestone?.nextTitle && milestone.nextDue
            ? { title: milestone.nextTitle, dueDate: milestone.nextDue }
            : null,
      };
    }),
  };
}

/** The newest change anon can see in the partnership ('YYYY-MM-DDTHH:MM:SSZ'): the open data's Last-Modified. */
export async function lastModified(tx: Queryable, partnershipId: string): Promise<string> {
  const [row] = await tx.query<{ at: string }>(
    `select to_char(greatest(
              (select updated_at from public.partnerships where id = $1),
              (select max(updated_at) from public.projects where partnership_id = $1),
              (select max(updated_at) from public.milestones where partnership_id = $1),
              (select max(updated_at) from public.pledges where partnership_id = $1),
              (select max(updated_at) from public.project_outputs where partnership_id = $1)
            ) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`,
    [partnershipId],
  );
  return row?.at ?? "1970-01-01T00:00:00Z";
}

/** One page of the open data, or null when the partnership does not publish. */
export function getOpenData(anon: AnonReader, slug: string, page: Pagination) {
  return anon(async (tx) => {
    const partnership = await findPublished(tx, slug);
    if (!partnership) return null;
    const { projects, total } = await loadOpenProjects(tx, partnership.id, page);
    return {
      partnership,
      total,
      projects: projects.map(({ latitude: _, longitude: __, ...project }) => project),
      lastModified: await lastModified(tx, partnership.id),
    };
  });
}

/* The page ----------------------------------------------------------------------------------------- */

/** A published project as the page shows it: codes and numbers, put in words in the reader's language. */
export interface PublicProjectView {
  id: string;
  name: string;
  hostCountry: string;
  segment: Segment;
  minerals: Mineral[];
  stage: Stage;
  sponsor: string | null;
  outputs: Array<{
    mineral: string;
    stage: string;
    capacity: string;
    unit: string;
    firstYear: number;
  }>;
  committed: Array<{ government: string; currency: string; minor: string }>;
  milestonesDone: number;
  nextMilestone: { title: string; dueDate: string; overdue: boolean } | null;
}

function projectView(project: OpenProject, today: string): PublicProjectView {
  return {
    id: project.id,
    name: project.name,
    hostCountry: project.hostCountry,
    // The database's checks hold these to the vocabulary (the projects' enums and check constraints).
    segment: project.segment as Segment,
    minerals: project.minerals as Mineral[],
    stage: project.stage as Stage,
    sponsor: project.sponsor,
    outputs: project.outputs.map((o) => ({
      mineral: o.mineral,
      stage: o.stage,
      capacity: o.capacityPerYear,
      unit: o.unit,
      firstYear: o.firstOutputYear,
    })),
    committed: project.committed.map((f) => ({
      government: f.governmentName,
      currency: f.currency,
      minor: f.amountMinor.toString(),
    })),
    milestonesDone: project.milestonesDone,
    nextMilestone: project.nextMilestone
      ? { ...project.nextMilestone, overdue: project.nextMilestone.dueDate < today }
      : null,
  };
}

/** The resilience summary: each mineral × stage the published projects add to, before and after. */
export interface PublicResilienceRow {
  key: string;
  mineral: string;
  stage: string;
  unit: string;
  added: number;
  baselinePartnerPct: number;
  projectedPartnerPct: number;
  baselineHhi: number;
  projectedHhi: number;
  horizon: number;
}

/** Everything /public/:slug shows, as anon, converted at the rates of `today`; null when not published. */
export async function getPublicPortfolio(anon: AnonReader, slug: string, today: string) {
  const data = await anon(async (tx) => {
    const partnership = await findPublished(tx, slug);
    if (!partnership) return null;
    const { projects } = await loadOpenProjects(tx, partnership.id);
    const rates = await loadRates(tx, partnership.id);
    return { partnership, projects, rates, lastModified: await lastModified(tx, partnership.id) };
  });
  if (!data) return null;
  const { partnership, projects, rates } = data;

  const governments = new Map<
    string,
    { name: string; groups: Array<{ currency: string; minor: bigint }> }
  >();
  for (const project of projects) {
    for (const f of project.committed) {
      const entry = governments.get(f.governmentCode) ?? { name: f.governmentName, groups: [] };
      entry.groups.push({ currency: f.currency, minor: f.amountMinor });
      governments.set(f.governmentCode, entry);
    }
  }
  const byGovernment = [...governments.entries()]
    .map(([code, entry]) => {
      const total = convertGroups(entry.groups, partnership.reportingCurrency, rates, today);
      return {
        code,
        name: entry.name,
        minor: total.minor.toString(),
        missing: total.missing.map((m) => m.currency),
        rates: total,
      };
    })
    .sort((a, b) =>
      BigInt(b.minor) > BigInt(a.minor)
        ? 1
        : BigInt(b.minor) < BigInt(a.minor)
          ? -1
          : a.name.localeCompare(b.name),
    );
  const all = convertGroups(
    [...governments.values()].flatMap((entry) => entry.groups),
    partnership.reportingCurrency,
    rates,
    today,
  );

  // One dot per 5° square, as on the members' portfolio map (ADR 072): every published project is approved.
  const cells = new Map<string, { projects: number; counting: bigint; lat: number; lon: number }>();
  for (const project of projects) {
    if (project.latitude === null || project.longitude === null) continue;
    const [latitude, longitude] = [Number(project.latitude), Number(project.longitude)];
    const committed = convertGroups(
      project.committed.map((f) => ({ currency: f.currency, minor: f.amountMinor })),
      partnership.reportingCurrency,
      rates,
      today,
    );
    const key = mapCell(latitude, longitude);
    const cell = cells.get(key) ?? { projects: 0, counting: 0n, lat: 0, lon: 0 };
    cell.projects += 1;
    cell.counting += committed.minor;
    cell.lat += latitude;
    cell.lon += longitude;
    cells.set(key, cell);
  }
  const points = [...cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, cell]) => mapPoint(key, cell.projects, true, cell.counting, cell.lat, cell.lon))
    .filter((point): point is MapPoint => point !== null);

  const reader: ResilienceReader = {
    db: anon,
    partnership,
    draftsMember: null,
    readsRollups: false,
  };
  const resilience = await getResilienceFor(
    reader,
    // Every published project counts, as if online as planned: the public sees no funding gap to judge by.
    new URLSearchParams({ scenario: "pipeline" }),
    today,
  );
  const resilienceRows: PublicResilienceRow[] = resilience.ok
    ? resilience.model.groups
        .filter((entry) => entry.view.added > 0)
        .map(({ view }) => ({
          key: view.key,
          mineral: view.mineral,
          stage: view.stage,
          unit: view.unit,
          added: view.added,
          baselinePartnerPct: view.baseline.partnerPct,
          projectedPartnerPct: view.projected.partnerPct,
          baselineHhi: view.baseline.hhi,
          projectedHhi: view.projected.hhi,
          horizon: resilience.model.params.horizon,
        }))
    : [];

  return {
    partnership,
    projects: projects.map((project) => projectView(project, today)),
    byGovernment: byGovernment.map(({ rates: _, ...row }) => row),
    total: {
      minor: all.minor.toString(),
      currency: all.currency,
      oldestRateDate: all.oldestRateDate,
      newestRateDate: all.newestRateDate,
      missing: all.missing.map((m) => m.currency),
    },
    map: { width: MAP_WIDTH, height: MAP_HEIGHT, landHref: landHref(), points },
    resilience: resilienceRows,
    lastModified: data.lastModified,
  };
}

export type PublicPortfolio = NonNullable<Awaited<ReturnType<typeof getPublicPortfolio>>>;
