import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import {
  DATE,
  INT8,
  JSONB,
  JSON_TYPE,
  NUMERIC,
  asJsonText,
  asString,
  createPglite,
  dumpDataDir,
  takingTurns,
} from "./pglite-operations.js";
import { openPgliteWorker } from "./pglite-thread.server";

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

/** Reports statements slower than `thresholdMs` (0: none); they are logged without their parameters. */
export interface SlowStatements {
  thresholdMs: number;
  report(statement: string, durationMs: number): void;
}

export interface EngineOptions {
  slowStatements?: SlowStatements;
}

/**
 * Where the embedded engine runs PGlite (ADR 156): in a worker thread of its own, so SQL and rendering use
 * two cores, or in the server's own thread.
 */
export type EmbeddedThread = "worker" | "main";

export interface EmbeddedOptions extends EngineOptions {
  thread?: EmbeddedThread;
}

/** `query` timed against the threshold: the time includes waiting for the engine (PGlite runs one at a time). */
export function timed(
  query: Queryable["query"],
  slow: SlowStatements | undefined,
): Queryable["query"] {
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

/** The embedded engine, with what backups and exports need of PGlite itself. */
export interface EmbeddedDatabase extends Database {
  readonly engine: "pglite";
  readonly thread: EmbeddedThread;
  /** The data folder as an uncompressed tar, consistent (taken in a transaction after a checkpoint). */
  dumpDataDir(): Promise<Uint8Array>;
  /** PGlite's pg_dump with `args`, as SQL text. */
  pgDump(args: string[]): Promise<string>;
}

/** Where PGlite keeps its files under DATA_DIR. */
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

/** Creates `dataDir` when missing and takes its lock; returns the function that releases it. */
export function claimDataFolder(dataDir: string | undefined): () => void {
  if (!dataDir) return () => {};
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return lockDataFolder(dataDir);
}

/** The thread the embedded engine uses when its caller does not choose (ADR 156). */
export const DEFAULT_EMBEDDED_THREAD: EmbeddedThread = "worker";

/**
 * PGlite, persisted in `dataDir`, or in memory when `dataDir` is undefined (tests): in a worker thread by
 * default (pglite-thread.server.ts), or in this thread with `thread: "main"`.
 */
export async function openPglite(
  dataDir?: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  if ((options.thread ?? DEFAULT_EMBEDDED_THREAD) === "worker") {
    return openPgliteWorker(dataDir, options);
  }
  return openPgliteInThread(dataDir, options);
}

/** PGlite in the server's own thread: every query runs on its event loop. */
async function openPgliteInThread(
  dataDir: string | undefined,
  options: EngineOptions,
): Promise<EmbeddedDatabase> {
  const release = claimDataFolder(dataDir);
  let pg: PGlite;
  try {
    pg = await createPglite(dataDir ? pgliteFolder(dataDir) : undefined);
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
  const turns = takingTurns(pg);
  return {
    engine: "pglite",
    thread: "main",
    ...wrap(pg),
    transaction: (work) => turns.transaction((tx) => work(wrap(tx))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return () => unlisten();
    },
    dumpDataDir: () => dumpDataDir(pg),
    pgDump: (args) => turns.dump(args),
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
      // postgres.js serialises every json parameter with JSON.stringify, so JSON text became a JSON string
      // and pg-boss's batch insert (each cron tick) failed on PostgreSQL alone; PGlite takes text as JSON.
      json: { to: JSON_TYPE, from: [JSON_TYPE, JSONB], serialize: asJsonText, parse: JSON.parse },
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
