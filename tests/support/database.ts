/*
 * Test databases on both engines. Every test file gets its own database:
 * - pglite: a fresh in-memory PGlite, migrated;
 * - postgres (when TEST_DATABASE_URL is set): a new database cloned from the migrated template that
 *   global-setup.ts prepares, dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import { openPglite, openPostgres, type Database } from "~/db/engine.server";
import { migrate } from "~/db/migrate.server";
import { seed } from "~/db/database.server";
import { inject } from "vitest";
import { isoToday } from "./seed-dates";

export type Engine = "pglite" | "postgres";

/** The engines this run covers: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

/**
 * `describe` for suites that need PostgreSQL (TEST_DATABASE_URL), or PgBouncer in front of it as well
 * (TEST_PGBOUNCER_URL): without them the suite is not registered at all, as the engines above are not, so a
 * laptop with only the embedded database runs what it can. CI sets both and checks that they answer
 * (.ci/run, REQUIRE_TEST_DATABASES; ADR 125).
 */
export function describeOnPostgres(name: string, body: () => void): void {
  if (process.env.TEST_DATABASE_URL) describe(name, body);
}

export function describeOnPgBouncer(name: string, body: () => void): void {
  if (process.env.TEST_DATABASE_URL && process.env.TEST_PGBOUNCER_URL) describe(name, body);
}

export function databaseUrl(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "");
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  db: Database;
  /**
   * The day the test runs as, 'YYYY-MM-DD': the seed's load day (its dates are shifted to it), and the
   * `today` the test passes to model functions. Today (UTC) unless the test asked for another day.
   */
  today: string;
  dispose(): Promise<void>;
}

export async function createTestDatabase(
  engine: Engine,
  options: { seed?: boolean; migrate?: boolean; today?: string } = {},
): Promise<TestDatabase> {
  const { migrate: shouldMigrate = true, seed: shouldSeed = false, today = isoToday() } = options;
  if (engine === "pglite") {
    const db = await openPglite();
    if (shouldMigrate) await migrate(db);
    if (shouldSeed) await seed(db, { today });
    return { db, today, dispose: () => db.close() };
  }
  const name = `lodestone_test_${randomBytes(6).toString("hex")}`;
  const admin = openPostgres(databaseUrl("postgres"), { max: 1 });
  await admin.exec(
    shouldMigrate
      ? `create database ${name} template ${inject("templateDatabase")}`
      : `create database ${name}`,
  );
  const db = openPostgres(databaseUrl(name), { max: 4 });
  if (shouldSeed) await seed(db, { today });
  return {
    db,
    today,
    async dispose() {
      await db.close();
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}
