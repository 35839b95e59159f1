import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";

/** A row-returning query surface shared by both engines and by transactions on them. */
export interface Queryable {
  /** Runs one parameterised statement ($1, $2, …) and returns its rows. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations, seeds). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: "pglite" | "postgres";
  /** One transaction: commits when `work` resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on `channel` (outside any transaction): `onPayload` gets each NOTIFY's payload once its transaction
   * commits. Resolves when listening has started, to a function that stops it.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/*
 * Both engines return values in the same JavaScript types, so code and tests behave alike:
 * int8 (money in minor units, counts) and numeric (FX rates) stay strings — lossless and JSON-safe;
 * date stays 'YYYY-MM-DD'; timestamptz becomes a Date.
 */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const asString = (value: string) => value;

/** Reports statements slower than `thresholdMs` (0: none); they are logged without their parameters. */
export interface SlowStatements {
  thresholdMs: number;
  report(statement: string, durationMs: number): void;
}

export interface EngineOptions {
  slowStatements?: SlowStatements;
}

/** `query` timed against the threshold: the time includes waiting for the engine (PGlite runs one at a time). */
function timed(query: Queryable["query"], slow: SlowStatements | undefined): Queryable["query"] {
  if (!slow || slow.thresholdMs <= 0) return query;
  return async (text, params) => {
    const started = performance.now();
    try {
      return await query(text, params);
    } finally {
      const durationMs = performance.now() - started;
      if (durationMs > slow.thresholdMs) slow.report(text, Math.round(durationMs));
    }
  };
}

export class DataFolderLockedError extends Error {}

/** Holds `<dir>/lodestone.lock` with our pid; PGlite has no lock of its own and a second writer loses data. */
export function lockDataFolder(dir: string): () => void {
  const lockFile = path.join(dir, "lodestone.lock");
  try {
    writeFileSync(lockFile, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(readFileSync(lockFile, "utf8").trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DataFolderLockedError(
        `The data folder ${dir} is in use by another Lodestone process (pid ${holder}). ` +
          `Stop that process, or set DATA_DIR to another folder.`,
      );
    }
    // A stale lock from a process that died: take it over.
    writeFileSync(lockFile, String(process.pid));
  }
  const release = () => rmSync(lockFile, { force: true });
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The embedded engine, with what backups and exports need of the PGlite instance itself. */
export interface EmbeddedDatabase extends Database {
  readonly engine: "pglite";
  readonly pglite: PGlite;
}

/** PGlite in-process: persisted in `dataDir`, or in memory when `dataDir` is undefined (tests). */
export async function openPglite(
  dataDir?: string,
  options: EngineOptions = {},
): Promise<EmbeddedDatabase> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    release = lockDataFolder(dataDir);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, "pglite") : undefined,
      parsers: { [INT8]: asString, [NUMERIC]: asString, [DATE]: asString },
    });
  } catch (error) {
    release();
    throw error;
  }
  const wrap = (target: Pick<PGlite, "query" | "exec">): Queryable => ({
    query: timed(async <Row>(text: string, params: unknown[] = []) => {
      const result = await target.query<Row>(text, params);
      return result.rows;
    }, options.slowStatements) as Queryable["query"],
    async exec(script: string) {
      await target.exec(script);
    },
  });
  return {
    engine: "pglite",
    pglite: pg,
    ...wrap(pg),
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return () => unlisten();
    },
    async close() {
      await pg.close();
      release();
    },
  };
}

/**
 * postgres.js with a pool. `prepare: false` keeps it compatible with Supabase's pooler in transaction mode.
 */
export function openPostgres(
  url: string,
  options: EngineOptions & { max?: number } = {},
): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: false,
    onnotice: () => {},
    types: {
      int8: { to: INT8, from: [INT8], serialize: String, parse: asString },
      numeric: { to: NUMERIC, from: [NUMERIC], serialize: String, parse: asString },
      date: { to: DATE, from: [DATE], serialize: String, parse: asString },
    },
  });
  const wrap = (target: postgres.Sql | postgres.TransactionSql): Queryable => ({
    query: timed(async <Row>(text: string, params: unknown[] = []) => {
      const rows = await target.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as Row[];
    }, options.slowStatements) as Queryable["query"],
    async exec(script: string) {
      // Without parameters postgres.js uses the simple query protocol, which accepts several statements.
      await target.unsafe(script).simple();
    },
  });
  return {
    engine: "postgres",
    ...wrap(sql),
    transaction: (work) => sql.begin((tx) => work(wrap(tx))) as Promise<never>,
    // postgres.js listens on a connection of its own (re-listening after a reconnect). Through a transaction
    // pooler LISTEN is silently lost: the app listens on its session database (DIRECT_URL), checked at start.
    async listen(channel, onPayload) {
      const { unlisten } = await sql.listen(channel, onPayload);
      return unlisten;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
