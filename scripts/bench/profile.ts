// `npm run bench:profile -- --pages board,project [--seconds 10] [--connections 8] [--port 3900]`: starts the
// production server on the benchmark database (DATABASE_URL, as `npm run bench`) under `node --cpu-prof`, loads
// the chosen pages (names below, or "/any/path") as the bench delegate with autocannon, stops the server, and prints where its CPU went: the
// functions and the packages (or app modules) with the largest share of the samples, self time and inclusive.
// It also samples the server's RSS and heap while the load runs. It builds the app first, as `npm run bench`
// does, so it never profiles a stale build (`--no-build` skips that when the build is known to be current).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openPostgres } from "~/db/engine.server";
import { BENCH } from "./data";
import { buildApp } from "./build";
import { signIn } from "./sign-in";

const { values } = parseArgs({
  options: {
    pages: { type: "string", default: "board,list,project,post" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "8" },
    port: { type: "string", default: "3900" },
    top: { type: "string", default: "30" },
    "node-options": { type: "string", default: "" },
    "no-build": { type: "boolean", default: false },
  },
});
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;

const PAGES: Record<string, { path: string; method?: "POST"; body?: string }> = {
  board: { path: "/p/bench-1/board" },
  list: { path: "/p/bench-1/projects?segment=refining&sort=name" },
  project: { path: "/p/bench-1/projects/{project}" },
  post: {
    path: "/p/bench-1/projects/{project}?index",
    method: "POST",
    body: "intent=post-update&milestoneId={milestone}&version={version}&note=Benchmark+progress+note&statusChange=&evidenceUrl=",
  },
  portfolio: { path: "/p/bench-1/portfolio" },
  resilience: { path: "/p/bench-1/resilience?horizon=2030&scenario=pipeline" },
  mineral: { path: "/p/bench-1/resilience/rare_earths?horizon=2030&scenario=pipeline" },
  healthz: { path: "/healthz" },
  // The smallest signed-in page: what every page pays before its own loader and markup.
  account: { path: "/profile" },
};

const IDS_QUERY = `select p.id as project, m.id as milestone, m.version::text as version
                     from public.projects p
                     join public.partnerships pa on pa.id = p.partnership_id
                     join public.members mem on mem.id = p.registering_member_id and mem.code = 'JP'
                     join lateral (select id, version from public.milestones
                                    where project_id = p.id order by position limit 1) m on true
                    where pa.slug = 'bench-1' and p.status = 'approved' order by p.name limit 1`;

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string): string {
  if (!url) return "(native)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith("node:")) return url;
  return url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
}

function analyse(profile: Profile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const total = profile.samples.length;
  const idle = new Set(["(idle)", "(program)", "(garbage collector)"]);
  for (const sample of profile.samples) {
    const node = byId.get(sample);
    if (!node) continue;
    const frame = node.callFrame;
    const key = `${frame.functionName || "(anonymous)"} ${where(frame.url)}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
    const pkg = idle.has(frame.functionName) ? frame.functionName : where(frame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)?.callFrame;
      if (!f) break;
      const k = `${f.functionName || "(anonymous)"} ${where(f.url)}:${f.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + 1);
    }
  }
  const print = (title: string, map: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [key, count] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`${((100 * count) / total).toFixed(1).padStart(5)} %  ${key}`);
  };
  print("Self time by package or module", byPackage);
  print("Self time by function", self);
  print("Inclusive time by function", inclusive);
}

function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb("VmRSS") / 1024), hwm: Math.round(kb("VmHWM") / 1024) };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to a database filled by `npm run bench:data`.");
  if (!values["no-build"]) buildApp();
  const db = openPostgres(url, { max: 1 });
  const [ids = {}] = await db.query<Record<string, string>>(IDS_QUERY);
  await db.close();
  const profileDir = mkdtempSync(path.join(tmpdir(), "lodestone-profile-"));
  const server: ChildProcess = spawn(
    "node",
    [
      "--cpu-prof",
      `--cpu-prof-dir=${profileDir}`,
      ...values["node-options"].split(" ").filter(Boolean),
      "scripts/serve.js",
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        JWT_SECRET: "benchmark-secret-benchmark-secret-benchmark",
        SMTP_URL: "smtp://127.0.0.1:9",
        MAIL_FROM: "bench@lodestone.example",
        LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
      },
      // The server's own output (e.g. --trace-gc) with PROFILE_SERVER_OUTPUT=1.
      stdio: ["ignore", process.env.PROFILE_SERVER_OUTPUT ? "inherit" : "ignore", "inherit"],
    },
  );
  const exited = new Promise((resolve) => server.once("exit", resolve));
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      if (attempt > 120) throw new Error("The server did not start.");
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`Started: RSS ${memoryOf(server.pid ?? 0).rss} MB`);
  const cookie = await signIn(base, BENCH.delegate);
  const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] ?? "");
  for (const name of values.pages.split(",")) {
    // A name that starts with "/" is a path of its own, loaded with GET.
    const page = name.startsWith("/") ? { path: name } : PAGES[name];
    if (!page) throw new Error(`No page ${name}: ${Object.keys(PAGES).join(", ")}`);
    const samples: Array<{ rss: number; hwm: number }> = [];
    const sampler = setInterval(() => samples.push(memoryOf(server.pid ?? 0)), 250);
    const result = await autocannon({
      url: `${base}${fill(page.path)}`,
      connections: Number(values.connections),
      duration: Number(values.seconds),
      method: page.method ?? "GET",
      body: page.body ? fill(page.body) : undefined,
      headers: {
        cookie,
        ...(page.body ? { "content-type": "application/x-www-form-urlencoded", origin: base } : {}),
      },
    });
    clearInterval(sampler);
    const peak = Math.max(...samples.map((s) => s.rss));
    console.log(
      `${name}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, ` +
        `${result.errors + result.timeouts + result.non2xx} errors, ${Math.round(result.throughput.average / 1024)} kB/s; ` +
        `RSS peak ${peak} MB, VmHWM ${samples.at(-1)?.hwm} MB`,
    );
  }
  server.kill("SIGTERM");
  await exited;
  const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("No profile written.");
  console.log(`Profile: ${path.join(profileDir, file)}`);
  analyse(
    JSON.parse(readFileSync(path.join(profileDir, file), "utf8")) as Profile,
    Number(values.top),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
