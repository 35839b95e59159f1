/* Benchmark arithmetic and the report: percentiles, ratios, targets, and the markdown table. */

export interface SqlFloor {
  statements: number;
  /** Median time of the page's statements as the user (RLS applies), in ms. */
  userMs: number;
  /** The same statements as the service role (no RLS), in ms. */
  serviceMs: number;
  error?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
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
  duration: number;
  health: LoadResult;
  peakRssMb: number;
  results: PageResult[];
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[rank] ?? NaN) * 100) / 100;
}

/** The p95 target of a page under load, from the issue (embedded mode: 150 ms for every page). */
export function targetP95(summary: Pick<Summary, "mode">, page: string): number {
  if (summary.mode === "embedded") return 150;
  return page.startsWith("portfolio") ? 100 : 50;
}

const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN;
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "—");

export function renderMarkdown(summary: Summary): string {
  const high = Math.max(...summary.results.map((r) => r.connections));
  const lines = [
    `## Benchmark ${summary.mode}, ${summary.date}`,
    "",
    `Machine: ${summary.machine}. ${summary.duration} s per run after a warm-up.`,
    `Floor: /healthz at concurrency ${high}: p50 ${fixed(summary.health.p50)} ms, p95 ${fixed(summary.health.p95)} ms, ${Math.round(summary.health.requestsPerSecond)} req/s. Server peak RSS: ${summary.peakRssMb} MB.`,
    "",
    "| page | as | conc. | req/s | p50 ms | p95 ms | p99 ms | errors | p95 target | SQL (RLS) ms | SQL (no RLS) ms | RLS overhead | app ÷ SQL |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|",
  ];
  for (const r of summary.results) {
    const target = targetP95(summary, r.page);
    const met =
      r.connections === high ? (r.p95 <= target && r.errors === 0 ? "met" : "MISSED") : "";
    lines.push(
      [
        r.page,
        r.role,
        r.connections,
        Math.round(r.requestsPerSecond),
        fixed(r.p50),
        fixed(r.p95),
        fixed(r.p99),
        r.errors,
        r.connections === high ? `≤ ${target} (${met})` : "",
        fixed(r.floor?.userMs ?? NaN, 2),
        fixed(r.floor?.serviceMs ?? NaN, 2),
        fixed(ratio(r.floor?.userMs ?? NaN, r.floor?.serviceMs ?? NaN), 2),
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
  return `${lines.join("\n")}\n`;
}
