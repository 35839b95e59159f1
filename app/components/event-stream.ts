/*
 * One event stream per tab and partnership, shared by every part of the page that listens: the page's live
 * revalidation and the header's inbox count. Over HTTP/1.1 (the embedded server, a proxy without HTTP/2) a
 * browser keeps at most six connections to a host and each open stream holds one for as long as the page is
 * open: a stream per listener would leave a few tabs with no connection for anything else.
 *
 * EventSource reconnects by itself after a dropped connection; when the server refuses the stream (the session
 * ended, the server restarted) it is closed, and this reopens it with a growing delay while anyone listens.
 */

export type StreamEvent = "ready" | "change" | "sharing" | "inbox";

export interface StreamListener {
  /** Handlers by event name; each gets the event's data. */
  on: Partial<Record<StreamEvent, (data: string) => void>>;
  /** The connection dropped: "reconnecting" (the browser retries by itself) or "closed" (reopened later). */
  onError?: (state: "reconnecting" | "closed") => void;
}

const EVENTS: readonly StreamEvent[] = ["ready", "change", "sharing", "inbox"];
const MAX_BACKOFF_MS = 30_000;

interface Stream {
  listeners: Set<StreamListener>;
  source: EventSource | null;
  /** The server said "ready" on the current connection: a listener that joins now is told at once. */
  ready: boolean;
  failures: number;
  reopen?: ReturnType<typeof setTimeout>;
}

const streams = new Map<string, Stream>();

function tell(stream: Stream, name: StreamEvent, data: string) {
  for (const listener of [...stream.listeners]) listener.on[name]?.(data);
}

function open(slug: string, stream: Stream) {
  const source = new EventSource(`/p/${encodeURIComponent(slug)}/events`);
  stream.source = source;
  for (const name of EVENTS) {
    source.addEventListener(name, (event) => {
      if (name === "ready") {
        stream.ready = true;
        stream.failures = 0;
      }
      tell(stream, name, (event as MessageEvent<string>).data);
    });
  }
  source.onerror = () => {
    stream.ready = false;
    const closed = source.readyState === EventSource.CLOSED;
    for (const listener of [...stream.listeners])
      listener.onError?.(closed ? "closed" : "reconnecting");
    if (!closed) return;
    source.close();
    stream.source = null;
    stream.failures += 1;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** stream.failures);
    stream.reopen = setTimeout(() => open(slug, stream), delay);
  };
}

/** Listens to the partnership's stream, opening it for the first listener; returns how to stop listening. */
export function listen(slug: string, listener: StreamListener): () => void {
  let stream = streams.get(slug);
  if (!stream) {
    stream = { listeners: new Set(), source: null, ready: false, failures: 0 };
    streams.set(slug, stream);
    open(slug, stream);
  } else if (stream.ready) {
    queueMicrotask(() => listener.on.ready?.(""));
  }
  stream.listeners.add(listener);
  const joined = stream;
  return () => {
    joined.listeners.delete(listener);
    if (joined.listeners.size > 0) return;
    clearTimeout(joined.reopen);
    joined.source?.close();
    streams.delete(slug);
  };
}
