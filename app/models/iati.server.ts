/*
 * The IATI activity export's data (docs/iati.md): a partnership's approved and completed projects with their
 * milestone dates, live pledges and paid tranches, read with whatever row-level security the transaction
 * carries. A member's export runs as the member (`getIatiFile`); a public page calls `loadIatiFile` inside
 * runAsAnon, where RLS leaves only what the partnership publishes (ADR 133). Drafts and withdrawn pledges are
 * never read. Each project's co-funding rules are evaluated over all its live pledges the reader sees, by the
 * engine the funding pages use (ADR 030), at the rates of `today`.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { notFound } from "~/forms/params.server";
import {
  buildIatiActivities,
  firmAndConditional,
  type IatiFile,
  type IatiGovernment,
  type IatiPayment,
  type IatiPledge,
  type IatiPortfolio,
  type IatiProject,
  type IatiScope,
} from "~/domain/iati/activity";
import type { Instrument } from "~/domain/pledges";
import type { FxRate } from "~/utils/fx";
import { evaluateProject, loadRates, parseRule, type EvaluatedPledgeRow } from "./funding.server";

/** The project statuses an activity is reported for: approved, and completed (approved before). */
const REPORTED_STATUSES = ["approved", "completed"];
const LIVE_STATUSES = ["committed", "disbursing", "fulfilled"];

type ProjectRecord = Omit<IatiProject, "pledges" | "dates"> & {
  currency: string;
  fundingSoughtMinor: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
};

type PledgeRecord = EvaluatedPledgeRow & { projectId: string; committedOn: string };

function loadProjects(tx: Queryable, partnershipId: string) {
  return tx.query<ProjectRecord>(
    `select p.id, p.name, p.segment, p.minerals, p.stage, p.host_country::text as "hostCountry", p.status,
            p.esg_notes as "esgNotes", to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD') as "registeredOn",
            p.registering_member_id as "registeringMemberId", s.name as "sponsorName",
            p.currency::text as currency, p.funding_sought_minor::text as "fundingSoughtMinor",
            to_char(min(m.due_date) filter (where m.status <> 'cancelled'), 'YYYY-MM-DD') as "plannedStart",
            to_char(max(m.due_date) filter (where m.status <> 'cancelled'), 'YYYY-MM-DD') as "plannedEnd",
            to_char(min(m.completed_at at time zone 'UTC') filter (where m.status = 'done'), 'YYYY-MM-DD')
              as "actualStart",
            to_char(max(m.completed_at at time zone 'UTC') filter (where m.status = 'done'), 'YYYY-MM-DD')
              as "actualEnd"
       from public.projects p
       left join public.sponsor_organisations s on s.id = p.sponsor_organisation_id
       left join public.milestones m on m.project_id = p.id
      where p.partnership_id = $1 and p.status = any($2::text[])
      group by p.id, s.name`,
    [partnershipId, REPORTED_STATUSES],
  );
}

function loadPledges(tx: Queryable, partnershipId: string) {
  return tx.query<PledgeRecord>(
    `select pl.id, pl.project_id as "projectId", pl.member_id as "memberId", m.code as "memberCode",
            m.name as "memberName", pl.amount_minor::text as "amountMinor", pl.currency::text as currency,
            pl.instrument, pl.status, pl.cofunding_rule as rule,
            to_char(pl.committed_at at time zone 'UTC', 'YYYY-MM-DD') as "committedOn"
       from public.pledges pl join public.members m on m.id = pl.member_id
      where pl.partnership_id = $1 and pl.status = any($2::text[])`,
    [partnershipId, LIVE_STATUSES],
  );
}

async function loadPayments(tx: Queryable, partnershipId: string) {
  const rows = await tx.query<{
    id: string;
    pledgeId: string;
    amountMinor: string;
    paidOn: string;
  }>(
    `select t.id, t.pledge_id as "pledgeId", t.amount_minor::text as "amountMinor",
            to_char(t.paid_at at time zone 'UTC', 'YYYY-MM-DD') as "paidOn"
       from public.tranches t where t.partnership_id = $1 and t.status = 'paid'`,
    [partnershipId],
  );
  const byPledge = new Map<string, IatiPayment[]>();
  for (const row of rows) {
    const list = byPledge.get(row.pledgeId) ?? [];
    list.push({ id: row.id, amountMinor: BigInt(row.amountMinor), paidOn: row.paidOn });
    byPledge.set(row.pledgeId, list);
  }
  return byPledge;
}

/** One project's live pledges, each split into its firm and conditional parts by the co-funding rules. */
function evaluatedPledges(
  project: ProjectRecord,
  pledges: PledgeRecord[],
  payments: Map<string, IatiPayment[]>,
  rates: FxRate[],
  reportingCurrency: string,
  today: string,
): IatiPledge[] {
  const funding = evaluateProject(project, pledges, rates, reportingCurrency, null, today);
  const rateDates = new Map(funding.ratesUsed.map((rate) => [rate.currency, rate.asOf]));
  const byId = new Map(funding.pledges.map((pledge) => [pledge.id, pledge]));
  return pledges.map((row) => {
    const evaluation = byId.get(row.id);
    const amountMinor = BigInt(row.amountMinor);
    const parts = firmAndConditional(amountMinor, parseRule(row.rule) !== null, {
      state: evaluation?.state ?? "unconverted",
      counting: evaluation?.countingReporting ? BigInt(evaluation.countingReporting) : null,
      pending: evaluation?.pendingReporting ? BigInt(evaluation.pendingReporting) : null,
    });
    const inReporting = evaluation?.amountReporting;
    return {
      id: row.id,
      memberId: row.memberId,
      instrument: row.instrument as Instrument,
      status: row.status as IatiPledge["status"],
      amountMinor,
      currency: row.currency,
      committedOn: row.committedOn,
      ...parts,
      reporting: inReporting
        ? { minor: BigInt(inReporting), rateDate: rateDates.get(row.currency) ?? null }
        : null,
      payments: payments.get(row.id) ?? [],
    };
  });
}

/**
 * Everything the export says about partnership `partnershipId`, as the transaction's role may see it, at the
 * rates of `today` ('YYYY-MM-DD'). Null when the partnership is not visible.
 */
export async function loadIatiPortfolio(
  tx: Queryable,
  partnershipId: string,
  today: string,
): Promise<IatiPortfolio | null> {
  const [partnership] = await tx.query<{ name: string; reportingCurrency: string }>(
    `select name, reporting_currency::text as "reportingCurrency" from public.partnerships where id = $1`,
    [partnershipId],
  );
  if (!partnership) return null;
  const governments = await tx.query<IatiGovernment>(
    `select id, name, iati_org_ref as "orgRef" from public.members where partnership_id = $1`,
    [partnershipId],
  );
  const projects = await loadProjects(tx, partnershipId);
  const pledges = await loadPledges(tx, partnershipId);
  const payments = await loadPayments(tx, partnershipId);
  const rates = await loadRates(tx, partnershipId);
  const pledgesByProject = new Map<string, PledgeRecord[]>();
  for (const pledge of pledges) {
    const list = pledgesByProject.get(pledge.projectId) ?? [];
    list.push(pledge);
    pledgesByProject.set(pledge.projectId, list);
  }
  return {
    partnershipName: partnership.name,
    reportingCurrency: partnership.reportingCurrency,
    governments: new Map(governments.map((government) => [government.id, government])),
    projects: projects.map((project) => ({
      ...project,
      dates: {
        plannedStart: project.plannedStart,
        plannedEnd: project.plannedEnd,
        actualStart: project.actualStart,
        actualEnd: project.actualEnd,
      },
      pledges: evaluatedPledges(
        project,
        pledgesByProject.get(project.id) ?? [],
        payments,
        rates,
        partnership.reportingCurrency,
        today,
      ),
    })),
  };
}

/** The activities of `scope` (see app/domain/iati/activity.ts), or null when the partnership is not visible. */
export async function loadIatiFile(
  tx: Queryable,
  partnershipId: string,
  scope: IatiScope,
  today: string,
): Promise<IatiFile | null> {
  const portfolio = await loadIatiPortfolio(tx, partnershipId, today);
  return portfolio && buildIatiActivities(portfolio, scope);
}

/** A member's export, under their row-level security. */
export async function getIatiFile(
  { user, partnership }: MemberContext,
  scope: IatiScope,
  today: string,
): Promise<IatiFile> {
  const file = await user.db((tx) => loadIatiFile(tx, partnership.id, scope, today));
  if (!file) throw notFound();
  return file;
}
