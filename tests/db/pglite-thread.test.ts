/*
 * The embedded engine in a worker thread (ADR 156) behaves as PGlite in the server's thread does: the same
 * cases run on both, plus what only a thread can do (crash).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { databaseError } from "~/db/errors";
import { openPglite, type EmbeddedDatabase, type EmbeddedThread } from "~/db/engine.server";
import { EmbeddedWorkerStoppedError, workerThreadOf } from "~/db/pglite-thread.server";

const THREADS: EmbeddedThread[] = ["worker", "main"];

/** Lets other promises (and the other thread's messages) run, as a request's own awaits do. */
const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));

describe.each(THREADS)("the embedded engine in the %s thread", (thread) => {
  let db: EmbeddedDatabase;
  beforeAll(async () => {
    db = await openPglite(undefined, { thread });
    await db.exec(`create table steps (seq serial primary key, who text not null);
                   create table codes (code text primary key)`);
  });
  afterAll(() => db.close());

  it("takes an export while transactions come and go, even one that just met an error", async () => {
    // pg_dump drives the session directly: asked for while a dump loads, this transaction must wait for it,
    // or the dump runs inside it, after its error ("current transaction is aborted").
    const dump = db.pgDump(["--schema=public"]);
    const settled = dump.then(
      () => undefined,
      () => undefined,
    );
    const failing = db
      .transaction(async (tx) => {
        await tx.query("insert into codes (code) values ('dup')");
        await tx.query("insert into codes (code) values ('dup')").catch(() => undefined);
        await settled; // holds the transaction open, in its failed state, while the dump runs (if it may)
        throw new Error("rolled back");
      })
      .catch((error: Error) => error.message);
    await expect(dump).resolves.toContain("CREATE TABLE public.codes");
    await expect(failing).resolves.toBe("rolled back");
    expect(await db.query("select code from codes where code = 'dup'")).toEqual([]);
  });

  it("reports which thread it runs in", () => {
    expect(db.thread).toBe(thread);
  });

  it("keeps a transaction's statements together: others wait for it to end", async () => {
    await db.exec("truncate steps");
    const inTransaction = (who: string) =>
      db.transaction(async (tx) => {
        for (let step = 0; step < 5; step++) {
          await tx.query("insert into steps (who) values ($1)", [who]);
          await yieldTurn();
        }
      });
    const first = inTransaction("A");
    // Sent while A is open: a statement outside any transaction, and a second transaction.
    await yieldTurn();
    const outside = db.query("insert into steps (who) values ('X')");
    const second = inTransaction("B");
    await Promise.all([first, outside, second]);
    const order = (await db.query<{ who: string }>("select who from steps order by seq"))
      .map((row) => row.who)
      .join("");
    expect(order).toBe("AAAAAXBBBBB");
  });

  it("rolls a failed transaction back, and the error keeps its SQLSTATE and fields", async () => {
    await db.query("insert into codes values ('taken')");
    const failure = await db
      .transaction(async (tx) => {
        await tx.query("insert into codes values ('kept only if committed')");
        await tx.query("insert into codes values ('taken')");
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({
      code: "23505",
      constraint: "codes_pkey",
      table: "codes",
      detail: "Key (code)=(taken) already exists.",
    });
    expect(databaseError(failure)).toEqual({
      code: "23505",
      message: 'duplicate key value violates unique constraint "codes_pkey"',
    });
    expect(await db.query("select code from codes order by code")).toEqual([{ code: "taken" }]);
  });

  it("keeps a transaction open after a statement fails inside work that catches it, as PGlite does", async () => {
    const failure = await db
      .transaction(async (tx) => {
        await tx.query("select 1/0").catch(() => {});
        await tx.query("select 1");
      })
      .catch((error: unknown) => error);
    expect(databaseError(failure)?.code).toBe("25P02"); // in failed transaction
    expect(await db.query("select 1 as one")).toEqual([{ one: 1 }]);
  });

  it("returns int8 and numeric as strings, dates as 'YYYY-MM-DD', timestamptz as a Date", async () => {
    const [row] = await db.query<Record<string, unknown>>(
      `select 9007199254740993::int8 as big, 1.10::numeric as rate, '2026-11-30'::date as day,
              '2026-11-30T12:00:00Z'::timestamptz as at, $1::int as param, '{"a":[1]}'::jsonb as doc`,
      [7],
    );
    expect(row).toEqual({
      big: "9007199254740993",
      rate: "1.10",
      day: "2026-11-30",
      at: new Date("2026-11-30T12:00:00Z"),
      param: 7,
      doc: { a: [1] },
    });
  });

  it("delivers a NOTIFY to its listener, and none once it has stopped listening", async () => {
    const heard: string[] = [];
    let heardSecond: () => void = () => {};
    const second = new Promise<void>((resolve) => (heardSecond = resolve));
    const stop = await db.listen("first_channel", (payload) => heard.push(payload));
    await db.listen("second_channel", () => heardSecond());
    await db.transaction(async (tx) => {
      await tx.query("select pg_notify('first_channel', 'after commit')");
    });
    await stop();
    await db.query("select pg_notify('first_channel', 'after unlisten')");
    // Notifications arrive in order: once the second channel's is heard, the first channel's would have been.
    await db.query("select pg_notify('second_channel', 'marker')");
    await second;
    expect(heard).toEqual(["after commit"]);
  });
});

// Creating an embedded data folder (initdb) takes from 3 s to 30 s on a busy machine: a generous timeout.
const INITDB_TIMEOUT = { timeout: 120_000 };

describe.each(THREADS)("the embedded engine's data folder in the %s thread", (thread) => {
  it(
    "holds the folder's lock while open, releases it on close, and keeps the data",
    INITDB_TIMEOUT,
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "lodestone-thread-"));
      const lock = path.join(dir, "lodestone.lock");
      try {
        const first = await openPglite(dir, { thread });
        expect(readFileSync(lock, "utf8")).toBe(String(process.pid));
        await first.exec("create table kept (value text); insert into kept values ('still here');");
        await first.close();
        expect(existsSync(lock)).toBe(false);
        await expect(first.query("select 1")).rejects.toThrow();

        const second = await openPglite(dir, { thread });
        expect(await second.query("select value from kept")).toEqual([{ value: "still here" }]);
        await second.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("a crashed worker thread", () => {
  it(
    "fails the statements in flight and every later one with a clear error, and still closes",
    INITDB_TIMEOUT,
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "lodestone-thread-"));
      try {
        const db = await openPglite(dir, { thread: "worker" });
        const worker = workerThreadOf(db)!;
        let inFlight: Promise<unknown> | undefined;
        const transaction = db.transaction(async (tx) => {
          await tx.query("select 1");
          inFlight = tx.query("select pg_sleep(0.5)");
          await worker.terminate();
          return inFlight;
        });
        await expect(transaction).rejects.toBeInstanceOf(EmbeddedWorkerStoppedError);
        await expect(inFlight).rejects.toThrow(/worker thread stopped \(it exited with code 1\)/);
        await expect(db.query("select 1")).rejects.toThrow(
          /no statement can run until the server restarts/,
        );
        await db.close();
        expect(existsSync(path.join(dir, "lodestone.lock"))).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
