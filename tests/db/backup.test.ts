/*
 * Backups (ADR 123): an embedded backup taken while transactions keep committing holds every transaction
 * acknowledged before it and no half of any, and restores only into an empty folder; a PostgreSQL backup
 * (pg_dump) restores only into an empty database, whole. The commands around them are tested end to end in
 * tests/e2e/durability.spec.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import {
  BackupError,
  backupPostgres,
  isEmptyEmbeddedFolder,
  kindOf,
  pgliteFolder,
  restoreEmbedded,
  restorePostgres,
  snapshotEmbedded,
  splitPassword,
} from "~/db/backup.server";
import { openPglite } from "~/db/engine.server";
import { createTestDatabase, databaseUrl, describeOnPostgres } from "../support/database";

describe("backup files", () => {
  it("are told apart by their first bytes", () => {
    expect(kindOf(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe("embedded");
    expect(kindOf(new TextEncoder().encode("PGDMP\u0001"))).toBe("postgres");
    expect(kindOf(new TextEncoder().encode("-- Lodestone: the embedded"))).toBe("sql");
  });

  it("keep a password out of the command line", () => {
    expect(
      splitPassword("postgres://office:s%40cret@db.example:5432/lodestone?sslmode=require"),
    ).toEqual({
      url: "postgres://office@db.example:5432/lodestone?sslmode=require",
      password: "s@cret",
    });
    expect(splitPassword("postgres://office@db/x")).toEqual({ url: "postgres://office@db/x" });
  });
});

describe("an embedded backup", () => {
  it("taken while transactions commit, holds every one acknowledged before it, and no half of any", async () => {
    const source = await openPglite(mkdtempSync(path.join(tmpdir(), "lodestone-backup-")));
    const target = mkdtempSync(path.join(tmpdir(), "lodestone-restore-"));
    try {
      // What a restore checks a Lodestone database by, and a table to write to (the migrations are not needed).
      await source.exec(`
        create schema supabase_migrations;
        create table supabase_migrations.schema_migrations (version text primary key);
        create table public.backup_probe (pair int not null, half text not null);
      `);
      // A writer keeps committing two-row transactions, one after another, while the backup is taken.
      const acknowledged: number[] = [];
      let tenth: () => void = () => {};
      const tenAcknowledged = new Promise<void>((resolve) => (tenth = resolve));
      const writer = (async () => {
        for (let pair = 0; pair < 40; pair += 1) {
          await source.transaction(async (tx) => {
            await tx.query("insert into public.backup_probe values ($1, 'first')", [pair]);
            await tx.query("insert into public.backup_probe values ($1, 'second')", [pair]);
          });
          acknowledged.push(pair);
          if (acknowledged.length === 10) tenth();
        }
      })();
      await tenAcknowledged;
      const before = [...acknowledged];
      const archive = await snapshotEmbedded(source);
      await writer;
      expect(acknowledged).toHaveLength(40);

      expect(kindOf(archive)).toBe("embedded");
      await restoreEmbedded(target, archive);
      const copy = await PGlite.create({ dataDir: pgliteFolder(target) });
      try {
        const { rows } = await copy.query<{ pair: number; halves: number }>(
          "select pair, count(*)::int as halves from public.backup_probe group by pair order by pair",
        );
        expect(rows.every((row) => row.halves === 2)).toBe(true);
        const restored = rows.map((row) => row.pair);
        expect(restored).toEqual(expect.arrayContaining(before));
        expect(restored.length).toBeGreaterThanOrEqual(before.length);
        expect(restored.length).toBeLessThan(40);
      } finally {
        await copy.close();
      }
      await expect(restoreEmbedded(target, archive)).rejects.toThrow(BackupError);
      expect(isEmptyEmbeddedFolder(target)).toBe(false);
    } finally {
      await source.close();
    }
  }, 60_000);
});

describeOnPostgres("a PostgreSQL backup", () => {
  it("restores whole into an empty database, and never into one that is not", async () => {
    const source = await createTestDatabase("postgres", { seed: true });
    const target = await createTestDatabase("postgres", { migrate: false });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "lodestone-pgdump-")), "office.dump");
    try {
      const url = (name: string) => databaseUrl(name);
      const nameOf = async (db: typeof source.db) =>
        (await db.query<{ name: string }>("select current_database() as name"))[0]?.name ?? "";
      await backupPostgres(url(await nameOf(source.db)), file);
      await restorePostgres(target.db, url(await nameOf(target.db)), file);
      const count = (db: typeof source.db) =>
        db.query<{ table: string; rows: number }>(
          `select 'audit_events' as table, count(*)::int as rows from public.audit_events
           union all select 'pledges', count(*)::int from public.pledges
           union all select 'users', count(*)::int from auth.users
           union all select 'policies', count(*)::int from pg_policies`,
        );
      expect(await count(target.db)).toEqual(await count(source.db));
      await expect(restorePostgres(target.db, url(await nameOf(target.db)), file)).rejects.toThrow(
        /not empty/,
      );
    } finally {
      await source.dispose();
      await target.dispose();
    }
  });
});
