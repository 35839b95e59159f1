/*
 * The one module that acts as `service_role`, which bypasses row-level security.
 * Only webhooks, seeding, migrations and scheduled jobs may import it (enforced by ESLint).
 */
import type { Database, Queryable } from "./engine.server";

export function runAsServiceRole<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(
      "select set_config('role', 'service_role', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify({ role: "service_role" })],
    );
    return work(tx);
  });
}
