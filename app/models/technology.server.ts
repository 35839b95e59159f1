/*
 * The technology register as the signed-in member sees it (RLS through user.db; rule 8): offers and requests,
 * expressions of interest and their conversations, and the offers that match a request. Every list is what the
 * database lets the member read; nothing here decides visibility. Changes are made against the version the
 * person saw and come back as outcomes with a sentence (./sharing.server.ts).
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import {
  actorOf,
  interestMoves,
  ownsItem,
  reaches,
  type InterestParties,
} from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import {
  ITEM_TRANSITIONS,
  matchOffers,
  sharedMinerals,
  type EditTechnologyItemInput,
  type InterestInput,
  type InterestMoveInput,
  type InterestStatus,
  type ItemStatusInput,
  type TechnologyCategory,
  type TechnologyItemInput,
  type TechnologyKind,
  type TechnologyStatus,
} from "~/domain/technology";
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
  StaleVersion,
  type ItemSharing,
  type ItemTable,
  type Outcome,
  type RefusalSentences,
} from "./sharing.server";

/** The table of each kind: fixed names, never taken from input. */
const TABLE: Record<TechnologyKind, ItemTable> = {
  offer: "public.technology_offers",
  request: "public.technology_requests",
};
const ITEM_TYPE = { offer: "technology_offer", request: "technology_request" } as const;

/* Lists ------------------------------------------------------------------------------------------------ */

export interface TechnologyListRow extends ItemSharing {
  id: string;
  kind: TechnologyKind;
  title: string;
  category: TechnologyCategory;
  minerals: string[];
  trl: number;
  holderOrganisation: string;
  status: TechnologyStatus;
  exportControlled: boolean;
  version: number;
  updatedAt: Date;
}

export interface TechnologyFilters {
  category?: TechnologyCategory;
  mineral?: string;
  status?: TechnologyStatus;
  /** One government's items (the country page). */
  ownerMemberId?: string;
}

// i18n-exempt: SQL columns
const LIST_COLUMNS = `t.id, t.title, t.category, t.minerals, t.trl, t.holder_organisation as "holderOrganisation",
  t.status, t.export_controlled as "exportControlled", t.version, t.updated_at as "updatedAt", ${SHARING_COLUMNS}`;

/** The rows of one kind the member may see, in `tx` (shared with the country page's model). */
export async function queryTechnology(
  tx: Queryable,
  context: MemberContext,
  kind: TechnologyKind,
  filters: TechnologyFilters = {},
): Promise<TechnologyListRow[]> {
  const rows = await tx.query<Omit<TechnologyListRow, "kind" | "mine">>(
    `select ${LIST_COLUMNS}
       from ${TABLE[kind]} t
       join public.shared_items s on s.id = t.id
       join public.members own on own.id = s.owner_member_id
      where t.partnership_id = $1
        and ($2::text is null or t.category = $2)
        and ($3::text is null or t.minerals @> array[$3]::text[])
        and ($4::text is null or t.status = $4)
        and ($5::uuid is null or s.owner_member_id = $5)
      order by t.updated_at desc, t.id`,
    [
      context.partnership.id,
      filters.category ?? null,
      filters.mineral ?? null,
      filters.status ?? null,
      filters.ownerMemberId ?? null,
    ],
  );
  return rows.map((row) => ({
    ...row,
    kind,
    mine: ownsItem(actorOf(context), row),
  }));
}

/** The technology offers the member may see. */
export function listOffers(
  context: MemberContext,
  filters: TechnologyFilters = {},
): Promise<TechnologyListRow[]> {
  return context.user.db((tx) => queryTechnology(tx, context, "offer", filters));
}

/** The technology requests the member may see. */
export function listRequests(
  context: MemberContext,
  filters: TechnologyFilters = {},
): Promise<TechnologyListRow[]> {
  return context.user.db((tx) => queryTechnology(tx, context, "request", filters));
}

/* One item ------------------------------------------------------------------------------------------- */

export interface InterestView extends InterestParties {
  id: string;
  itemId: string;
  itemType: "technology_offer" | "technology_request";
  memberCode: string;
  memberName: string;
  message: string;
  termsSummary: string | null;
  agreedOn: string | null;
  version: number;
  createdAt: Date;
  /** Where the member may move it (empty when they may not). */
  moves: InterestStatus[];
}

export interface OfferMatch {
  id: string;
  ownerMemberId: string;
  ownerName: string;
  title: string;
  category: TechnologyCategory;
  minerals: string[];
  trl: number;
  status: TechnologyStatus;
  /** The minerals it shares with the request. */
  sharedMinerals: string[];
}

export interface TechnologyDetail extends TechnologyListRow {
  description: string | null;
  licensingTerms: string | null;
  exportControlRegime: string | null;
  exportControlNote: string | null;
  contactMembershipId: string | null;
  contactName: string | null;
  /** The governments it is shared with: for its own government only (null for anyone else). */
  audienceList: Array<{ id: string; code: string; name: string }> | null;
  /** The expressions of interest the member may read: both sides' own, all of them for the item's government. */
  interests: InterestView[];
  /** The statuses the member may move it to (its own government's delegates). */
  statusMoves: TechnologyStatus[];
  /** Whether the member may express interest (or answer): another government's delegate, with none open. */
  mayExpressInterest: boolean;
  /** For a request: the offers that match it, that its government may see. Empty for an offer. */
  matches: OfferMatch[];
}

// i18n-exempt: SQL columns
const INTEREST_COLUMNS = `i.id, i.item_id as "itemId", i.item_type as "itemType",
  i.owner_member_id as "ownerMemberId", i.member_id as "memberId", m.code as "memberCode",
  m.name as "memberName", i.message, i.status, i.terms_summary as "termsSummary", i.agreed_on::text as "agreedOn",
  i.version, i.created_at as "createdAt"`;

async function queryInterests(
  tx: Queryable,
  context: MemberContext,
  where: string,
  params: unknown[],
): Promise<InterestView[]> {
  const rows = await tx.query<Omit<InterestView, "moves">>(
    `select ${INTEREST_COLUMNS}
       from public.expressions_of_interest i join public.members m on m.id = i.member_id
      where i.partnership_id = $1 and ${where}
      order by i.created_at desc, i.id`,
    [context.partnership.id, ...params],
  );
  const actor = actorOf(context);
  return rows.map((row) => ({ ...row, moves: interestMoves(actor, row) }));
}

/**
 * One offer or request with its conversations (and, for a request, its matches), or null when the member may
 * not see it (→ 404, the same answer as for one that does not exist).
 */
export async function getTechnologyItem(
  context: MemberContext,
  kind: TechnologyKind,
  itemId: string,
): Promise<TechnologyDetail | null> {
  if (!isUuid(itemId)) return null;
  const actor = actorOf(context);
  const loaded = await context.user.db(async (tx) => {
    const [row] = await tx.query<
      Omit<TechnologyDetail, "kind" | "mine" | "audienceList" | "interests">
    >(
      `select ${LIST_COLUMNS}, t.description, t.licensing_terms as "licensingTerms",
              t.export_control_regime as "exportControlRegime", t.export_control_note as "exportControlNote",
              t.contact_membership_id as "contactMembershipId", coalesce(pr.display_name, pr.email) as "contactName"
         from ${TABLE[kind]} t
         join public.shared_items s on s.id = t.id
         join public.members own on own.id = s.owner_member_id
         left join public.memberships c on c.id = t.contact_membership_id
         left join public.profiles pr on pr.id = c.user_id
        where t.id = $1 and t.partnership_id = $2`,
      [itemId, context.partnership.id],
    );
    if (!row) return null;
    const mine = ownsItem(actor, row);
    return {
      row,
      mine,
      audienceList: mine ? await getAudienceList(tx, itemId) : null,
      interests: await queryInterests(tx, context, "i.item_id = $2", [itemId]),
      matches: kind === "request" ? await queryMatches(tx, context, itemId) : [],
    };
  });
  if (!loaded) return null;
  const { row, mine, audienceList, interests, matches } = loaded;
  const openOfMine = interests.some(
    (interest) =>
      interest.memberId === actor.memberId &&
      (interest.status === "sent" || interest.status === "in_talks"),
  );
  return {
    ...row,
    kind,
    mine,
    audienceList,
    interests,
    matches,
    statusMoves: mine ? [...ITEM_TRANSITIONS[row.status]] : [],
    mayExpressInterest:
      reaches(actor.role, "shareItems") &&
      actor.memberId !== null &&
      !mine &&
      row.status !== "closed" &&
      !openOfMine,
  };
}

/* Writing offers and requests ---------------------------------------------------------------------- */

const SHARE_SENTENCES: RefusalSentences = {
  ...ITEM_SENTENCES,
  forbidden: REFUSALS.shareForOwnGovernment,
};

/** A new offer or request of the member's government, with its audience, in one transaction. */
export async function createTechnologyItem(
  context: MemberContext,
  kind: TechnologyKind,
  input: TechnologyItemInput,
): Promise<Outcome> {
  const government = sharingGovernment(context);
  if (!government) return refused(403, REFUSALS.shareForOwnGovernment);
  const contact = input.contactMembershipId ?? context.membership.membershipId;
  try {
    return await context.user.db(async (tx) => {
      const problem = await checkParties(tx, context, {
        memberIds: input.memberIds,
        contactMembershipId: contact,
      });
      if (problem) return problem;
      const id = await insertSharedItem(
        tx,
        context.partnership.id,
        government,
        ITEM_TYPE[kind],
        input,
      );
      await tx.query(
        `insert into ${TABLE[kind]} (id, partnership_id, title, description, category, minerals, trl,
           holder_organisation, licensing_terms, export_controlled, export_control_regime, export_control_note,
           contact_membership_id)
         values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12, $13)`,
        [
          id,
          context.partnership.id,
          input.title,
          input.description,
          input.category,
          input.minerals,
          input.trl,
          input.holderOrganisation,
          input.licensingTerms,
          input.exportControlled,
          input.exportControlRegime,
          input.exportControlNote,
          contact,
        ],
      );
      return { ok: true as const, id };
    });
  } catch (error) {
    return refusalOutcome(error, SHARE_SENTENCES);
  }
}

/** Edits an offer's or request's fields against the version the person saw (its government's delegates). */
export function updateTechnologyItem(
  context: MemberContext,
  kind: TechnologyKind,
  input: EditTechnologyItemInput,
): Promise<Outcome<{ version: number }>> {
  return changeOwnedItem(context, TABLE[kind], input, async (tx) => {
    const problem = await checkParties(tx, context, {
      memberIds: [],
      contactMembershipId: input.contactMembershipId,
    });
    if (problem) return problem;
    const [row] = await tx.query<{ version: number }>(
      `update ${TABLE[kind]} set title = $3, description = $4, category = $5, minerals = $6::text[], trl = $7,
              holder_organisation = $8, licensing_terms = $9, export_controlled = $10,
              export_control_regime = $11, export_control_note = $12,
              contact_membership_id = coalesce($13, contact_membership_id)
        where id = $1 and version = $2 returning version`,
      [
        input.itemId,
        input.version,
        input.title,
        input.description,
        input.category,
        input.minerals,
        input.trl,
        input.holderOrganisation,
        input.licensingTerms,
        input.exportControlled,
        input.exportControlRegime,
        input.exportControlNote,
        input.contactMembershipId,
      ],
    );
    return row;
  });
}

/** Moves an offer or request to another status (open, in talks, agreed, closed), against the version seen. */
export function moveTechnologyItem(
  context: MemberContext,
  kind: TechnologyKind,
  input: ItemStatusInput,
): Promise<Outcome<{ version: number }>> {
  return changeOwnedItem(
    context,
    TABLE[kind],
    input,
    async (tx) =>
      (
        await tx.query<{ version: number }>(
          `update ${TABLE[kind]} set status = $3 where id = $1 and version = $2 returning version`,
          [input.itemId, input.version, input.status],
        )
      )[0],
    "status",
  );
}

/* Expressions of interest -------------------------------------------------------------------------- */

const INTEREST_SENTENCES: RefusalSentences = {
  forbidden: REFUSALS.expressInterest,
  notFound: REFUSALS.itemNotFound,
  conflict: REFUSALS.interestAlreadyOpen,
};

/**
 * The member's government expresses interest in an offer, or answers a request, with a message. Seen by the two
 * governments, and by the secretariat when the item is shared with it.
 */
export async function expressInterest(
  context: MemberContext,
  input: InterestInput,
): Promise<Outcome> {
  const government = sharingGovernment(context);
  if (!government) return refused(403, REFUSALS.expressInterest);
  if (!isUuid(input.itemId)) return refused(404, REFUSALS.itemNotFound);
  try {
    return await context.user.db(async (tx) => {
      const [item] = await tx.query<{ ownerMemberId: string }>(
        `select owner_member_id as "ownerMemberId" from public.shared_items
          where id = $1 and partnership_id = $2 and item_type in ('technology_offer', 'technology_request')`,
        [input.itemId, context.partnership.id],
      );
      if (!item) return refused(404, REFUSALS.itemNotFound);
      if (item.ownerMemberId === government) return refused(422, REFUSALS.ownItemInterest);
      const [open] = await tx.query(
        `select 1 from public.expressions_of_interest
          where item_id = $1 and member_id = $2 and status in ('sent', 'in_talks')`,
        [input.itemId, government],
      );
      if (open) return refused(409, REFUSALS.interestAlreadyOpen);
      const [row] = await tx.query<{ id: string }>(
        `insert into public.expressions_of_interest (partnership_id, item_id, member_id, message)
         values ($1, $2, $3, $4) returning id`,
        [context.partnership.id, input.itemId, government, input.message],
      );
      if (!row) throw new Error("The expression of interest was not created.");
      return { ok: true as const, id: row.id };
    });
  } catch (error) {
    return refusalOutcome(error, INTEREST_SENTENCES, "message");
  }
}

/**
 * Moves a conversation on (into talks, agreed with its terms and date, declined), against the version seen.
 * `today` ('YYYY-MM-DD') bounds the agreement's date. An expression moving into talks puts an open item in
 * talks; an agreement marks the item agreed (the database does both).
 */
export async function moveInterest(
  context: MemberContext,
  input: InterestMoveInput,
  today: string,
): Promise<Outcome<{ version: number }>> {
  if (!isUuid(input.interestId)) return refused(404, REFUSALS.interestNotFound);
  if (input.agreedOn && input.agreedOn > today) {
    return refused(422, REFUSALS.agreementInFuture, "agreedOn");
  }
  const sentences = {
    forbidden: REFUSALS.moveInterest,
    notFound: REFUSALS.interestNotFound,
    conflict: REFUSALS.interestChanged,
  };
  try {
    return await context.user.db(async (tx) => {
      const [current] = await queryInterests(tx, context, "i.id = $2", [input.interestId]);
      if (!current) return refused(404, REFUSALS.interestNotFound);
      if (current.version !== input.version) throw new StaleVersion();
      if (!current.moves.includes(input.status))
        return refused(403, REFUSALS.moveInterest, "status");
      const [row] = await tx.query<{ version: number }>(
        `update public.expressions_of_interest set status = $3, terms_summary = $4, agreed_on = $5::date
          where id = $1 and version = $2 returning version`,
        [input.interestId, input.version, input.status, input.termsSummary, input.agreedOn],
      );
      if (!row) throw new StaleVersion();
      return { ok: true as const, version: row.version };
    });
  } catch (error) {
    if (error instanceof StaleVersion) return refused(409, REFUSALS.interestChanged);
    return refusalOutcome(error, sentences, "status");
  }
}

export interface InterestListRow extends InterestView {
  /** The item's title and kind, or null when the item is no longer shared with the member. */
  itemTitle: string | null;
  itemOwnerName: string;
}

/**
 * The expressions of interest the member may read, newest first: their own government's (either side) and, for
 * the secretariat, every one on an item shared with it. `status` narrows it (e.g. `agreed`: which offers and
 * requests turned into agreements).
 */
export function listInterests(
  context: MemberContext,
  filters: { status?: InterestStatus } = {},
): Promise<InterestListRow[]> {
  return context.user.db(async (tx) => {
    // i18n-exempt: SQL condition
    const interests = await queryInterests(tx, context, "($2::text is null or i.status = $2)", [
      filters.status ?? null,
    ]);
    const ids = interests.map((interest) => interest.itemId);
    const items = await tx.query<{ id: string; title: string; ownerName: string }>(
      `select t.id, t.title, m.name as "ownerName"
         from (select id, title, partnership_id from public.technology_offers
               union all select id, title, partnership_id from public.technology_requests) t
         join public.shared_items s on s.id = t.id join public.members m on m.id = s.owner_member_id
        where t.id = any($1::uuid[])`,
      [ids],
    );
    const owners = await tx.query<{ id: string; name: string }>(
      "select id, name from public.members where partnership_id = $1",
      [context.partnership.id],
    );
    const titles = new Map(items.map((item) => [item.id, item.title]));
    const ownerNames = new Map(owners.map((owner) => [owner.id, owner.name]));
    return interests.map((interest) => ({
      ...interest,
      itemTitle: titles.get(interest.itemId) ?? null,
      itemOwnerName: ownerNames.get(interest.ownerMemberId) ?? "",
    }));
  });
}

/* Matching ------------------------------------------------------------------------------------------- */

/**
 * The offers that match a request and that the requesting government may see, ranked by TRL (domain:
 * matchOffers). Run as the member, so only offers the member may see come back; of those, an offer counts only
 * when the requester may see it too: the member is the requester, or the offer is shared with the whole
 * partnership, or (read from an audience list only its owner can read) the offer is the member's own and
 * chosen for the requester. The secretariat viewing a request thus never sees a match the requester could not.
 */
async function queryMatches(
  tx: Queryable,
  context: MemberContext,
  requestId: string,
): Promise<OfferMatch[]> {
  const [request] = await tx.query<{
    id: string;
    ownerMemberId: string;
    category: TechnologyCategory;
    minerals: string[];
  }>(
    `select r.id, s.owner_member_id as "ownerMemberId", r.category, r.minerals
       from public.technology_requests r join public.shared_items s on s.id = r.id
      where r.id = $1`,
    [requestId],
  );
  if (!request) return [];
  const candidates = await tx.query<Omit<OfferMatch, "sharedMinerals">>(
    `select o.id, s.owner_member_id as "ownerMemberId", own.name as "ownerName", o.title, o.category,
            o.minerals, o.trl, o.status
       from public.technology_offers o
       join public.shared_items s on s.id = o.id
       join public.members own on own.id = s.owner_member_id
      where o.partnership_id = $1 and o.category = $2 and o.minerals && $3::text[]
        and ($4::uuid = $5::uuid
             or s.audience = 'partnership'
             or exists (select 1 from public.shared_item_audiences a
                         where a.item_id = s.id and a.member_id = $4::uuid))`,
    [
      context.partnership.id,
      request.category,
      request.minerals,
      request.ownerMemberId,
      context.membership.memberId,
    ],
  );
  return matchOffers(request, candidates).map((offer) => ({
    ...offer,
    sharedMinerals: sharedMinerals(request, offer),
  }));
}

/** The matches of one request (the request page). Empty when the member may not see the request. */
export function matchesForRequest(
  context: MemberContext,
  requestId: string,
): Promise<OfferMatch[]> {
  if (!isUuid(requestId)) return Promise.resolve([]);
  return context.user.db((tx) => queryMatches(tx, context, requestId));
}

export interface RequestMatches {
  request: TechnologyListRow;
  matches: OfferMatch[];
}

/**
 * For the requester's dashboard: each of the member's government's requests still looking for an answer (open or
 * in talks), with the offers that match it. Empty for anyone who is not a government's delegate.
 */
export async function myRequestMatches(context: MemberContext): Promise<RequestMatches[]> {
  const government = sharingGovernment(context);
  if (!government) return [];
  return context.user.db(async (tx) => {
    const requests = (
      await queryTechnology(tx, context, "request", { ownerMemberId: government })
    ).filter((request) => request.status === "open" || request.status === "in_talks");
    const result: RequestMatches[] = [];
    for (const request of requests) {
      result.push({ request, matches: await queryMatches(tx, context, request.id) });
    }
    return result;
  });
}
