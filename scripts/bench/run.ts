// `npm run bench [-- --quick | --embedded] [--against <results.json>]`: builds and starts the production server
// on a benchmark database, then measures each page with autocannon (as a delegate and as the secretariat, at
// concurrency 1 and 32), the floor (/healthz, and each page's SQL run directly with and without RLS), and the
// server's peak RSS. Writes bench/results/<date>-<mode>-n<N>.json and .md, prints the table, and judges the
// targets of issue 18 (with --against, also the growth from that run's smaller portfolio): it exits non-zero
// when one is missed. See docs/performance.md.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, cpus, loadavg, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { format, resolveConfig } from "prettier";
import { openPglite, openPostgres, type Database } from "~/db/engine.server";
import { migrate } from "~/db/migrate.server";
import { BENCH, generateBenchData } from "./data";
import {
  percentile,
  SMALLEST_PAGE,
  renderMarkdown,
  runSeconds,
  verdicts,
  type PageResult,
  type SqlFloor,
  type Summary,
} from "./report";
import { buildApp } from "./build";
import { signIn } from "./sign-in";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    embedded: { type: "boolean", default: false },
    duration: { type: "string" },
    port: { type: "string", default: "3900" },
    /** A results file of the same pages on a smaller portfolio: judges how much the pages grew. */
    against: { type: "string" },
    /** Only the pages whose name starts with one of these (comma-separated), for a quick look. */
    pages: { type: "string" },
    /** Only the SQL: each read statement of each page timed as the user and as the service role, no load. */
    statements: { type: "boolean", default: false },
  },
});
const baseline = values.against
  ? (JSON.parse(readFileSync(values.against, "utf8")) as Summary)
  : undefined;

const mode = values.embedded ? "embedded" : values.quick ? "quick" : "full";
const duration = Number(values.duration ?? (mode === "full" ? 10 : 3));
const warmup = mode === "full" ? 2 : 1;
const concurrencies = mode === "embedded" ? [1, 8] : [1, 32];
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const traceFile = path.join(mkdtempSync(path.join(tmpdir(), "lodestone-bench-")), "sql.jsonl");

interface Page {
  name: string;
  /** Path, with {project} and {milestone} filled from the data. */
  path: string;
  method?: "GET" | "POST";
  body?: string;
}

const PAGES: Page[] = [
  { name: "board", path: "/p/bench-1/board" },
  { name: "project list (filtered)", path: "/p/bench-1/projects?segment=refining&sort=name" },
  { name: "project page", path: "/p/bench-1/projects/{project}" },
  { name: "portfolio", path: "/p/bench-1/portfolio" },
  { name: "resilience", path: "/p/bench-1/resilience?horizon=2030&scenario=pipeline" },
  {
    name: "resilience: rare earths",
    path: "/p/bench-1/resilience/rare_earths?horizon=2030&scenario=pipeline",
  },
  {
    name: "form action (post a milestone update)",
    path: "/p/bench-1/projects/{project}?index",
    method: "POST",
    body: "intent=post-update&milestoneId={milestone}&version={version}&note=Benchmark+progress+note&statusChange=&evidenceUrl=",
  },
];

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

/* An approved project of the bench delegate's own government (Japan), so both users may post updates on it. */
const IDS_QUERY = `select p.id as project, m.id as milestone, m.version::text as version
                     from public.projects p
                     join public.partnerships pa on pa.id = p.partnership_id
                     join public.members mem on mem.id = p.registering_member_id and mem.code = 'JP'
                     join lateral (select id, version from public.milestones
                                    where project_id = p.id order by position limit 1) m on true
                    where pa.slug = 'bench-1' and p.status = 'approved' order by p.name limit 1`;

interface Prepared {
  env: Record<string, string>;
  /** A direct connection for the SQL floor; none in the embedded mode, where the server holds the database. */
  db: Database | null;
  ids: Record<string, string>;
  projects: number;
}

async function prepareDatabase(): Promise<Prepared> {
  if (mode === "embedded") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "lodestone-bench-embedded-"));
    const db = await openPglite(dataDir);
    await migrate(db);
    await generateBenchData(db, { projects: 500, partnerships: 4, seed: 42, log });
    const [ids = {}] = await db.query<Record<string, string>>(IDS_QUERY);
    await db.close();
    return { env: { DATA_DIR: dataDir, SEED_DEMO_DATA: "false" }, db: null, ids, projects: 500 };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to a database filled by `npm run bench:data`.");
  // One connection: the SQL floor reads the CPU time of its database process.
  const db = openPostgres(url, { max: 1 });
  const [row] = await db.query<{ count: number }>(
    "select count(*)::int as count from public.projects where partnership_id = (select id from public.partnerships where slug = 'bench-1')",
  );
  if (!row?.count)
    throw new Error("No benchmark data: run `npm run bench:data -- --projects N` first.");
  log(`Benchmark database: ${row.count} projects in bench-1.`);
  const [ids = {}] = await db.query<Record<string, string>>(IDS_QUERY);
  return { env: { DATABASE_URL: url }, db, ids, projects: row.count };
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const server = spawn("node", ["scripts/serve.js"], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      JWT_SECRET: "benchmark-secret-benchmark-secret-benchmark",
      LODESTONE_SQL_TRACE: traceFile,
      // Production wants a mail server for local sign-in; the bench sends no mail, so nothing listens here.
      SMTP_URL: "smtp://127.0.0.1:9",
      MAIL_FROM: "bench@lodestone.example",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The server did not answer /healthz within 60 s.");
}

function fill(template: string, ids: Record<string, string>) {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => ids[key] ?? "");
}

async function load(
  url: string,
  options: {
    cookie?: string;
    connections: number;
    seconds: number;
    method?: string;
    body?: string;
  },
) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        method: (options.method ?? "GET") as "GET",
        body: options.body,
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.body
            ? { "content-type": "application/x-www-form-urlencoded", origin: base }
            : {}),
        },
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    // autocannon reports p97.5 but not p95: keep every latency and take exact percentiles.
    instance.on("response", (_client, _status, _bytes, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    errors: result.errors + result.timeouts + result.non2xx,
    seconds: options.seconds,
  };
}

/** The statements one request ran as the user, read back from the trace (only this request is traced). */
async function captureSql(url: string, cookie: string, method = "GET", body?: string) {
  await untilIdle();
  writeFileSync(traceFile, "");
  await fetch(url, {
    method,
    body,
    headers: {
      cookie,
      "x-lodestone-trace": "1",
      ...(body ? { "content-type": "application/x-www-form-urlencoded", origin: base } : {}),
    },
  });
  const lines = readFileSync(traceFile, "utf8").split("\n").filter(Boolean);
  return lines.map(
    (line) => JSON.parse(line) as { userId: string; text: string; params: unknown[] },
  );
}

/** Waits for the server to drain what an overloaded run left queued, so a capture traces one request only. */
async function untilIdle() {
  for (let attempt = 0; attempt < 60; attempt++) {
    const started = performance.now();
    await fetch(`${base}/healthz`);
    if (performance.now() - started < 20) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The claims a replay runs with. The service role carries the same person's id (ADR 171): statements that
 * read "my" rows through `auth.uid()` (the request's context) then do the same work without RLS as with it,
 * so the ratio measures the policies, not a context that finds no memberships for nobody.
 */
function claimsOf(role: "authenticated" | "service_role", userId: string | undefined): string {
  return JSON.stringify(
    role === "authenticated" ? { sub: userId, role, aud: "authenticated" } : { sub: userId, role },
  );
}

/**
 * A clock of the CPU time (ms) a process has used, from /proc: the scheduler's nanosecond count (`schedstat`)
 * where the kernel keeps it, else utime + stime in 10 ms clock ticks; null when the process is not readable.
 */
function cpuClock(pid: number): { read: () => number | null; precise: boolean } {
  const schedstat = () =>
    Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in clock ticks (1/100 s)
  };
  const readable = (clock: () => number) => {
    try {
      return Number.isFinite(clock()) && clock() > 0;
    } catch {
      return false;
    }
  };
  const clock = readable(schedstat) ? schedstat : readable(ticks) ? ticks : null;
  return {
    precise: clock === schedstat,
    read: () => {
      try {
        return clock ? clock() : null;
      } catch {
        return null;
      }
    },
  };
}

/**
 * The page's statements run directly, as the user under RLS and as the service role without: the median wall
 * time of a run, and (when the database runs on this machine) the median CPU time its process spent per run,
 * which other work on a shared machine does not inflate. The two roles alternate run by run (ADR 175), so a
 * change in the machine's load between them touches both alike; each runs until it has used enough CPU time
 * to be measured to a few per cent.
 */
async function sqlFloor(
  db: Database,
  statements: Awaited<ReturnType<typeof captureSql>>,
): Promise<SqlFloor> {
  const userId = statements[0]?.userId;
  const [backend] = await db.query<{ pid: number }>("select pg_backend_pid() as pid");
  const clock = cpuClock(backend?.pid ?? -1);
  const cpu = clock.read;
  async function runAs(role: "authenticated" | "service_role") {
    await db
      .transaction(async (tx) => {
        await tx.query(
          "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
          [role, claimsOf(role, userId)],
        );
        for (const statement of statements) await tx.query(statement.text, statement.params);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  }
  const samples = {
    authenticated: new Samples(clock.precise),
    service_role: new Samples(clock.precise),
  };
  async function sample(role: "authenticated" | "service_role") {
    const cpuBefore = cpu();
    const wallBefore = performance.now();
    await runAs(role);
    const cpuAfter = cpu();
    samples[role].add(
      performance.now() - wallBefore,
      cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
    );
  }
  try {
    await runAs("authenticated"); // warm: the first run plans what later runs reuse
    await runAs("service_role");
    const started = performance.now();
    const minimum = mode === "full" ? 4_000 : 2_000;
    const enough = (s: Samples) => s.runs >= 5 && (s.cpuTotal === null || s.cpuTotal >= 600);
    while (
      samples.authenticated.runs < 5 ||
      (performance.now() - started < 40_000 &&
        (performance.now() - started < minimum ||
          !enough(samples.authenticated) ||
          !enough(samples.service_role)))
    ) {
      await sample("authenticated");
      await sample("service_role");
    }
    return {
      statements: statements.length,
      userMs: samples.authenticated.wallMedian(),
      serviceMs: samples.service_role.wallMedian(),
      userCpuMs: samples.authenticated.cpuPerRun(),
      serviceCpuMs: samples.service_role.cpuPerRun(),
    };
  } catch (error) {
    return {
      statements: statements.length,
      userMs: NaN,
      serviceMs: NaN,
      userCpuMs: null,
      serviceCpuMs: null,
      error: (error as Error).message,
    };
  }
}

/** One role's runs: wall times, and CPU times when the database process is readable. */
class Samples {
  private walls: number[] = [];
  private cpus: number[] = [];
  private cpuUnreadable = false;
  constructor(private readonly cpuPrecise: boolean) {}
  get runs() {
    return this.walls.length;
  }
  get cpuTotal(): number | null {
    return this.cpuUnreadable ? null : this.cpus.reduce((sum, value) => sum + value, 0);
  }
  add(wall: number, cpu: number | null) {
    this.walls.push(wall);
    if (cpu === null) this.cpuUnreadable = true;
    else this.cpus.push(cpu);
  }
  wallMedian() {
    return percentile(
      [...this.walls].sort((a, b) => a - b),
      50,
    );
  }
  /** The median run's CPU time; with only 10 ms clock ticks one run rounds too coarsely, so the mean of all. */
  cpuPerRun(): number | null {
    if (this.cpuUnreadable || this.cpus.length === 0) return null;
    if (!this.cpuPrecise) return (this.cpuTotal ?? 0) / this.cpus.length;
    return percentile(
      [...this.cpus].sort((a, b) => a - b),
      50,
    );
  }
}

class Rollback extends Error {}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function main() {
  log(
    `Mode ${mode}: ${duration} s per run after ${warmup} s warm-up (longer for a slow page at high concurrency), concurrency ${concurrencies.join(" and ")}.`,
  );
  buildApp();
  const loadBefore = loadavg()[0] ?? NaN;
  const { env, db, ids, projects } = await prepareDatabase();
  const server = await startServer(env);
  const results: PageResult[] = [];
  try {
    const users = {
      delegate: await signIn(base, BENCH.delegate),
      secretariat: await signIn(base, BENCH.secretariat),
    };
    const chosen = values.pages?.split(",").map((name) => name.trim());
    const pages = PAGES.filter((p) => !chosen || chosen.some((name) => p.name.startsWith(name)));
    if (values.statements) {
      // A look at the SQL, not a run: nothing is loaded, judged or written.
      if (!db) throw new Error("--statements needs DATABASE_URL");
      for (const page of pages) {
        for (const [role, cookie] of Object.entries(users)) {
          const body = page.body ? fill(page.body, ids) : undefined;
          const statements = await captureSql(
            `${base}${fill(page.path, ids)}`,
            cookie,
            page.method,
            body,
          );
          log(`${page.name} as ${role}:\n${await statementCosts(db, statements)}`);
        }
      }
      return;
    }
    const health = await load(`${base}/healthz`, {
      connections: concurrencies[1] ?? 32,
      seconds: duration,
    });
    log(`healthz: p95 ${health.p95} ms, ${Math.round(health.requestsPerSecond)} req/s`);
    const smallestUrl = `${base}${SMALLEST_PAGE}`;
    const high = { cookie: users.delegate, connections: concurrencies[1] ?? 32 };
    await load(smallestUrl, { ...high, seconds: warmup });
    await untilIdle();
    const smallest = await load(smallestUrl, { ...high, seconds: duration });
    log(
      `${SMALLEST_PAGE}: p95 ${smallest.p95} ms, ${Math.round(smallest.requestsPerSecond)} req/s`,
    );
    for (const page of pages) {
      for (const [role, cookie] of Object.entries(users)) {
        const url = `${base}${fill(page.path, ids)}`;
        const body = page.body ? fill(page.body, ids) : undefined;
        const statements = await captureSql(url, cookie, page.method, body);
        const floor = db ? await sqlFloor(db, statements) : null;
        let p50Alone: number | null = null;
        for (const connections of concurrencies) {
          await untilIdle();
          await load(url, { cookie, connections, seconds: warmup, method: page.method, body });
          // The warm-up's last requests are still being served when it stops: let them finish first.
          await untilIdle();
          const run = await load(url, {
            cookie,
            connections,
            seconds: runSeconds(duration, connections, p50Alone, cpus().length),
            method: page.method,
            body,
          });
          if (connections === concurrencies[0]) p50Alone = run.p50;
          results.push({ page: page.name, role, connections, ...run, floor });
          log(
            `${page.name} as ${role} @${connections}: p50 ${run.p50} ms, p95 ${run.p95} ms, ${Math.round(run.requestsPerSecond)} req/s, ${run.errors} errors`,
          );
          await writeReport(server, { health, smallest }, results, false, projects, loadBefore); // a run cut short keeps its numbers
        }
      }
    }
    const missed = await writeReport(
      server,
      { health, smallest },
      results,
      true,
      projects,
      loadBefore,
    );
    process.exitCode = missed > 0 ? 1 : 0;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await db?.close();
    rmSync(path.dirname(traceFile), { recursive: true, force: true });
  }
}

/**
 * Each read statement of a page, timed alone as the user and as the service role (median of 30 runs, after the
 * statements before it ran once in the same transaction): where a page's RLS overhead comes from.
 */
async function statementCosts(
  db: Database,
  statements: Awaited<ReturnType<typeof captureSql>>,
): Promise<string> {
  const userId = statements[0]?.userId;
  const [backend] = await db.query<{ pid: number }>("select pg_backend_pid() as pid");
  const clock = cpuClock(backend?.pid ?? -1);
  async function timesAs(role: "authenticated" | "service_role") {
    const medians: Array<{ wall: number; cpu: number }> = [];
    await db
      .transaction(async (tx) => {
        await tx.query(
          "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
          [role, claimsOf(role, userId)],
        );
        for (const statement of statements) {
          const reads = /^\s*(select|with)\b/i.test(statement.text);
          const samples = new Samples(clock.precise);
          for (let run = 0; run < (reads ? 31 : 1); run++) {
            const [started, cpuBefore] = [performance.now(), clock.read()];
            await tx.query(statement.text, statement.params);
            const cpuAfter = clock.read();
            const cpu = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
            if (run > 0) samples.add(performance.now() - started, cpu);
          }
          medians.push(
            reads
              ? { wall: samples.wallMedian(), cpu: samples.cpuPerRun() ?? NaN }
              : { wall: NaN, cpu: NaN },
          );
        }
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return medians;
  }
  const user = await timesAs("authenticated");
  const service = await timesAs("service_role");
  const none = { wall: NaN, cpu: NaN };
  return statements
    .map((statement, index) => {
      const [u, s] = [user[index] ?? none, service[index] ?? none];
      const text = statement.text.replace(/\s+/g, " ").slice(0, 140);
      const cpu = clock.precise
        ? `  cpu ${u.cpu.toFixed(3)} / ${s.cpu.toFixed(3)} ms (${(u.cpu / s.cpu).toFixed(2)}×)`
        : "";
      return `  ${u.wall.toFixed(3)} / ${s.wall.toFixed(3)} ms (${(u.wall / s.wall).toFixed(2)}×)${cpu}  ${text}`;
    })
    .join("\n");
}

/** Writes the results files (the markdown as Prettier formats it, so it can be committed); returns how many
 * targets were missed. */
async function writeReport(
  server: ChildProcess,
  { health, smallest }: Pick<Summary, "health" | "smallest">,
  results: PageResult[],
  final: boolean,
  projects: number,
  loadBefore: number,
): Promise<number> {
  const summary: Summary = {
    mode,
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    load: { before: loadBefore, after: final ? (loadavg()[0] ?? null) : null },
    projects,
    duration,
    health,
    smallest,
    peakRssMb: peakRssMb(server.pid ?? 0),
    results,
  };
  mkdirSync("bench/results", { recursive: true });
  const stem = `bench/results/${summary.date.slice(0, 10)}-${mode}-n${projects}`;
  writeFileSync(`${stem}.json`, `${JSON.stringify(summary, null, 2)}\n`);
  const options = await resolveConfig(`${stem}.md`);
  const markdown = await format(renderMarkdown(summary, baseline), {
    ...options,
    parser: "markdown",
  });
  writeFileSync(`${stem}.md`, markdown);
  const missed = verdicts(summary, baseline).filter((verdict) => !verdict.met).length;
  if (final) {
    process.stdout.write(`${markdown}\nWritten to ${stem}.json and ${stem}.md\n`);
    if (missed > 0) process.stderr.write(`${missed} target(s) missed.\n`);
  }
  return missed;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
