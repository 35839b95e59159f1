import { isDraining } from "~/runtime/lifecycle.server";
import { getDatabase } from "./database.server";
import { pendingMigrations } from "./migrate.server";

/** The database's round trip for `select 1`, in milliseconds: the floor every page's time stands on. */
export async function measureDatabaseRoundTrip() {
  const db = await getDatabase();
  const started = performance.now();
  await db.query("select 1");
  return { engine: db.engine, databaseMs: Math.round((performance.now() - started) * 1000) / 1000 };
}

/** How long readiness waits for the database before it calls it unreachable. */
const READINESS_TIMEOUT_MS = 2_000;

export type Readiness =
  | { ready: true; status: "ready" }
  | { ready: false; status: "draining" | "database unreachable" }
  | { ready: false; status: "migrations pending"; pending: string[] };

/**
 * Whether this process should get traffic (/readyz): not stopping, the database answering, and every
 * migration file applied (a process newer than its database waits for `npm run db:migrate`).
 */
export async function checkReadiness(
  timeoutMs = READINESS_TIMEOUT_MS,
  draining: () => boolean = isDraining,
): Promise<Readiness> {
  if (draining()) return { ready: false, status: "draining" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const pending = await Promise.race([
      getDatabase().then((db) => pendingMigrations(db)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
      }),
    ]);
    if (pending.length > 0) return { ready: false, status: "migrations pending", pending };
  } catch {
    return { ready: false, status: "database unreachable" };
  } finally {
    clearTimeout(timer);
  }
  // Stopping may have begun while the database answered.
  return draining() ? { ready: false, status: "draining" } : { ready: true, status: "ready" };
}
