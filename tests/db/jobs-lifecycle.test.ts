/*
 * The job queue in the process's lifecycle (ADRs 120, 121, 141) on both engines: it starts once per process,
 * drains in the `jobs` step of the stop (after the requests, before the database), and on PostgreSQL it
 * connects through DIRECT_URL with a pool of its own, never through DATABASE_URL (which may be a transaction
 * pooler that loses LISTEN and session locks).
 */
import { Writable } from "node:stream";
import { parseConfig } from "~/config.server";
import { startJobs, stopJobs } from "~/jobs/runtime.server";
import { onShutdown, resetLifecycle, shutdown } from "~/runtime/lifecycle.server";
import { createLogger } from "~/runtime/log.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";

function quietLog() {
  const lines: Array<{ msg: string; step?: string }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: createLogger({ LOG_LEVEL: "info", logFormat: "json" }, destination) };
}

/** A DATABASE_URL nothing answers on: any query through it would fail. */
const NOWHERE = "postgres://nobody:nothing@127.0.0.1:1/none";

describe.each(engines)("the job queue in the process's lifecycle on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await stopJobs();
    resetLifecycle();
    await handle.dispose();
  });

  function configFor() {
    return parseConfig(
      engine === "pglite"
        ? { NODE_ENV: "test" }
        : { NODE_ENV: "test", DATABASE_URL: NOWHERE, DIRECT_URL: handle.url },
    );
  }

  it("starts once, drains in the jobs step before the database step, and closes its own pool", async () => {
    resetLifecycle();
    const config = configFor();
    const running = await startJobs(config, handle.db, true, { schedule: false });
    expect(await startJobs(config, handle.db, true)).toBe(running);
    if (engine === "postgres") {
      // Its own pool, on DIRECT_URL: the queue works although DATABASE_URL answers nothing.
      expect(running.queueDb).not.toBe(handle.db);
      const [row] = await running.queueDb.query<{ name: string }>(
        "select current_database() as name",
      );
      expect(row?.name).toBe(new URL(handle.url ?? "").pathname.slice(1));
      const jobId = await running.queue.boss.send("digests.plan", { today: handle.today });
      expect(jobId).toBeTruthy();
    } else {
      expect(running.queueDb).toBe(handle.db);
    }

    const order: string[] = [];
    running.queue.boss.on("stopped", () => order.push("queue stopped"));
    onShutdown("database", "close the database", () => void order.push("database closed"));
    const { lines, log } = quietLog();
    await shutdown(log);
    expect(order).toEqual(["queue stopped", "database closed"]);
    expect(lines.map((line) => line.step)).toEqual(["drain the job queue", "close the database"]);
    if (engine === "postgres") {
      await expect(running.queueDb.query("select 1")).rejects.toThrow();
    } else {
      // The embedded database is the process's: the database step closes it, not the queue.
      expect(await handle.db.query("select 1 as one")).toEqual([{ one: 1 }]);
    }
    // Stopped, it starts again (a new process, or a rebuild).
    const again = await startJobs(config, handle.db, false);
    expect(again).not.toBe(running);
    await stopJobs();
  });

  it("takes the jobs its schedules send: pg-boss's batch insert, a JSON text for a json parameter", async () => {
    // Each cron tick reaches the queue through pg-boss's `insert` (its send-it queue), which hands
    // json_to_recordset its jobs already serialised. postgres.js used to serialise that text again, so on
    // PostgreSQL every scheduled job (digests, overdue milestones, the mail sweep) failed with "cannot call
    // json_to_recordset on a scalar" (ADR 167).
    resetLifecycle();
    const running = await startJobs(configFor(), handle.db, true, { schedule: false });
    const today = "2031-07-15"; // a day of this test's own, so only these two jobs carry it
    await running.queue.boss.insert([
      { name: "milestones.overdue", data: { today } },
      { name: "digests.plan", data: { today } },
    ]);
    const rows = await running.queueDb.query<{ name: string; state: string }>(
      "select name, state::text as state from pgboss.job where data->>'today' = $1 order by name",
      [today],
    );
    expect(rows).toEqual([
      { name: "digests.plan", state: "created" },
      { name: "milestones.overdue", state: "created" },
    ]);
    await stopJobs();
  });
});
