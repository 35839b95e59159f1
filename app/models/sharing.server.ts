/*
 * Shared items (rule 8 of docs/security-model.md): what every technology offer, technology request and national
 * action has in common — its owning government and its audience — run as the signed-in member under RLS
 * (user.db). The database decides who sees what (private.may_see_item); these functions never filter for it, and
 * an item the member may not see reads exactly like one that does not exist.
 *
 * A changed audience takes effect on the next request: RLS is evaluated per statement, nothing is cached.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { databaseError, refusalOf, REFUSAL_STATUS } from "~/db/errors";
import { ownsItem, actorOf, reaches } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import type { Audience, AudienceInput, ItemType, SetAudienceInput } from "~/domain/sharing";
import { diffRows, type FieldChange } from "./audit-history.server";
import { isUuid } from "./projects.server";

/* Outcomes ------------------------------------------------------------------------------------------- */

/** A refused change, as a form shows it: the field it concerns ("form" for the whole form) and a sentence. */
export interface Refused {
  ok: false;
  status: 400 | 402 | 403 | 404 | 409 | 422;
  field: string;
  message: string;
}

export type Outcome<T extends object = { id: string }> = ({ ok: true } & T) | Refused;

export function refused(status: Refused["status"], message: string, field = "form"): Refused {
  return { ok: false, status, field, message };
}

/** The sentences a model says for each kind of refusal of its operation. */
export interface RefusalSentences {
  forbidden: string;
  notFound: string;
  conflict: string;
}

/**
 * A database refusal (app/db/errors.ts) as an outcome: the database's own sentence where it has one (guard
 * triggers explain themselves), the operation's sentence otherwise. A unique violation is a conflict. Anything
 * else is a real error and is rethrown.
 */
export function refusalOutcome(
  error: unknown,
  sentences: RefusalSentences,
  field = "form",
): Refused {
  if (databaseError(error)?.code === "23505") {
    return refused(REFUSAL_STATUS.conflict, sentences.conflict, field);
  }
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  switch (refusal.kind) {
    case "not-found":
      return refused(refusal.status, sentences.notFound, field);
    case "conflict":
      return refused(refusal.status, sentences.conflict, field);
    case "forbidden":
      return refused(refusal.status, refusal.message ?? sentences.forbidden, field);
    default:
      return refused(refusal.status, refusal.message ?? REFUSALS.itemRefused, field);
  }
}

/** Thrown inside a transaction to roll it back when the version the person saw is no longer current. */
export class StaleVersion extends Error {}

export const ITEM_SENTENCES: RefusalSentences = {
  forbidden: REFUSALS.changeItem,
  notFound: REFUSALS.itemNotFound,
  conflict: REFUSALS.itemChanged,
};

/** The item tables a versioned change may name: fixed names, never taken from input. */
export type ItemTable =
  "public.technology_offers" | "public.technology_requests" | "public.national_actions";

/**
 * One change to an item the member's government owns, against the version the person saw (offers, requests and
 * national actions alike): the item is read from `table` (404 when the member does not see it, 403 when another
 * government owns it), its version compared, then `write` runs its update `where id = $1 and version = $2` and
 * returns the new version, a refusal of its own, or nothing when the update matched no row. A version that is
 * not current answers 409 and rolls the transaction back; other database refusals are named in `field`.
 */
export async function changeOwnedItem(
  context: MemberContext,
  table: ItemTable,
  input: { itemId: string; version: number },
  write: (tx: Queryable) => Promise<{ version: number } | Refused | undefined>,
  field = "form",
): Promise<Outcome<{ version: number }>> {
  if (!isUuid(input.itemId)) return refused(404, REFUSALS.itemNotFound);
  try {
    return await context.user.db(async (tx) => {
      const [current] = await tx.query<{ version: number; ownerMemberId: string }>(
        `select t.version, s.owner_member_id as "ownerMemberId"
           from ${table} t join public.shared_items s on s.id = t.id
          where t.id = $1 and t.partnership_id = $2`,
        [input.itemId, context.partnership.id],
      );
      if (!current) return refused(404, REFUSALS.itemNotFound);
      if (!ownsItem(actorOf(context), current)) return refused(403, REFUSALS.changeItem);
      if (current.version !== input.version) throw new StaleVersion();
      const written = await write(tx);
      if (!written) throw new StaleVersion();
      return "ok" in written ? written : { ok: true as const, version: written.version };
    });
  } catch (error) {
    if (error instanceof StaleVersion) return refused(409, REFUSALS.itemChanged);
    return refusalOutcome(error, ITEM_SENTENCES, field);
  }
}

/* Writing an item's owner and audience ------------------------------------------------------------- */

/** Whether the member acts for a government that may share items (a delegate); its id, or null. */
export function sharingGovernment(context: MemberContext): string | null {
  const { membership } = context;
  return reaches(membership.role, "shareItems") ? membership.memberId : null;
}

/**
 * Checks what a form names before writing it: the chosen governments are of this partnership, the contact is an
 * active delegate of the member's government. The database enforces both; this names the field.
 */
export async function checkParties(
  tx: Queryable,
  context: MemberContext,
  parties: { memberIds: readonly string[]; contactMembershipId?: string | null },
): Promise<Refused | null> {
  const { partnership, membership } = context;
  if (parties.memberIds.length > 0) {
    const known = await tx.query<{ id: string }>(
      "select id from public.members where partnership_id = $1 and id = any($2::uuid[])",
      [partnership.id, [...parties.memberIds]],
    );
    if (known.length !== new Set(parties.memberIds).size) {
      return refused(422, REFUSALS.unknownAudience, "memberIds");
    }
  }
  if (parties.contactMembershipId) {
    const [contact] = await tx.query(
      `select 1 from public.memberships where id = $1 and partnership_id = $2 and member_id = $3
          and role = 'delegate' and status = 'active'`,
      [parties.contactMembershipId, partnership.id, membership.memberId],
    );
    if (!contact) return refused(422, REFUSALS.unknownContact, "contactMembershipId");
  }
  return null;
}

/** Makes the audience list exactly `memberIds` (the owning government itself is never listed: it always sees). */
async function writeAudienceList(
  tx: Queryable,
  partnershipId: string,
  itemId: string,
  ownerMemberId: string,
  memberIds: readonly string[],
): Promise<void> {
  const others = memberIds.filter((id) => id !== ownerMemberId);
  await tx.query(
    "delete from public.shared_item_audiences where item_id = $1 and not (member_id = any($2::uuid[]))",
    [itemId, others],
  );
  await tx.query(
    `insert into public.shared_item_audiences (partnership_id, item_id, member_id)
     select $1, $2, chosen from unnest($3::uuid[]) as chosen
      where not exists (select 1 from public.shared_item_audiences a where a.item_id = $2 and a.member_id = chosen)`,
    [partnershipId, itemId, others],
  );
}

/** Creates the shared item of a new offer, request or action, with its audience; returns its id. */
export async function insertSharedItem(
  tx: Queryable,
  partnershipId: string,
  ownerMemberId: string,
  itemType: ItemType,
  audience: AudienceInput,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into public.shared_items (partnership_id, item_type, owner_member_id, audience, includes_secretariat)
     values ($1, $2, $3, $4, $5) returning id`,
    [partnershipId, itemType, ownerMemberId, audience.audience, audience.includesSecretariat],
  );
  if (!row) throw new Error("The shared item was not created.");
  await writeAudienceList(tx, partnershipId, row.id, ownerMemberId, audience.memberIds);
  return row.id;
}

/**
 * Changes who sees an item, against the version of its audience the owner saw (`SetAudienceInput.version`).
 * Takes effect on everyone's next request. The item's row is updated even when only the list changes, so its
 * version moves on and the live stream tells those who still see it.
 */
export async function setAudience(
  context: MemberContext,
  input: SetAudienceInput,
): Promise<Outcome<{ version: number }>> {
  const { user, partnership } = context;
  if (!isUuid(input.itemId)) return refused(404, REFUSALS.itemNotFound);
  try {
    return await user.db(async (tx) => {
      const [item] = await tx.query<{ ownerMemberId: string; version: number }>(
        `select owner_member_id as "ownerMemberId", version from public.shared_items
          where id = $1 and partnership_id = $2`,
        [input.itemId, partnership.id],
      );
      if (!item) return refused(404, REFUSALS.itemNotFound);
      if (!ownsItem(actorOf(context), item)) return refused(403, REFUSALS.changeItem);
      if (item.version !== input.version) throw new StaleVersion();
      const problem = await checkParties(tx, context, { memberIds: input.memberIds });
      if (problem) return problem;
      const [updated] = await tx.query<{ version: number }>(
        `update public.shared_items set audience = $2, includes_secretariat = $3
          where id = $1 and version = $4 returning version`,
        [input.itemId, input.audience, input.includesSecretariat, input.version],
      );
      if (!updated) throw new StaleVersion();
      await writeAudienceList(
        tx,
        partnership.id,
        input.itemId,
        item.ownerMemberId,
        input.memberIds,
      );
      return { ok: true as const, version: updated.version };
    });
  } catch (error) {
    if (error instanceof StaleVersion) return refused(409, REFUSALS.itemChanged);
    return refusalOutcome(error, ITEM_SENTENCES);
  }
}

/**
 * Removes an item of the member's government (its content and audience go with it). An item that drew
 * expressions of interest stays on the record: it is closed instead.
 */
export async function deleteItem(context: MemberContext, itemId: string): Promise<Outcome> {
  const { user, partnership } = context;
  if (!isUuid(itemId)) return refused(404, REFUSALS.itemNotFound);
  try {
    return await user.db(async (tx) => {
      const [item] = await tx.query<{ ownerMemberId: string }>(
        `select owner_member_id as "ownerMemberId" from public.shared_items where id = $1 and partnership_id = $2`,
        [itemId, partnership.id],
      );
      if (!item) return refused(404, REFUSALS.itemNotFound);
      if (!ownsItem(actorOf(context), item)) return refused(403, REFUSALS.changeItem);
      const [interest] = await tx.query(
        "select 1 from public.expressions_of_interest where item_id = $1 limit 1",
        [itemId],
      );
      if (interest) return refused(409, REFUSALS.itemHasInterest);
      const gone = await tx.query<{ id: string }>(
        "delete from public.shared_items where id = $1 returning id",
        [itemId],
      );
      return gone.length === 1
        ? { ok: true as const, id: itemId }
        : refused(403, REFUSALS.changeItem);
    });
  } catch (error) {
    // An expression written meanwhile keeps the item (its foreign key has no cascade).
    if (databaseError(error)?.code === "23503") return refused(409, REFUSALS.itemHasInterest);
    return refusalOutcome(error, ITEM_SENTENCES);
  }
}

/* Reading an item's audience ----------------------------------------------------------------------- */

/** What every view of an item shows about its sharing. */
export interface ItemSharing {
  ownerMemberId: string;
  ownerCode: string;
  ownerName: string;
  audience: Audience;
  includesSecretariat: boolean;
  /** The version of the audience, for the audience form. */
  audienceVersion: number;
  /** Whether the member's own government owns it (it edits it and chooses its audience). */
  mine: boolean;
}

// i18n-exempt: SQL columns
/** The columns of ItemSharing, from `public.shared_items s join public.members own on own.id = s.owner_member_id`. */
export const SHARING_COLUMNS = `s.owner_member_id as "ownerMemberId", own.code as "ownerCode",
  own.name as "ownerName", s.audience, s.includes_secretariat as "includesSecretariat",
  s.version as "audienceVersion"`;

/** The governments an item is shared with, for its owner; null for anyone else (the list is the owner's). */
export async function getAudienceList(
  tx: Queryable,
  itemId: string,
): Promise<Array<{ id: string; code: string; name: string }>> {
  return tx.query<{ id: string; code: string; name: string }>(
    `select m.id, m.code, m.name from public.shared_item_audiences a join public.members m on m.id = a.member_id
      where a.item_id = $1 order by m.name`,
    [itemId],
  );
}

/** The governments the member may share with: every government of the partnership but their own. */
export function audienceOptions({
  user,
  partnership,
  membership,
}: MemberContext): Promise<Array<{ id: string; code: string; name: string }>> {
  return user.db((tx) =>
    tx.query<{ id: string; code: string; name: string }>(
      `select id, code, name from public.members
        where partnership_id = $1 and id is distinct from $2::uuid order by name`,
      [partnership.id, membership.memberId],
    ),
  );
}

/** The governments' names by id, for an item's history (the member's own government included). */
export async function governmentNames(context: MemberContext): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const government of await audienceOptions(context)) names[government.id] = government.name;
  const { memberId, memberName } = context.membership;
  if (memberId && memberName) names[memberId] = memberName;
  return names;
}

/** The active delegates of the member's government, by name: the contacts an item may name. */
export function governmentDelegates({
  user,
  partnership,
  membership,
}: MemberContext): Promise<Array<{ id: string; name: string }>> {
  if (!membership.memberId) return Promise.resolve([]);
  return user.db((tx) =>
    tx.query<{ id: string; name: string }>(
      `select m.id, coalesce(pr.display_name, pr.email, '') as name
         from public.memberships m left join public.profiles pr on pr.id = m.user_id
        where m.partnership_id = $1 and m.member_id = $2 and m.role = 'delegate' and m.status = 'active'
        order by 2`,
      [partnership.id, membership.memberId],
    ),
  );
}

/* An item's history -------------------------------------------------------------------------------- */

export interface ItemHistoryEvent {
  id: string;
  at: Date;
  actor: string | null;
  action: "insert" | "update" | "delete";
  table: string;
  changes: FieldChange[];
}

/**
 * The history of an item (its audience, content, expressions of interest and presentations), newest first, as
 * far as the audit trail's policies let the member read it: the owning government reads all of it; others read
 * what concerns them while the item is shared with them, and nothing written while it was private.
 */
export async function getItemHistory(
  { user, partnership }: MemberContext,
  itemId: string,
  limit = 100,
): Promise<ItemHistoryEvent[]> {
  if (!isUuid(itemId)) return [];
  const rows = await user.db((tx) =>
    tx.query<{
      id: string;
      at: Date;
      actor: string | null;
      action: ItemHistoryEvent["action"];
      table: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>(
      `select e.id::text, e.created_at as at, coalesce(pr.display_name, pr.email) as actor, e.action, e.table_name as "table",
              e.before, e.after
         from public.audit_events e left join public.profiles pr on pr.id = e.actor_id
        where e.partnership_id = $1 and e.scope = 'sharing' and e.item_id = $2
        order by e.id desc limit $3`,
      [partnership.id, itemId, limit],
    ),
  );
  return rows.map(({ before, after, ...event }) => ({
    ...event,
    changes: diffRows(before, after),
  }));
}
