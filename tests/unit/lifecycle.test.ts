/*
 * How a process stops (ADR 121): the drain steps at SIGTERM, then, once no request is in flight, the job queue
 * and then the database; a failing step is logged and the others still run.
 */
import { Writable } from "node:stream";
import {
  beginDrain,
  isDraining,
  onShutdown,
  resetLifecycle,
  shutdown,
} from "~/runtime/lifecycle.server";
import { createLogger } from "~/runtime/log.server";

function capture() {
  const lines: Array<{ level: number; msg: string; step?: string }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: createLogger({ LOG_LEVEL: "info", logFormat: "json" }, destination) };
}

afterEach(() => resetLifecycle());

describe("stopping a process", () => {
  it("drains at once, then drains the job queue and closes the database, in that order", async () => {
    const { log } = capture();
    const ran: string[] = [];
    onShutdown("database", "close the database", () => void ran.push("database"));
    onShutdown("jobs", "drain the job queue", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ran.push("jobs");
    });
    onShutdown("drain", "close the live streams", () => void ran.push("streams"));
    expect(isDraining()).toBe(false);
    await beginDrain(log);
    expect(isDraining()).toBe(true);
    expect(ran).toEqual(["streams"]);
    await beginDrain(log);
    expect(ran).toEqual(["streams"]);
    await shutdown(log);
    expect(ran).toEqual(["streams", "jobs", "database"]);
  });

  it("logs a failing step and still runs the others", async () => {
    const { lines, log } = capture();
    const ran: string[] = [];
    onShutdown("jobs", "drain the job queue", () => {
      throw new Error("queue stuck");
    });
    onShutdown("database", "close the database", () => void ran.push("database"));
    await shutdown(log);
    expect(ran).toEqual(["database"]);
    expect(lines.find((line) => line.level === 50)).toMatchObject({
      step: "drain the job queue",
      msg: "Shutdown: drain the job queue failed.",
    });
  });

  it("keeps one step per name (a rebuild registers its steps again)", async () => {
    const { log } = capture();
    const ran: string[] = [];
    onShutdown("database", "close the database", () => void ran.push("first"));
    onShutdown("database", "close the database", () => void ran.push("second"));
    await shutdown(log);
    expect(ran).toEqual(["second"]);
  });
});
