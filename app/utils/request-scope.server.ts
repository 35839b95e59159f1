/*
 * What one HTTP request has already asked, so its loaders do not ask again (ADR 073). A document request runs
 * the root, layout and page loaders in parallel, and each used to verify the session and read the member's
 * partnership on its own transaction; within a request scope the first one asks and the others share its
 * answer. The server (scripts/remix-handler.js) opens one scope per request, through the server entry's
 * `withRequestScope`; outside a scope (tests, scripts) nothing is remembered.
 *
 * A request that can write (anything but GET and HEAD) forgets everything after each of its transactions, so
 * the loaders that run after an action read the memberships and the session the action may have changed; once
 * those loaders start (noteLoaderRequest), they share again, as on a GET.
 */
import { AsyncLocalStorage } from "node:async_hooks";

interface Scope {
  readsOnly: boolean;
  values: Map<string, Promise<unknown>>;
  /** The file this request's SQL is appended to (the benchmark's replay), or null. */
  traceFile: string | null;
}

const storage = new AsyncLocalStorage<Scope>();

/** Runs `handle` (one request) in a scope of its own. */
export function withRequestScope<T>(request: Request, handle: () => Promise<T>): Promise<T> {
  const readsOnly = request.method === "GET" || request.method === "HEAD";
  return storage.run({ readsOnly, values: new Map(), traceFile: traceFileOf(request) }, handle);
}

/*
 * With LODESTONE_SQL_TRACE=<file> (the benchmark sets it), a request that carries `X-Lodestone-Trace: 1` has
 * every statement it runs as the user appended to that file, so the benchmark can replay a page's SQL with
 * and without row-level security. Decided once per request, not per transaction.
 */
const TRACE_FILE = process.env.LODESTONE_SQL_TRACE || null;
function traceFileOf(request: Request): string | null {
  return TRACE_FILE && request.headers.get("x-lodestone-trace") === "1" ? TRACE_FILE : null;
}

/** Where the current request's statements are traced, or null (almost always). */
export function requestTraceFile(): string | null {
  return storage.getStore()?.traceFile ?? null;
}

/** The request's answer for `key`: made once per request (a rejection is shared too), or each time outside one. */
export function perRequest<T>(key: string, make: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return make();
  let value = scope.values.get(key) as Promise<T> | undefined;
  if (!value) {
    value = make();
    scope.values.set(key, value);
  }
  return value;
}

/**
 * Like perRequest, for reads only a GET may share: within a request that can write, each call reads again
 * (an action may read, change and read the same row in one transaction).
 */
export function perReadRequest<T>(key: string, make: () => Promise<T>): Promise<T> {
  return storage.getStore()?.readsOnly ? perRequest(key, make) : make();
}

/**
 * Called with the request each loader is given. After a document request's action, Remix runs the loaders with
 * a GET request of their own: the writing is over, so from then on the loaders share what they ask, as on a
 * GET (what the action read is forgotten: it may have changed it).
 */
export function noteLoaderRequest(request: Request): void {
  const scope = storage.getStore();
  if (!scope || scope.readsOnly || (request.method !== "GET" && request.method !== "HEAD")) return;
  scope.readsOnly = true;
  scope.values.clear();
}

/** Called after each transaction: a request that can write forgets what it remembered. */
export function afterTransaction(): void {
  const scope = storage.getStore();
  if (scope && !scope.readsOnly) scope.values.clear();
}
