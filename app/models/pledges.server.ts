/*
 * The pledge lifecycle, run as the signed-in user under RLS: list, read, draft (with its tranche schedule),
 * commit, amend and withdraw through the database's own functions (ADR 013/014). Expected refusals come
 * back as outcomes with a message for the form; anything else is a real error.
 */
import type { MemberContext } from "~/auth/auth.server";
import { refusalOf } from "~/db/errors";
import { actorOf, actsOnPledge, reaches } from "~/domain/permissions";
import { ruleToStored, type NewPledge, type PledgeStatusValue } from "~/domain/pledges";
import { REFUSALS } from "~/domain/refusals";
import { respreadAfterAmendment } from "~/domain/tranches";
import { isoDateOf } from "~/utils/dates";
import {
  getProjectFunding,
  PLEDGE_COLUMNS,
  PLEDGE_FROM,
  parseRule,
  type EvaluatedPledge,
  type PledgeRow,
} from "./funding.server";
import { describeRule } from "~/domain/pledges";
import { msg } from "~/i18n/message";

export interface PledgeListFilters {
  status?: PledgeStatusValue;
  projectId?: string;
  memberId?: string;
  mine?: boolean;
}

export interface PledgeListRow {
  id: string;
  projectId: string;
  projectName: string;
  memberId: string;
  memberName: string;
  /** The government's code: pages name it with the one country formatter (f.country). */
  memberCode: string;
  amountMinor: string;
  currency: string;
  instrument: string;
  status: PledgeStatusValue;
  ruleText: string;
  committedOn: string | null;
  mine: boolean;
}

/** The pledges the caller may see (RLS: own government's drafts; others' once committed). */
export async function listPledges(
  { user, partnership, membership }: MemberContext,
  filters: PledgeListFilters = {},
): Promise<PledgeListRow[]> {
  const rows = await user.db((tx) =>
    tx.query<PledgeRow>(
      `select ${PLEDGE_COLUMNS} from ${PLEDGE_FROM}
        where p.partnership_id = $1
          and ($2::text is null or p.status = $2)
          and ($3::uuid is null or p.project_id = $3)
          and ($4::uuid is null or p.member_id = $4)
        order by p.created_at desc`,
      [
        partnership.id,
        filters.status ?? null,
        filters.projectId ?? null,
        filters.mine
          ? (membership.memberId ?? "00000000-0000-0000-0000-000000000000")
          : (filters.memberId ?? null),
      ],
    ),
  );
  return rows.map((row) => ({
    id: row.id,
    projectId: row.projectId,
    projectName: row.projectName,
    memberId: row.memberId,
    memberName: row.memberName,
    memberCode: row.memberCode,
    amountMinor: row.amountMinor,
    currency: row.currency,
    instrument: row.instrument,
    status: row.status as PledgeStatusValue,
    ruleText: describeRule(parseRule(row.rule), row.currency, partnership.reportingCurrency),
    committedOn: row.committedAt ? isoDateOf(row.committedAt) : null,
    mine: membership.memberId !== null && row.memberId === membership.memberId,
  }));
}

/** Projects and governments for the list's filters. */
export function listFilterOptions({ user, partnership }: MemberContext) {
  return user.db(async (tx) => ({
    projects: await tx.query<{ id: string; name: string }>(
      "select id, name from public.projects where partnership_id = $1 order by name",
      [partnership.id],
    ),
    members: await tx.query<{ id: string; name: string }>(
      "select id, name from public.members where partnership_id = $1 order by name",
      [partnership.id],
    ),
  }));
}

export interface PledgeFormOptions {
  projects: Array<{ id: string; name: string; currency: string }>;
  milestones: Array<{ id: string; projectId: string; title: string; dueDate: string }>;
}

/** Approved projects (only those can be committed to) and their open milestones, for the new-pledge form. */
export function pledgeFormOptions({
  user,
  partnership,
}: MemberContext): Promise<PledgeFormOptions> {
  return user.db(async (tx) => ({
    projects: await tx.query<{ id: string; name: string; currency: string }>(
      `select id, name, currency::text as currency from public.projects
        where partnership_id = $1 and status = 'approved' order by name`,
      [partnership.id],
    ),
    milestones: await tx.query<{ id: string; projectId: string; title: string; dueDate: string }>(
      `select m.id, m.project_id as "projectId", m.title, to_char(m.due_date, 'YYYY-MM-DD') as "dueDate"
         from public.milestones m join public.projects p on p.id = m.project_id
        where m.partnership_id = $1 and p.status = 'approved' and m.status not in ('done', 'cancelled')
        order by m.project_id, m.position, m.due_date`,
      [partnership.id],
    ),
  }));
}

export type FieldOutcome = { ok: true; id: string } | { ok: false; field: string; message: string };

/** Drafts a pledge and its tranche schedule in one transaction (RLS: only for the caller's government). */
export async function createPledge(
  context: MemberContext,
  input: NewPledge,
): Promise<FieldOutcome> {
  const { user, partnership, membership } = context;
  if (!reaches(membership.role, "pledge") || !membership.memberId) {
    return { ok: false, field: "form", message: REFUSALS.pledgeForOwnGovernment };
  }
  const memberId = membership.memberId;
  try {
    return await user.db(async (tx) => {
      const [project] = await tx.query<{ status: string }>(
        "select status from public.projects where id = $1 and partnership_id = $2",
        [input.projectId, partnership.id],
      );
      if (!project || project.status !== "approved") {
        return {
          ok: false as const,
          field: "projectId",
          message: REFUSALS.pledgeToApprovedProject,
        };
      }
      if (input.tranches.some((tranche) => tranche.milestoneId)) {
        const ids = input.tranches.flatMap((tranche) => tranche.milestoneId ?? []);
        const found = await tx.query<{ id: string }>(
          "select id from public.milestones where project_id = $1 and id = any($2::uuid[])",
          [input.projectId, ids],
        );
        const known = new Set(found.map((row) => row.id));
        const bad = input.tranches.findIndex(
          (tranche) => tranche.milestoneId && !known.has(tranche.milestoneId),
        );
        if (bad >= 0) {
          return {
            ok: false as const,
            field: `tranches.${bad}.milestoneId`,
            message: REFUSALS.trancheMilestone,
          };
        }
      }
      const [pledge] = await tx.query<{ id: string }>(
        `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument,
                                     conditions, cofunding_rule, status)
         values ($1, $2, $3, $4::int8, $5, $6, $7, $8::text::jsonb, 'draft') returning id`,
        [
          partnership.id,
          input.projectId,
          memberId,
          input.amountMinor.toString(),
          input.currency,
          input.instrument,
          input.conditions,
          input.rule ? JSON.stringify(ruleToStored(input.rule)) : null,
        ],
      );
      if (!pledge) throw new Error("The pledge was not created.");
      for (const tranche of input.tranches) {
        await tx.query(
          `insert into public.tranches (partnership_id, pledge_id, milestone_id, amount_minor, due_date)
           values ($1, $2, $3, $4::int8, $5::date)`,
          [
            partnership.id,
            pledge.id,
            tranche.milestoneId,
            tranche.amountMinor.toString(),
            tranche.dueDate,
          ],
        );
      }
      return { ok: true as const, id: pledge.id };
    });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const fallback =
      refusal.kind === "forbidden" ? REFUSALS.pledgeForOwnGovernment : REFUSALS.pledgeRefused;
    return { ok: false, field: "form", message: refusal.message ?? fallback };
  }
}

export interface TrancheView {
  id: string;
  amountMinor: string;
  dueDate: string;
  status: "scheduled" | "requested" | "paid" | "cancelled";
  milestoneId: string | null;
  milestoneTitle: string | null;
  milestoneStatus: string | null;
  paidOn: string | null;
  paymentReference: string | null;
}

export interface AmendmentView {
  id: string;
  previousAmountMinor: string;
  newAmountMinor: string;
  reason: string;
  createdAt: Date;
  byName: string | null;
}

export interface PledgeDetail {
  pledge: PledgeRow & { ruleText: string; mine: boolean };
  projectStatus: string;
  tranches: TrancheView[];
  amendments: AmendmentView[];
  evaluation: EvaluatedPledge | null;
  canAct: boolean;
}

/**
 * One pledge with its history and tranches, its rule evaluated at the rates of `today` ('YYYY-MM-DD'), or
 * null when the caller may not see it (→ 404).
 */
export async function getPledge(
  context: MemberContext,
  pledgeId: string,
  today: string,
): Promise<PledgeDetail | null> {
  const { user, partnership, membership } = context;
  const loaded = await user.db(async (tx) => {
    const [pledge] = await tx.query<PledgeRow & { projectStatus: string }>(
      `select ${PLEDGE_COLUMNS}, pr.status as "projectStatus" from ${PLEDGE_FROM}
        where p.id = $1 and p.partnership_id = $2`,
      [pledgeId, partnership.id],
    );
    if (!pledge) return null;
    const tranches = await tx.query<TrancheView>(
      `select t.id, t.amount_minor::text as "amountMinor", to_char(t.due_date, 'YYYY-MM-DD') as "dueDate",
              t.status, t.milestone_id as "milestoneId", ms.title as "milestoneTitle",
              ms.status as "milestoneStatus", to_char(t.paid_at, 'YYYY-MM-DD') as "paidOn",
              t.payment_reference as "paymentReference"
         from public.tranches t left join public.milestones ms on ms.id = t.milestone_id
        where t.pledge_id = $1 order by t.due_date, t.created_at`,
      [pledgeId],
    );
    const amendments = await tx.query<AmendmentView>(
      `select a.id, a.previous_amount_minor::text as "previousAmountMinor",
              a.new_amount_minor::text as "newAmountMinor", a.reason, a.created_at as "createdAt",
              coalesce(pf.display_name, pf.email) as "byName"
         from public.pledge_amendments a left join public.profiles pf on pf.id = a.created_by
        where a.pledge_id = $1 order by a.created_at desc`,
      [pledgeId],
    );
    return { pledge, tranches, amendments };
  });
  if (!loaded) return null;
  const funding = await getProjectFunding(context, loaded.pledge.projectId, today);
  const mine = membership.memberId !== null && loaded.pledge.memberId === membership.memberId;
  return {
    pledge: {
      ...loaded.pledge,
      ruleText: describeRule(
        parseRule(loaded.pledge.rule),
        loaded.pledge.currency,
        partnership.reportingCurrency,
      ),
      mine,
    },
    projectStatus: loaded.pledge.projectStatus,
    tranches: loaded.tranches,
    amendments: loaded.amendments,
    evaluation: funding?.pledges.find((p) => p.id === pledgeId) ?? null,
    canAct: actsOnPledge(actorOf(context), loaded.pledge),
  };
}

export type ActionOutcome =
  { ok: true; notice: string } | { ok: false; status: number; field: string; message: string };

/** A refused change of a pledge (app/db/errors.ts) as the form shows it; anything else is rethrown. */
function refusal(error: unknown, field = "form"): ActionOutcome {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  const message =
    refusal.kind === "conflict"
      ? REFUSALS.pledgeChanged
      : refusal.kind === "not-found"
        ? REFUSALS.pledgeNotFound
        : (refusal.message ?? REFUSALS.changePledge);
  return { ok: false, status: refusal.status, field, message };
}

export async function commitPledge(
  { user }: MemberContext,
  pledgeId: string,
  version: number,
): Promise<ActionOutcome> {
  try {
    await user.db((tx) =>
      tx.query("select 1 from public.commit_pledge($1, $2)", [pledgeId, version]),
    );
    return { ok: true, notice: msg("pledges.detail.committedNotice") };
  } catch (error) {
    return refusal(error);
  }
}

export async function withdrawPledge(
  { user }: MemberContext,
  pledgeId: string,
  reason: string,
): Promise<ActionOutcome> {
  try {
    await user.db((tx) =>
      tx.query("select 1 from public.withdraw_pledge($1, $2)", [pledgeId, reason]),
    );
    return { ok: true, notice: msg("pledges.detail.withdrawnNotice") };
  } catch (error) {
    return refusal(error, "reason");
  }
}

/**
 * Amends a committed pledge's amount (amend_pledge records the amendment) and re-spreads the difference
 * over the still-scheduled tranches in the same transaction, so the schedule adds up to the new amount.
 */
export async function amendPledge(
  { user }: MemberContext,
  pledgeId: string,
  newAmountMinor: bigint,
  reason: string,
): Promise<ActionOutcome> {
  try {
    return await user.db(async (tx) => {
      const tranches = await tx.query<{ id: string; amountMinor: string; status: string }>(
        `select id, amount_minor::text as "amountMinor", status from public.tranches
          where pledge_id = $1 order by due_date, created_at`,
        [pledgeId],
      );
      const plan = respreadAfterAmendment(
        tranches.map((t) => ({
          id: t.id,
          amountMinor: BigInt(t.amountMinor),
          status: t.status as "scheduled" | "requested" | "paid" | "cancelled",
        })),
        newAmountMinor,
      );
      if (!plan.ok) {
        return { ok: false as const, status: 422, field: "newAmount", message: plan.message };
      }
      await tx.query("select 1 from public.amend_pledge($1, $2::int8, $3)", [
        pledgeId,
        newAmountMinor.toString(),
        reason,
      ]);
      for (const change of plan.changes) {
        await tx.query("update public.tranches set amount_minor = $2::int8 where id = $1", [
          change.id,
          change.amountMinor.toString(),
        ]);
      }
      return {
        ok: true as const,
        notice:
          plan.changes.length > 0
            ? msg("pledges.detail.amendedAdjusted", { count: plan.changes.length })
            : msg("pledges.detail.amendedNotice"),
      };
    });
  } catch (error) {
    return refusal(error, "newAmount");
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list's filters from its query string (unknown values are ignored, never an error). */
export function filtersFromUrl(url: URL): PledgeListFilters {
  const status = url.searchParams.get("status") ?? "";
  const projectId = url.searchParams.get("project") ?? "";
  const memberId = url.searchParams.get("government") ?? "";
  return {
    status: (["draft", "committed", "disbursing", "fulfilled", "withdrawn"] as const).find(
      (s) => s === status,
    ),
    projectId: UUID.test(projectId) ? projectId : undefined,
    memberId: UUID.test(memberId) ? memberId : undefined,
    mine: url.searchParams.get("mine") === "1",
  };
}
