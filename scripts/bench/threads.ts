// `npm run bench:threads [-- --port 3900 --seconds 3 --rounds 2 --roles delegate]`: the embedded engine with PGlite in
// its worker thread against PGlite in the server's thread (ADR 156), on the embedded bench's data (N = 500).
// Two production servers run side by side on copies of one data folder; each page is loaded on one, then the
// other, alternately, so both see the same moment of a shared machine. Reported per page: req/s (the best
// round of each), and the server's CPU time per request (all its threads, from /proc), which other work on the
// machine inflates far less than wall time. Prints a markdown table; writes nothing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openPglite } from "~/db/engine.server";
import { migrate } from "~/db/migrate.server";
import { BENCH, generateBenchData } from "./data";
import { signIn } from "./sign-in";

const { values } = parseArgs({
  options: {
    /** The worker thread's server; the main thread's listens 1000 above. */
    port: { type: "string", default: "3900" },
    seconds: { type: "string", default: "3" },
    rounds: { type: "string", default: "2" },
    roles: { type: "string", default: "delegate,secretariat" },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const THREADS = ["worker", "main"] as const;
type Thread = (typeof THREADS)[number];

const PAGES = [
  { name: "board", path: "/p/bench-1/board" },
  { name: "project list", path: "/p/bench-1/projects?segment=refining&sort=name" },
  { name: "project page", path: "/p/bench-1/projects/{project}" },
  { name: "portfolio", path: "/p/bench-1/portfolio" },
  { name: "resilience", path: "/p/bench-1/resilience?horizon=2030&scenario=pipeline" },
  {
    name: "form post",
    path: "/p/bench-1/projects/{project}?index",
    body: "intent=post-update&milestoneId={milestone}&version={version}&note=Benchmark+progress+note&statusChange=&evidenceUrl=",
  },
];

const IDS_QUERY = `select p.id as project, m.id as milestone, m.version::text as version
                     from public.projects p
                     join public.partnerships pa on pa.id = p.partnership_id
                     join public.members mem on mem.id = p.registering_member_id and mem.code = 'JP'
                     join lateral (select id, version from public.milestones
                                    where project_id = p.id order by position limit 1) m on true
                    where pa.slug = 'bench-1' and p.status = 'approved' order by p.name limit 1`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const fill = (template: string, ids: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => ids[key] ?? "");

/** CPU time (ms) the process has used, all threads: utime + stime from /proc, in 10 ms ticks. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startServer(thread: Thread, dataDir: string, port: number) {
  const server = spawn("node", ["scripts/serve.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: "false",
      EMBEDDED_THREAD: thread,
      JWT_SECRET: "benchmark-secret-benchmark-secret-benchmark",
      SMTP_URL: "smtp://127.0.0.1:9",
      MAIL_FROM: "bench@lodestone.example",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The ${thread} server did not answer within 120 s.`);
}

function load(
  base: string,
  url: string,
  connections: number,
  duration: number,
  cookie?: string,
  body?: string,
) {
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url,
        connections,
        duration,
        method: body ? "POST" : "GET",
        body,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(body ? { "content-type": "application/x-www-form-urlencoded", origin: base } : {}),
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    ),
  );
}

interface Cell {
  rps: number;
  cpuPerRequest: number;
  errors: number;
}

async function measure(
  server: ChildProcess,
  base: string,
  url: string,
  connections: number,
  cookie?: string,
  body?: string,
): Promise<Cell> {
  await load(base, url, connections, 1, cookie, body); // warm-up
  const before = cpuMs(server.pid!);
  const result = await load(base, url, connections, seconds, cookie, body);
  const used = cpuMs(server.pid!) - before;
  return {
    rps: result.requests.average,
    cpuPerRequest: used / Math.max(1, result.requests.total),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

async function main() {
  const built = spawnSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error("remix build failed");
  const root = mkdtempSync(path.join(tmpdir(), "lodestone-bench-threads-"));
  const folders = { worker: path.join(root, "worker"), main: path.join(root, "main") };
  const db = await openPglite(folders.worker, { thread: "main" });
  await migrate(db);
  await generateBenchData(db, { projects: 500, partnerships: 4, seed: 42, log });
  const [ids = {}] = await db.query<Record<string, string>>(IDS_QUERY);
  await db.close();
  cpSync(folders.worker, folders.main, { recursive: true });

  const port = Number(values.port);
  const bases = { worker: `http://127.0.0.1:${port}`, main: `http://127.0.0.1:${port + 1000}` };
  const servers: Partial<Record<Thread, ChildProcess>> = {};
  const loadBefore = loadavg()[0];
  try {
    for (const [index, thread] of THREADS.entries()) {
      servers[thread] = await startServer(thread, folders[thread], port + 1000 * index);
    }
    const roles = values.roles.split(",") as Array<keyof typeof BENCH>;
    const cookies = Object.fromEntries(
      await Promise.all(
        THREADS.map(async (thread) => [
          thread,
          Object.fromEntries(
            await Promise.all(
              roles.map(async (role) => [role, await signIn(bases[thread], BENCH[role] as string)]),
            ),
          ),
        ]),
      ),
    ) as Record<Thread, Record<string, string>>;
    const rows: string[] = [];
    const best = (cells: Cell[]) => ({
      rps: Math.max(...cells.map((c) => c.rps)),
      cpu: Math.min(...cells.map((c) => c.cpuPerRequest)),
      errors: cells.reduce((sum, c) => sum + c.errors, 0),
    });
    for (const target of ["/healthz", ...PAGES.map((p) => p.name)]) {
      const page = PAGES.find((p) => p.name === target);
      for (const role of page ? roles : ["anonymous"]) {
        for (const connections of [1, 8]) {
          const cells: Record<Thread, Cell[]> = { worker: [], main: [] };
          for (let round = 0; round < rounds; round++) {
            // Alternate which goes first, so neither always follows a heavier run.
            const order = round % 2 === 0 ? THREADS : [...THREADS].reverse();
            for (const thread of order) {
              const base = bases[thread];
              const url = `${base}${page ? fill(page.path, ids) : target}`;
              const body = page?.body ? fill(page.body, ids) : undefined;
              cells[thread].push(
                await measure(
                  servers[thread]!,
                  base,
                  url,
                  connections,
                  cookies[thread][role],
                  body,
                ),
              );
            }
          }
          const w = best(cells.worker);
          const m = best(cells.main);
          const row = `| ${target} | ${role} | ${connections} | ${m.rps.toFixed(1)} | ${w.rps.toFixed(1)} | ${(w.rps / m.rps).toFixed(2)} | ${m.cpu.toFixed(1)} | ${w.cpu.toFixed(1)} | ${m.errors + w.errors} |`;
          rows.push(row);
          log(row);
        }
      }
    }
    console.log(
      `Load average ${loadBefore?.toFixed(1)} before, ${loadavg()[0]?.toFixed(1)} after; ${seconds} s runs, best of ${rounds}.\n`,
    );
    console.log(
      "| page | as | conc. | req/s main | req/s worker | worker ÷ main | CPU ms/req main | CPU ms/req worker | errors |",
    );
    console.log("| --- | --- | --: | --: | --: | --: | --: | --: | --: |");
    for (const row of rows) console.log(row);
  } finally {
    for (const server of Object.values(servers))
      if (server?.pid) process.kill(-server.pid, "SIGTERM");
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
