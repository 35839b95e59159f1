/*
 * Whether a connection keeps its session (ADR 120). A transaction-mode pooler (Supabase's pooler on port 6543,
 * PgBouncer with pool_mode = transaction) hands each transaction to any server connection: LISTEN is lost
 * without an error, and so is anything else tied to a session. The only sure test is to listen and hear a
 * notification come back, so that is what the server and the db scripts do before they rely on a session.
 */
import { randomBytes } from "node:crypto";
import type { Database } from "./engine.server";

export class SessionRequiredError extends Error {}

/** How long a notification may take to come back before the connection is judged to have no session. */
export const ROUND_TRIP_TIMEOUT_MS = 3_000;

/** Listens on a channel of its own, notifies it, and says whether the notification was heard in time. */
export async function hearsItsOwnNotification(
  db: Pick<Database, "listen" | "query">,
  timeoutMs = ROUND_TRIP_TIMEOUT_MS,
): Promise<boolean> {
  const channel = `lodestone_session_check_${randomBytes(6).toString("hex")}`;
  const token = randomBytes(8).toString("hex");
  let heard: () => void = () => {};
  const arrived = new Promise<boolean>((resolve) => {
    heard = () => resolve(true);
  });
  const stop = await db.listen(channel, (payload) => {
    if (payload === token) heard();
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await db.query("select pg_notify($1, $2)", [channel, token]);
    return await Promise.race([
      arrived,
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await stop();
  }
}

/** The message an operator reads when the connection meant to keep a session does not. */
export function noSessionMessage(
  variable: "DATABASE_URL" | "DIRECT_URL",
  needs: string,
  timeoutMs = ROUND_TRIP_TIMEOUT_MS,
): string {
  const heard = `a notification sent on ${variable} was not heard back within ${timeoutMs / 1000} s`;
  return variable === "DATABASE_URL"
    ? `Lodestone cannot start: ${needs} needs a database session, but ${heard}: DATABASE_URL looks like a ` +
        `transaction pooler (Supabase's pooler on port 6543, or PgBouncer with pool_mode = transaction). ` +
        `Keep DATABASE_URL on the pooler and set DIRECT_URL to a connection that keeps its session: the ` +
        `database itself (Supabase: the "Direct connection" string) or a session-mode pooler (Supabase: ` +
        `the session pooler, port 5432).`
    : `Lodestone cannot start: ${needs} needs a database session, but ${heard}: DIRECT_URL must point at ` +
        `the database itself or a session-mode pooler, not a transaction pooler.`;
}

/**
 * Throws SessionRequiredError, with the operator's message, unless `db` keeps its session. The embedded
 * database always does (it is one session in this process).
 */
export async function requireSession(
  db: Pick<Database, "engine" | "listen" | "query">,
  variable: "DATABASE_URL" | "DIRECT_URL",
  needs: string,
  timeoutMs = ROUND_TRIP_TIMEOUT_MS,
): Promise<void> {
  if (db.engine === "pglite") return;
  if (!(await hearsItsOwnNotification(db, timeoutMs))) {
    throw new SessionRequiredError(noSessionMessage(variable, needs, timeoutMs));
  }
}
