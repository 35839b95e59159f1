import { describe, expect, it } from "vitest";
import {
  LONGEST_RUN,
  renderMarkdown,
  ROUNDS_PER_RUN,
  runSeconds,
  smallestLine,
  verdicts,
  type LoadResult,
  type PageResult,
  type Summary,
} from "../../scripts/bench/report";

const load = (requestsPerSecond: number, errors = 0): LoadResult => ({
  requestsPerSecond,
  p50: 10,
  p95: 20,
  p99: 30,
  requests: requestsPerSecond * 3,
  errors,
});

const page = (name: string, connections: number, rps: number, errors = 0): PageResult => ({
  page: name,
  role: "delegate",
  connections,
  ...load(rps, errors),
  floor: { statements: 5, userMs: 2, serviceMs: 1.6, userCpuMs: 1.2, serviceCpuMs: 1 },
});

const summary = (results: PageResult[], smallest?: LoadResult): Summary => ({
  mode: "quick",
  date: "2026-12-01T17:00:00.000Z",
  machine: "2 × test cpu",
  load: { before: 1, after: 1 },
  projects: 1000,
  duration: 3,
  health: load(400),
  smallest,
  peakRssMb: 200,
  results,
});

describe("the bench's verdicts (issue 18's targets)", () => {
  it("judges throughput as a share of /healthz in the same run, with each page's own target", () => {
    const judged = verdicts(
      summary([
        page("project list (filtered)", 32, 100),
        page("board", 32, 59),
        page("portfolio", 32, 20),
      ]),
    );
    const met = Object.fromEntries(
      judged.filter((v) => v.target.startsWith("throughput")).map((v) => [v.subject, v.met]),
    );
    // 100 of 400 is the list's 25 %; 59 of 400 is under the board's 15 %; 20 of 400 is the portfolio's 5 %.
    expect(met).toEqual({
      "project list (filtered) as delegate": true,
      "board as delegate": false,
      "portfolio as delegate": true,
    });
  });

  it("misses a throughput target on any error, and judges RLS overhead on CPU time", () => {
    const judged = verdicts(summary([page("board", 32, 300, 1), page("board", 1, 9)]));
    expect(judged.find((v) => v.target.startsWith("throughput"))?.met).toBe(false);
    const rls = judged.find((v) => v.target.startsWith("RLS"));
    expect(rls).toMatchObject({ measured: "1.20 (cpu)", met: true });
  });
});

describe("the smallest signed-in page as a reference", () => {
  it("says its share of /healthz", () => {
    expect(smallestLine(load(68), load(340), 32)).toBe(
      "Reference: the smallest signed-in page (/profile as the delegate) at concurrency 32: p50 10.0 ms, " +
        "68 req/s, 20.0 % of /healthz, 0 errors. Every page does at least the work of this request.",
    );
  });

  it("appears in the report when the run measured it, and not otherwise", () => {
    const results = [page("board", 32, 10)];
    expect(renderMarkdown(summary(results, load(68)))).toContain("17.0 % of /healthz");
    expect(renderMarkdown(summary(results))).not.toContain("Reference:");
  });
});

describe("how long a loaded run lasts", () => {
  it("keeps the mode's duration for a fast page, and at concurrency 1", () => {
    // 32 connections × 40 ms on 2 cores is a 0.64 s round: three rounds fit in 3 s.
    expect(runSeconds(3, 32, 40, 2)).toBe(3);
    expect(runSeconds(3, 1, 900, 2)).toBe(3);
    expect(runSeconds(10, 32, null, 2)).toBe(10);
  });

  it("lasts three rounds of its connections for a slow page, up to a limit", () => {
    // Session 11's resilience page at N = 20,000: 184 ms alone, so a round of 32 on 2 cores is 2.9 s.
    expect(runSeconds(3, 32, 184, 2)).toBe(Math.ceil(ROUNDS_PER_RUN * 2.944));
    expect(runSeconds(3, 32, 184, 1)).toBe(18);
    expect(runSeconds(3, 32, 5_000, 2)).toBe(LONGEST_RUN);
  });
});
