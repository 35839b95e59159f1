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

/** A notification's payload as a SharingChangeEvent, or null when it is not one (never throws). */
export function parseSharingChange(payload: string): SharingChangeEvent | null {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  const text = (value: unknown) => (typeof value === "string" && value ? value : null);
  const partnershipId = text(data.partnership_id);
  const id = text(data.id);
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
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  const text = (value: unknown) => (typeof value === "string" && value ? value : null);
  const partnershipId = text(data.partnership_id);
  const id = text(data.id);
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

export type Subscriber = (event: ChangeEvent) => void;
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
  ): Promise<() => Promise<void>>;
  /** How many subscribers are attached (for tests and health). */
  size(): number;
  /** Whether the database listener is running. */
  listening(): boolean;
}

interface Subscription {
  board: Subscriber;
  sharing?: SharingSubscriber;
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
    if (shared) deliver(shared.partnershipId, (s) => s.sharing?.(shared));
  };

  return {
    async subscribe(partnershipId, subscriber, onSharing) {
      const subscription: Subscription = { board: subscriber, sharing: onSharing };
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
