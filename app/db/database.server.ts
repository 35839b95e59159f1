import { readFileSync } from "node:fs";
import path from "node:path";
import { getConfig, type Config } from "~/config.server";
import { onShutdown } from "~/runtime/lifecycle.server";
import { getLogger } from "~/runtime/log.server";
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

/** Where the configured PostgreSQL keeps a session: DIRECT_URL when set, else DATABASE_URL (ADR 120). */
export function sessionUrl(
  config: Pick<Config, "DATABASE_URL" | "DIRECT_URL">,
): string | undefined {
  return config.DIRECT_URL ?? config.DATABASE_URL;
}

/** Statements slower than SLOW_STATEMENT_MS become warnings in the log: the text only, never the values. */
function slowStatements(config: Config) {
  return {
    thresholdMs: config.SLOW_STATEMENT_MS,
    report: (statement: string, durationMs: number) =>
      getLogger().warn(
        { statement: statement.replace(/\s+/g, " ").slice(0, 500), durationMs },
        "slow statement",
      ),
  };
}

/** Opens the configured engine: PGlite under DATA_DIR by default, postgres.js when DATABASE_URL is set. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const options = { slowStatements: slowStatements(config) };
  return config.DATABASE_URL
    ? openPostgres(config.DATABASE_URL, options)
    : openPglite(config.dataDir, { ...options, thread: config.EMBEDDED_THREAD });
}

/**
 * The connection for work that needs a session of its own (migrations, backups, LISTEN, the job queue): on
 * PostgreSQL a small pool (`max`, default 2) on DIRECT_URL (or DATABASE_URL), on the embedded engine the one
 * PGlite (a folder has one process). Callers check it with `requireSession` (./session.server.ts) before relying on it.
 */
export async function openSessionDatabase(
  config: Config,
  options: { max?: number } = {},
): Promise<Database> {
  const url = sessionUrl(config);
  return url
    ? openPostgres(url, { max: options.max ?? 2, slowStatements: slowStatements(config) })
    : openPglite(config.dataDir, {
        slowStatements: slowStatements(config),
        thread: config.EMBEDDED_THREAD,
      });
}

/*
 * One database per process (and, on PostgreSQL, one session database beside it), kept on globalThis so
 * `remix dev` rebuilds reuse them instead of opening a second PGlite on the same folder.
 */
const globalStore = globalThis as typeof globalThis & {
  __lodestoneDb?: Promise<Database>;
  __lodestoneSessionDb?: Promise<Database>;
};

/**
 * Opens the database once per process. The embedded database migrates itself on every start and is
 * seeded with demo data on its first; a DATABASE_URL database is migrated with `npm run db:migrate`.
 */
export function getDatabase(): Promise<Database> {
  globalStore.__lodestoneDb ??= (async () => {
    const config = getConfig();
    const db = await openConfiguredDatabase(config);
    onShutdown("database", "close the database", closeDatabase);
    if (db.engine === "pglite") {
      const log = getLogger();
      const applied = await migrate(db, { log: (line) => log.info(line) });
      const fresh = applied.length > 0 && applied.length === (await countMigrations(db));
      if (fresh && config.SEED_DEMO_DATA === "true") {
        await seed(db);
        log.info("Loaded the demo partnership.");
      }
    }
    return db;
  })();
  return globalStore.__lodestoneDb;
}

/**
 * The process's session database (LISTEN for the live board; a job queue's listener, when there is one): the embedded
 * database itself, or a pool of two on DIRECT_URL (else DATABASE_URL), opened once.
 */
export function getSessionDatabase(): Promise<Database> {
  globalStore.__lodestoneSessionDb ??= (async () => {
    const db = await getDatabase();
    const config = getConfig();
    if (db.engine === "pglite" || !config.DATABASE_URL) return db;
    return openPostgres(sessionUrl(config) ?? config.DATABASE_URL, {
      max: 2,
      slowStatements: slowStatements(config),
    });
  })();
  return globalStore.__lodestoneSessionDb;
}

async function countMigrations(db: Database): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    "select count(*)::int as count from supabase_migrations.schema_migrations",
  );
  return row?.count ?? 0;
}

/** Closes the session database, then the database (the embedded one flushes and releases its lock). */
export async function closeDatabase(): Promise<void> {
  const pending = globalStore.__lodestoneDb;
  const session = globalStore.__lodestoneSessionDb;
  globalStore.__lodestoneDb = undefined;
  globalStore.__lodestoneSessionDb = undefined;
  const db = pending ? await pending : undefined;
  const sessionDb = session ? await session.catch(() => undefined) : undefined;
  if (sessionDb && sessionDb !== db) await sessionDb.close();
  if (db) await db.close();
}

/** Makes `db` the process's database (and its session database): for tests and tools that open their own. */
export function provideDatabase(db: Database): void {
  globalStore.__lodestoneDb = Promise.resolve(db);
  globalStore.__lodestoneSessionDb = Promise.resolve(db);
}
