import { readFileSync } from "node:fs";
import path from "node:path";
import { getConfig, type Config } from "~/config.server";
import { openPglite, openPostgres, type Database } from "./engine.server";
import { migrate } from "./migrate.server";

export const SEED_FILE = path.resolve(process.cwd(), "supabase", "seed.sql");

/**
 * Loads the demo partnership and its people (`supabase/seed.sql`, the file `supabase db reset` also loads).
 * Its dates are moved to the load day: today in UTC, or `options.today` ('YYYY-MM-DD') to load it as of
 * another day (ADR 050).
 */
export async function seed(db: Database, options: { today?: string } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    if (options.today) {
      await tx.query("select set_config('lodestone.seed_today', $1, true)", [options.today]);
    }
    await tx.exec(readFileSync(SEED_FILE, "utf8"));
  });
}

/** Opens the configured engine: PGlite under DATA_DIR by default, postgres.js when DATABASE_URL is set. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.dataDir);
}

/*
 * One database per process, kept on globalThis so `remix dev` rebuilds reuse it instead of opening
 * a second PGlite on the same folder.
 */
const globalStore = globalThis as typeof globalThis & { __lodestoneDb?: Promise<Database> };

/**
 * Opens the database once per process. The embedded database migrates itself on every start and is
 * seeded with demo data on its first; a DATABASE_URL database is migrated with `npm run db:migrate`.
 */
export function getDatabase(): Promise<Database> {
  globalStore.__lodestoneDb ??= (async () => {
    const config = getConfig();
    const db = await openConfiguredDatabase(config);
    if (db.engine === "pglite") {
      const applied = await migrate(db, { log: (line) => console.log(`[db] ${line}`) });
      const fresh = applied.length > 0 && applied.length === (await countMigrations(db));
      if (fresh && config.SEED_DEMO_DATA === "true") {
        await seed(db);
        console.log("[db] Loaded the demo partnership.");
      }
    }
    return db;
  })();
  return globalStore.__lodestoneDb;
}

async function countMigrations(db: Database): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    "select count(*)::int as count from supabase_migrations.schema_migrations",
  );
  return row?.count ?? 0;
}

export async function closeDatabase(): Promise<void> {
  const pending = globalStore.__lodestoneDb;
  globalStore.__lodestoneDb = undefined;
  if (pending) await (await pending).close();
}

/** Makes `db` the process's database: for tests and tools that open and migrate their own. */
export function provideDatabase(db: Database): void {
  globalStore.__lodestoneDb = Promise.resolve(db);
}
