// @ts-check
/*
 * The embedded database's own thread (ADR 156): one PGlite, driven by messages from the server's thread
 * (pglite-thread.server.ts), so SQL runs on one core while the server renders pages on the other.
 *
 * Every request is { id, op, … } and gets one reply { id, ok: true, value } or { id, ok: false, error }.
 * Requests start in the order they arrive; PGlite's own locks then order them exactly as in one thread: a
 * transaction ("begin" … "commit" | "rollback") holds PGlite until it ends, so statements sent outside it, and
 * other transactions, wait and never interleave with it. NOTIFY payloads come as { op: "notify", listener,
 * payload }.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createPglite, dumpDataDir, errorAsData, takingTurns } from "./pglite-operations.js";

if (!parentPort) throw new Error("pglite-worker.js runs as a worker thread only.");
const port = parentPort;

/** @typedef {import("@electric-sql/pglite").Transaction} Transaction */
/** @typedef {{ tx: Transaction; commit: () => void; rollback: () => void }} OpenTransaction */

class Rollback extends Error {}

/** @type {import("@electric-sql/pglite").PGlite} */
let pg;
try {
  pg = await createPglite(workerData?.folder);
} catch (error) {
  port.postMessage({ op: "failed", error: errorAsData(error) });
  process.exit(1);
}

const turns = takingTurns(pg);
/** @type {Map<number, OpenTransaction>} */
const transactions = new Map();
/** How each open transaction ends: resolves once COMMIT or ROLLBACK has run. */
/** @type {Map<number, Promise<void>>} */
const ends = new Map();
/** @type {Map<number, () => Promise<void>>} */
const listeners = new Map();
let nextId = 1;

/** @param {number | undefined} id */
function target(id) {
  if (id === undefined) return pg;
  const open = transactions.get(id);
  if (!open) throw new Error("Transaction is closed");
  return open.tx;
}

/** Starts a transaction; resolves to its id once BEGIN has run, and it stays open until commit or rollback. */
function begin() {
  return new Promise((resolveBegin, rejectBegin) => {
    const id = nextId++;
    /** @type {Promise<void>} */
    const ended = turns.transaction(
      (tx) =>
        new Promise((commit, rollback) => {
          transactions.set(id, {
            tx,
            commit: () => commit(undefined),
            rollback: () => rollback(new Rollback()),
          });
          resolveBegin(id);
        }),
    );
    ends.set(id, ended);
    ended.catch(rejectBegin).finally(() => {
      transactions.delete(id);
      ends.delete(id);
    });
  });
}
/** @param {number} id @param {"commit" | "rollback"} how */
async function end(id, how) {
  const open = transactions.get(id);
  const ended = ends.get(id);
  if (!open || !ended) throw new Error("Transaction is closed");
  open[how]();
  try {
    await ended;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

/** @param {any} request */
async function handle(request) {
  switch (request.op) {
    case "query":
      return (await target(request.tx).query(request.text, request.params)).rows;
    case "exec":
      await target(request.tx).exec(request.script);
      return undefined;
    case "begin":
      return begin();
    case "commit":
    case "rollback":
      return end(request.tx, request.op);
    case "listen": {
      const id = nextId++;
      const unlisten = await pg.listen(request.channel, (payload) =>
        port.postMessage({ op: "notify", listener: id, payload }),
      );
      listeners.set(id, () => unlisten());
      return id;
    }
    case "unlisten":
      await listeners.get(request.listener)?.();
      listeners.delete(request.listener);
      return undefined;
    case "dumpDataDir":
      return dumpDataDir(pg);
    case "pgDump":
      return turns.dump(request.args);
    case "close":
      await pg.close();
      return undefined;
    default:
      throw new Error(`Unknown request ${String(request.op)}`);
  }
}

port.on("message", (request) => {
  handle(request).then(
    (value) =>
      port.postMessage(
        { id: request.id, ok: true, value },
        value instanceof Uint8Array ? [/** @type {ArrayBuffer} */ (value.buffer)] : [],
      ),
    (error) => port.postMessage({ id: request.id, ok: false, error: errorAsData(error) }),
  );
});
port.postMessage({ op: "ready" });
