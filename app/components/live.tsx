import type { SerializeFrom } from "@remix-run/node";
import { useActionData, useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { listen } from "~/components/event-stream";
import { useT } from "~/i18n/react";
import type { eventData } from "~/live/stream.server";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

/** What the stream says about one change: ids and versions only (the stream's eventData is the one shape). */
export type LiveChange = ReturnType<typeof eventData>;

/** Several changes in a burst (one drag, a bulk edit) lead to one refetch. */
const SETTLE_MS = 120;
/** How long an echo of this browser's own write may wait for the write's answer before it counts as news. */
const OWN_WRITE_WAIT_MS = 10_000;

/*
 * This browser's own writes (ADR 073): a card it moved comes back on the stream as a change like anyone's, but
 * the page already has it — Remix reloads the page's data after its own action. A change of a milestone at or
 * below the version this browser's move produced is its own echo and refetches nothing; while the move is
 * still on its way, its echo waits for the answer. Anyone else's change (a higher version) refetches as before.
 */
const ownWrites = new Map<string, number | "pending">();

/** Notes the state of this browser's write of milestone `id`: in flight, done (the version it made), or none. */
export function noteOwnWrite(id: string, state: number | "pending" | null): void {
  if (state === null) ownWrites.delete(id);
  else ownWrites.set(id, state);
}

/** "echo": the page has it already; "wait": our own write of it is in flight; "news": refetch. */
function classify(change: LiveChange): "echo" | "wait" | "news" {
  if (change.table !== "milestones") return "news";
  const own = ownWrites.get(change.id);
  if (own === undefined) return "news";
  if (own === "pending") return "wait";
  return change.version !== null && change.version <= own ? "echo" : "news";
}

/**
 * Keeps the page's data current: listens to the partnership's event stream and, when something relevant
 * changes, refetches through the page's own loaders (so row-level security decides what comes back). The
 * stream is the tab's one stream for the partnership (./event-stream.ts), which reopens it when refused.
 * After any reconnection the page refetches once, since changes may have been missed meanwhile.
 */
export function useLiveRevalidation(
  slug: string,
  relevant: (change: LiveChange) => boolean = () => true,
  /** Also refetch on changes to shared items the member may read (`sharing` events, ADR 102). */
  sharing = false,
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const revalidator = useRevalidator();
  // The stream outlives renders: it reads the latest callbacks through refs, updated after each render.
  const revalidate = useRef(revalidator.revalidate);
  const isRelevant = useRef(relevant);
  useEffect(() => {
    revalidate.current = revalidator.revalidate;
    isRelevant.current = relevant;
  });
  // Remix's revalidate() aborts a refetch in flight: on a stream busier than the loaders are quick, none would
  // ever land. A refetch asked for meanwhile waits for the one in flight, then runs once.
  const loading = useRef(false);
  const again = useRef(false);
  useEffect(() => {
    loading.current = revalidator.state === "loading";
    if (revalidator.state === "idle" && again.current) {
      again.current = false;
      loading.current = true;
      revalidator.revalidate();
    }
  }, [revalidator]);

  useEffect(() => {
    let settle: ReturnType<typeof setTimeout> | undefined;
    let missedSome = false;
    const waiting = new Set<ReturnType<typeof setTimeout>>();

    const refetch = () => {
      clearTimeout(settle);
      settle = setTimeout(() => {
        if (loading.current) again.current = true;
        else {
          loading.current = true;
          revalidate.current();
        }
      }, SETTLE_MS);
    };
    /** Decides a change once its own write (if any) has answered, or after OWN_WRITE_WAIT_MS. */
    const consider = (change: LiveChange, since: number) => {
      const kind = classify(change);
      if (kind === "news" || (kind === "wait" && Date.now() - since > OWN_WRITE_WAIT_MS)) refetch();
      else if (kind === "wait") {
        waiting.add(setTimeout(() => consider(change, since), SETTLE_MS));
      }
    };
    const stop = listen(slug, {
      on: {
        ready: () => {
          setStatus("live");
          if (missedSome) refetch();
          missedSome = false;
        },
        change: (data) => {
          try {
            const change = JSON.parse(data) as LiveChange;
            if (isRelevant.current(change)) consider(change, Date.now());
          } catch {
            refetch();
          }
        },
        ...(sharing ? { sharing: refetch } : {}),
      },
      onError: (state) => {
        missedSome = true;
        setStatus(state === "closed" ? "offline" : "reconnecting");
      },
    });
    return () => {
      stop();
      clearTimeout(settle);
      waiting.forEach((timer) => clearTimeout(timer));
    };
  }, [slug, sharing]);

  return status;
}

/** A small live/offline indicator; changes are announced politely to screen readers. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useT();
  const title = t(`live.${status}Title`);
  return (
    <p className={`live-indicator live-${status}`} role="status" title={title}>
      <span className="live-dot" aria-hidden="true" />
      <span>{t(`live.${status}`)}</span>
      <span className="visually-hidden">: {title}</span>
    </p>
  );
}

/**
 * The answer of the page's own action, kept while the live stream refetches the page. Remix forgets
 * `useActionData` on every revalidation that is not the action's own (react-router ends any other navigation
 * with no action data), so a notice, an offer to take a decision back, or a refused form's errors would vanish
 * the moment anyone changed something — or when this browser's own change came back on the stream after the
 * page had settled. The answer stays until the person goes elsewhere or posts again: both give the location a
 * new key, and a new post brings its own answer.
 */
export function useActionResult<T>(): SerializeFrom<T> | undefined {
  const fresh = useActionData<T>();
  const { key } = useLocation();
  const [kept, setKept] = useState<{ key: string; answer: SerializeFrom<T> }>();
  if (fresh !== undefined && (kept?.answer !== fresh || kept.key !== key)) {
    // Remembered during render (React's pattern for state drawn from earlier renders): no flash without it.
    setKept({ key, answer: fresh });
  }
  if (fresh !== undefined) return fresh;
  return kept?.key === key ? kept.answer : undefined;
}
