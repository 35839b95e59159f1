/*
 * The resilience page's data (issue 19, docs/resilience.md): the newest reference dataset (cached per version:
 * it changes only when a version is loaded), the partnership's own world-total figures, which projects count in
 * which scenario (the co-funding engine decides what is funded, as everywhere else), and the outputs the person
 * may see, summed in SQL per mineral × stage × host country × first output year × project class. The arithmetic
 * is app/domain/resilience.ts.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { countryName } from "~/domain/countries";
import type { Language } from "~/i18n/config";
import { translate } from "~/i18n/i18n.server";
import {
  assess,
  fundedState,
  hhiBand,
  hhiFixed,
  hhiPerHundredMillionMilli,
  HORIZON_YEARS,
  parseResilienceParams,
  partnerCountries,
  pctFixed,
  pledgeImpactsIn,
  quantityFixed,
  trajectory,
  type Addition,
  type Assessment,
  type HhiBand,
  type ProjectClass,
  type ResilienceParams,
  type Scenario,
  type SupplyGroup,
} from "~/domain/resilience";
import type { SupplyStage } from "~/domain/supply";
import { minorDigits } from "~/utils/money";
import { candidatesNearTheTop, type CandidateRow, type GroupState } from "./next-pledge.server";
import {
  evaluateProject,
  loadRates,
  rollupsApply,
  type EvaluatedPledgeRow,
} from "./funding.server";

/* The reference dataset, cached per version ----------------------------------------------------------- */

export interface SourceView {
  id: string;
  title: string;
  publisher: string;
  year: number;
  url: string;
}

interface ReferenceRow {
  country: string;
  /** In the group's output unit; null when withheld or when the group gives shares only. */
  quantity: number | null;
  sharePct: number | null;
  note: string | null;
}

export interface ReferenceGroup {
  mineral: string;
  stage: SupplyStage;
  year: number;
  /** The unit the source prints, and the unit projects' capacity (and every quantity here) is in. */
  printedUnit: string;
  unit: string | null;
  sharesOnly: boolean;
  sourceIds: string[];
  rows: ReferenceRow[];
  worldTotal: WorldTotal | null;
}

export interface WorldTotal {
  value: number;
  unit: string;
  year: number;
  /** "reference": a dated estimate of the dataset; "secretariat": the partnership's own sourced figure. */
  setBy: "reference" | "secretariat";
  /** The dataset's source ids of an estimate (none for the secretariat's own figure, which names its own). */
  sourceIds: string[];
  source: string;
  sourceUrl: string | null;
  note: string | null;
}

export interface ReferenceSnapshot {
  version: number;
  loadedAt: string;
  /** The newest baseline year of any group: the horizon picker runs from it to it + 12. */
  baselineYear: number;
  groups: ReferenceGroup[];
  sources: Record<string, SourceView>;
}

const cache = globalThis as typeof globalThis & {
  __lodestoneReference?: { checksum: string; snapshot: ReferenceSnapshot };
};

/** The newest reference version, read once per version and process (it is about 200 rows, never changed). */
export async function loadReferenceSnapshot(tx: Queryable): Promise<ReferenceSnapshot> {
  const [newest] = await tx.query<{ version: number; checksum: string }>(
    "select version, checksum from reference.datasets order by version desc limit 1",
  );
  if (!newest) throw new Error("No supply reference data is loaded: run the migrations.");
  const held = cache.__lodestoneReference;
  if (held?.checksum === newest.checksum) return held.snapshot;
  const snapshot = await readSnapshot(tx, newest.version);
  cache.__lodestoneReference = { checksum: newest.checksum, snapshot };
  return snapshot;
}

async function readSnapshot(tx: Queryable, version: number): Promise<ReferenceSnapshot> {
  const [dataset] = await tx.query<{ loadedAt: string }>(
    `select to_char(loaded_at at time zone 'UTC', 'YYYY-MM-DD') as "loadedAt"
       from reference.datasets where version = $1`,
    [version],
  );
  // The newest year of each mineral × stage.
  const groups = await tx.query<{
    mineral: string;
    stage: SupplyStage;
    year: number;
    unit: string;
    sharesOnly: boolean;
    outputUnit: string | null;
    outputFactor: string;
    sourceIds: string[];
  }>(
    `select distinct on (mineral, stage) mineral, stage, year, unit, shares_only as "sharesOnly",
            output_unit as "outputUnit", output_factor::text as "outputFactor", source_ids as "sourceIds"
       from reference.supply_groups where dataset_version = $1
      order by mineral, stage, year desc`,
    [version],
  );
  const rows = await tx.query<{
    mineral: string;
    stage: string;
    year: number;
    country: string;
    quantity: string | null;
    sharePct: string | null;
    note: string | null;
  }>(
    `select mineral, stage, year, country_iso2::text as country, quantity::text as quantity,
            share_pct::text as "sharePct", note
       from reference.supply_shares where dataset_version = $1 order by line`,
    [version],
  );
  const totals = await tx.query<{
    mineral: string;
    stage: string;
    year: number;
    worldTotal: string;
    unit: string;
    sourceIds: string[];
    note: string | null;
  }>(
    `select mineral, stage, year, world_total::text as "worldTotal", unit, source_ids as "sourceIds", note
       from reference.world_totals where dataset_version = $1 order by year desc`,
    [version],
  );
  const sources = await tx.query<SourceView>(
    `select source_id as id, title, publisher, year, url from reference.sources where dataset_version = $1`,
    [version],
  );
  const sourceMap = Object.fromEntries(sources.map((source) => [source.id, source]));
  const referenceGroups = groups.map((group): ReferenceGroup => {
    const factor = Number(group.outputFactor);
    const own = rows.filter(
      (row) =>
        row.mineral === group.mineral && row.stage === group.stage && row.year === group.year,
    );
    // The dated estimate a shares-only group projects with: the newest on or before its year, else the oldest.
    const estimates = totals.filter((t) => t.mineral === group.mineral && t.stage === group.stage);
    const estimate =
      estimates.find((t) => t.year <= group.year) ?? estimates[estimates.length - 1] ?? null;
    return {
      mineral: group.mineral,
      stage: group.stage,
      year: group.year,
      printedUnit: group.unit,
      unit: group.outputUnit,
      sharesOnly: group.sharesOnly,
      sourceIds: group.sourceIds,
      rows: own.map((row) => ({
        country: row.country,
        quantity: row.quantity === null ? null : Number(row.quantity) * factor,
        sharePct: row.sharePct === null ? null : Number(row.sharePct),
        note: row.note,
      })),
      worldTotal:
        group.sharesOnly && estimate
          ? {
              value: Number(estimate.worldTotal),
              unit: estimate.unit,
              year: estimate.year,
              setBy: "reference",
              sourceIds: estimate.sourceIds,
              source: estimate.sourceIds.map((id) => citation(sourceMap[id]) ?? id).join("; "),
              sourceUrl:
                estimate.sourceIds.length === 1
                  ? (sourceMap[estimate.sourceIds[0] ?? ""]?.url ?? null)
                  : null,
              note: estimate.note,
            }
          : null,
    };
  });
  return {
    version,
    loadedAt: dataset?.loadedAt ?? "",
    baselineYear: Math.max(...referenceGroups.map((group) => group.year)),
    groups: referenceGroups.sort(
      (a, b) =>
        MINERAL_ORDER(a.mineral) - MINERAL_ORDER(b.mineral) ||
        a.mineral.localeCompare(b.mineral) ||
        STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage),
    ),
    sources: sourceMap,
  };
}

const STAGE_ORDER: SupplyStage[] = ["mining", "refining", "magnets"];
const FIRST_MINERALS = ["rare_earths", "lithium", "cobalt", "nickel", "graphite"];
const MINERAL_ORDER = (mineral: string) => {
  const index = FIRST_MINERALS.indexOf(mineral);
  return index < 0 ? FIRST_MINERALS.length : index;
};

/** "U.S. Geological Survey, Mineral Commodity Summaries 2025: Lithium (2025)". */
export function citation(source: SourceView | undefined): string | null {
  return source ? `${source.publisher}, ${source.title} (${source.year})` : null;
}

/** A country's English name for the model's own views; pages name countries in the reader's language. */
export function countryLabel(code: string): string {
  return countryName(code);
}

/* A group as the computation sees it -------------------------------------------------------------- */

interface OverrideRow {
  mineral: string;
  stage: string;
  year: number;
  worldTotal: string;
  unit: string;
  source: string;
  sourceUrl: string | null;
  note: string | null;
}

function loadOverrides(tx: Queryable, partnershipId: string): Promise<OverrideRow[]> {
  return tx.query<OverrideRow>(
    `select mineral, stage, year, world_total::text as "worldTotal", unit, source, source_url as "sourceUrl",
            note
       from public.world_total_overrides where partnership_id = $1`,
    [partnershipId],
  );
}

/** The world total a shares-only group uses: the secretariat's own figure when it set one in the same unit. */
function worldTotalOf(group: ReferenceGroup, overrides: ReadonlyArray<OverrideRow>) {
  const own = overrides.find(
    (o) => o.mineral === group.mineral && o.stage === group.stage && o.unit === group.unit,
  );
  if (own) {
    return {
      value: Number(own.worldTotal),
      unit: own.unit,
      year: own.year,
      setBy: "secretariat" as const,
      sourceIds: [],
      source: own.source,
      sourceUrl: own.sourceUrl,
      note: own.note,
    };
  }
  return group.worldTotal;
}

function supplyGroupOf(group: ReferenceGroup, worldTotal: WorldTotal | null): SupplyGroup {
  const total = group.sharesOnly ? (worldTotal?.value ?? null) : null;
  return {
    mineral: group.mineral,
    stage: group.stage,
    year: group.year,
    unit: group.unit ?? "%",
    estimated: group.sharesOnly,
    rows: group.rows.map((row) => ({
      country: row.country,
      // A shares-only group without any world total keeps its shares (as if the world were 100).
      quantity: group.sharesOnly
        ? row.sharePct === null
          ? null
          : (row.sharePct / 100) * (total ?? 100)
        : row.quantity,
    })),
  };
}

/* Which projects count in which scenario ---------------------------------------------------------- */

export interface ProjectStanding {
  id: string;
  name: string;
  status: string;
  hostCountry: string;
  projectClass: ProjectClass;
  /** Funding gap in minor units of the reporting currency (sought − committed − triggered); null unknown. */
  gapMinor: bigint | null;
  missingRates: string[];
}

/**
 * Every project with outputs that can count for this person, evaluated now: approved and completed projects,
 * and the drafts of the delegate's own government. Funded = completed, or approved with committed + triggered ≥
 * sought (in the reporting currency, at the newest rates on or before `onDate`); the co-funding engine decides
 * triggered. Used when the rollups cannot be (a day before a rate, the public page) and to prove them equal.
 */
async function evaluatedStandings(
  tx: Queryable,
  reader: ResilienceReader,
  onDate: string,
  rates: Awaited<ReturnType<typeof loadRates>>,
): Promise<ProjectStanding[]> {
  const { partnership } = reader;
  const myMember = reader.draftsMember;
  const projects = await tx.query<{
    id: string;
    name: string;
    status: string;
    hostCountry: string;
    currency: string;
    fundingSoughtMinor: string | null;
  }>(
    `select p.id, p.name, p.status, p.host_country::text as "hostCountry", p.currency::text as currency,
            p.funding_sought_minor::text as "fundingSoughtMinor"
       from public.projects p
      where p.partnership_id = $1
        and (p.status in ('approved', 'completed') or (p.status = 'draft' and p.registering_member_id = $2))
        and exists (select 1 from public.project_outputs o where o.project_id = p.id)
      order by p.name, p.id`,
    [partnership.id, myMember],
  );
  const approved = projects.filter((p) => p.status === "approved").map((p) => p.id);
  // Live pledges only: every role sees the same ones, and drafts never count towards funding.
  const pledges = approved.length
    ? await tx.query<EvaluatedPledgeRow & { projectId: string }>(
        // Only the columns the evaluation reads: anon may read no more of a pledge (ADR 133).
        `select p.id, p.project_id as "projectId", p.member_id as "memberId", m.code as "memberCode",
                m.name as "memberName", p.amount_minor::text as "amountMinor", p.currency::text as currency,
                p.instrument, p.status, p.cofunding_rule as rule
           from public.pledges p join public.members m on m.id = p.member_id
          where p.partnership_id = $1 and p.project_id = any($2::uuid[])
            and p.status in ('committed', 'disbursing', 'fulfilled')`,
        [partnership.id, approved],
      )
    : [];
  const byProject = new Map<string, EvaluatedPledgeRow[]>();
  for (const pledge of pledges) {
    byProject.set(pledge.projectId, [...(byProject.get(pledge.projectId) ?? []), pledge]);
  }
  const standings = projects.map((project): ProjectStanding => {
    const base = {
      id: project.id,
      name: project.name,
      status: project.status,
      hostCountry: project.hostCountry,
    };
    if (project.status === "draft") {
      return { ...base, projectClass: "draft", gapMinor: null, missingRates: [] };
    }
    if (project.status === "completed") {
      return { ...base, projectClass: "funded", gapMinor: 0n, missingRates: [] };
    }
    const funding = evaluateProject(
      { ...project },
      byProject.get(project.id) ?? [],
      rates,
      partnership.reportingCurrency,
      null,
      onDate,
    );
    const gap = funding.reporting.gap === null ? null : BigInt(funding.reporting.gap);
    const funded = project.fundingSoughtMinor === null || (gap !== null && gap <= 0n);
    return {
      ...base,
      projectClass: funded ? "funded" : "pipeline",
      gapMinor: project.fundingSoughtMinor === null ? 0n : gap,
      missingRates: funding.missingRates,
    };
  });
  return standings;
}

/** A project's funding as project_funding keeps it (ADR 072; copied per output by ADR 162). */
export interface RolledUpFunding {
  status: string;
  funded: boolean | null;
  soughtStated: boolean;
  gapMinor: string | null;
  missingRates: string[] | null;
}

/** A project's class and gap from its funding rollup, as evaluatedStandings decides them per request. */
export function standingFromRollup(
  row: RolledUpFunding,
  draftsOfMine: boolean,
): Pick<ProjectStanding, "projectClass" | "gapMinor" | "missingRates"> | null {
  if (row.status === "draft") {
    return draftsOfMine ? { projectClass: "draft", gapMinor: null, missingRates: [] } : null;
  }
  if (row.status === "completed") return { projectClass: "funded", gapMinor: 0n, missingRates: [] };
  if (row.status !== "approved") return null;
  return {
    projectClass: row.funded ? "funded" : "pipeline",
    gapMinor: !row.soughtStated ? 0n : row.gapMinor === null ? null : BigInt(row.gapMinor),
    missingRates: row.missingRates ?? [],
  };
}

/** A candidate's outputs in one group, per first output year (capacity as exact decimal text). */
interface CandidateOutput {
  projectId: string;
  mineral: string;
  stage: string;
  unit: string;
  firstYear: number;
  capacity: string;
}

/**
 * The candidates of the next-pledge ranking from the rollups (ADR 162): approved projects not yet funded that
 * have an output, with their outputs per first year. One read
 * of resilience_project_outputs, kept per change: no join of the mineral's every output to its project.
 */
async function rolledUpCandidates(
  tx: Queryable,
  partnershipId: string,
): Promise<{ candidates: ProjectStanding[]; outputs: CandidateOutput[] }> {
  const rows = await tx.query<CandidateRow>(
    `select r.project_id as id, r.name, r.host_country as "hostCountry", r.status, r.funded,
            r.sought_stated as "soughtStated", r.gap_minor::text as "gapMinor", r.missing_rates as "missingRates",
            r.mineral, r.stage, r.unit, r.years, r.capacities::text[] as capacities
       from public.resilience_project_outputs r
      where r.partnership_id = $1 and r.status = 'approved' and not r.funded`,
    [partnershipId],
  );
  return candidatesOf(rows);
}

/** The candidates and their outputs per first year, from rows of resilience_project_outputs in any order. */
function candidatesOf(rows: ReadonlyArray<CandidateRow>): {
  candidates: ProjectStanding[];
  outputs: CandidateOutput[];
} {
  // Unordered: sorting thousands of names by collation cost more than the rows themselves; the ranking sorts.
  const candidates = new Map<string, ProjectStanding>();
  const outputs: CandidateOutput[] = [];
  for (const row of rows) {
    if (!candidates.has(row.id)) {
      const standing = standingFromRollup(row, false);
      if (!standing) continue;
      candidates.set(row.id, {
        id: row.id,
        name: row.name,
        status: row.status,
        hostCountry: row.hostCountry,
        ...standing,
      });
    }
    row.years.forEach((firstYear, index) =>
      outputs.push({
        projectId: row.id,
        mineral: row.mineral,
        stage: row.stage,
        unit: row.unit,
        firstYear,
        capacity: row.capacities[index] ?? "0",
      }),
    );
  }
  return { candidates: [...candidates.values()], outputs };
}

/** Whose drafts count in "with my drafts": a delegate's own government's, nobody else's. */
function myDraftsMember({ membership }: MemberContext): string | null {
  return membership.role === "delegate" ? membership.memberId : null;
}

/**
 * Who reads the resilience data: a member under their RLS (readerOf), or the public page as anon, whose RLS
 * leaves only what the partnership publishes, who has no drafts and who may not read the funding rollups (so
 * its standings are evaluated per request, which ADR 072 keeps equal to the rollups).
 */
export interface ResilienceReader {
  db: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>;
  partnership: { id: string; reportingCurrency: string };
  draftsMember: string | null;
  readsRollups: boolean;
}

export function readerOf(context: MemberContext): ResilienceReader {
  return {
    db: (work) => context.user.db(work),
    partnership: context.partnership,
    draftsMember: myDraftsMember(context),
    readsRollups: true,
  };
}

export function canUseDraftScenario(context: MemberContext): boolean {
  return myDraftsMember(context) !== null;
}

/* Outputs, summed in SQL ------------------------------------------------------------------------------ */

interface OutputSum {
  mineral: string;
  stage: string;
  unit: string;
  country: string;
  firstYear: number;
  projectClass: ProjectClass;
  capacity: string;
}

/** The outputs summed per request, classed by the evaluated standings. */
function evaluatedOutputSums(
  tx: Queryable,
  reader: ResilienceReader,
  standings: ReadonlyArray<ProjectStanding>,
): Promise<OutputSum[]> {
  // The query never names project_funding: anon (the public page) may not read it at all.
  const fundedIds = standings.filter((s) => s.projectClass === "funded").map((s) => s.id);
  return tx.query<OutputSum>(
    `select o.mineral, o.stage, o.unit, p.host_country::text as country, o.first_output_year as "firstYear",
            case when p.id = any($3::uuid[]) then 'funded'
                 when p.status in ('approved', 'completed') then 'pipeline'
                 else 'draft' end as "projectClass",
            sum(o.capacity_per_year)::text as capacity
       from public.project_outputs o join public.projects p on p.id = o.project_id
      where o.partnership_id = $1 and p.partnership_id = $1
        and (p.status in ('approved', 'completed') or (p.status = 'draft' and p.registering_member_id = $2))
      group by 1, 2, 3, 4, 5, 6
      order by 1, 2, 3, 4, 5, 6`,
    [reader.partnership.id, reader.draftsMember, fundedIds],
  );
}

/**
 * The same sums as the database keeps them per change (ADR 152): the partnership's live sums, and the
 * delegate's own government's drafts beside them. A few hundred rows whatever the size of the portfolio.
 */
function rolledUpOutputSums(tx: Queryable, reader: ResilienceReader): Promise<OutputSum[]> {
  return tx.query<OutputSum>(
    `select mineral, stage, unit, country, "firstYear", "projectClass", capacity::text as capacity
       from (select s.mineral, s.stage, s.unit, s.country, s.first_year as "firstYear",
                    s.project_class as "projectClass", s.capacity
               from public.resilience_output_sums s where s.partnership_id = $1
             union all
             select d.mineral, d.stage, d.unit, d.country, d.first_year, 'draft', d.capacity
               from public.resilience_draft_sums d
              where d.partnership_id = $1 and d.member_id = $2) sums
      order by 1, 2, 3, 4, 5, 6`,
    [reader.partnership.id, reader.draftsMember],
  );
}

/* The page ------------------------------------------------------------------------------------------- */

export interface Figures {
  worldTotal: number;
  top1: { country: string; name: string; sharePct: number } | null;
  top3Pct: number;
  hhi: number;
  band: HhiBand;
  partnerPct: number;
}

export interface GroupView {
  key: string;
  mineral: string;
  stage: SupplyStage;
  year: number;
  unit: string;
  printedUnit: string;
  estimated: boolean;
  worldTotal: WorldTotal | null;
  sourceIds: string[];
  baseline: Figures;
  projected: Figures;
  added: number;
  /** Outputs that cannot be counted: entered in a unit the newest reference data no longer uses. */
  uncounted: { capacity: number; unit: string } | null;
}

function figures(assessment: Assessment["baseline"]): Figures {
  return {
    worldTotal: assessment.worldTotal,
    top1: assessment.top1
      ? { ...assessment.top1, name: countryLabel(assessment.top1.country) }
      : null,
    top3Pct: assessment.top3Pct,
    hhi: assessment.hhi,
    band: hhiBand(assessment.hhi),
    partnerPct: assessment.partnerPct,
  };
}

export interface ResilienceModel {
  reference: ReferenceSnapshot;
  params: ResilienceParams;
  partners: string[];
  canUseDrafts: boolean;
  hasDrafts: boolean;
  onDate: string;
  groups: Array<{
    view: GroupView;
    group: SupplyGroup;
    assessment: Assessment;
    additions: Addition[];
  }>;
  /** The figures came from the rollups (ADR 152); else they were evaluated per request, with `standings`. */
  fromRollups: boolean;
  /** Every project that can count, evaluated per request; null from the rollups (the portfolio's size). */
  standings: ProjectStanding[] | null;
}

export type ResilienceOutcome =
  | { ok: true; model: ResilienceModel }
  | { ok: false; status: 400 | 403; message: string; baselineYear: number };

/**
 * The model a page or an export computes from; wrong parameters end the request with their 400 or 403. A
 * page's error boundary translates the message; an export (no page around it) passes `language` to say it.
 */
export async function resilienceFor(
  context: MemberContext,
  request: Request,
  onDate: string,
  language?: Language,
): Promise<ResilienceModel> {
  const outcome = await getResilience(context, new URL(request.url).searchParams, onDate);
  if (!outcome.ok) {
    const message = language ? translate(language, outcome.message) : outcome.message;
    throw new Response(message, { status: outcome.status });
  }
  return outcome.model;
}

/** The sources a page cites (`used`, in the order of the reference) and every source's short name. */
export function resilienceSources(model: ResilienceModel, used: Iterable<string>) {
  const cited = new Set(used);
  const all = Object.values(model.reference.sources);
  return {
    sources: all.filter((source) => cited.has(source.id)),
    sourceNames: Object.fromEntries(all.map((s) => [s.id, `${s.publisher} (${s.year})`])),
  };
}

/**
 * Everything the page, the mineral page and the exports compute from, under the person's RLS, for the horizon,
 * scenario and growth in `search` (refused with a 400 or 403 and a sentence when they are wrong).
 */
export function getResilience(
  context: MemberContext,
  search: URLSearchParams,
  onDate: string,
  evaluation: { source?: "auto" | "per-request" } = {},
): Promise<ResilienceOutcome> {
  return getResilienceFor(readerOf(context), search, onDate, evaluation);
}

/** getResilience for any reader (the public page passes an anon reader). */
export async function getResilienceFor(
  reader: ResilienceReader,
  search: URLSearchParams,
  onDate: string,
  evaluation: { source?: "auto" | "per-request" } = {},
): Promise<ResilienceOutcome> {
  const { partnership } = reader;
  const canUseDrafts = reader.draftsMember !== null;
  const data = await reader.db(async (tx) => {
    const reference = await loadReferenceSnapshot(tx);
    const parsed = parseResilienceParams(search, reference.baselineYear, canUseDrafts);
    if (!parsed.ok) return { ...parsed, baselineYear: reference.baselineYear };
    const overrides = await loadOverrides(tx, partnership.id);
    const members = await tx.query<{ code: string }>(
      "select code from public.members where partnership_id = $1",
      [partnership.id],
    );
    const rates = await loadRates(tx, partnership.id);
    const fromRollups =
      (evaluation.source ?? "auto") === "auto" &&
      reader.readsRollups &&
      rollupsApply(rates, onDate);
    const standings = fromRollups ? null : await evaluatedStandings(tx, reader, onDate, rates);
    const sums = standings
      ? await evaluatedOutputSums(tx, reader, standings)
      : await rolledUpOutputSums(tx, reader);
    return {
      ok: true as const,
      params: parsed.params,
      reference,
      overrides,
      members,
      standings,
      fromRollups,
      sums,
    };
  });
  if (!data.ok) return data;
  const params = data.params;
  const partners = partnerCountries(data.members.map((m) => m.code));
  const options = {
    horizon: params.horizon,
    scenario: params.scenario,
    growth: params.growthPct / 100,
  };
  const groups = data.reference.groups.map((reference) => {
    const worldTotal = worldTotalOf(reference, data.overrides);
    const group = supplyGroupOf(reference, worldTotal);
    const own = data.sums.filter(
      (sum) => sum.mineral === reference.mineral && sum.stage === reference.stage,
    );
    const counted = own.filter((sum) => sum.unit === reference.unit);
    const uncounted = own
      .filter((sum) => sum.unit !== reference.unit)
      .reduce((total, sum) => total + Number(sum.capacity), 0);
    const additions = counted.map((sum): Addition => ({
      country: sum.country,
      capacity: Number(sum.capacity),
      firstYear: sum.firstYear,
      projectClass: sum.projectClass,
    }));
    const assessment = assess(group, additions, options, partners);
    const view: GroupView = {
      key: `${reference.mineral}:${reference.stage}`,
      mineral: reference.mineral,
      stage: reference.stage,
      year: reference.year,
      unit: group.unit,
      printedUnit: reference.printedUnit,
      estimated: group.estimated,
      worldTotal,
      sourceIds: reference.sourceIds,
      baseline: figures(assessment.baseline),
      projected: figures(assessment.projected),
      added: assessment.added,
      uncounted:
        uncounted > 0
          ? { capacity: uncounted, unit: own.find((s) => s.unit !== reference.unit)?.unit ?? "" }
          : null,
    };
    return { view, group, assessment, additions };
  });
  return {
    ok: true,
    model: {
      reference: data.reference,
      params,
      partners: [...partners].sort(),
      canUseDrafts,
      hasDrafts: data.sums.some((sum) => sum.projectClass === "draft"),
      onDate,
      groups,
      fromRollups: data.fromRollups,
      standings: data.standings,
    },
  };
}

/** HHI and partner share by year for one group (the mineral page's line chart). */
export function groupTrajectory(model: ResilienceModel, entry: ResilienceModel["groups"][number]) {
  const partners = new Set(model.partners);
  return trajectory(
    entry.group,
    entry.additions,
    { scenario: model.params.scenario, growth: model.params.growthPct / 100 },
    partners,
    { from: model.reference.baselineYear, to: model.reference.baselineYear + HORIZON_YEARS },
  );
}

/* Where the next pledge helps most ------------------------------------------------------------------- */

export interface PledgeRowView {
  projectId: string;
  projectName: string;
  hostCountry: string;
  hostName: string;
  groupKey: string;
  capacity: number;
  unit: string;
  firstYear: number;
  deltaHhi: number;
  deltaPartnerPct: number;
  estimated: boolean;
  gapMinor: string | null;
  missingRates: string[];
  /** ΔHHI per 100 million of gap, in thousandths (bigint as a string); null without a known gap. */
  perHundredMillionMilli: string | null;
}

/**
 * Every approved project with a funding gap and an output the person can see: what it changes at the horizon
 * if it comes online (against the funded scenario), its gap, and ΔHHI per 100 million of gap, most helpful
 * first (the largest fall in concentration per unit of money).
 */
export async function nextPledgeTable(
  context: MemberContext,
  model: RankingModel,
): Promise<PledgeRowView[]> {
  const { candidates, outputs } = await context.user.db(async (tx) => {
    if (!model.standings) return rolledUpCandidates(tx, context.partnership.id);
    const candidates = model.standings.filter(
      (s) => s.status === "approved" && s.projectClass === "pipeline",
    );
    if (candidates.length === 0) return { candidates, outputs: [] };
    const outputs = await tx.query<CandidateOutput>(
      `select o.project_id as "projectId", o.mineral, o.stage, o.unit, o.first_output_year as "firstYear",
              sum(o.capacity_per_year)::text as capacity
         from public.project_outputs o
        where o.partnership_id = $1 and o.project_id = any($2::uuid[])
        group by 1, 2, 3, 4, 5`,
      [context.partnership.id, candidates.map((c) => c.id)],
    );
    return { candidates, outputs };
  });
  return rankCandidates(
    model,
    candidates,
    outputs,
    minorDigits(context.partnership.reportingCurrency),
  );
}

/** What the ranking reads of a model (the generated tests build one of their own). */
export type RankingModel = Pick<ResilienceModel, "params" | "partners" | "standings"> & {
  groups: ReadonlyArray<{
    view: Pick<GroupView, "key" | "mineral" | "stage" | "unit" | "estimated">;
    group: SupplyGroup;
    additions: ReadonlyArray<Addition>;
  }>;
};

/** The candidates' rows assessed and sorted, most helpful first: the ranking's reference (ADR 168). */
function rankCandidates(
  model: RankingModel,
  candidates: ReadonlyArray<ProjectStanding>,
  outputs: ReadonlyArray<CandidateOutput>,
  digits: number,
): PledgeRowView[] {
  if (candidates.length === 0) return [];
  const partners = new Set(model.partners);
  const options = { horizon: model.params.horizon, growth: model.params.growthPct / 100 };
  // Looked up by key, not searched per candidate: the table's cost grows with the candidates, not their square.
  const outputsOf = new Map<string, CandidateOutput[]>();
  for (const output of outputs) {
    outputsOf.set(output.projectId, [...(outputsOf.get(output.projectId) ?? []), output]);
  }
  const groupOf = new Map(model.groups.map((entry) => [entry.view.key, entry]));
  // The funded scenario of each group assessed once; each candidate's outputs are added to it.
  const impactIn = new Map(
    model.groups.map((entry) => [
      entry.view.key,
      pledgeImpactsIn(
        entry.group,
        entry.additions.filter((a) => a.projectClass === "funded"),
        options,
        partners,
      ),
    ]),
  );
  const rows: PledgeRowView[] = [];
  for (const candidate of candidates) {
    const mine = outputsOf.get(candidate.id) ?? [];
    for (const key of [...new Set(mine.map((o) => `${o.mineral}:${o.stage}`))]) {
      const entry = groupOf.get(key);
      if (!entry) continue;
      const counted = mine.filter(
        (o) => `${o.mineral}:${o.stage}` === key && o.unit === entry.view.unit,
      );
      if (counted.length === 0) continue;
      const projectOutputs = counted.map((o) => ({
        country: candidate.hostCountry,
        capacity: Number(o.capacity),
        firstYear: o.firstYear,
      }));
      const impactOf = impactIn.get(key);
      if (!impactOf) continue;
      const impact = impactOf(projectOutputs);
      const gap = candidate.gapMinor;
      rows.push({
        projectId: candidate.id,
        projectName: candidate.name,
        hostCountry: candidate.hostCountry,
        hostName: countryLabel(candidate.hostCountry),
        groupKey: key,
        capacity: projectOutputs.reduce((sum, o) => sum + o.capacity, 0),
        unit: entry.view.unit,
        firstYear: Math.min(...projectOutputs.map((o) => o.firstYear)),
        deltaHhi: impact.deltaHhi,
        deltaPartnerPct: impact.deltaPartnerPct,
        estimated: entry.view.estimated,
        gapMinor: gap === null ? null : gap.toString(),
        missingRates: candidate.missingRates,
        perHundredMillionMilli:
          gap === null
            ? null
            : (hhiPerHundredMillionMilli(impact.deltaHhi, gap, digits)?.toString() ?? null),
      });
    }
  }
  // Equal names (two projects may share one) are ordered by id, and a project's groups by key, whatever order
  // the rows were read in.
  const byName = (a: PledgeRowView, b: PledgeRowView) =>
    a.projectName.localeCompare(b.projectName) ||
    (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0) ||
    (a.groupKey < b.groupKey ? -1 : a.groupKey > b.groupKey ? 1 : 0);
  const rank = (row: PledgeRowView) =>
    row.perHundredMillionMilli === null ? null : BigInt(row.perHundredMillionMilli);
  return rows.sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x < y ? -1 : x > y ? 1 : a.deltaHhi - b.deltaHhi || byName(a, b);
  });
}

/** The first rows of the ranking and how many rows it has. */
export interface PledgeRanking {
  rows: PledgeRowView[];
  count: number;
}

/**
 * The first `limit` rows of nextPledgeTable and the count of all its rows, equal to slicing it. From the rollups
 * the rows near the top are chosen in SQL and only they are assessed here (ADR 168). Evaluated per request
 * (rates newer than the rollups) every project was evaluated here already, and the rollups' funding cannot
 * be used, so the whole table is ranked as before.
 */
export async function nextPledgeTop(
  context: MemberContext,
  model: RankingModel,
  limit: number,
): Promise<PledgeRanking> {
  const groups = model.standings ? null : groupStates(model);
  if (!groups) {
    const all = await nextPledgeTable(context, model);
    return { rows: all.slice(0, limit), count: all.length };
  }
  const digits = minorDigits(context.partnership.reportingCurrency);
  const near = await context.user.db((tx) =>
    candidatesNearTheTop(tx, {
      partnershipId: context.partnership.id,
      groups,
      horizon: model.params.horizon,
      limit,
      minorDigits: digits,
    }),
  );
  const { candidates, outputs } = candidatesOf(near.rows);
  return {
    rows: rankCandidates(model, candidates, outputs, digits).slice(0, limit),
    count: near.count,
  };
}

/** Each group's funded state at the horizon, as pledgeImpactsIn starts from; null when one has no closed form. */
export function groupStates(model: RankingModel): GroupState[] | null {
  const options = { horizon: model.params.horizon, growth: model.params.growthPct / 100 };
  const states: GroupState[] = [];
  for (const { view, group, additions } of model.groups) {
    const funded = additions.filter((a) => a.projectClass === "funded");
    const state = fundedState(group, funded, options);
    if (!state) return null;
    states.push({ mineral: view.mineral, stage: view.stage, unit: view.unit, state });
  }
  return states;
}

export type { Scenario };

/* The two exports: same parameters and visibility as the page ----------------------------------------- */

export const RESILIENCE_CSV_HEADER = [
  "mineral",
  "stage",
  "baseline_year",
  "unit",
  "world_total",
  "baseline_top1_country",
  "baseline_top1_share_pct",
  "baseline_top3_share_pct",
  "baseline_hhi",
  "baseline_partner_share_pct",
  "added_capacity",
  "projected_top1_country",
  "projected_top1_share_pct",
  "projected_top3_share_pct",
  "projected_hhi",
  "projected_partner_share_pct",
] as const;

export const COUNTRIES_CSV_HEADER = [
  "mineral",
  "stage",
  "country_iso2",
  "baseline_quantity",
  "added_capacity",
  "projected_quantity",
  "baseline_share_pct",
  "projected_share_pct",
] as const;

/** One row per mineral × stage. Percentages with two decimals, HHI with one, quantities in `unit`. */
export function resilienceCsvRows(model: ResilienceModel): string[][] {
  return model.groups.map(({ view }) => [
    view.mineral,
    view.stage,
    String(view.year),
    view.unit,
    quantityFixed(view.baseline.worldTotal),
    view.baseline.top1?.country ?? "",
    pctFixed(view.baseline.top1?.sharePct ?? 0),
    pctFixed(view.baseline.top3Pct),
    hhiFixed(view.baseline.hhi),
    pctFixed(view.baseline.partnerPct),
    quantityFixed(view.added),
    view.projected.top1?.country ?? "",
    pctFixed(view.projected.top1?.sharePct ?? 0),
    pctFixed(view.projected.top3Pct),
    hhiFixed(view.projected.hhi),
    pctFixed(view.projected.partnerPct),
  ]);
}

/**
 * One row per mineral × stage × country (rest of world XX included): a country the source does not list
 * produced nothing in the baseline; a withheld figure stays empty.
 */
export function countriesCsvRows(model: ResilienceModel): string[][] {
  return model.groups.flatMap(({ view, assessment }) => {
    const baseline = new Map(assessment.baseline.shares.map((s) => [s.country, s]));
    return assessment.projected.shares.map((projected) => {
      const before = baseline.get(projected.country);
      const added = assessment.addedByCountry.get(projected.country) ?? 0;
      const known = (value: number | null | undefined, format: (v: number) => string) =>
        value === null ? "" : format(value ?? 0);
      return [
        view.mineral,
        view.stage,
        projected.country,
        known(before ? before.quantity : 0, quantityFixed),
        quantityFixed(added),
        known(projected.quantity, quantityFixed),
        known(before ? before.sharePct : 0, pctFixed),
        known(projected.sharePct, pctFixed),
      ];
    });
  });
}
