/*
 * National actions as the signed-in member sees them (RLS through user.db; rule 8): what each government has
 * under way, shared with the audience it chose, and the ministerial meetings each was presented at.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import type {
  ActionKind,
  ActionStatus,
  EditNationalActionInput,
  NationalActionInput,
} from "~/domain/national-actions";
import { actorOf, ownsItem } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import { isUuid } from "./projects.server";
import {
  changeOwnedItem,
  checkParties,
  getAudienceList,
  insertSharedItem,
  ITEM_SENTENCES,
  refusalOutcome,
  refused,
  SHARING_COLUMNS,
  sharingGovernment,
  type ItemSharing,
  type Outcome,
} from "./sharing.server";

export interface NationalActionRow extends ItemSharing {
  id: string;
  kind: ActionKind;
  title: string;
  summary: string;
  minerals: string[];
  status: ActionStatus;
  /** Minor units as a digit string (exact), with its currency; both null when no amount was given. */
  amountMinor: string | null;
  currency: string | null;
  startsOn: string | null;
  targetOn: string | null;
  publicUrl: string | null;
  version: number;
  updatedAt: Date;
}

export interface NationalActionFilters {
  kind?: ActionKind;
  status?: ActionStatus;
  mineral?: string;
  /** One government's actions (the country page). */
  ownerMemberId?: string;
}

// i18n-exempt: SQL columns
const COLUMNS = `a.id, a.kind, a.title, a.summary, a.minerals, a.status, a.amount_minor::text as "amountMinor",
  a.currency::text as currency, a.starts_on::text as "startsOn", a.target_on::text as "targetOn",
  a.public_url as "publicUrl", a.version, a.updated_at as "updatedAt", ${SHARING_COLUMNS}`;
const FROM = `public.national_actions a
  join public.shared_items s on s.id = a.id
  join public.members own on own.id = s.owner_member_id`;

/** The national actions the member may see, in `tx` (shared with the country page's model). */
export async function queryNationalActions(
  tx: Queryable,
  context: MemberContext,
  filters: NationalActionFilters = {},
): Promise<NationalActionRow[]> {
  const rows = await tx.query<Omit<NationalActionRow, "mine">>(
    `select ${COLUMNS} from ${FROM}
      where a.partnership_id = $1
        and ($2::text is null or a.kind = $2)
        and ($3::text is null or a.status = $3)
        and ($4::text is null or a.minerals @> array[$4]::text[])
        and ($5::uuid is null or s.owner_member_id = $5)
      order by own.name, a.starts_on nulls last, a.title`,
    [
      context.partnership.id,
      filters.kind ?? null,
      filters.status ?? null,
      filters.mineral ?? null,
      filters.ownerMemberId ?? null,
    ],
  );
  const actor = actorOf(context);
  return rows.map((row) => ({ ...row, mine: ownsItem(actor, row) }));
}

export function listNationalActions(
  context: MemberContext,
  filters: NationalActionFilters = {},
): Promise<NationalActionRow[]> {
  return context.user.db((tx) => queryNationalActions(tx, context, filters));
}

export interface NationalActionDetail extends NationalActionRow {
  /** The governments it is shared with: for its own government only (null for anyone else). */
  audienceList: Array<{ id: string; code: string; name: string }> | null;
  /** The meetings it was presented at, oldest first. */
  presentedAt: Array<{
    presentationId: string;
    meetingId: string;
    title: string;
    place: string;
    heldOn: string;
  }>;
}

/** One national action, or null when the member may not see it (→ 404). */
export async function getNationalAction(
  context: MemberContext,
  actionId: string,
): Promise<NationalActionDetail | null> {
  if (!isUuid(actionId)) return null;
  return context.user.db(async (tx) => {
    const [row] = await tx.query<Omit<NationalActionRow, "mine">>(
      `select ${COLUMNS} from ${FROM} where a.id = $1 and a.partnership_id = $2`,
      [actionId, context.partnership.id],
    );
    if (!row) return null;
    const mine = ownsItem(actorOf(context), row);
    return {
      ...row,
      mine,
      audienceList: mine ? await getAudienceList(tx, actionId) : null,
      presentedAt: await tx.query<NationalActionDetail["presentedAt"][number]>(
        `select p.id as "presentationId", m.id as "meetingId", m.title, m.place, m.held_on::text as "heldOn"
           from public.meeting_presentations p join public.meetings m on m.id = p.meeting_id
          where p.action_id = $1 order by m.held_on, m.title`,
        [actionId],
      ),
    };
  });
}

/** A new national action of the member's government, with its audience, in one transaction. */
export async function createNationalAction(
  context: MemberContext,
  input: NationalActionInput,
): Promise<Outcome> {
  const government = sharingGovernment(context);
  if (!government) return refused(403, REFUSALS.shareForOwnGovernment);
  try {
    return await context.user.db(async (tx) => {
      const problem = await checkParties(tx, context, { memberIds: input.memberIds });
      if (problem) return problem;
      const id = await insertSharedItem(
        tx,
        context.partnership.id,
        government,
        "national_action",
        input,
      );
      await tx.query(
        `insert into public.national_actions (id, partnership_id, kind, title, summary, minerals, status,
           amount_minor, currency, starts_on, target_on, public_url)
         values ($1, $2, $3, $4, $5, $6::text[], $7, $8::int8, $9, $10::date, $11::date, $12)`,
        [
          id,
          context.partnership.id,
          input.kind,
          input.title,
          input.summary,
          input.minerals,
          input.status,
          input.amountMinor,
          input.currency,
          input.startsOn,
          input.targetOn,
          input.publicUrl,
        ],
      );
      return { ok: true as const, id };
    });
  } catch (error) {
    return refusalOutcome(error, { ...ITEM_SENTENCES, forbidden: REFUSALS.shareForOwnGovernment });
  }
}

/** Edits a national action (its government's delegates), against the version the person saw. */
export function updateNationalAction(
  context: MemberContext,
  input: EditNationalActionInput,
): Promise<Outcome<{ version: number }>> {
  return changeOwnedItem(context, "public.national_actions", input, async (tx) => {
    const [row] = await tx.query<{ version: number }>(
      `update public.national_actions set kind = $3, title = $4, summary = $5, minerals = $6::text[], status = $7,
              amount_minor = $8::int8, currency = $9, starts_on = $10::date, target_on = $11::date, public_url = $12
        where id = $1 and version = $2 returning version`,
      [
        input.itemId,
        input.version,
        input.kind,
        input.title,
        input.summary,
        input.minerals,
        input.status,
        input.amountMinor,
        input.currency,
        input.startsOn,
        input.targetOn,
        input.publicUrl,
      ],
    );
    return row;
  });
}
