/*
 * The portfolio: where the partnership's money stands, as far as the caller may see it (RLS decides; a
 * delegate's own drafts appear only because RLS shows them to that delegate, and are reported apart).
 *
 * - Per project, the co-funding engine splits pledges into committed / triggered / pending (each pledge
 *   converted once, ADR 031); segment, mineral, host-country and gap views add those up in bigint.
 * - Government, instrument and tranche-quarter views are SQL int8 sums per currency group, each group
 *   converted once (convertGroups), naming the rate dates and any currency without a rate.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { countryName } from "~/domain/countries";
import { SEGMENT_LABELS, type Segment } from "~/domain/projects/vocabulary";
import { quarterOf } from "~/domain/tranches";
import { INSTRUMENT_LABELS, type Instrument } from "~/domain/pledges";
import { convertGroups, type CurrencyGroup, type FxRate } from "~/utils/fx";
import { toDecimalString } from "~/utils/money";
import type { Cell } from "~/utils/csv";
import {
  evaluateProject,
  loadRates,
  PLEDGE_COLUMNS,
  PLEDGE_FROM,
  type PledgeRow,
} from "./funding.server";
import { landPath, MAP_HEIGHT, MAP_WIDTH, projectPoint } from "./portfolio-map.server";

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

export interface MapPoint {
  id: string;
  name: string;
  country: string;
  status: string;
  x: number;
  y: number;
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
  map: { width: number; height: number; land: string; points: MapPoint[]; unplaced: string[] };
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
    .sort((a, b) => a.label.localeCompare(b.label));
}

function totalsOf({ perProject }: ProjectFundings): BigSplit {
  const totals = emptySplit();
  for (const entry of perProject.values()) addInto(totals, entry.split);
  return totals;
}

/** Every project's gap (sought − committed − triggered), largest first. */
function gapsOf({ projects, perProject }: ProjectFundings): ProjectGapRow[] {
  return projects
    .map((project): ProjectGapRow => {
      const entry = perProject.get(project.id);
      return {
        id: project.id,
        name: project.name,
        status: project.status,
        segment: SEGMENT_LABELS[project.segment as Segment] ?? project.segment,
        hostCountry: countryName(project.hostCountry),
        missingRates: entry?.missing ?? [],
        ...toSplit(entry?.split ?? emptySplit()),
      };
    })
    .sort((a, b) => (BigInt(b.gap) > BigInt(a.gap) ? 1 : BigInt(b.gap) < BigInt(a.gap) ? -1 : 0));
}

/** The projects placed on the world map, and the names of those without a location. */
function mapOf({ projects, perProject }: ProjectFundings): Portfolio["map"] {
  const points: MapPoint[] = [];
  const unplaced: string[] = [];
  for (const project of projects) {
    const point =
      project.latitude !== null && project.longitude !== null
        ? projectPoint(Number(project.longitude), Number(project.latitude))
        : null;
    if (!point) {
      unplaced.push(project.name);
      continue;
    }
    points.push({
      id: project.id,
      name: project.name,
      country: countryName(project.hostCountry),
      status: project.status,
      x: point[0],
      y: point[1],
      counting: (perProject.get(project.id)?.counting ?? 0n).toString(),
    });
  }
  return { width: MAP_WIDTH, height: MAP_HEIGHT, land: landPath(), points, unplaced };
}

/* Government and instrument: int8 sums per currency, converted once per group ----------------------- */

interface PledgedSum extends CurrencyGroup {
  memberId: string;
  memberName: string;
  instrument: string;
  draft: boolean;
}

function loadPledgedSums(tx: Queryable, partnershipId: string): Promise<PledgedSum[]> {
  return tx.query<PledgedSum>(
    `select p.member_id as "memberId", m.name as "memberName", p.instrument, p.currency::text as currency,
            p.status = 'draft' as draft, sum(p.amount_minor)::text as minor
       from public.pledges p join public.members m on m.id = p.member_id
      where p.partnership_id = $1 and p.status in ('draft', 'committed', 'disbursing', 'fulfilled')
      group by p.member_id, m.name, p.instrument, p.currency, p.status = 'draft'`,
    [partnershipId],
  );
}

/** Live pledges and the caller's drafts per key of `keyOf` ([key, label]), sorted by label. */
function pledgedBy(
  sums: PledgedSum[],
  keyOf: (row: PledgedSum) => [string, string],
  conversion: Conversion,
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
    .sort((a, b) => a.label.localeCompare(b.label));
}

/* Tranches by the quarter they fall due -------------------------------------------------------------- */

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
  const quarters = new Map<
    string,
    Record<"scheduled" | "requested" | "paid" | "drafts", typeof tranches>
  >();
  for (const row of tranches) {
    const quarter = quarterOf(row.dueDate);
    const entry = quarters.get(quarter) ?? { scheduled: [], requested: [], paid: [], drafts: [] };
    entry[row.draft ? "drafts" : row.status].push(row);
    quarters.set(quarter, entry);
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

/* Milestones at risk, delayed or overdue, with the tranches waiting on them --------------------------- */

async function milestonesAtRiskOf(
  tx: Queryable,
  partnershipId: string,
  conversion: Conversion,
): Promise<MilestoneRiskRow[]> {
  const milestones = await tx.query<Omit<MilestoneRiskRow, "tranchesAtStake">>(
    `select ms.id, ms.project_id as "projectId", pr.name as "projectName", ms.title,
            to_char(ms.due_date, 'YYYY-MM-DD') as "dueDate", ms.status,
            (ms.due_date < $2::date and ms.status not in ('done', 'cancelled')) as overdue
       from public.milestones ms join public.projects pr on pr.id = ms.project_id
      where ms.partnership_id = $1 and pr.status = any($3::text[])
        and (ms.status in ('at_risk', 'delayed')
             or (ms.due_date < $2::date and ms.status not in ('done', 'cancelled')))
      order by ms.due_date`,
    [partnershipId, conversion.onDate, PORTFOLIO_STATUSES],
  );
  const atStake = await tx.query<CurrencyGroup & { milestoneId: string }>(
    `select t.milestone_id as "milestoneId", p.currency::text as currency, sum(t.amount_minor)::text as minor
       from public.tranches t join public.pledges p on p.id = t.pledge_id
      where t.partnership_id = $1 and t.milestone_id is not null and t.status in ('scheduled', 'requested')
        and p.status in ('committed', 'disbursing')
      group by t.milestone_id, p.currency`,
    [partnershipId],
  );
  const stakes = new Map<string, typeof atStake>();
  for (const row of atStake) {
    stakes.set(row.milestoneId, [...(stakes.get(row.milestoneId) ?? []), row]);
  }
  return milestones.map((milestone): MilestoneRiskRow => {
    const result = convert(stakes.get(milestone.id) ?? [], conversion);
    return { ...milestone, tranchesAtStake: result.minor.toString() };
  });
}

/** The whole portfolio as the caller may see it, on `onDate`'s rates: each view from its own query. */
/** The portfolio at the FX rates of `onDate` ('YYYY-MM-DD', today for the pages), overdue as of that day. */
export async function getPortfolio(context: MemberContext, onDate: string): Promise<Portfolio> {
  const { user, partnership, membership } = context;
  const reporting = partnership.reportingCurrency;
  return user.db(async (tx) => {
    const rates = await loadRates(tx, partnership.id);
    const conversion: Conversion = { reporting, rates, onDate, log: rateLog() };
    const fundings = await fundingByProject(tx, partnership.id, membership.memberId, conversion);
    const pledged = await loadPledgedSums(tx, partnership.id);
    const byQuarter = await byQuarterOf(tx, partnership.id, conversion);
    const milestonesAtRisk = await milestonesAtRiskOf(tx, partnership.id, conversion);
    const byGovernment = pledgedBy(pledged, (row) => [row.memberId, row.memberName], conversion);
    const byInstrument = pledgedBy(
      pledged,
      (row) => [row.instrument, INSTRUMENT_LABELS[row.instrument as Instrument] ?? row.instrument],
      conversion,
    );
    const totals = totalsOf(fundings);
    return {
      reportingCurrency: reporting,
      onDate,
      hasDrafts: totals.drafts > 0n || pledged.some((row) => row.draft),
      totals: toSplit(totals),
      ...conversion.log.summary(),
      bySegment: groupedBy(
        fundings,
        (project) => [project.segment],
        (key) => SEGMENT_LABELS[key as Segment] ?? key,
      ),
      byMineral: groupedBy(
        fundings,
        (project) => project.minerals,
        (key) => key,
      ),
      byCountry: groupedBy(fundings, (project) => [project.hostCountry], countryName),
      gaps: gapsOf(fundings),
      byGovernment,
      byInstrument,
      byQuarter,
      milestonesAtRisk,
      map: mapOf(fundings),
    };
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
        rows: portfolio.map.points.map((point) => [
          point.name,
          point.country,
          point.status,
          money(point.counting),
        ]),
      };
  }
}
