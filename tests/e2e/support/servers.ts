/*
 * Lodestone processes of a spec's own (the built server, scripts/serve.js) and the db commands, for the specs
 * of running it for real: scale-out behind PgBouncer, crashes, backups, stopping, the move to PostgreSQL. Their
 * ports follow the suite's own (E2E_PORT + n, n = 1…6), and their output goes to the run's log folder, which
 * the last step reads for secrets (server-log.teardown.ts). Nothing here sleeps: every wait is for an event.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, mkdtempSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD } from "./accounts";
import { factories, type Who } from "./factories";

/** The port `n` above the suite's own server (E2E_PORT): n = 1…6 are the specs'. */
export function extraPort(n: number): number {
  return Number(process.env.E2E_PORT ?? 3100) + n;
}

export function temporaryFolder(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `lodestone-e2e-${label}-`));
}

let template: Promise<string> | undefined;

/**
 * A data folder holding the embedded demo, migrated and seeded, for a server of a spec's own. A new PGlite
 * folder costs seconds to create, so each worker makes one with `npm run db:reset` and copies it.
 */
export async function seededDataDir(label: string): Promise<string> {
  template ??= (async () => {
    const dir = temporaryFolder("template");
    const reset = await dbCommand(["reset"], { DATA_DIR: dir });
    if (reset.code !== 0) throw new Error(`Preparing the embedded demo failed:\n${reset.output}`);
    return dir;
  })();
  const dir = temporaryFolder(label);
  cpSync(await template, dir, { recursive: true });
  return dir;
}

/** A file in the run's log folder (set by playwright.config.ts). */
function logFile(name: string) {
  const dir = process.env.E2E_LOG_DIR ?? temporaryFolder("logs");
  return createWriteStream(path.join(dir, `${name}.log`), { flags: "a" });
}

/** The environment every process of a spec starts from: no .env, production, JSON logs. */
function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ENV_FILE: "none",
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    DATABASE_URL: "",
    DIRECT_URL: "",
    ...env,
  };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface LodestoneProcess {
  url: string;
  port: number;
  pid: number;
  /** Everything it has written so far (stdout and stderr). */
  output(): string;
  /** Resolves when `pattern` appears in its output. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Resolves when it has exited. */
  exited: Promise<Exit>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

function watch(child: ChildProcess, name: string) {
  let output = "";
  const waiters = new Set<() => void>();
  const file = logFile(name);
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    file.write(chunk);
    for (const check of waiters) check();
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => {
      file.end();
      resolve({ code, signal });
    }),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(output)) {
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
      check();
      void exited.then((exit) => {
        if (waiters.delete(check)) {
          reject(
            new Error(`${name} exited (${exit.code ?? exit.signal}) before ${pattern}:\n${output}`),
          );
        }
      });
    });
  return { output: () => output, waitFor, exited };
}

/** Starts the built server on `port` with `env`, and resolves once it listens. */
export async function startLodestone(
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<LodestoneProcess> {
  const child = spawn(process.execPath, ["scripts/serve.js"], {
    env: baseEnv({ PORT: String(port), ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const watched = watch(child, `${name}-${port}`);
  // A test that fails before it stops its server must not leave it running (holding the port) after the run.
  const stopWithRun = () => child.kill("SIGKILL");
  process.once("exit", stopWithRun);
  void watched.exited.finally(() => process.off("exit", stopWithRun));
  await watched.waitFor(/Lodestone is listening on http:\/\/localhost:\d+/);
  return {
    url: `http://localhost:${port}`,
    port,
    pid: child.pid ?? 0,
    ...watched,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return watched.exited;
    },
  };
}

/** Starts a server that is expected to refuse to start; resolves with its exit and output. */
export async function failedStart(
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<Exit & { output: string }> {
  const child = spawn(process.execPath, ["scripts/serve.js"], {
    env: baseEnv({ PORT: String(port), ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const watched = watch(child, `${name}-${port}`);
  const exit = await watched.exited;
  return { ...exit, output: watched.output() };
}

/** Runs `npm run db:<command> -- <args>` (scripts/db.ts) with `env`; resolves with its exit and output. */
export async function dbCommand(
  args: string[],
  env: Record<string, string>,
): Promise<Exit & { output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/db.ts", ...args], {
    // As an operator runs them from a shell: no NODE_ENV (development), so production's mail settings are moot.
    env: baseEnv({ NODE_ENV: "development", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const watched = watch(child, `db-${args[0]}`);
  const exit = await watched.exited;
  return { ...exit, output: watched.output() };
}

/** An API context on `baseURL`, signed in as `email` through the sign-in form's POST. */
export async function signedInApi(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL });
  const response = await api.post("/sign-in", {
    form: { email, password, redirectTo: "" },
    maxRedirects: 0,
  });
  if (response.status() !== 302) {
    throw new Error(
      `Signing ${email} in on ${baseURL}: ${response.status()} ${await response.text()}`,
    );
  }
  return api;
}

/**
 * The factories (./factories.ts) against another server: each demo account signed in there once, through
 * the sign-in form's POST, and its API contexts disposed of by `dispose`.
 */
export function factoriesOn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string) {
  const contexts = new Map<string, Promise<APIRequestContext>>();
  const apiAs = (who: Who) => {
    const email = typeof who === "string" ? ACCOUNTS[who] : who.email;
    const password = typeof who === "string" ? DEMO_PASSWORD : who.password;
    let api = contexts.get(email);
    if (!api) {
      api = signedInApi(playwright, baseURL, email, password);
      contexts.set(email, api);
    }
    return api;
  };
  const anonymous: APIRequestContext[] = [];
  const make = factories(apiAs, async () => {
    const api = await playwright.request.newContext({ baseURL });
    anonymous.push(api);
    return api;
  });
  return {
    make,
    apiAs,
    async dispose() {
      const all = [...(await Promise.all(contexts.values())), ...anonymous];
      await Promise.all(all.map((api) => api.dispose()));
    },
  };
}

/** A raw TCP connection to a server, for requests sent a piece at a time and streams read as they come. */
export async function rawConnection(port: number) {
  const socket = connect({ port, host: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let received = "";
  const waiters = new Set<() => void>();
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  socket.on("error", () => {});
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString();
    for (const check of waiters) check();
  });
  return {
    write: (text: string) => void socket.write(text),
    received: () => received,
    closed,
    /** Resolves when `pattern` has arrived; rejects if the connection closes first. */
    waitFor: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(received)) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
        void closed.then(() => {
          if (waiters.delete(check)) reject(new Error(`closed before ${pattern}: ${received}`));
        });
      }),
    close: () => socket.destroy(),
  };
}

/** GET on a new connection: the status and body, or "refused" when nothing listens any more. */
export function freshGet(
  port: number,
  path: string,
): Promise<{ status: number; body: string } | "refused"> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNREFUSED" ? resolve("refused") : reject(error),
    );
    req.end();
  });
}
