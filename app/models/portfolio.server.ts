/*
 * The portfolio: where the partnership's money stands, as far as the caller may see it (RLS decides; a
 * delegate's own drafts appear only because RLS shows them to that delegate, and are reported apart).
 *
 * Two sources give the same figures (tests/db/funding-views.test.ts compares them):
 * - the rollups the database keeps per change (ADR 072, portfolio-rollups.server.ts): used whenever the day
 *   asked is on or after every rate's date, which is every day but a view of the past;
 * - evaluated per request, for a day before some rate: per project, the co-funding engine splits pledges into
 *   committed / triggered / pending (each pledge converted once, ADR 031); segment, mineral, host-country and
 *   gap views add those up in bigint; government, instrument and tranche-quarter views are SQL int8 sums per
 *   currency group, each group converted once (convertGroups), naming the rate dates and any currency
 *   without a rate.
 * Per-project lists (gaps, milestones at risk, projects on the map) come largest or soonest first, cut at
 * `limit` rows for the page (the CSV exports ask for all); the map shows projects gathered by 5° squares.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { countryName } from "~/domain/countries";
import { isClosed, MILESTONE_STATUSES, type MilestoneStatus } from "~/domain/milestones";
import type { Mineral, Segment } from "~/domain/projects/vocabulary";
import { quarterOf } from "~/domain/tranches";
import type { Instrument } from "~/domain/pledges";
import type { Language } from "~/i18n/config";
import { getT } from "~/i18n/i18n.server";
import { convertGroups, rateOn, type CurrencyGroup, type FxRate } from "~/utils/fx";
import { toDecimalString } from "~/utils/money";
import type { Cell } from "~/utils/csv";
import {
  evaluateProject,
  loadRates,
  rollupsApply,
  PLEDGE_COLUMNS,
  PLEDGE_FROM,
  type PledgeRow,
} from "./funding.server";
import { landHref, MAP_HEIGHT, MAP_WIDTH, projectPoint } from "./portfolio-map.server";

/**
 * The names the portfolio's groups are labelled and sorted by, in `language` (the page's; English for the CSV
 * exports, ADR 090): segments, minerals and instruments from the catalogue, countries and governments from the
 * one country formatter.
 */
function labelsIn(language: Language) {
  const t = getT(language);
  return {
    segment: (key: string) => t(`vocabulary.segment.${key as Segment}`, { defaultValue: key }),
    mineral: (key: string) => t(`vocabulary.mineral.${key as Mineral}`, { defaultValue: key }),
    instrument: (key: string) =>
      t(`vocabulary.instrument.${key as Instrument}`, { defaultValue: key }),
    country: (code: string) => countryName(code, language),
    compare: (a: { label: string }, b: { label: string }) =>
      a.label.localeCompare(b.label, language),
  };
}
type Labels = ReturnType<typeof labelsIn>;

interface ProjectInfo {
  id: string;
  name: string;
  segment: string;
  minerals: string[];
  hostCountry: string;
  latitude: string | null;
  longitude: string | null;
  status: string;
  currency: string;
  fundingSoughtMinor: string | null;
}

/** Money in minor units of the reporting currency, as strings for the page. */
export interface Split {
  committed: string;
  triggered: string;
  pending: string;
  drafts: string;
  sought: string;
  gap: string;
}

export interface GroupRow extends Split {
  key: string;
  label: string;
  projects: number;
}

export interface ProjectGapRow extends Split {
  id: string;
  name: string;
  status: string;
  segment: string;
  hostCountry: string;
  missingRates: string[];
}

export interface ConvertedRow {
  key: string;
  label: string;
  live: string;
  drafts: string;
  missing: string[];
}

export interface QuarterRow {
  quarter: string;
  scheduled: string;
  requested: string;
  paid: string;
  drafts: string;
  missing: string[];
}

export interface MilestoneRiskRow {
  id: string;
  projectId: string;
  projectName: string;
  title: string;
  dueDate: string;
  status: string;
  overdue: boolean;
  tranchesAtStake: string;
}

/** The projects in one 5° × 5° square of the map, drawn at their mean position. */
export interface MapPoint {
  id: string;
  x: number;
  y: number;
  projects: number;
  /** Whether any of them is approved (the dot's colour). */
  approved: boolean;
  /** Committed + triggered, in minor units of the reporting currency. */
  counting: string;
}

/** A project on the map, for the table beside it and the CSV. */
export interface MapProject {
  id: string;
  name: string;
  country: string;
  status: string;
  counting: string;
}

export interface Portfolio {
  reportingCurrency: string;
  onDate: string;
  hasDrafts: boolean;
  totals: Split;
  rateDates: { oldest: string | null; newest: string | null };
  ratesUsed: FxRate[];
  missingRates: string[];
  bySegment: GroupRow[];
  byMineral: GroupRow[];
  byCountry: GroupRow[];
  gaps: ProjectGapRow[];
  byGovernment: ConvertedRow[];
  byInstrument: ConvertedRow[];
  byQuarter: QuarterRow[];
  milestonesAtRisk: MilestoneRiskRow[];
  map: {
    width: number;
    height: number;
    /** The land outline's address (it is the same on every map). */
    landHref: string;
    points: MapPoint[];
    projects: MapProject[];
    unplaced: string[];
  };
  /** How many rows each per-project list has in all (the lists above may be cut at `limit`). */
  counts: { projects: number; mapped: number; unplaced: number; milestonesAtRisk: number };
}

/** The views, without the conversion summary getPortfolio adds. */
type PortfolioViews = Omit<
  Portfolio,
  "reportingCurrency" | "onDate" | "rateDates" | "ratesUsed" | "missingRates"
>;

export interface PortfolioOptions {
  /** At most this many rows in each per-project list (the page); all of them when absent (the CSV). */
  limit?: number;
  /** "per-request" evaluates every project now, whatever the rollups say (tests compare the two). */
  source?: "auto" | "per-request";
  /** The language of the groups' labels and their order: the page's; English (the default) for the CSV. */
  language?: Language;
}

const PORTFOLIO_STATUSES = ["submitted", "approved", "completed"];

function emptySplit() {
  return { committed: 0n, triggered: 0n, pending: 0n, drafts: 0n, sought: 0n };
}
type BigSplit = ReturnType<typeof emptySplit>;

function addInto(target: BigSplit, source: BigSplit) {
  target.committed += source.committed;
  target.triggered += source.triggered;
  target.pending += source.pending;
  target.drafts += source.drafts;
  target.sought += source.sought;
}

function toSplit(value: BigSplit): Split {
  return {
    committed: value.committed.toString(),
    triggered: value.triggered.toString(),
    pending: value.pending.toString(),
    drafts: value.drafts.toString(),
    sought: value.sought.toString(),
    gap: (value.sought - value.committed - value.triggered).toString(),
  };
}

/** What every view needs to convert money: the reporting currency, the rates, the day. */
interface Conversion {
  reporting: string;
  rates: FxRate[];
  onDate: string;
  /** Gathers the rates the views used and the currencies they found no rate for. */
  log: ReturnType<typeof rateLog>;
}

function rateLog() {
  const used = new Map<string, FxRate>();
  const missing = new Set<string>();
  const rate = (fx: FxRate) => void used.set(`${fx.currency}@${fx.asOf}`, fx);
  const noRate = (currency: string) => void missing.add(currency);
  return {
    rate,
    missing: noRate,
    note(result: { ratesUsed: FxRate[]; missing: Array<{ currency: string }> }) {
      result.ratesUsed.forEach((fx) => rate(fx));
      result.missing.forEach((entry) => noRate(entry.currency));
    },
    summary() {
      const dates = [...used.values()].map((rate) => rate.asOf).sort();
      return {
        rateDates: { oldest: dates[0] ?? null, newest: dates[dates.length - 1] ?? null },
        ratesUsed: [...used.values()].sort((a, b) =>
          a.currency === b.currency
            ? a.asOf.localeCompare(b.asOf)
            : a.currency.localeCompare(b.currency),
        ),
        missingRates: [...missing].sort(),
      };
    },
  };
}

/** Sums per currency group, converted once per group (convertGroups), noting the rates used. */
function convert(
  groups: ReadonlyArray<CurrencyGroup>,
  { reporting, rates, onDate, log }: Conversion,
) {
  const result = convertGroups(groups, reporting, rates, onDate);
  log.note(result);
  return result;
}

/* Per project: the co-funding engine's split, the base of the segment, mineral, country and gap views --- */

interface ProjectFundingEntry {
  split: BigSplit;
  missing: string[];
  counting: bigint;
}

/** The portfolio's projects, each with its funding split in the reporting currency. */
async function fundingByProject(
  tx: Queryable,
  partnershipId: string,
  myMemberId: string | null,
  conversion: Conversion,
) {
  const projects = await tx.query<ProjectInfo>(
    `select id, name, segment, minerals, host_country::text as "hostCountry", latitude::text as latitude,
            longitude::text as longitude, status, currency::text as currency,
            funding_sought_minor::text as "fundingSoughtMinor"
       from public.projects where partnership_id = $1 and status = any($2::text[]) order by name`,
    [partnershipId, PORTFOLIO_STATUSES],
  );
  const pledges = await tx.query<PledgeRow>(
    `select ${PLEDGE_COLUMNS} from ${PLEDGE_FROM} where p.partnership_id = $1`,
    [partnershipId],
  );
  const { reporting, rates, onDate, log } = conversion;
  const pledgesByProject = new Map<string, PledgeRow[]>();
  for (const pledge of pledges) {
    const list = pledgesByProject.get(pledge.projectId) ?? [];
    list.push(pledge);
    pledgesByProject.set(pledge.projectId, list);
  }
  const perProject = new Map<string, ProjectFundingEntry>();
  for (const project of projects) {
    const funding = evaluateProject(
      project,
      pledgesByProject.get(project.id) ?? [],
      rates,
      reporting,
      myMemberId,
      onDate,
    );
    funding.ratesUsed.filter((rate) => rate.currency !== reporting).forEach((fx) => log.rate(fx));
    funding.missingRates.forEach((currency) => log.missing(currency));
    const split: BigSplit = {
      committed: BigInt(funding.reporting.committed),
      triggered: BigInt(funding.reporting.triggered),
      pending: BigInt(funding.reporting.pending),
      drafts: BigInt(funding.reporting.drafts),
      sought: funding.reporting.sought ? BigInt(funding.reporting.sought) : 0n,
    };
    perProject.set(project.id, {
      split,
      missing: funding.missingRates,
      counting: split.committed + split.triggered,
    });
  }
  return { projects, perProject };
}

type ProjectFundings = Awaited<ReturnType<typeof fundingByProject>>;

/** Projects grouped by `keysOf` (a project counts under each of its keys), sorted by label. */
function groupedBy(
  { projects, perProject }: ProjectFundings,
  keysOf: (project: ProjectInfo) => string[],
  labelOf: (key: string) => string,
  compare: Labels["compare"],
): GroupRow[] {
  const groups = new Map<string, { split: BigSplit; projects: number }>();
  for (const project of projects) {
    const entry = perProject.get(project.id);
    if (!entry) continue;
    for (const key of keysOf(project)) {
      const current = groups.get(key) ?? { split: emptySplit(), projects: 0 };
      addInto(current.split, entry.split);
      current.projects += 1;
      groups.set(key, current);
    }
  }
  return [...groups.entries()]
    .map(([key, value]) => ({
      key,
      label: labelOf(key),
      projects: value.projects,
      ...toSplit(value.split),
    }))
    .sort(compare);
}

function totalsOf({ perProject }: ProjectFundings): BigSplit {
  const totals = emptySplit();
  for (const entry of perProject.values()) addInto(totals, entry.split);
  return totals;
}

/** Every project's gap (sought − committed − triggered), largest first (by name among equals). */
function gapsOf(
  { projects, perProject }: ProjectFundings,
  labels: Labels,
  limit?: number,
): ProjectGapRow[] {
  return projects
    .map((project): ProjectGapRow => {
      const entry = perProject.get(project.id);
      return {
        id: project.id,
        name: project.name,
        status: project.status,
        segment: labels.segment(project.segment),
        hostCountry: labels.country(project.hostCountry),
        missingRates: entry?.missing ?? [],
        ...toSplit(entry?.split ?? emptySplit()),
      };
    })
    .sort((a, b) => (BigInt(b.gap) > BigInt(a.gap) ? 1 : BigInt(b.gap) < BigInt(a.gap) ? -1 : 0))
    .slice(0, limit);
}

/** The map's square of a place: 5° of latitude by 5° of longitude (as the rollup keys it). */
export function mapCell(latitude: number, longitude: number): string {
  return `${Math.floor(latitude / 5)}:${Math.floor(longitude / 5)}`;
}

/** A square's dot, at the mean position of its projects. */
export function mapPoint(
  cell: string,
  projects: number,
  approved: boolean,
  counting: bigint,
  latitudeSum: number,
  longitudeSum: number,
): MapPoint | null {
  const point = projectPoint(longitudeSum / projects, latitudeSum / projects);
  if (!point) return null;
  return { id: cell, x: point[0], y: point[1], projects, approved, counting: counting.toString() };
}

/** The projects gathered on the world map, those listed beside it, and the names of those without a location. */
function mapOf(
  { projects, perProject }: ProjectFundings,
  labels: Labels,
  limit?: number,
): Pick<Portfolio, "map"> & { mapped: number; unplacedCount: number } {
  const cells = new Map<
    string,
    { projects: number; approved: boolean; counting: bigint; lat: number; lon: number }
  >();
  const listed: MapProject[] = [];
  const unplaced: string[] = [];
  for (const project of projects) {
    const counting = perProject.get(project.id)?.counting ?? 0n;
    if (project.latitude === null || project.longitude === null) {
      unplaced.push(project.name);
      continue;
    }
    const [latitude, longitude] = [Number(project.latitude), Number(project.longitude)];
    const key = mapCell(latitude, longitude);
    const cell = cells.get(key) ?? { projects: 0, approved: false, counting: 0n, lat: 0, lon: 0 };
    cell.projects += 1;
    cell.approved ||= project.status === "approved";
    cell.counting += counting;
    cell.lat += latitude;
    cell.lon += longitude;
    cells.set(key, cell);
    listed.push({
      id: project.id,
      name: project.name,
      country: labels.country(project.hostCountry),
      status: project.status,
      counting: counting.toString(),
    });
  }
  const points = [...cells.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, cell]) =>
      mapPoint(key, cell.projects, cell.approved, cell.counting, cell.lat, cell.lon),
    )
    .filter((point): point is MapPoint => point !== null);
  return {
    map: {
      width: MAP_WIDTH,
      height: MAP_HEIGHT,
      landHref: landHref(),
      points,
      projects: listed.slice(0, limit),
      unplaced: unplaced.slice(0, limit),
    },
    mapped: listed.length,
    unplacedCount: unplaced.length,
  };
}

/* Government and instrument: int8 sums per currency, converted once per group ----------------------- */

interface PledgedSum extends CurrencyGroup {
  memberId: string;
  /** The government's code, named with the one country formatter. */
  memberCode: string;
  instrument: string;
  draft: boolean;
}

function loadPledgedSums(tx: Queryable, partnershipId: string): Promise<PledgedSum[]> {
  return tx.query<PledgedSum>(
    `select p.member_id as "memberId", m.code as "memberCode", p.instrument, p.currency::text as currency,
            p.status = 'draft' as draft, sum(p.amount_minor)::text as minor
       from public.pledges p join public.members m on m.id = p.member_id
      where p.partnership_id = $1 and p.status in ('draft', 'committed', 'disbursing', 'fulfilled')
      group by p.member_id, m.code, p.instrument, p.currency, p.status = 'draft'`,
    [partnershipId],
  );
}

/** Live pledges and the caller's drafts per key of `keyOf` ([key, label]), sorted by label. */
function pledgedBy(
  sums: PledgedSum[],
  keyOf: (row: PledgedSum) => [string, string],
  conversion: Conversion,
  compare: Labels["compare"],
): ConvertedRow[] {
  const groups = new Map<string, { label: string; live: PledgedSum[]; drafts: PledgedSum[] }>();
  for (const row of sums) {
    const [key, label] = keyOf(row);
    const entry = groups.get(key) ?? { label, live: [], drafts: [] };
    (row.draft ? entry.drafts : entry.live).push(row);
    groups.set(key, entry);
  }
  return [...groups.entries()]
    .map(([key, entry]): ConvertedRow => {
      const live = convert(entry.live, conversion);
      const drafts = convert(entry.drafts, conversion);
      return {
        key,
        label: entry.label,
        live: live.minor.toString(),
        drafts: drafts.minor.toString(),
        missing: [...new Set([...live.missing, ...drafts.missing].map((m) => m.currency))],
      };
    })
    .sort(compare);
}

/** The government and instrument views of the same sums (each list may hold only its own dimension's rows). */
function pledgedViews(
  governments: PledgedSum[],
  instruments: PledgedSum[],
  conversion: Conversion,
  labels: Labels,
): Pick<Portfolio, "byGovernment" | "byInstrument"> {
  return {
    byGovernment: pledgedBy(
      governments,
      (row) => [row.memberId, labels.country(row.memberCode)],
      conversion,
      labels.compare,
    ),
    byInstrument: pledgedBy(
      instruments,
      (row) => [row.instrument, labels.instrument(row.instrument)],
      conversion,
      labels.compare,
    ),
  };
}

/* Tranches by the quarter they fall due -------------------------------------------------------------- */

/** Tranche sums by quarter and bucket (a status, or the caller's drafts), each currency converted once. */
export type QuarterBucket = "scheduled" | "requested" | "paid" | "drafts";
export function quartersFrom(
  sums: ReadonlyArray<CurrencyGroup & { quarter: string; bucket: QuarterBucket }>,
  conversion: Conversion,
): QuarterRow[] {
  const quarters = new Map<string, Record<QuarterBucket, CurrencyGroup[]>>();
  for (const row of sums) {
    const entry = quarters.get(row.quarter) ?? {
      scheduled: [],
      requested: [],
      paid: [],
      drafts: [],
    };
    entry[row.bucket].push(row);
    quarters.set(row.quarter, entry);
  }
  return [...quarters.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([quarter, entry]): QuarterRow => {
      const parts = (["scheduled", "requested", "paid", "drafts"] as const).map((key) =>
        convert(entry[key], conversion),
      );
      return {
        quarter,
        scheduled: parts[0]?.minor.toString() ?? "0",
        requested: parts[1]?.minor.toString() ?? "0",
        paid: parts[2]?.minor.toString() ?? "0",
        drafts: parts[3]?.minor.toString() ?? "0",
        missing: [...new Set(parts.flatMap((part) => part.missing.map((m) => m.currency)))],
      };
    });
}

async function byQuarterOf(
  tx: Queryable,
  partnershipId: string,
  conversion: Conversion,
): Promise<QuarterRow[]> {
  const tranches = await tx.query<
    CurrencyGroup & { dueDate: string; status: "scheduled" | "requested" | "paid"; draft: boolean }
  >(
    `select to_char(t.due_date, 'YYYY-MM-DD') as "dueDate", t.status, p.currency::text as currency,
            p.status = 'draft' as draft, sum(t.amount_minor)::text as minor
       from public.tranches t join public.pledges p on p.id = t.pledge_id
      where t.partnership_id = $1 and p.status in ('draft', 'committed', 'disbursing', 'fulfilled')
        and t.status <> 'cancelled'
      group by t.due_date, t.status, p.currency, p.status = 'draft'`,
    [partnershipId],
  );
  return quartersFrom(
    tranches.map((row) => ({
      quarter: quarterOf(row.dueDate),
      bucket: row.draft ? "drafts" : row.status,
      currency: row.currency,
      minor: row.minor,
    })),
    conversion,
  );
}

/* Milestones at risk, delayed or overdue, with the tranches waiting on them --------------------------- */

/** At risk whatever their due date: the statuses a person flags (the board's "needs attention"). */
const FLAGGED: readonly MilestoneStatus[] = ["at_risk", "delayed"];
/** The other open statuses: at risk once overdue. */
const OPEN_UNFLAGGED = MILESTONE_STATUSES.filter(
  (status) => !isClosed(status) && !FLAGGED.includes(status),
);

/**
 * Milestones at risk, delayed, or overdue on the day, soonest first (at most `limit`), with the live tranches
 * waiting on each; and how many there are in all (from the counts the database keeps, ADR 072).
 */
export async function milestonesAtRiskOf(
  tx: Queryable,
  partnershipId: string,
  conversion: Conversion,
  limit?: number,
): Promise<{ rows: MilestoneRiskRow[]; count: number }> {
  // One ordered index range per open status (live milestones by partnership, status, due date and id), each
  // cut at the limit, merged: the page reads about `limit` rows per status however many milestones are at
  // risk. "Not a draft" is implied by the project's status; said here, it lets the range skip drafts, so the
  // policy never builds the caller's set of drafts for rows dropped anyway (ADR 173).
  // i18n-exempt: SQL, never read by a person.
  const atRisk = (status: string, overdueOnly: boolean) =>
    `(select ms.id, ms.project_id, ms.title, ms.due_date, ms.status
        from public.milestones ms join public.projects pr on pr.id = ms.project_id
       where ms.partnership_id = $1 and ms.status = '${status}' and not ms.project_is_draft
         ${overdueOnly ? "and ms.due_date < $2::date" : ""}
         and pr.partnership_id = $1 and pr.status = any($3::text[])
       order by ms.due_date, ms.id
       limit $4)`;
  // i18n-exempt: SQL, never read by a person.
  const ranges = [
    ...FLAGGED.map((status) => atRisk(status, false)),
    ...OPEN_UNFLAGGED.map((status) => atRisk(status, true)),
  ].join(" union all ");
  const milestones = await tx.query<Omit<MilestoneRiskRow, "tranchesAtStake">>(
    `select ms.id, ms.project_id as "projectId", pr.name as "projectName", ms.title,
            to_char(ms.due_date, 'YYYY-MM-DD') as "dueDate", ms.status,
            (ms.due_date < $2::date and ms.status not in ('done', 'cancelled')) as overdue
       from (${ranges}) ms
       join public.projects pr on pr.id = ms.project_id
      order by ms.due_date, ms.id
      limit $4`,
    [partnershipId, conversion.onDate, PORTFOLIO_STATUSES, limit ?? null],
  );
  // The open statuses named: each is then a range of the counts' key, where "not done or cancelled" read every
  // row of the partnership and filtered (ADR 173).
  const [counted] = await tx.query<{ count: number }>(
    `select coalesce(sum(c.milestones), 0)::int as count from public.milestone_counts c
      where c.partnership_id = $1 and c.project_status = any($3::text[])
        and (c.status = any($4::text[]) or (c.status = any($5::text[]) and c.due_date < $2::date))`,
    [partnershipId, conversion.onDate, PORTFOLIO_STATUSES, FLAGGED, OPEN_UNFLAGGED],
  );
  const atStake = await tx.query<CurrencyGroup & { milestoneId: string }>(
    `select t.milestone_id as "milestoneId", p.currency::text as currency, sum(t.amount_minor)::text as minor
       from public.tranches t join public.pledges p on p.id = t.pledge_id
      where t.partnership_id = $1 and t.milestone_id = any($2::uuid[])
        and t.status in ('scheduled', 'requested')
        and p.status in ('committed', 'disbursing')
      group by t.milestone_id, p.currency`,
    [partnershipId, milestones.map((milestone) => milestone.id)],
  );
  const stakes = new Map<string, typeof atStake>();
  for (const row of atStake) {
    stakes.set(row.milestoneId, [...(stakes.get(row.milestoneId) ?? []), row]);
  }
  const rows = milestones.map((milestone): MilestoneRiskRow => {
    const result = convert(stakes.get(milestone.id) ?? [], conversion);
    return { ...milestone, tranchesAtStake: result.minor.toString() };
  });
  return { rows, count: counted?.count ?? rows.length };
}

/* The portfolio from the rollups (ADR 072) ----------------------------------------------------------- */

interface FigureRow {
  dimension: string;
  key: string;
  memberId: string | null;
  projects: number;
  approved: number;
  committed: string;
  triggered: string;
  pending: string;
  sought: string;
  drafts: string;
  amount: string;
  latitudeSum: string;
  longitudeSum: string;
}

/** Every row of public.portfolio_figures the caller may see, with the ways the views read them. */
async function figuresOf(tx: Queryable, partnershipId: string) {
  const rows = await tx.query<FigureRow>(
    `select f.dimension, f.key, f.member_id as "memberId", f.projects, f.approved,
            f.committed_minor::text as committed, f.triggered_minor::text as triggered,
            f.pending_minor::text as pending, f.sought_minor::text as sought,
            f.drafts_minor::text as drafts, f.amount_minor::text as amount,
            f.latitude_sum::text as "latitudeSum", f.longitude_sum::text as "longitudeSum"
       from public.portfolio_figures f
      where f.partnership_id = $1`,
    [partnershipId],
  );
  // Grouped once: the rows (map cells above all) grow with the partnership, and each group's split is looked
  // up by key, so a scan per group would grow with rows × groups (ADR 173).
  const byDimension = new Map<string, FigureRow[]>();
  const byKey = new Map<string, FigureRow[]>();
  const add = (groups: Map<string, FigureRow[]>, key: string, row: FigureRow) => {
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  };
  for (const row of rows) {
    add(byDimension, row.dimension, row);
    add(byKey, `${row.dimension}\u0000${row.key}`, row);
  }
  /** The rows of one dimension: the shared row (memberId null) and the caller's own draft row, if any. */
  const live = (dimension: string) => byDimension.get(dimension) ?? [];
  /** One key's money, the shared row and the caller's drafts added together. */
  const splitOf = (dimension: string, key: string): BigSplit => {
    const split = emptySplit();
    for (const row of byKey.get(`${dimension}\u0000${key}`) ?? []) {
      split.committed += BigInt(row.committed);
      split.triggered += BigInt(row.triggered);
      split.pending += BigInt(row.pending);
      split.sought += BigInt(row.sought);
      split.drafts += BigInt(row.drafts);
    }
    return split;
  };
  return { rows, live, splitOf };
}
type Figures = Awaited<ReturnType<typeof figuresOf>>;

/** Segment, mineral or host-country groups, one per key of `dimension`, labelled and sorted. */
function groupsFrom(
  figures: Figures,
  dimension: string,
  labelOf: (key: string) => string,
  compare: Labels["compare"],
): GroupRow[] {
  return figures
    .live(dimension)
    .filter((row) => row.memberId === null)
    .map((row) => ({
      key: row.key,
      label: labelOf(row.key),
      projects: row.projects,
      ...toSplit(figures.splitOf(dimension, row.key)),
    }))
    .sort(compare);
}

/** The projects' own currencies were converted for "sought": note their rates, or name them missing. */
function noteProjectCurrencies(figures: Figures, conversion: Conversion) {
  for (const row of figures.live("project_currency")) {
    if (row.key === conversion.reporting) continue;
    const rate = rateOn(conversion.rates as FxRate[], row.key, conversion.onDate);
    if (rate) conversion.log.rate(rate);
    else conversion.log.missing(row.key);
  }
}

/** Pledged sums per government ('memberId:currency' keys) and per instrument ('instrument:currency'). */
async function pledgedFrom(tx: Queryable, partnershipId: string, figures: Figures) {
  const codes = new Map(
    (
      await tx.query<{ id: string; code: string }>(
        "select id, code from public.members where partnership_id = $1",
        [partnershipId],
      )
    ).map((member) => [member.id, member.code]),
  );
  const byGovernment = figures.live("government").map((row): PledgedSum => {
    const [memberId = "", currency = ""] = row.key.split(":");
    const memberCode = codes.get(memberId) ?? memberId;
    return {
      memberId,
      memberCode,
      instrument: "",
      currency,
      draft: row.memberId !== null,
      minor: row.amount,
    };
  });
  const byInstrument = figures.live("instrument").map((row): PledgedSum => {
    const [instrument = "", currency = ""] = row.key.split(":");
    return {
      memberId: "",
      memberCode: "",
      instrument,
      currency,
      draft: row.memberId !== null,
      minor: row.amount,
    };
  });
  return { byGovernment, byInstrument };
}

/** Tranche sums per 'quarter:bucket:currency' key, converted per quarter. */
function quartersFromFigures(figures: Figures, conversion: Conversion): QuarterRow[] {
  return quartersFrom(
    figures.live("quarter").map((row) => {
      const [quarter = "", bucket = "scheduled", currency = ""] = row.key.split(":");
      return { quarter, bucket: bucket as QuarterBucket, currency, minor: row.amount };
    }),
    conversion,
  );
}

/**
 * The largest funding gaps first (project_funding and the caller's project_draft_funding), at most `limit`.
 * Live projects only: "not a draft" (implied by the status) lets the shortfall index skip drafts (ADR 173).
 */
async function gapsFromRollups(
  tx: Queryable,
  context: MemberContext,
  labels: Labels,
  limit?: number,
): Promise<ProjectGapRow[]> {
  const gaps = await tx.query<
    Omit<ProjectGapRow, "gap" | "missingRates"> & {
      missing: string[];
      draftMissing: string[] | null;
    }
  >(
    `select p.id, p.name, p.status, p.segment, p.host_country::text as "hostCountry",
            f.committed_minor::text as committed, f.triggered_minor::text as triggered,
            f.pending_minor::text as pending, coalesce(f.sought_minor, 0)::text as sought,
            coalesce(d.drafts_minor, 0)::text as drafts, f.missing_rates as missing,
            d.missing_rates as "draftMissing"
       from public.project_funding f
       join public.projects p on p.id = f.project_id and p.partnership_id = $1
       left join public.project_draft_funding d on d.project_id = f.project_id and d.member_id = $3
      where f.partnership_id = $1 and not f.project_is_draft and p.status = any($2::text[])
      order by (coalesce(f.sought_minor, 0) - f.committed_minor - f.triggered_minor) desc, p.name, p.id
      limit $4`,
    [context.partnership.id, PORTFOLIO_STATUSES, context.membership.memberId, limit ?? null],
  );
  return gaps.map(({ missing, draftMissing, ...row }) => ({
    ...row,
    segment: labels.segment(row.segment),
    hostCountry: labels.country(row.hostCountry),
    missingRates: [...new Set([...missing, ...(draftMissing ?? [])])].sort(),
    gap: (BigInt(row.sought) - BigInt(row.committed) - BigInt(row.triggered)).toString(),
  }));
}

/** The map: points per 5° cell from the rollups; the placed and unplaced projects listed, at most `limit`. */
async function mapFromRollups(
  tx: Queryable,
  partnershipId: string,
  figures: Figures,
  labels: Labels,
  limit?: number,
): Promise<{ map: Portfolio["map"]; mapped: number }> {
  const mapped = await tx.query<MapProject>(
    `select p.id, p.name, p.host_country::text as country, p.status,
            (f.committed_minor + f.triggered_minor)::text as counting
       from public.projects p join public.project_funding f on f.project_id = p.id
      where p.partnership_id = $1 and f.partnership_id = $1 and p.status = any($2::text[])
        and p.latitude is not null and p.longitude is not null
      order by p.name, p.id
      limit $3`,
    [partnershipId, PORTFOLIO_STATUSES, limit ?? null],
  );
  const unplaced = await tx.query<{ name: string }>(
    `select p.name from public.projects p
      where p.partnership_id = $1 and p.status = any($2::text[])
        and (p.latitude is null or p.longitude is null)
      order by p.name, p.id
      limit $3`,
    [partnershipId, PORTFOLIO_STATUSES, limit ?? null],
  );
  const cells = figures.live("cell");
  const points = cells
    .filter((row) => row.projects > 0)
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((row) =>
      mapPoint(
        row.key,
        row.projects,
        row.approved > 0,
        BigInt(row.committed) + BigInt(row.triggered),
        Number(row.latitudeSum),
        Number(row.longitudeSum),
      ),
    )
    .filter((point): point is MapPoint => point !== null);
  return {
    map: {
      width: MAP_WIDTH,
      height: MAP_HEIGHT,
      landHref: landHref(),
      points,
      projects: mapped.map((row) => ({ ...row, country: labels.country(row.country) })),
      unplaced: unplaced.map((row) => row.name),
    },
    mapped: cells.reduce((sum, row) => sum + row.projects, 0),
  };
}

async function fromRollups(
  tx: Queryable,
  context: MemberContext,
  conversion: Conversion,
  labels: Labels,
  limit?: number,
): Promise<PortfolioViews> {
  const partnershipId = context.partnership.id;
  const figures = await figuresOf(tx, partnershipId);
  const totals = figures.splitOf("total", "");
  const projectCount = figures.live("total").find((row) => row.memberId === null)?.projects ?? 0;
  noteProjectCurrencies(figures, conversion);
  const pledged = await pledgedFrom(tx, partnershipId, figures);
  const milestones = await milestonesAtRiskOf(tx, partnershipId, conversion, limit);
  const { map, mapped } = await mapFromRollups(tx, partnershipId, figures, labels, limit);
  return {
    hasDrafts: totals.drafts > 0n || figures.rows.some((row) => row.memberId !== null),
    totals: toSplit(totals),
    bySegment: groupsFrom(figures, "segment", labels.segment, labels.compare),
    byMineral: groupsFrom(figures, "mineral", labels.mineral, labels.compare),
    byCountry: groupsFrom(figures, "country", labels.country, labels.compare),
    gaps: await gapsFromRollups(tx, context, labels, limit),
    ...pledgedViews(pledged.byGovernment, pledged.byInstrument, conversion, labels),
    byQuarter: quartersFromFigures(figures, conversion),
    milestonesAtRisk: milestones.rows,
    map,
    counts: {
      projects: projectCount,
      mapped,
      unplaced: projectCount - mapped,
      milestonesAtRisk: milestones.count,
    },
  };
}

/* The portfolio evaluated now, for a day the rollups do not describe -------------------------------------- */

async function evaluatedNow(
  tx: Queryable,
  context: MemberContext,
  conversion: Conversion,
  labels: Labels,
  limit?: number,
): Promise<PortfolioViews> {
  const { partnership, membership } = context;
  const fundings = await fundingByProject(tx, partnership.id, membership.memberId, conversion);
  const pledged = await loadPledgedSums(tx, partnership.id);
  const byQuarter = await byQuarterOf(tx, partnership.id, conversion);
  const milestones = await milestonesAtRiskOf(tx, partnership.id, conversion, limit);
  const totals = totalsOf(fundings);
  const { map, mapped, unplacedCount } = mapOf(fundings, labels, limit);
  return {
    hasDrafts: totals.drafts > 0n || pledged.some((row) => row.draft),
    totals: toSplit(totals),
    bySegment: groupedBy(fundings, (project) => [project.segment], labels.segment, labels.compare),
    byMineral: groupedBy(fundings, (project) => project.minerals, labels.mineral, labels.compare),
    byCountry: groupedBy(
      fundings,
      (project) => [project.hostCountry],
      labels.country,
      labels.compare,
    ),
    gaps: gapsOf(fundings, labels, limit),
    ...pledgedViews(pledged, pledged, conversion, labels),
    byQuarter,
    milestonesAtRisk: milestones.rows,
    map,
    counts: {
      projects: fundings.projects.length,
      mapped,
      unplaced: unplacedCount,
      milestonesAtRisk: milestones.count,
    },
  };
}

/**
 * The portfolio at the FX rates of `onDate` ('YYYY-MM-DD', today for the pages), overdue as of that day: from
 * the rollups when they describe that day, else evaluated now.
 */
export async function getPortfolio(
  context: MemberContext,
  onDate: string,
  options: PortfolioOptions = {},
): Promise<Portfolio> {
  const { user, partnership } = context;
  const reporting = partnership.reportingCurrency;
  return user.db(async (tx) => {
    const rates = await loadRates(tx, partnership.id);
    const conversion: Conversion = { reporting, rates, onDate, log: rateLog() };
    const perRequest = options.source === "per-request" || !rollupsApply(rates, onDate);
    const labels = labelsIn(options.language ?? "en");
    const views = perRequest
      ? await evaluatedNow(tx, context, conversion, labels, options.limit)
      : await fromRollups(tx, context, conversion, labels, options.limit);
    return { reportingCurrency: reporting, onDate, ...views, ...conversion.log.summary() };
  });
}

export const PORTFOLIO_VIEWS = [
  "segments",
  "minerals",
  "countries",
  "gaps",
  "governments",
  "instruments",
  "quarters",
  "milestones",
  "projects",
] as const;
export type PortfolioView = (typeof PORTFOLIO_VIEWS)[number];

/** Every table view of the portfolio as CSV rows: exact decimal amounts in the reporting currency. */
export function portfolioTable(
  portfolio: Portfolio,
  view: PortfolioView,
): { header: string[]; rows: Cell[][] } {
  const money = (minor: string) => toDecimalString(minor, portfolio.reportingCurrency);
  const cur = portfolio.reportingCurrency;
  // i18n-exempt: an export's value, the same English for every reader (ADR 093).
  const note = `rates as of ${portfolio.onDate}`;
  const splitHeader = [
    `committed_${cur}`,
    `triggered_${cur}`,
    `pending_${cur}`,
    `sought_${cur}`,
    `gap_${cur}`,
    `your_drafts_${cur}`,
  ];
  const splitCells = (row: Split): Cell[] => [
    money(row.committed),
    money(row.triggered),
    money(row.pending),
    money(row.sought),
    money(row.gap),
    money(row.drafts),
  ];
  switch (view) {
    case "segments":
    case "minerals":
    case "countries": {
      const rows =
        view === "segments"
          ? portfolio.bySegment
          : view === "minerals"
            ? portfolio.byMineral
            : portfolio.byCountry;
      return {
        header: [view.slice(0, -1), "projects", ...splitHeader, "fx"],
        rows: rows.map((row) => [row.label, row.projects, ...splitCells(row), note]),
      };
    }
    case "gaps":
      return {
        header: [
          "project",
          "status",
          "segment",
          "host_country",
          ...splitHeader,
          "missing_fx_rates",
          "fx",
        ],
        rows: portfolio.gaps.map((row) => [
          row.name,
          row.status,
          row.segment,
          row.hostCountry,
          ...splitCells(row),
          row.missingRates.join(" "),
          note,
        ]),
      };
    case "governments":
    case "instruments":
      return {
        header: [
          view === "governments" ? "government" : "instrument",
          `pledged_live_${cur}`,
          `your_drafts_${cur}`,
          "missing_fx_rates",
          "fx",
        ],
        rows: (view === "governments" ? portfolio.byGovernment : portfolio.byInstrument).map(
          (row) => [row.label, money(row.live), money(row.drafts), row.missing.join(" "), note],
        ),
      };
    case "quarters":
      return {
        header: [
          "quarter",
          `scheduled_${cur}`,
          `requested_${cur}`,
          `paid_${cur}`,
          `your_drafts_${cur}`,
          "missing_fx_rates",
          "fx",
        ],
        rows: portfolio.byQuarter.map((row) => [
          row.quarter,
          money(row.scheduled),
          money(row.requested),
          money(row.paid),
          money(row.drafts),
          row.missing.join(" "),
          note,
        ]),
      };
    case "milestones":
      return {
        header: ["project", "milestone", "due", "status", "overdue", `tranches_at_stake_${cur}`],
        rows: portfolio.milestonesAtRisk.map((row) => [
          row.projectName,
          row.title,
          row.dueDate,
          row.status,
          row.overdue ? "yes" : "no",
          money(row.tranchesAtStake),
        ]),
      };
    case "projects":
      return {
        header: ["project", "host_country", "status", `counting_${cur}`],
        rows: portfolio.map.projects.map((project) => [
          project.name,
          project.country,
          project.status,
          money(project.counting),
        ]),
      };
  }
}
