/*
 * Where a project's money stands: its pledges (as far as RLS lets the caller see them), each converted once
 * into the reporting currency at the newest rate on or before the day, the co-funding rules evaluated by
 * the pure engine (app/domain/cofunding.ts), and the totals in the reporting and the project currency,
 * naming the rate dates and any currency without a rate (ADR 031).
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import {
  evaluateCofunding,
  type EffectiveState,
  type EngineRule,
  type EnginePledge,
  type PledgeStatus,
} from "~/domain/cofunding";
import { describeRule, ruleFromStored, type PledgeRule } from "~/domain/pledges";
import { convertMinor, convertMinorCross, rateOn, type FxRate } from "~/utils/fx";
import { allocate } from "~/utils/money";

export function loadRates(tx: Queryable, partnershipId: string): Promise<FxRate[]> {
  return tx.query<FxRate>(
    `select currency, rate::text as rate, to_char(as_of, 'YYYY-MM-DD') as "asOf"
       from public.fx_rates where partnership_id = $1 order by currency, as_of desc`,
    [partnershipId],
  );
}

/**
 * The funding rollups (ADR 072) are computed at each currency's newest rate: they describe `onDate` when no
 * rate is dated after it (then the newest rates are that day's). Otherwise a page evaluates per request.
 */
export function rollupsApply(rates: ReadonlyArray<FxRate>, onDate: string): boolean {
  return rates.every((rate) => rate.asOf <= onDate);
}

export interface PledgeRow {
  id: string;
  projectId: string;
  projectName: string;
  memberId: string;
  memberCode: string;
  memberName: string;
  amountMinor: string;
  currency: string;
  instrument: string;
  status: PledgeStatus;
  conditions: string | null;
  rule: unknown;
  withdrawalReason: string | null;
  committedAt: Date | null;
  createdAt: Date;
  version: number;
}

/** What the evaluation reads of a pledge (the IATI export selects no more than this). */
export type EvaluatedPledgeRow = Pick<
  PledgeRow,
  | "id"
  | "memberId"
  | "memberCode"
  | "memberName"
  | "amountMinor"
  | "currency"
  | "instrument"
  | "status"
  | "rule"
>;

export const PLEDGE_COLUMNS = `p.id, p.project_id as "projectId", pr.name as "projectName",
  p.member_id as "memberId", m.code as "memberCode", m.name as "memberName",
  p.amount_minor::text as "amountMinor", p.currency::text as currency, p.instrument, p.status, p.conditions,
  p.cofunding_rule as rule, p.withdrawal_reason as "withdrawalReason", p.committed_at as "committedAt",
  p.created_at as "createdAt", p.version`;

export const PLEDGE_FROM = `public.pledges p
  join public.members m on m.id = p.member_id
  join public.projects pr on pr.id = p.project_id`;

export function parseRule(stored: unknown): PledgeRule | null {
  if (typeof stored === "string") {
    try {
      return ruleFromStored(JSON.parse(stored));
    } catch {
      return null;
    }
  }
  return ruleFromStored(stored);
}

export interface ProjectRow {
  id: string;
  name: string;
  currency: string;
  fundingSoughtMinor: string | null;
  status: string;
}

export interface EvaluatedPledge {
  id: string;
  memberId: string;
  memberCode: string;
  memberName: string;
  amountMinor: string;
  currency: string;
  instrument: string;
  status: PledgeStatus;
  ruleText: string;
  hasRule: boolean;
  mine: boolean;
  state: EffectiveState | "unconverted";
  waitsOnEachOther: boolean;
  /** In the reporting currency (null when the pledge's currency has no rate). */
  amountReporting: string | null;
  countingReporting: string | null;
  pendingReporting: string | null;
}

export interface MoneyTotals {
  committed: string;
  triggered: string;
  pending: string;
  pledged: string;
  drafts: string;
}

export interface ProjectFunding {
  reportingCurrency: string;
  projectCurrency: string;
  pledges: EvaluatedPledge[];
  reporting: MoneyTotals & { sought: string | null; gap: string | null };
  /** Null when the project currency has no rate. */
  project: (MoneyTotals & { sought: string | null; gap: string | null }) | null;
  ratesUsed: FxRate[];
  rateDate: { oldest: string | null; newest: string | null; on: string };
  /** Currencies with money but no rate on or before the day: left out of every converted total. */
  missingRates: string[];
  rounds: number;
}

const ZERO_TOTALS = () => ({ committed: 0n, triggered: 0n, pending: 0n, pledged: 0n, drafts: 0n });
const asStrings = (totals: ReturnType<typeof ZERO_TOTALS>): MoneyTotals => ({
  committed: totals.committed.toString(),
  triggered: totals.triggered.toString(),
  pending: totals.pending.toString(),
  pledged: totals.pledged.toString(),
  drafts: totals.drafts.toString(),
});

/**
 * Evaluates one project's pledges. `pledges` are the rows the caller may see (RLS): a delegate's own drafts
 * are among them and land in `drafts`, never in the other totals.
 */
export function evaluateProject(
  project: ProjectRow,
  pledges: ReadonlyArray<EvaluatedPledgeRow>,
  rates: ReadonlyArray<FxRate>,
  reportingCurrency: string,
  myMemberId: string | null,
  onDate: string,
): ProjectFunding {
  const used = new Map<string, FxRate>();
  const missing = new Set<string>();
  const rateFor = (currency: string): FxRate | null => {
    if (currency === reportingCurrency) return { currency, rate: "1", asOf: onDate };
    const rate = rateOn(rates as FxRate[], currency, onDate);
    if (!rate) {
      missing.add(currency);
      return null;
    }
    used.set(currency, rate);
    return rate;
  };
  const toReporting = (minor: bigint, currency: string, rate: FxRate) =>
    convertMinor(minor, currency, reportingCurrency, rate.rate);

  const engineInput: EnginePledge[] = [];
  const converted = new Map<string, { amount: bigint; rate: FxRate }>();
  for (const row of pledges) {
    if (row.status === "withdrawn") continue;
    const rate = rateFor(row.currency);
    if (!rate) continue;
    const amount = toReporting(BigInt(row.amountMinor), row.currency, rate);
    converted.set(row.id, { amount, rate });
    const rule = parseRule(row.rule);
    let engineRule: EngineRule | null = null;
    if (rule?.kind === "min_other_members") engineRule = rule;
    if (rule?.kind === "min_cofunding") {
      engineRule = { kind: "min_cofunding", amountMinor: rule.amountMinor };
    }
    if (rule?.kind === "match") {
      engineRule = {
        kind: "match",
        numerator: BigInt(rule.numerator),
        denominator: BigInt(rule.denominator),
        capMinor: toReporting(rule.capMinor, row.currency, rate),
      };
    }
    engineInput.push({
      id: row.id,
      memberId: row.memberId,
      status: row.status,
      amount,
      rule: engineRule,
    });
  }
  const result = evaluateCofunding(engineInput);
  const byId = new Map(result.pledges.map((evaluation) => [evaluation.id, evaluation]));

  const projectRate = rateFor(project.currency);
  const projectTotals = ZERO_TOTALS();
  const evaluated: EvaluatedPledge[] = pledges.map((row) => {
    const evaluation = byId.get(row.id);
    const conversion = converted.get(row.id);
    const rule = parseRule(row.rule);
    if (evaluation && conversion && projectRate) {
      // The pledge in the project currency, straight from its own currency (exact when they are the same),
      // split like the reporting-currency parts so the project-currency parts add up too.
      const inProject = convertMinorCross(
        BigInt(row.amountMinor),
        row.currency,
        project.currency,
        conversion.rate.rate,
        projectRate.rate,
      );
      if (evaluation.state === "draft") projectTotals.drafts += inProject;
      if (evaluation.state === "committed") projectTotals.committed += inProject;
      if (evaluation.state === "triggered" || evaluation.state === "pending") {
        const [counting = 0n, pending = 0n] =
          conversion.amount > 0n
            ? allocate(inProject, [evaluation.counting, evaluation.pending])
            : [0n, inProject];
        projectTotals.triggered += counting;
        projectTotals.pending += pending;
      }
    }
    return {
      id: row.id,
      memberId: row.memberId,
      memberCode: row.memberCode,
      memberName: row.memberName,
      amountMinor: row.amountMinor,
      currency: row.currency,
      instrument: row.instrument,
      status: row.status,
      ruleText: describeRule(rule, row.currency, reportingCurrency),
      hasRule: rule !== null,
      mine: myMemberId !== null && row.memberId === myMemberId,
      state:
        row.status === "withdrawn" ? "withdrawn" : evaluation ? evaluation.state : "unconverted",
      waitsOnEachOther: evaluation?.waitsOnEachOther ?? false,
      amountReporting: conversion ? conversion.amount.toString() : null,
      countingReporting: evaluation ? evaluation.counting.toString() : null,
      pendingReporting: evaluation ? evaluation.pending.toString() : null,
    };
  });
  projectTotals.pledged = projectTotals.committed + projectTotals.triggered + projectTotals.pending;

  const sought = project.fundingSoughtMinor ? BigInt(project.fundingSoughtMinor) : null;
  const soughtReporting =
    sought !== null && projectRate ? toReporting(sought, project.currency, projectRate) : null;
  const totals = result.totals;
  const dates = [...used.values()].map((rate) => rate.asOf).sort();
  return {
    reportingCurrency,
    projectCurrency: project.currency,
    pledges: evaluated,
    reporting: {
      ...asStrings(totals),
      sought: soughtReporting?.toString() ?? null,
      gap:
        soughtReporting !== null
          ? (soughtReporting - totals.committed - totals.triggered).toString()
          : null,
    },
    project: projectRate
      ? {
          ...asStrings(projectTotals),
          sought: sought?.toString() ?? null,
          gap:
            sought !== null
              ? (sought - projectTotals.committed - projectTotals.triggered).toString()
              : null,
        }
      : null,
    ratesUsed: [...used.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    rateDate: { oldest: dates[0] ?? null, newest: dates[dates.length - 1] ?? null, on: onDate },
    missingRates: [...missing].sort(),
    rounds: result.rounds,
  };
}

/**
 * The funding of one project the caller can see, at the rates of `today` ('YYYY-MM-DD'), or null when it is
 * not visible.
 */
export async function getProjectFunding(
  { user, partnership, membership }: MemberContext,
  projectId: string,
  today: string,
): Promise<(ProjectFunding & { projectName: string; projectStatus: string }) | null> {
  return user.db(async (tx) => {
    const [project] = await tx.query<ProjectRow>(
      `select id, name, currency::text as currency, funding_sought_minor::text as "fundingSoughtMinor", status
         from public.projects where id = $1 and partnership_id = $2`,
      [projectId, partnership.id],
    );
    if (!project) return null;
    const pledges = await tx.query<PledgeRow>(
      `select ${PLEDGE_COLUMNS} from ${PLEDGE_FROM}
        where p.partnership_id = $1 and p.project_id = $2
        order by p.status = 'withdrawn', p.committed_at nulls last, p.created_at`,
      [partnership.id, projectId],
    );
    const rates = await loadRates(tx, partnership.id);
    return {
      ...evaluateProject(
        project,
        pledges,
        rates,
        partnership.reportingCurrency,
        membership.memberId,
        today,
      ),
      projectName: project.name,
      projectStatus: project.status,
    };
  });
}
