/*
 * The server's log: one JSON object per line (pino), or readable lines in development (LOG_FORMAT=pretty).
 * Each request runs inside a request context (AsyncLocalStorage), so every line logged while it is served
 * carries its request id, and the user and partnership once the guards know them.
 *
 * Nothing secret is ever logged: the access log names the route's pattern (never the path, which can hold
 * an invitation token, nor the query string, which can hold a reset token), statements are logged without
 * their parameters, and no header, cookie or body is logged at all (docs/security-model.md).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import { getConfig, type Config } from "~/config.server";

/** What the log knows about the request being served. */
export interface RequestLog {
  requestId: string;
  /** The Remix route's pattern, e.g. `/p/:slug/board` (never the path itself). */
  route?: string;
  userId?: string;
  partnership?: string;
}

const store = globalThis as typeof globalThis & {
  __lodestoneRequests?: AsyncLocalStorage<RequestLog>;
  __lodestoneLogger?: Logger;
};

/** The request context: kept on globalThis, so `remix dev` rebuilds and the HTTP server share it. */
export const requestContext: AsyncLocalStorage<RequestLog> = (store.__lodestoneRequests ??=
  new AsyncLocalStorage<RequestLog>());

/** Adds what a guard has learnt (the user, the partnership) to the current request's log lines. */
export function noteRequest(fields: Pick<RequestLog, "userId" | "partnership">): void {
  const current = requestContext.getStore();
  if (current) Object.assign(current, fields);
}

/** The fields of the current request, for every line logged while it is served. */
function requestFields(): Partial<RequestLog> {
  const current = requestContext.getStore();
  if (!current) return {};
  const { requestId, route, userId, partnership } = current;
  return { requestId, route, userId, partnership };
}

const LEVEL_NAMES: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/** One JSON log line as a readable line: time, level, message, then the other fields as key=value. */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith("\n") ? json : `${json}\n`;
  }
  const { time, level, msg, pid: _pid, hostname: _hostname, err, ...fields } = entry;
  const clock = new Date(Number(time)).toISOString().slice(11, 23);
  const name = (LEVEL_NAMES[Number(level)] ?? String(level)).padEnd(5);
  const rest = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const stack = err && typeof err === "object" && "stack" in err ? `\n${String(err.stack)}` : "";
  return `${clock} ${name} ${String(msg ?? "")}${rest.length ? `  ${rest.join(" ")}` : ""}${stack}\n`;
}

/** A destination that writes readable lines to `out` (process.stdout by default). */
export function prettyStream(out: { write(text: string): unknown } = process.stdout) {
  return { write: (line: string) => void out.write(prettyLine(line)) };
}

/**
 * An error as the log keeps it: its kind, message, SQLSTATE and stack, nothing else. Database errors carry
 * the statement's parameters (claims, token hashes) among their own properties: those never reach the log.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
    stack: error.stack,
  };
}

/** A logger with the configuration's level and format; `destination` replaces stdout (tests). */
export function createLogger(
  config: Pick<Config, "LOG_LEVEL" | "logFormat">,
  destination?: DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { pid: process.pid },
    mixin: requestFields,
    serializers: { err: safeError },
  };
  if (destination) return pino(options, destination);
  return config.logFormat === "pretty"
    ? pino(options, prettyStream())
    : pino(options, pino.destination({ dest: 1, sync: true }));
}

/** The process's logger, made once from the configuration (kept across `remix dev` rebuilds). */
export function getLogger(): Logger {
  store.__lodestoneLogger ??= createLogger(getConfig());
  return store.__lodestoneLogger;
}
