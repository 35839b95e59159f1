/*
 * One LISTEN per process on the channel the change triggers notify (supabase/migrations/20261127030000_*.sql),
 * fanned out to the open event streams of the matching partnership only. The listener starts with the first
 * subscriber and stops after the last one leaves. Payloads carry ids and versions, never row contents.
 */
import { getSessionDatabase } from "~/db/database.server";
import type { Database } from "~/db/engine.server";
import { getLogger } from "~/runtime/log.server";

export const CHANGES_CHANNEL = "lodestone_changes";

export interface ChangeEvent {
  partnershipId: string;
  table: "projects" | "milestones" | "milestone_updates";
  op: "insert" | "update" | "delete";
  id: string;
  version: number | null;
  projectId: string | null;
  milestoneId: string | null;
  /** The change concerns a draft project: only its registering government and its sponsor hear of it. */
  draft: boolean;
  memberId: string | null;
  sponsorId: string | null;
}

const TABLES = new Set(["projects", "milestones", "milestone_updates"]);
const OPS = new Set(["insert", "update", "delete"]);

/**
 * The shared items' tables (rule 8; supabase/migrations/20261201080000_*.sql): their payloads carry no audience,
 * so the stream asks the database, as each member, whether they may see the changed row before telling them.
 */
export const SHARING_TABLES = [
  "shared_items",
  "technology_offers",
  "technology_requests",
  "national_actions",
  "expressions_of_interest",
  "meetings",
  "meeting_presentations",
] as const;
export type SharingTable = (typeof SHARING_TABLES)[number];

/** A change to a shared item or a row about one: ids and a version, nothing about who may see it. */
export interface SharingChangeEvent {
  partnershipId: string;
  table: SharingTable;
  op: "insert" | "update" | "delete";
  id: string;
  version: number | null;
  /** The offer, request or national action the row concerns (null for a meeting). */
  itemId: string | null;
}

/** A text field of a payload: a non-empty string, or null. */
const text = (value: unknown) => (typeof value === "string" && value ? value : null);

/**
 * What every notification payload carries: a JSON object with the partnership and the row's id (either may be
 * missing; each parser decides). Null when the payload is not JSON at all; never throws.
 */
function readPayload(
  payload: string,
): { data: Record<string, unknown>; partnershipId: string | null; id: string | null } | null {
  let data: unknown;
  try {
    data = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const fields = data as Record<string, unknown>;
  return { data: fields, partnershipId: text(fields.partnership_id), id: text(fields.id) };
}

/** A notification's payload as a SharingChangeEvent, or null when it is not one (never throws). */
export function parseSharingChange(payload: string): SharingChangeEvent | null {
  const read = readPayload(payload);
  if (!read) return null;
  const { data, partnershipId, id } = read;
  const table = SHARING_TABLES.find((name) => name === data.table);
  if (!partnershipId || !id || !table || !OPS.has(String(data.op))) return null;
  return {
    partnershipId,
    table,
    op: data.op as SharingChangeEvent["op"],
    id,
    version: typeof data.version === "number" ? data.version : null,
    itemId: text(data.item_id),
  };
}

/** A notification's payload as a ChangeEvent, or null when it is not one (never throws). */
export function parseChange(payload: string): ChangeEvent | null {
  const read = readPayload(payload);
  if (!read) return null;
  const { data, partnershipId, id } = read;
  if (!partnershipId || !id || !TABLES.has(String(data.table)) || !OPS.has(String(data.op))) {
    return null;
  }
  return {
    partnershipId,
    table: data.table as ChangeEvent["table"],
    op: data.op as ChangeEvent["op"],
    id,
    version: typeof data.version === "number" ? data.version : null,
    projectId: text(data.project_id),
    milestoneId: text(data.milestone_id),
    // Anything but an explicit false is treated as a draft: hidden is the safe default.
    draft: data.draft !== false,
    memberId: text(data.member_id),
    sponsorId: text(data.sponsor_id),
  };
}

/**
 * A new notification (supabase/migrations/20261201100000_*.sql): who it is for and its category, no content.
 * Each open page of its recipient refetches the inbox through their own row-level security.
 */
export interface InboxEvent {
  partnershipId: string;
  id: string;
  recipientId: string;
  category: string;
}

/** A notification's payload as an InboxEvent, or null when it is not one (never throws). */
export function parseInboxEvent(payload: string): InboxEvent | null {
  const read = readPayload(payload);
  if (!read) return null;
  const { data, partnershipId, id } = read;
  const recipientId = text(data.recipient_id);
  const category = text(data.category);
  if (data.table !== "notifications" || !partnershipId || !id || !recipientId || !category)
    return null;
  return { partnershipId, id, recipientId, category };
}

export type Subscriber = (event: ChangeEvent) => void;
export type InboxSubscriber = (event: InboxEvent) => void;
export type SharingSubscriber = (event: SharingChangeEvent) => void;

export interface LiveHub {
  /**
   * Delivers the partnership's board changes to `subscriber`, and its shared-item changes to `onSharing` when
   * given, until the returned function is called.
   */
  subscribe(
    partnershipId: string,
    subscriber: Subscriber,
    onSharing?: SharingSubscriber,
    onInbox?: InboxSubscriber,
  ): Promise<() => Promise<void>>;
  /** How many subscribers are attached (for tests and health). */
  size(): number;
  /** Whether the database listener is running. */
  listening(): boolean;
}

interface Subscription {
  board: Subscriber;
  sharing?: SharingSubscriber;
  inbox?: InboxSubscriber;
}

export function createLiveHub(database: () => Promise<Pick<Database, "listen">>): LiveHub {
  const subscriptions = new Map<string, Set<Subscription>>();
  let stop: Promise<() => Promise<void>> | null = null;
  // Starting and stopping the listener are queued, so a subscribe racing an unsubscribe never leaves two
  // listeners, or none while someone is subscribed.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };
  const count = () => [...subscriptions.values()].reduce((sum, set) => sum + set.size, 0);

  const deliver = (partnershipId: string, call: (subscription: Subscription) => void) => {
    for (const subscription of subscriptions.get(partnershipId) ?? []) {
      try {
        call(subscription);
      } catch (error) {
        getLogger().error({ err: error }, "live: a subscriber failed");
      }
    }
  };
  const dispatch = (payload: string) => {
    const change = parseChange(payload);
    if (change) return deliver(change.partnershipId, (s) => s.board(change));
    const shared = parseSharingChange(payload);
    if (shared) return deliver(shared.partnershipId, (s) => s.sharing?.(shared));
    const inbox = parseInboxEvent(payload);
    if (inbox) deliver(inbox.partnershipId, (s) => s.inbox?.(inbox));
  };

  return {
    async subscribe(partnershipId, subscriber, onSharing, onInbox) {
      const subscription: Subscription = { board: subscriber, sharing: onSharing, inbox: onInbox };
      const set = subscriptions.get(partnershipId) ?? new Set();
      subscriptions.set(partnershipId, set);
      set.add(subscription);
      await serial(async () => {
        if (stop || count() === 0) return;
        stop = (await database()).listen(CHANGES_CHANNEL, dispatch);
        try {
          await stop;
        } catch (error) {
          stop = null;
          throw error;
        }
      }).catch((error: unknown) => {
        set.delete(subscription);
        throw error;
      });
      let done = false;
      return async () => {
        if (done) return;
        done = true;
        set.delete(subscription);
        if (set.size === 0) subscriptions.delete(partnershipId);
        await serial(async () => {
          if (!stop || count() > 0) return;
          try {
            await (
              await stop
            )();
          } finally {
            stop = null;
          }
        });
      };
    },
    size: count,
    listening: () => stop !== null,
  };
}

const store = globalThis as typeof globalThis & { __lodestoneLiveHub?: LiveHub };

/**
 * The process's hub, listening on the session database (DIRECT_URL when DATABASE_URL is a transaction pooler,
 * where LISTEN would be lost), kept across `remix dev` rebuilds.
 */
export function getLiveHub(): LiveHub {
  store.__lodestoneLiveHub ??= createLiveHub(getSessionDatabase);
  return store.__lodestoneLiveHub;
}
