// @ts-check
/*
 * What the embedded engine does with a PGlite instance, in one place for both ways of running it (ADR 156):
 * in the server's own thread (engine.server.ts) and in a worker thread (pglite-worker.js, which cannot load
 * TypeScript: this file is plain JavaScript, checked by tsc through its JSDoc).
 */
import { PGlite } from "@electric-sql/pglite";
import { pgDump } from "@electric-sql/pglite-tools/pg_dump";

/*
 * Both engines return values in the same JavaScript types, so code and tests behave alike:
 * int8 (money in minor units, counts) and numeric (FX rates) stay strings — lossless and JSON-safe;
 * date stays 'YYYY-MM-DD'; timestamptz becomes a Date.
 */
export const INT8 = 20;
export const NUMERIC = 1700;
export const DATE = 1082;
export const JSON_TYPE = 114;
export const JSONB = 3802;
/** @param {string} value */
export const asString = (value) => value;
/**
 * A value for a json or jsonb parameter: a string is JSON text already (as PGlite takes it, and as pg-boss
 * hands its batches over), anything else is serialised once (ADR 167).
 * @param {unknown} value
 */
export const asJsonText = (value) => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * Opens PGlite in `folder` (its files), or in memory when `folder` is undefined.
 * @param {string | undefined} folder
 */
export function createPglite(folder) {
  return PGlite.create({
    dataDir: folder,
    parsers: { [INT8]: asString, [NUMERIC]: asString, [DATE]: asString },
  });
}

/**
 * The data folder as an uncompressed tar. Inside a transaction no other transaction can run (PGlite has one
 * session), and the checkpoint writes every committed change into the data files, so the copy is consistent
 * and opens without recovery.
 * @param {PGlite} pg
 * @returns {Promise<Uint8Array>}
 */
export async function dumpDataDir(pg) {
  const tar = await pg.transaction(async (tx) => {
    await tx.exec("checkpoint");
    return pg.dumpDataDir("none");
  });
  return new Uint8Array(await tar.arrayBuffer());
}

/**
 * PGlite's pg_dump with `args`, as SQL text. Call it through `takingTurns` while the app runs: pg_dump drives
 * the one session directly, past PGlite's locks.
 * @param {PGlite} pg
 * @param {string[]} args
 * @returns {Promise<string>}
 */
export async function dumpSql(pg, args) {
  const { search_path: searchPath } = /** @type {{ search_path: string }} */ (
    (await pg.query("show search_path")).rows[0]
  );
  const file = await pgDump({ pg, args });
  // pg_dump ends by disconnecting, which PGlite's one session never does: its read-only transaction would stay
  // open, and the app's next transaction would run inside it. End it, and put back the session's search path
  // (pg_dump empties it; the tool's own restore ran inside that transaction and is undone with it).
  await pg.exec(`rollback; set search_path = ${searchPath}`);
  return file.text();
}

/**
 * Transactions and pg_dump taking turns on one PGlite. pg_dump sends its statements straight into the session,
 * past the lock PGlite's transactions hold, so a dump that started while a transaction was open (waiting for
 * the app's next statement) ran inside it — and failed with "current transaction is aborted" when that
 * transaction had just met an error. A dump waits until no transaction is open or queued, and transactions
 * asked for meanwhile wait for the dump. Single statements outside a transaction need no turn: PGlite runs
 * each one whole, and leaves no transaction behind.
 * @param {PGlite} pg
 */
export function takingTurns(pg) {
  /** @type {Set<Promise<unknown>>} */
  const open = new Set();
  /** @type {Promise<unknown> | null} */
  let dumping = null;
  /**
   * Starts at once when no dump holds the session (checked and started in one step, so no dump can slip in
   * between), or asks again when the dump has ended.
   * @template T
   * @param {(tx: import("@electric-sql/pglite").Transaction) => Promise<T>} work
   * @returns {Promise<T>}
   */
  function transaction(work) {
    if (dumping) {
      return dumping.then(
        () => transaction(work),
        () => transaction(work),
      );
    }
    const running = pg.transaction(work);
    open.add(running);
    running.then(
      () => open.delete(running),
      () => open.delete(running),
    );
    return running;
  }
  return {
    transaction,
    /**
     * Claims the session at once (a transaction asked for after this call waits), then waits for the
     * transactions already open or queued to end.
     * @param {string[]} args @returns {Promise<string>}
     */
    dump(args) {
      const before = dumping;
      const dump = (async () => {
        if (before) await before.catch(() => undefined);
        while (open.size) await Promise.allSettled([...open]);
        return dumpSql(pg, args);
      })();
      dumping = dump;
      const release = () => {
        if (dumping === dump) dumping = null;
      };
      dump.then(release, release);
      return dump;
    },
  };
}

/**
 * An error as plain data that survives postMessage: structured cloning keeps only an Error's message and
 * name, and the database's fields (SQLSTATE `code`, `detail`, `constraint`, …) are what callers map.
 * @param {unknown} error
 * @returns {{ name: string; message: string; fields: Record<string, string | number | boolean | null> }}
 */
export function errorAsData(error) {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  /** @type {Record<string, string | number | boolean | null>} */
  const fields = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
      fields[key] = value;
  }
  return { name: error.name, message: error.message, fields };
}
