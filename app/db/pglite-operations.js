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
/** @param {string} value */
export const asString = (value) => value;

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
 * PGlite's pg_dump with `args`, as SQL text. It waits for open transactions first, so the dump is consistent.
 * @param {PGlite} pg
 * @param {string[]} args
 * @returns {Promise<string>}
 */
export async function dumpSql(pg, args) {
  const file = await pgDump({ pg, args });
  return file.text();
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
