/*
 * Editing a draft pledge's terms (ADR 110): amount, currency, instrument, conditions, co-funding rule and its
 * tranches, in one transaction against the version the person saw, until the pledge is committed. A committed
 * pledge changes only by amendment (amend_pledge). The audit trail records each change (triggers on pledges
 * and tranches); a draft's events stay with its own government (ADR 012).
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { refusalOf } from "~/db/errors";
import { ruleToStored, type NewPledge } from "~/domain/pledges";
import { REFUSALS } from "~/domain/refusals";
import { msg } from "~/i18n/message";

export type PledgeEditOutcome =
  | { ok: true; id: string; version: number }
  | { ok: false; status: 400 | 402 | 403 | 404 | 409 | 422; field: string; message: string };

class Refused extends Error {
  constructor(readonly outcome: Exclude<PledgeEditOutcome, { ok: true }>) {
    super("refused");
  }
}

/** The index of the first tranche whose milestone is not one of the project's, or -1. */
async function badMilestone(tx: Queryable, projectId: string, input: NewPledge): Promise<number> {
  const wanted = input.tranches.flatMap((tranche) => tranche.milestoneId ?? []);
  if (wanted.length === 0) return -1;
  const found = await tx.query<{ id: string }>(
    "select id from public.milestones where project_id = $1 and id = any($2::uuid[])",
    [projectId, wanted],
  );
  const known = new Set(found.map((row) => row.id));
  return input.tranches.findIndex((t) => t.milestoneId !== null && !known.has(t.milestoneId));
}

export async function editDraftPledge(
  { user, partnership }: MemberContext,
  pledgeId: string,
  version: number,
  input: NewPledge,
): Promise<PledgeEditOutcome> {
  try {
    return await user.db(async (tx) => {
      const [current] = await tx.query<{ projectId: string; status: string; version: number }>(
        `select project_id as "projectId", status, version from public.pledges
          where id = $1 and partnership_id = $2`,
        [pledgeId, partnership.id],
      );
      if (!current) {
        throw new Refused({
          ok: false,
          status: 404,
          field: "form",
          message: REFUSALS.pledgeNotFound,
        });
      }
      if (current.version !== version) {
        throw new Refused({
          ok: false,
          status: 409,
          field: "form",
          message: msg("everyday.edit.stalePledge", { version: current.version }),
        });
      }
      if (current.status !== "draft") {
        throw new Refused({
          ok: false,
          status: 422,
          field: "form",
          message: msg("everyday.edit.pledgeNotDraft"),
        });
      }
      const bad = await badMilestone(tx, current.projectId, input);
      if (bad >= 0) {
        throw new Refused({
          ok: false,
          status: 422,
          field: `tranches.${bad}.milestoneId`,
          message: REFUSALS.trancheMilestone,
        });
      }
      const [row] = await tx.query<{ version: number }>(
        `update public.pledges
            set amount_minor = $3::int8, currency = $4, instrument = $5, conditions = $6,
                cofunding_rule = $7::text::jsonb
          where id = $1 and version = $2 and status = 'draft'
          returning version`,
        [
          pledgeId,
          version,
          input.amountMinor.toString(),
          input.currency,
          input.instrument,
          input.conditions,
          input.rule ? JSON.stringify(ruleToStored(input.rule)) : null,
        ],
      );
      if (!row) {
        throw new Refused({
          ok: false,
          status: 403,
          field: "form",
          message: REFUSALS.changePledge,
        });
      }
      await tx.query("delete from public.tranches where pledge_id = $1 and status = 'scheduled'", [
        pledgeId,
      ]);
      for (const tranche of input.tranches) {
        await tx.query(
          `insert into public.tranches (partnership_id, pledge_id, milestone_id, amount_minor, due_date)
           values ($1, $2, $3, $4::int8, $5::date)`,
          [
            partnership.id,
            pledgeId,
            tranche.milestoneId,
            tranche.amountMinor.toString(),
            tranche.dueDate,
          ],
        );
      }
      return { ok: true, id: pledgeId, version: row.version } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (refusal.kind === "not-found") {
      return { ok: false, status: 404, field: "form", message: REFUSALS.pledgeNotFound };
    }
    return {
      ok: false,
      status: refusal.status,
      field: "form",
      message: refusal.message ?? REFUSALS.pledgeRefused,
    };
  }
}

/** A draft pledge's terms as the pledge form's fields (amounts as plain decimals, typed in English). */
export interface DraftPledgeTerms {
  id: string;
  projectId: string;
  memberId: string;
  status: string;
  version: number;
  amountMinor: string;
  currency: string;
  instrument: string;
  conditions: string | null;
  cofundingRule: unknown;
  tranches: Array<{ amountMinor: string; dueDate: string; milestoneId: string | null }>;
}

export async function getDraftPledgeTerms(
  { user, partnership }: MemberContext,
  pledgeId: string,
): Promise<DraftPledgeTerms | null> {
  return user.db(async (tx) => {
    const [pledge] = await tx.query<Omit<DraftPledgeTerms, "tranches">>(
      `select id, project_id as "projectId", member_id as "memberId", status, version,
              amount_minor::text as "amountMinor", trim(currency) as currency, instrument, conditions,
              cofunding_rule as "cofundingRule"
         from public.pledges where id = $1 and partnership_id = $2`,
      [pledgeId, partnership.id],
    );
    if (!pledge) return null;
    const tranches = await tx.query<DraftPledgeTerms["tranches"][number]>(
      `select amount_minor::text as "amountMinor", due_date::text as "dueDate", milestone_id as "milestoneId"
         from public.tranches where pledge_id = $1 order by due_date, id`,
      [pledgeId],
    );
    return { ...pledge, tranches };
  });
}
