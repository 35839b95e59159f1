import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Database, Queryable } from "./engine.server";
import { ensureShippedReferenceData } from "./reference.server";

const SUPABASE_DIR = path.resolve(process.cwd(), "supabase");
export const MIGRATIONS_DIR = path.join(SUPABASE_DIR, "migrations");
const ROLES_FILE = path.join(SUPABASE_DIR, "platform", "roles.sql");
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

const shippedVersions = new Map<string, string[]>();

/**
 * The migration files not yet recorded in `supabase_migrations.schema_migrations` (all of them on a database
 * never migrated): what readiness reports, and what `npm run db:migrate` would apply.
 */
export async function pendingMigrations(db: Queryable, dir = MIGRATIONS_DIR): Promise<string[]> {
  let versions = shippedVersions.get(dir);
  if (!versions) {
    versions = readMigrations(dir).map((migration) => migration.version);
    shippedVersions.set(dir, versions);
  }
  const [table] = await db.query<{ exists: boolean }>(
    "select to_regclass('supabase_migrations.schema_migrations') is not null as exists",
  );
  if (!table?.exists) return versions;
  const applied = new Set(
    (
      await db.query<{ version: string }>(
        "select version from supabase_migrations.schema_migrations",
      )
    ).map((row) => row.version),
  );
  return versions.filter((version) => !applied.has(version));
}

/** Supabase's API roles, created where missing (also at the head of exports and PostgreSQL restores). */
export function platformRolesSql(): string {
  return readFileSync(ROLES_FILE, "utf8");
}

/** The advisory lock every migrating transaction takes first: two runners never apply one file twice. */
const MIGRATION_LOCK = "select pg_advisory_xact_lock(hashtext('lodestone.migrate'))";

/**
 * `db` whose every transaction first takes the migration lock, so concurrent runners (two release steps, two
 * `npm run db:migrate`) queue instead of racing. A transaction-scoped lock needs no session of its own.
 */
function serialised(db: Database): Database {
  return {
    ...db,
    transaction: (work) =>
      db.transaction(async (tx) => {
        await tx.query(MIGRATION_LOCK);
        return work(tx);
      }),
  };
}

/**
 * Applies pending migrations in order, each in its own transaction, recording each version in
 * `supabase_migrations.schema_migrations` as the Supabase CLI does, so `supabase db push` and this runner agree.
 * Stops at the first failing file; the files before it stay applied. Then loads the reference data shipped in
 * supabase/reference/ as a new version when those files are not loaded yet (docs/decisions/080-*.md).
 * Every step holds the migration lock and re-reads what is applied under it, so runners may overlap.
 */
export async function migrate(
  db: Database,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const locked = serialised(db);
  const shimmed = await locked.transaction(async (tx) => {
    const [auth] = await tx.query<{ exists: boolean }>(
      "select exists (select 1 from pg_namespace where nspname = 'auth') as exists",
    );
    if (!auth?.exists) {
      await tx.exec(platformRolesSql());
      await tx.exec(readFileSync(SHIM_FILE, "utf8"));
    }
    await tx.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text not null primary key,
        statements text[],
        name text
      );
    `);
    return !auth?.exists;
  });
  if (shimmed) log("Applied the Supabase platform shim (roles, auth schema).");
  const done: string[] = [];
  for (const migration of readMigrations(options.dir)) {
    try {
      const applied = await locked.transaction(async (tx) => {
        const [already] = await tx.query(
          "select 1 from supabase_migrations.schema_migrations where version = $1",
          [migration.version],
        );
        if (already) return false;
        await tx.exec(migration.sql);
        await tx.query(
          "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
          [migration.version, migration.name, [migration.sql]],
        );
        return true;
      });
      if (!applied) continue;
    } catch (error) {
      throw new MigrationError(migration.file, error);
    }
    log(`Applied ${migration.file}`);
    done.push(migration.file);
  }
  const reference = await ensureShippedReferenceData(locked);
  if (reference?.loaded) {
    log(
      `Loaded the supply reference data as version ${reference.version} (${reference.rows} rows).`,
    );
  }
  return done;
}
