/*
 * What scale-out needs of the database layer (ADR 120): the session check that tells a transaction pooler
 * from a connection that keeps its session (PgBouncer in transaction mode, with TEST_PGBOUNCER_URL), migration
 * runners that may overlap, and slow statements reported without their values.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { openPglite, openPostgres, type Database } from "~/db/engine.server";
import { migrate, readMigrations } from "~/db/migrate.server";
import { hearsItsOwnNotification, requireSession, SessionRequiredError } from "~/db/session.server";
import { runAsUser } from "~/db/rls.server";
import { databaseUrl, describeOnPgBouncer, describeOnPostgres } from "../support/database";
import { claimsFor } from "../support/rls";

/** A connection string to database `name` through the pooler (TEST_PGBOUNCER_URL). */
function poolerUrl(name: string): string {
  const url = new URL(process.env.TEST_PGBOUNCER_URL ?? "");
  url.pathname = `/${name}`;
  return url.toString();
}

describe("the session check", () => {
  it("passes on the embedded database, which is one session", async () => {
    const db = await openPglite();
    try {
      await expect(requireSession(db, "DATABASE_URL", "the live board")).resolves.toBeUndefined();
    } finally {
      await db.close();
    }
  });
});

describeOnPostgres("the session check on PostgreSQL", () => {
  it("passes on PostgreSQL itself: its notification comes back", async () => {
    const db = openPostgres(databaseUrl("postgres"), { max: 2 });
    try {
      expect(await hearsItsOwnNotification(db)).toBe(true);
      await expect(requireSession(db, "DIRECT_URL", "the live board")).resolves.toBeUndefined();
    } finally {
      await db.close();
    }
  });
});

describeOnPgBouncer("the session check through PgBouncer in transaction mode", () => {
  it("refuses PgBouncer in transaction mode, telling the operator to set DIRECT_URL", async () => {
    const db = openPostgres(poolerUrl("postgres"), { max: 2 });
    try {
      // Queries work through the pooler; the notification is lost without an error.
      expect(await db.query("select 1 as one")).toEqual([{ one: 1 }]);
      const refusal = await requireSession(db, "DATABASE_URL", "the live board", 500).catch(
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(SessionRequiredError);
      expect((refusal as Error).message).toMatch(
        /the live board needs a database session.*transaction pooler.*set DIRECT_URL/s,
      );
      const viaDirect = await requireSession(db, "DIRECT_URL", "Migrating", 500).catch(
        (error: unknown) => error,
      );
      expect((viaDirect as Error).message).toMatch(/DIRECT_URL must point at the database itself/);
    } finally {
      await db.close();
    }
  });
});

describeOnPgBouncer("user claims through PgBouncer in transaction mode", () => {
  it("stay in their own transaction: 200 concurrent users each see only themselves", async () => {
    const db = openPostgres(poolerUrl("postgres"), { max: 20 });
    try {
      const users = Array.from({ length: 200 }, () => randomUUID());
      const seen = await Promise.all(
        users.map((sub) =>
          runAsUser(db, { ...claimsFor("observer"), sub }, async (tx) => {
            // A pause inside the transaction, so that many are open on the pool's connections at once.
            await tx.query("select pg_sleep(0.01)");
            const [row] = await tx.query<{ uid: string; role: string }>(
              "select current_setting('request.jwt.claims', true)::jsonb ->> 'sub' as uid, current_user as role",
            );
            return row;
          }),
        ),
      );
      expect(seen).toEqual(users.map((uid) => ({ uid, role: "authenticated" })));
      // Outside a transaction nothing of theirs is left on the pooled connections.
      const after = await Promise.all(
        Array.from({ length: 20 }, () =>
          db.query<{ claims: string | null; role: string }>(
            "select nullif(current_setting('request.jwt.claims', true), '') as claims, current_user as role",
          ),
        ),
      );
      expect(after.flat().every((row) => row.claims === null && row.role !== "authenticated")).toBe(
        true,
      );
    } finally {
      await db.close();
    }
  });
});

describeOnPostgres("migration runners that overlap", () => {
  it("apply every file once, whichever runs first", async () => {
    const name = `lodestone_test_${randomBytes(6).toString("hex")}`;
    const admin = openPostgres(databaseUrl("postgres"), { max: 1 });
    await admin.exec(`create database ${name}`);
    const runners: Database[] = [
      openPostgres(databaseUrl(name), { max: 1 }),
      openPostgres(databaseUrl(name), { max: 1 }),
    ];
    try {
      const [first, second] = await Promise.all(runners.map((db) => migrate(db)));
      const files = readMigrations().map((migration) => migration.file);
      expect([...(first ?? []), ...(second ?? [])].sort()).toEqual(files);
      const [recorded] = await runners[0]!.query<{ count: number }>(
        "select count(*)::int as count from supabase_migrations.schema_migrations",
      );
      expect(recorded?.count).toBe(files.length);
      const [datasets] = await runners[0]!.query<{ count: number }>(
        "select count(*)::int as count from reference.datasets",
      );
      expect(datasets?.count).toBe(1);
    } finally {
      await Promise.all(runners.map((db) => db.close()));
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    }
  });
});

describe("slow statements", () => {
  type Open = (report: (text: string, ms: number) => void) => Promise<Database>;
  const engines: Array<[string, Open]> = [
    ["pglite", (report) => openPglite(undefined, { slowStatements: { thresholdMs: 300, report } })],
  ];
  if (process.env.TEST_DATABASE_URL) {
    engines.push([
      "postgres",
      async (report) =>
        openPostgres(databaseUrl("postgres"), {
          max: 1,
          slowStatements: { thresholdMs: 300, report },
        }),
    ]);
  }

  it.each(engines)(
    "are reported on %s with their text and time, never their values",
    async (_engine, open) => {
      const reported: Array<{ text: string; ms: number }> = [];
      const db = await open((text, ms) => reported.push({ text, ms }));
      try {
        // The connection is made first, so the quick statement's time is the statement's own.
        await db.query("select 1 as warm");
        reported.length = 0;
        await db.query("select $1::text as quick", ["a secret value"]);
        await db.query("select pg_sleep(0.6), $1::text as slow", ["another secret value"]);
        await db.transaction((tx) => tx.query("select pg_sleep(0.6) as inside"));
        expect(reported.map((entry) => entry.text)).toEqual([
          "select pg_sleep(0.6), $1::text as slow",
          "select pg_sleep(0.6) as inside",
        ]);
        expect(reported.every((entry) => entry.ms >= 300)).toBe(true);
      } finally {
        await db.close();
      }
    },
  );
});
