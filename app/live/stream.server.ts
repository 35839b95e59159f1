/*
 * The event stream behind p.$slug.events.ts: server-sent events carrying the partnership's changes (ids and
 * versions only; each browser refetches through its own RLS-scoped loaders): `change` for the board, `sharing`
 * for shared items (technology offers and requests, national actions, expressions of interest, meetings), each
 * sent only to members who may read the changed row. A comment every 15 s keeps
 * proxies from closing an idle connection and re-checks that the member is still active; the subscription
 * is released as soon as the browser goes away (request.signal) or the membership ends.
 */
import type { MemberContext } from "~/auth/auth.server";
import {
  getLiveHub,
  SHARING_TABLES,
  type ChangeEvent,
  type LiveHub,
  type SharingChangeEvent,
  type SharingTable,
} from "./hub.server";
import { actorOf, isProjectParty } from "~/domain/permissions";
import { isDraining, onShutdown } from "~/runtime/lifecycle.server";
import { getLogger } from "~/runtime/log.server";

export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting after the stream drops (EventSource's `retry`). */
export const RETRY_MS = 2_000;

/*
 * The open streams of this process. When it stops (lifecycle: drain), each is told to reconnect after a short,
 * random wait and closed: browsers come back through the load balancer to another process, not all at once.
 */
const openStreams = new Set<(retryMs: number) => void>();
const RECONNECT_MS = { min: 500, spread: 2_000 };

/** Closes every open stream with a retry hint; returns how many were open. */
export function closeLiveStreams(random: () => number = Math.random): number {
  const count = openStreams.size;
  for (const closeWithRetry of [...openStreams]) {
    closeWithRetry(Math.round(RECONNECT_MS.min + random() * RECONNECT_MS.spread));
  }
  return count;
}

onShutdown("drain", "close the live streams", () => {
  const count = closeLiveStreams();
  if (count > 0) getLogger().info({ streams: count }, "Live streams told to reconnect elsewhere.");
});

export interface StreamOptions {
  hub?: LiveHub;
  heartbeatMs?: number;
  /**
   * Whether the session that opened the stream is still live. A sign-out (in another tab, on another device),
   * a password reset or a ban ends the stream at the next heartbeat, as it ends every other request (ADR 061).
   */
  sessionIsLive?: () => Promise<boolean>;
}

/** What a browser receives for a change: ids and versions; no partnership, no parties, no row contents. */
export function eventData(event: ChangeEvent) {
  return {
    table: event.table,
    op: event.op,
    id: event.id,
    version: event.version,
    projectId: event.projectId,
    milestoneId: event.milestoneId,
  };
}

/**
 * Whether the member may hear of the change at all: a draft project's changes reach its registering
 * government's delegates and its sponsor only, as row-level security lets only them see the draft.
 */
export function mayHearOf(event: ChangeEvent, context: Pick<MemberContext, "membership">) {
  if (!event.draft) return true;
  return isProjectParty(actorOf(context), {
    registeringMemberId: event.memberId,
    sponsorOrganisationId: event.sponsorId,
  });
}

/** What a browser receives for a change to a shared item: ids and a version (event name `sharing`). */
export function sharingEventData(event: SharingChangeEvent) {
  return {
    table: event.table,
    op: event.op,
    id: event.id,
    version: event.version,
    itemId: event.itemId,
  };
}

/** The tables a member's visibility check reads: fixed names, in the shape `public.<table>`. */
const VISIBLE_ROW_SQL = Object.fromEntries(
  // i18n-exempt: SQL, never read by a person.
  SHARING_TABLES.map((table) => [table, `select 1 from public.${table} where id = $1`]),
) as Record<SharingTable, string>;

/**
 * Whether the member may hear of a change to a shared item (rule 8): only if they may read the changed row
 * now, asked of the database as them (the payload says nothing about audiences). A removal is heard by nobody:
 * the row, and so who could see it, is gone; pages show it on their next load.
 */
export async function mayHearOfSharing(
  event: SharingChangeEvent,
  { user }: Pick<MemberContext, "user">,
): Promise<boolean> {
  if (event.op === "delete") return false;
  const rows = await user.db((tx) => tx.query(VISIBLE_ROW_SQL[event.table], [event.id]));
  return rows.length > 0;
}

/** Whether the member still holds an active membership of the partnership (read under their own RLS). */
async function stillMember({ user, partnership }: MemberContext): Promise<boolean> {
  const rows = await user.db((tx) =>
    tx.query(
      "select 1 from public.memberships where partnership_id = $1 and user_id = $2 and status = 'active'",
      [partnership.id, user.id],
    ),
  );
  return rows.length > 0;
}

export function liveEventStream(
  request: Request,
  context: MemberContext,
  options: StreamOptions = {},
): Response {
  const hub = options.hub ?? getLiveHub();
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const sessionIsLive = options.sessionIsLive ?? (async () => true);
  const encoder = new TextEncoder();
  let closed = false;
  let release: (() => Promise<void>) | null = null;
  let checks: Promise<void> = Promise.resolve();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;

  const close = () => {
    if (closed) return;
    closed = true;
    openStreams.delete(closeWithRetry);
    clearInterval(heartbeat);
    request.signal.removeEventListener("abort", close);
    void release?.().catch((error: unknown) =>
      getLogger().error({ err: error }, "live: releasing a subscription failed"),
    );
    try {
      controller?.close();
    } catch {
      // Already closed by the reader.
    }
  };
  const send = (text: string) => {
    if (closed) return;
    try {
      controller?.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };

  // The process is stopping: the browser waits `retryMs`, then reconnects (to another process).
  const closeWithRetry = (retryMs: number) => {
    // i18n-exempt: the event stream's protocol (server-sent events), read by the browser, not a person.
    send(`retry: ${retryMs}\nevent: reconnect\ndata: {}\n\n`);
    close();
  };

  const stream = new ReadableStream<Uint8Array>({
    async start(streamController) {
      controller = streamController;
      openStreams.add(closeWithRetry);
      if (isDraining()) {
        closeWithRetry(RECONNECT_MS.min);
        return;
      }
      request.signal.addEventListener("abort", close, { once: true });
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
      try {
        const unsubscribe = await hub.subscribe(
          context.partnership.id,
          (event) => {
            if (mayHearOf(event, context)) {
              // i18n-exempt: the event stream's protocol, read by the browser.
              send(`event: change\ndata: ${JSON.stringify(eventData(event))}\n\n`);
            }
          },
          (event) => {
            // One check at a time, in the order the changes committed, so the browser hears them in order.
            checks = checks
              .then(() => mayHearOfSharing(event, context))
              .then((may) => {
                if (may)
                  // i18n-exempt: the event stream's protocol, read by the browser.
                  send(`event: sharing\ndata: ${JSON.stringify(sharingEventData(event))}\n\n`);
              })
              .catch((error: unknown) => console.error("[live] could not check a change:", error));
          },
          (event) => {
            // Only its recipient hears that something arrived, and nothing about what: the page refetches.
            if (event.recipientId === context.user.id)
              // i18n-exempt: the event stream's protocol, read by the browser.
              send("event: inbox\ndata: {}\n\n");
          },
        );
        if (closed) {
          // The browser left while the subscription was being made.
          await unsubscribe();
          return;
        }
        release = unsubscribe;
      } catch (error) {
        getLogger().error({ err: error }, "live: could not listen for changes");
        // i18n-exempt: the event stream's protocol, read by the browser.
        send("event: unavailable\ndata: {}\n\n");
        close();
        return;
      }
      // i18n-exempt: the event stream's protocol, read by the browser.
      send("event: ready\ndata: {}\n\n");
      heartbeat = setInterval(() => {
        Promise.all([sessionIsLive(), stillMember(context)])
          .then(([live, active]) => (live && active ? send(": heartbeat\n\n") : close()))
          .catch(() => send(": heartbeat\n\n"));
      }, heartbeatMs);
    },
    cancel() {
      close();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
