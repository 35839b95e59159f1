/*
 * Readiness (/readyz, ADR 121) on both engines: ready on a migrated database; 503 with the versions when a
 * migration is pending, when the database does not answer in time, and from the moment the process drains.
 */
import { provideDatabase } from "~/db/database.server";
import type { Database } from "~/db/engine.server";
import { checkReadiness } from "~/db/health.server";
import { readMigrations } from "~/db/migrate.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";

describe.each(engines)("readiness on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  it("is ready on a migrated database, and not while the process drains", async () => {
    expect(await checkReadiness()).toEqual({ ready: true, status: "ready" });
    expect(await checkReadiness(2_000, () => true)).toEqual({ ready: false, status: "draining" });
  });

  it("names the pending migrations while the database is behind the code", async () => {
    const latest = readMigrations().at(-1);
    if (!latest) throw new Error("no migrations");
    await handle.db
      .transaction(async (tx) => {
        await tx.query("delete from supabase_migrations.schema_migrations where version = $1", [
          latest.version,
        ]);
        // Checked inside the transaction that forgets it, through a database that answers with `tx`.
        provideDatabase({ ...handle.db, query: tx.query } as Database);
        try {
          expect(await checkReadiness()).toEqual({
            ready: false,
            status: "migrations pending",
            pending: [latest.version],
          });
        } finally {
          provideDatabase(handle.db);
        }
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(await checkReadiness()).toEqual({ ready: true, status: "ready" });
  });

  it("is not ready when the database does not answer in time", async () => {
    provideDatabase({ ...handle.db, query: () => new Promise(() => {}) } as Database);
    try {
      expect(await checkReadiness(50)).toEqual({ ready: false, status: "database unreachable" });
    } finally {
      provideDatabase(handle.db);
    }
  });
});

class Rollback extends Error {}
