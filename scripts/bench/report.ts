/* Benchmark arithmetic and the report: percentiles, ratios, the targets of issue 18, and the markdown table. */

export interface SqlFloor {
  statements: number;
  /** Median wall time of the page's statements as the user (RLS applies), in ms. */
  userMs: number;
  /** The same statements as the service role (no RLS), in ms. */
  serviceMs: number;
  /**
   * CPU time the database spent on them (its backend process, from /proc), as the user and as the service
   * role, in ms per run of the page's statements; null when the database is not on this machine.
   */
  userCpuMs: number | null;
  serviceCpuMs: number | null;
  error?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  /** How long the run lasted (s): the mode's duration, or longer for a slow page (runSeconds). */
  seconds?: number;
}

/** Each connection of a loaded run finishes at least this many requests, on average (runSeconds). */
export const ROUNDS_PER_RUN = 3;
/** No loaded run lasts longer than this (s), however slow the page. */
export const LONGEST_RUN = 30;

/**
 * How long a loaded run lasts: the mode's duration, or longer when the page is slow, so that each connection
 * finishes about ROUNDS_PER_RUN requests. A round is the connections' requests shared by the cores at the page's
 * own latency (its p50 at concurrency 1). Without this, 32 requests of 200 ms on 2 cores all finished after a
 * 3 s run had ended, and the run counted none of them (ADR 182).
 */
export function runSeconds(
  minimum: number,
  connections: number,
  p50AloneMs: number | null,
  cores: number,
): number {
  if (p50AloneMs === null || !Number.isFinite(p50AloneMs) || connections <= 1) return minimum;
  const round = (connections * p50AloneMs) / 1000 / Math.max(1, cores);
  return Math.min(LONGEST_RUN, Math.max(minimum, Math.ceil(ROUNDS_PER_RUN * round)));
}

export interface PageResult extends LoadResult {
  page: string;
  role: string;
  connections: number;
  floor: SqlFloor | null;
}

export interface Summary {
  mode: string;
  date: string;
  machine: string;
  /** The machine's load average over the last minute when the run began and ended (other work on it). */
  load: { before: number; after: number | null };
  /** Projects in the benchmark partnership (N). */
  projects: number;
  duration: number;
  health: LoadResult;
  /**
   * The smallest signed-in page (SMALLEST_PAGE, as the delegate) at the high concurrency: what a document
   * request costs before a page asks or renders anything of its own, so the most any page's share can be in
   * this run. Absent from runs made before it was measured.
   */
  smallest?: LoadResult;
  peakRssMb: number;
  results: PageResult[];
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[rank] ?? NaN) * 100) / 100;
}

const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN;
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "—");

/** The smallest signed-in page: the profile, whose loader reads only what every page reads. */
export const SMALLEST_PAGE = "/profile";

/* The targets of issue 18 -------------------------------------------------------------------------------- */

export const TARGETS = {
  /** The page's SQL as the user ÷ as the service role. */
  rlsOverhead: 1.3,
  /** Peak RSS of the server under the quick load. */
  peakRssMb: 300,
  /** p50 at concurrency 1, large portfolio ÷ small one (N=20,000 against N=1,000). */
  growth: { flat: 1.5, portfolio: 2 },
} as const;

/** Throughput at the high concurrency as a share of /healthz in the same run. */
export function throughputShareTarget(page: string): number {
  if (page.startsWith("project list")) return 0.25;
  if (page.startsWith("portfolio") || page.startsWith("resilience")) return 0.05;
  return 0.15;
}

/** p50 growth allowed between the small and the large portfolio. */
export function growthTarget(page: string): number {
  return page.startsWith("portfolio") || page.startsWith("resilience")
    ? TARGETS.growth.portfolio
    : TARGETS.growth.flat;
}

/** The RLS overhead of a page's SQL: by the database's CPU time when it was measured, else by wall time. */
export function rlsOverhead(floor: SqlFloor | null): { value: number; by: "cpu" | "wall" } {
  if (floor?.userCpuMs != null && floor.serviceCpuMs != null && floor.serviceCpuMs > 0) {
    return { value: floor.userCpuMs / floor.serviceCpuMs, by: "cpu" };
  }
  return { value: ratio(floor?.userMs ?? NaN, floor?.serviceMs ?? NaN), by: "wall" };
}

export interface Verdict {
  target: string;
  subject: string;
  measured: string;
  met: boolean;
}

/** Every target this run can judge, met or missed. */
export function verdicts(summary: Summary, baseline?: Summary): Verdict[] {
  const out: Verdict[] = [];
  const high = Math.max(...summary.results.map((r) => r.connections));
  const healthRps = summary.health.requestsPerSecond;
  for (const r of summary.results) {
    const subject = `${r.page} as ${r.role}`;
    if (r.connections === high) {
      const share = ratio(r.requestsPerSecond, healthRps);
      const target = throughputShareTarget(r.page);
      out.push({
        target: `throughput @${high} ≥ ${Math.round(target * 100)} % of /healthz, no errors`,
        subject,
        measured: `${fixed(share * 100)} % (${Math.round(r.requestsPerSecond)} of ${Math.round(healthRps)} req/s), ${r.errors} errors`,
        met: share >= target && r.errors === 0,
      });
    }
    if (r.connections === 1 && r.floor && !r.floor.error) {
      const overhead = rlsOverhead(r.floor);
      out.push({
        target: `RLS overhead ≤ ${TARGETS.rlsOverhead}`,
        subject,
        measured: `${fixed(overhead.value, 2)} (${overhead.by})`,
        met: overhead.value <= TARGETS.rlsOverhead,
      });
    }
    if (r.connections === 1 && baseline) {
      const before = baseline.results.find(
        (b) => b.page === r.page && b.role === r.role && b.connections === 1,
      );
      if (before) {
        const growth = ratio(r.p50, before.p50);
        const target = growthTarget(r.page);
        out.push({
          target: `p50 @1 at N=${summary.projects.toLocaleString("en")} ≤ ${target}× N=${baseline.projects.toLocaleString("en")}`,
          subject,
          measured: `${fixed(growth, 2)}× (${fixed(before.p50)} → ${fixed(r.p50)} ms)`,
          met: growth <= target,
        });
      }
    }
  }
  if (summary.mode === "quick") {
    out.push({
      target: `peak RSS ≤ ${TARGETS.peakRssMb} MB under the quick load`,
      subject: "server",
      measured: `${summary.peakRssMb} MB`,
      met: summary.peakRssMb <= TARGETS.peakRssMb,
    });
  }
  return out;
}

/* The report --------------------------------------------------------------------------------------------- */

/** The reference line under the floor: the smallest signed-in page's throughput and share of /healthz. */
export function smallestLine(smallest: LoadResult, health: LoadResult, high: number): string {
  const share = ratio(smallest.requestsPerSecond, health.requestsPerSecond);
  return `Reference: the smallest signed-in page (${SMALLEST_PAGE} as the delegate) at concurrency ${high}: p50 ${fixed(smallest.p50)} ms, ${Math.round(smallest.requestsPerSecond)} req/s, ${fixed(share * 100)} % of /healthz, ${smallest.errors} errors. Every page does at least the work of this request.`;
}

export function renderMarkdown(summary: Summary, baseline?: Summary): string {
  const high = Math.max(...summary.results.map((r) => r.connections));
  const lines = [
    `## Benchmark ${summary.mode}, N = ${summary.projects.toLocaleString("en")}, ${summary.date}`,
    "",
    `Machine: ${summary.machine}; load average ${fixed(summary.load.before, 2)} at the start, ${fixed(summary.load.after ?? NaN, 2)} at the end (other work on the machine). ${summary.duration} s per run after a warm-up and a drained server, longer at high concurrency for a slow page (${ROUNDS_PER_RUN} rounds of its connections, at most ${LONGEST_RUN} s).`,
    `Floor: /healthz at concurrency ${high}: p50 ${fixed(summary.health.p50)} ms, p95 ${fixed(summary.health.p95)} ms, ${Math.round(summary.health.requestsPerSecond)} req/s. Server peak RSS: ${summary.peakRssMb} MB.`,
    ...(summary.smallest ? [smallestLine(summary.smallest, summary.health, high)] : []),
    "",
    "| page | as | conc. | req/s | share of /healthz | p50 ms | p95 ms | p99 ms | errors | SQL (RLS) ms | SQL (no RLS) ms | SQL CPU (RLS) ms | SQL CPU (no RLS) ms | RLS overhead | app ÷ SQL |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of summary.results) {
    const overhead = rlsOverhead(r.floor);
    lines.push(
      [
        r.page,
        r.role,
        r.connections,
        Math.round(r.requestsPerSecond),
        r.connections === high
          ? `${fixed(ratio(r.requestsPerSecond, summary.health.requestsPerSecond) * 100)} %`
          : "",
        fixed(r.p50),
        fixed(r.p95),
        fixed(r.p99),
        r.errors,
        fixed(r.floor?.userMs ?? NaN, 2),
        fixed(r.floor?.serviceMs ?? NaN, 2),
        fixed(r.floor?.userCpuMs ?? NaN, 2),
        fixed(r.floor?.serviceCpuMs ?? NaN, 2),
        Number.isFinite(overhead.value) ? `${fixed(overhead.value, 2)} (${overhead.by})` : "—",
        r.connections === 1 ? fixed(ratio(r.p50, r.floor?.userMs ?? NaN), 1) : "",
      ]
        .join(" | ")
        .replace(/^/, "| ")
        .replace(/$/, " |"),
    );
  }
  const failures = summary.results.filter((r) => r.floor?.error);
  if (failures.length) {
    lines.push(
      "",
      ...failures.map((r) => `- SQL floor of ${r.page} as ${r.role}: ${r.floor?.error}`),
    );
  }
  const judged = verdicts(summary, baseline);
  lines.push(
    "",
    `### Targets (issue 18): ${judged.filter((v) => v.met).length} met, ${judged.filter((v) => !v.met).length} missed`,
    "",
    "| target | page | measured | |",
    "|---|---|---|---|",
    ...judged.map(
      (v) => `| ${v.target} | ${v.subject} | ${v.measured} | ${v.met ? "met" : "**MISSED**"} |`,
    ),
  );
  return `${lines.join("\n")}\n`;
}
