/*
 * The embedded engine with PGlite in a worker thread (ADR 156): the server's thread sends each statement as a
 * message to app/db/pglite-worker.js and renders other pages while the worker runs it. The same `Database` as
 * PGlite in the server's thread, statement for statement: a transaction's statements run together (PGlite's
 * own lock, in the worker), values come back in the same types, and errors keep their SQLSTATE and fields.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import {
  claimDataFolder,
  pgliteFolder,
  timed,
  type EmbeddedDatabase,
  type EngineOptions,
  type Queryable,
} from "./engine.server";

/*
 * Resolved from the working directory, as the seed and the platform files are: the server's build is one
 * bundle, and the worker is a file of its own that Node loads as it is (plain JavaScript).
 */
export const WORKER_FILE = path.resolve(process.cwd(), "app", "db", "pglite-worker.js");

/** An error the worker sent back: the database's message, with its SQLSTATE `code` and other fields. */
interface ErrorData {
  name: string;
  message: string;
  fields: Record<string, string | number | boolean | null>;
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorData };
type Message =
  | Reply
  | { op: "ready" }
  | { op: "failed"; error: ErrorData }
  | { op: "notify"; listener: number; payload: string };

/** Each open database's worker, for diagnostics and for tests that stop it as a crash would. */
const workers = new WeakMap<EmbeddedDatabase, Worker>();

export function workerThreadOf(db: EmbeddedDatabase): Worker | undefined {
  return workers.get(db);
}

/** The worker stopped (crashed, or was stopped): every statement sent to it fails with this. */
export class EmbeddedWorkerStoppedError extends Error {}

/** An Error like the one PGlite threw in the worker: same message, name and fields (code, detail, …). */
function errorFrom(data: ErrorData): Error {
  const error = Object.assign(new Error(data.message), data.fields);
  error.name = data.name;
  return error;
}

/** The main thread's side of the worker: numbered requests, one reply each. */
class WorkerChannel {
  readonly #worker: Worker;
  readonly #pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void }
  >();
  readonly #listeners = new Map<number, (payload: string) => void>();
  #nextId = 1;
  #stopped: Error | null = null;
  #closing = false;

  constructor(worker: Worker) {
    this.#worker = worker;
    worker.on("message", (message: Message) => this.#receive(message));
    // i18n-exempt: the reasons end up in EmbeddedWorkerStoppedError's message, for the operator, in English.
    worker.on("error", (error) =>
      this.#stop(`it failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    // i18n-exempt: as above, for the operator.
    worker.on("exit", (code) => this.#stop(`it exited with code ${code}`));
    // Idle, the worker does not keep the process alive (PGlite in the server's thread does not either).
    worker.unref();
  }

  call(request: Record<string, unknown>): Promise<unknown> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  onNotify(listener: number, onPayload: (payload: string) => void) {
    this.#listeners.set(listener, onPayload);
  }

  offNotify(listener: number) {
    this.#listeners.delete(listener);
  }

  /** Closes PGlite in the worker, then ends the worker; safe to call after it crashed. */
  async close(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.call({ op: "close" });
    } finally {
      this.#closing = true;
      await this.#worker.terminate();
    }
  }

  #receive(message: Message) {
    if ("op" in message) {
      if (message.op === "notify") this.#listeners.get(message.listener)?.(message.payload);
      return;
    }
    const waiting = this.#pending.get(message.id);
    if (!waiting) return;
    this.#pending.delete(message.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(errorFrom(message.error));
  }

  #stop(reason: string) {
    if (this.#stopped) return;
    this.#stopped = this.#closing
      ? new EmbeddedWorkerStoppedError("The embedded database is closed.")
      : new EmbeddedWorkerStoppedError(
          `The embedded database's worker thread stopped (${reason}): no statement can run until the server restarts.`,
        );
    for (const waiting of this.#pending.values()) waiting.reject(this.#stopped);
    this.#pending.clear();
    this.#listeners.clear();
  }
}

/** Starts the worker and waits until its PGlite is open (or fails to open, with PGlite's error). */
function startWorker(folder: string | undefined): Promise<Worker> {
  const worker = new Worker(WORKER_FILE, { workerData: { folder } });
  return new Promise((resolve, reject) => {
    const onMessage = (message: Message) => {
      if (!("op" in message) || (message.op !== "ready" && message.op !== "failed")) return;
      cleanup();
      if (message.op === "ready") resolve(worker);
      else reject(errorFrom(message.error));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(
        new EmbeddedWorkerStoppedError(
          `The embedded database's worker exited (code ${code}) while opening.`,
        ),
      );
    };
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

/** PGlite in a worker thread: persisted in `dataDir`, or in memory when `dataDir` is undefined (tests). */
export async function openPgliteWorker(
  dataDir: string | undefined,
  options: EngineOptions = {},
): Promise<EmbeddedDatabase> {
  const release = claimDataFolder(dataDir);
  let worker: Worker;
  let thread: WorkerChannel;
  try {
    worker = await startWorker(dataDir ? pgliteFolder(dataDir) : undefined);
    thread = new WorkerChannel(worker);
  } catch (error) {
    release();
    throw error;
  }
  const wrap = (tx?: number): Queryable => ({
    query: timed(
      (text, params = []) => thread.call({ op: "query", tx, text, params }) as Promise<never[]>,
      options.slowStatements,
    ),
    async exec(script) {
      await thread.call({ op: "exec", tx, script });
    },
  });
  const db: EmbeddedDatabase = {
    engine: "pglite",
    thread: "worker",
    ...wrap(),
    async transaction(work) {
      const tx = (await thread.call({ op: "begin" })) as number;
      let result;
      try {
        result = await work(wrap(tx));
      } catch (error) {
        // The work's own error is the one to report; a rollback that fails too (a stopped worker) adds nothing.
        await thread.call({ op: "rollback", tx }).catch(() => {});
        throw error;
      }
      await thread.call({ op: "commit", tx });
      return result;
    },
    async listen(channel, onPayload) {
      const listener = (await thread.call({ op: "listen", channel })) as number;
      thread.onNotify(listener, onPayload);
      return async () => {
        thread.offNotify(listener);
        await thread.call({ op: "unlisten", listener });
      };
    },
    dumpDataDir: () => thread.call({ op: "dumpDataDir" }) as Promise<Uint8Array>,
    pgDump: (args) => thread.call({ op: "pgDump", args }) as Promise<string>,
    async close() {
      try {
        await thread.close();
      } finally {
        release();
      }
    },
  };
  workers.set(db, worker);
  return db;
}
