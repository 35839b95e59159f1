/*
 * Running the embedded default for real (issue 15): a SIGKILL during concurrent writes loses no acknowledged
 * write; a backup taken while people work restores into an empty folder; SIGTERM drains (readiness 503, live
 * streams sent elsewhere, requests in flight finished, bounded). Each test starts servers of its own on
 * E2E_PORT + 4 and + 5, so the tests of this file run one after another.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { addDays, isoToday } from "../support/seed-dates";
import { ACCOUNTS } from "./support/accounts";
import { PARTNERSHIP } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { loaderData, submitForm } from "./support/remix";
import {
  dbCommand,
  extraPort,
  factoriesOn,
  freshGet,
  rawConnection,
  seededDataDir,
  signedInApi,
  startLodestone,
  temporaryFolder,
} from "./support/servers";

test.describe.configure({ mode: "default", timeout: 120_000 });

const OVERVIEW = "routes/p.$slug.projects.$projectId._index";

/** Adds a milestone to the project, as its registering delegate does on its page. */
function addMilestone(api: APIRequestContext, projectId: string, title: string) {
  return submitForm(api, `${PARTNERSHIP}/projects/${projectId}`, OVERVIEW, {
    intent: "add-milestone",
    title,
    dueDate: addDays(isoToday(), 120),
    status: "planned",
  });
}

async function milestoneTitles(api: APIRequestContext, projectId: string): Promise<string[]> {
  const { milestones } = await loaderData<{ milestones: Array<{ title: string }> }>(
    api,
    `${PARTNERSHIP}/projects/${projectId}`,
    OVERVIEW,
  );
  return milestones.map((milestone) => milestone.title);
}

/**
 * `writers` people adding milestones one after another until `halt()`; `acknowledged` lists every title the
 * server answered for, `inFlight` how many were sent and not answered yet. A write that fails before the
 * halt is an error of the test (`finished()` throws it); after it (the server killed), it is just unanswered.
 */
function keepWriting(api: APIRequestContext, projectId: string, label: string, writers: number) {
  const state = { acknowledged: [] as string[], inFlight: 0, halted: false };
  const errors: unknown[] = [];
  const listeners = new Set<() => void>();
  const loops = Array.from({ length: writers }, async (_, writer) => {
    for (let n = 0; !state.halted; n += 1) {
      const title = `${label} ${writer}.${n}`;
      state.inFlight += 1;
      try {
        await addMilestone(api, projectId, title);
        state.acknowledged.push(title);
        for (const listener of listeners) listener();
      } catch (error) {
        if (!state.halted) errors.push(error);
        return;
      } finally {
        state.inFlight -= 1;
      }
    }
  });
  return {
    state,
    /** Resolves once at least `count` writes are acknowledged. */
    acknowledgedAtLeast: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (state.acknowledged.length >= count) {
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
        check();
      }),
    /** No new writes from now on. */
    halt: () => {
      state.halted = true;
    },
    /** Resolves when every writer has stopped; throws the first write that failed before the halt. */
    finished: async () => {
      state.halted = true;
      await Promise.all(loops);
      if (errors.length > 0) throw errors[0];
    },
  };
}

test("a SIGKILL during concurrent writes loses no acknowledged write; the restart takes over the stale lock", async ({
  playwright,
}) => {
  const dataDir = await seededDataDir("crash");
  const first = await startLodestone("crash", extraPort(4), { DATA_DIR: dataDir });
  const before = factoriesOn(playwright, first.url);
  const project = await before.make.project();
  const writing = keepWriting(
    await before.apiAs("delegateAU"),
    project.id,
    "Written before the crash",
    4,
  );
  await writing.acknowledgedAtLeast(12);
  writing.halt();
  const inFlightAtKill = writing.state.inFlight;
  process.kill(first.pid, "SIGKILL");
  expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
  await writing.finished();
  await before.dispose();
  expect(inFlightAtKill).toBeGreaterThan(0);
  // The dead server's lock is still there: the next start takes it over.
  expect(readFileSync(path.join(dataDir, "lodestone.lock"), "utf8")).toBe(String(first.pid));

  const second = await startLodestone("crash-restart", extraPort(4), { DATA_DIR: dataDir });
  try {
    expect(readFileSync(path.join(dataDir, "lodestone.lock"), "utf8")).toBe(String(second.pid));
    const api = await signedInApi(playwright, second.url, ACCOUNTS.delegateAU);
    const titles = await milestoneTitles(api, project.id);
    expect(titles).toEqual(expect.arrayContaining(writing.state.acknowledged));
    await api.dispose();
  } finally {
    expect((await second.stop()).code).toBe(0);
  }
});

test("a backup taken while people work restores into an empty folder with every write acknowledged before it", async ({
  playwright,
}) => {
  const dataDir = await seededDataDir("working");
  const server = await startLodestone("working", extraPort(4), { DATA_DIR: dataDir });
  const on = factoriesOn(playwright, server.url);
  let copy: Awaited<ReturnType<typeof startLodestone>> | undefined;
  try {
    const project = await on.make.project();
    const writing = keepWriting(
      await on.apiAs("delegateAU"),
      project.id,
      "Written while backing up",
      2,
    );
    await writing.acknowledgedAtLeast(5);
    const before = [...writing.state.acknowledged];
    const file = path.join(temporaryFolder("backup"), "office.tar.gz");
    const backup = await dbCommand(["backup", file], { DATA_DIR: dataDir });
    const during = writing.state.acknowledged.length - before.length;
    await writing.finished();
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain(`The server on ${dataDir} made the backup while it runs.`);
    // People kept working while the backup was taken.
    expect(during).toBeGreaterThan(0);
    expect(await freshGet(server.port, "/readyz")).toEqual({
      status: 200,
      body: JSON.stringify({ ready: true, status: "ready" }),
    });

    const restoredDir = temporaryFolder("restored");
    const restore = await dbCommand(["restore", file], { DATA_DIR: restoredDir });
    expect(restore.code, restore.output).toBe(0);
    const again = await dbCommand(["restore", file], { DATA_DIR: restoredDir });
    expect(again.code).toBe(1);
    expect(again.output).toContain("already holds a database");

    copy = await startLodestone("restored", extraPort(5), { DATA_DIR: restoredDir });
    const api = await signedInApi(playwright, copy.url, ACCOUNTS.delegateAU);
    expect(await milestoneTitles(api, project.id)).toEqual(expect.arrayContaining(before));
    await api.dispose();
  } finally {
    await on.dispose();
    await copy?.stop();
    await server.stop();
  }
});

test("SIGTERM: /readyz turns 503, live streams are sent elsewhere, requests in flight finish, then the process exits", async ({
  playwright,
}) => {
  const port = extraPort(4);
  const server = await startLodestone("stopping", port, {
    DATA_DIR: await seededDataDir("stopping"),
    SHUTDOWN_DELAY_MS: "1500",
  });
  const api = await signedInApi(playwright, server.url, ACCOUNTS.delegateAU);
  const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  await api.dispose();

  const stream = await rawConnection(port);
  stream.write(
    `GET ${PARTNERSHIP}/events HTTP/1.1\r\nHost: localhost:${port}\r\nCookie: ${cookie}\r\nAccept: text/event-stream\r\n\r\n`,
  );
  await stream.waitFor(/event: ready/);

  // A form whose body is half sent: the server has its headers (it said 100 Continue) and waits for the rest.
  const body = "email=nobody%40example.org";
  const form = await rawConnection(port);
  form.write(
    `POST /forgot-password HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: http://localhost:${port}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n` +
      `Expect: 100-continue\r\n\r\n`,
  );
  await form.waitFor(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
  form.write(body.slice(0, 10));

  expect(process.kill(server.pid, "SIGTERM")).toBe(true);
  // The live stream is told to come back in 0.5–2.5 s (through the load balancer, to another process).
  await stream.waitFor(/retry: (\d+)\nevent: reconnect\n/);
  const retry = Number(/retry: (\d+)\nevent: reconnect/.exec(stream.received())?.[1]);
  expect(retry).toBeGreaterThanOrEqual(500);
  expect(retry).toBeLessThanOrEqual(2500);
  await stream.closed;

  // Still accepting for SHUTDOWN_DELAY_MS, but not ready: a load balancer stops sending traffic.
  const readiness = await freshGet(port, "/readyz");
  expect(readiness).toEqual({
    status: 503,
    body: JSON.stringify({ ready: false, status: "draining" }),
  });
  await expect.poll(() => freshGet(port, "/healthz"), { timeout: 10_000 }).toBe("refused");

  // The request in flight still gets its answer, and its connection then closes.
  form.write(body.slice(10));
  await form.waitFor(/HTTP\/1\.1 (200|302) /);
  expect(form.received()).toMatch(/\r\nConnection: close\r\n/i);
  await form.closed;

  expect(await server.exited).toEqual({ code: 0, signal: null });
  const log = server.output();
  for (const step of [
    "SIGTERM: draining.",
    "Shutdown: close the live streams: done.",
    "No longer accepting connections.",
    "Shutdown: close the database: done.",
    "Stopped.",
  ]) {
    expect(log).toContain(step);
  }
  expect(log.indexOf("Shutdown: close the database: done.")).toBeGreaterThan(
    log.indexOf("No longer accepting connections."),
  );
});

test("SIGTERM: a request that never finishes holds the stop for SHUTDOWN_TIMEOUT_MS only", async () => {
  const port = extraPort(4);
  const server = await startLodestone("stuck", port, {
    DATA_DIR: await seededDataDir("stuck"),
    SHUTDOWN_TIMEOUT_MS: "1000",
  });
  const stuck = await rawConnection(port);
  stuck.write(
    `POST /forgot-password HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: http://localhost:${port}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n`,
  );
  await stuck.waitFor(/100 Continue/);
  process.kill(server.pid, "SIGTERM");
  expect(await server.exited).toEqual({ code: 0, signal: null });
  await stuck.closed;
  expect(server.output()).toContain(
    "Requests still in flight after SHUTDOWN_TIMEOUT_MS: closing them.",
  );
});
