import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "./engine.server";
import { ensureShippedReferenceData } from "./reference.server";

const SUPABASE_DIR = path.resolve(process.cwd(), "supabase");
export const MIGRATIONS_DIR = path.join(SUPABASE_DIR, "migrations");
const SHIM_FILE = path.join(SUPABASE_DIR, "platform", "shim.sql");

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`Migration ${file} failed: ${(cause as Error).message ?? String(cause)}`, { cause });
  }
}

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
  sql: string;
}

/** Files named as the Supabase CLI names them: `<14-digit timestamp>_<name>.sql`, in version order. */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{14}_.+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const [, version = "", name = ""] = /^(\d{14})_(.+)\.sql$/.exec(file) ?? [];
      return { version, name, file, sql: readFileSync(path.join(dir, file), "utf8") };
    });
}

/** Creates Supabase's roles, `auth` schema and claim functions where the database is not Supabase. */
export async function applyPlatformShim(db: Database): Promise<boolean> {
  const [auth] = await db.query<{ exists: boolean }>(
    "select exists (select 1 from pg_namespace where nspname = 'auth') as exists",
  );
  if (auth?.exists) return false;
  await db.transaction((tx) => tx.exec(readFileSync(SHIM_FILE, "utf8")));
  return true;
}

/**
 * Applies pending migrations in order, each in its own transaction, recording each version in
 * `supabase_migrations.schema_migrations` as the Supabase CLI does, so `supabase db push` and this runner agree.
 * Stops at the first failing file; the files before it stay applied. Then loads the reference data shipped in
 * supabase/reference/ as a new version when those files are not loaded yet (docs/decisions/080-*.md).
 */
export async function migrate(
  db: Database,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  if (await applyPlatformShim(db)) log("Applied the Supabase platform shim (roles, auth schema).");
  await db.exec(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (
      version text not null primary key,
      statements text[],
      name text
    );
  `);
  const applied = new Set(
    (
      await db.query<{ version: string }>(
        "select version from supabase_migrations.schema_migrations",
      )
    ).map((row) => row.version),
  );
  const done: string[] = [];
  for (const migration of readMigrations(options.dir)) {
    if (applied.has(migration.version)) continue;
    try {
      await db.transaction(async (tx) => {
        await tx.exec(migration.sql);
        await tx.query(
          "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
          [migration.version, migration.name, [migration.sql]],
        );
      });
    } catch (error) {
      throw new MigrationError(migration.file, error);
    }
    log(`Applied ${migration.file}`);
    done.push(migration.file);
  }
  const reference = await ensureShippedReferenceData(db);
  if (reference?.loaded) {
    log(
      `Loaded the supply reference data as version ${reference.version} (${reference.rows} rows).`,
    );
  }
  return done;
}
