/*
 * The concentration arithmetic (app/domain/resilience.ts): a worked example checked by hand, then the
 * properties of issue 19 with fast-check.
 */
import fc from "fast-check";
import {
  addedByCountry,
  assess,
  concentration,
  formatDelta,
  formatMilli,
  formatPct,
  hhiBand,
  hhiFixed,
  hhiPerHundredMillionMilli,
  parseResilienceParams,
  partnerCountries,
  pctFixed,
  pledgeImpact,
  pledgeImpactsIn,
  projectedRows,
  quantityFixed,
  SCENARIOS,
  trajectory,
  type Addition,
  type BaselineRow,
  type ProjectClass,
  type Scenario,
  type SupplyGroup,
} from "~/domain/resilience";

/*
 * Worked example: rare-earth refining, IEA Critical Minerals Dataset 2025, 2024, kt of magnet rare earth
 * elements, entered in tonnes (× 1,000):
 *   China 73,757 · Malaysia 3,625 · United States 961 · rest of world 2,462  →  W = 80,805 t.
 *   Shares: CN 73,757 / 80,805 = 91.2778 %, MY 4.4861 %, US 1.1893 %, XX 3.0468 % (sum 100).
 *   HHI (named countries only) = 91.2778² + 4.4861² + 1.1893² = 8,331.63 + 20.13 + 1.41 = 8,353.17.
 *   Top 1 = China 91.28 %; top 3 = 91.2778 + 4.4861 + 1.1893 = 96.95 %.
 *   Partner share (a partnership of the US, Australia, Japan and the EU) = US 1.19 %.
 * In 2030, pipeline: the Pilbara separation plant (Australia, 3,000 t from 2028) and the Lacq recycling hub
 * (France, 500 t from 2028) add 3,500 t; a Darwin draft (Australia, 1,200 t from 2030) is not in the pipeline.
 *   W' = 84,305 t; CN 73,757 / 84,305 = 87.4883 %, AU 3.5585 %, FR 0.5931 %, MY 4.2999 %, US 1.1399 %.
 *   HHI' = 87.4883² + 4.2999² + 3.5585² + 1.1399² + 0.5931² = 7,654.20 + 18.49 + 12.66 + 1.30 + 0.35 = 7,687.00.
 *   Partner share' = 3.5585 + 1.1399 + 0.5931 = 5.29 %.
 */
const REFINING: SupplyGroup = {
  mineral: "rare_earths",
  stage: "refining",
  year: 2024,
  unit: "t magnet rare earth elements",
  rows: [
    { country: "CN", quantity: 73757 },
    { country: "MY", quantity: 3625 },
    { country: "US", quantity: 961 },
    { country: "XX", quantity: 2462 },
  ],
  estimated: false,
};
const PARTNERS = partnerCountries(["US", "AU", "JP", "EU"]);
const PROJECTS: Addition[] = [
  { country: "AU", capacity: 3000, firstYear: 2028, projectClass: "pipeline" },
  { country: "FR", capacity: 500, firstYear: 2028, projectClass: "pipeline" },
  { country: "AU", capacity: 1200, firstYear: 2030, projectClass: "draft" },
];

describe("the worked example: rare-earth refining", () => {
  it("gives the baseline figures worked out by hand", () => {
    const baseline = concentration(REFINING.rows, PARTNERS);
    expect(baseline.worldTotal).toBe(80805);
    expect(baseline.shares.map((s) => [s.country, Number(s.sharePct?.toFixed(4))])).toEqual([
      ["CN", 91.2778],
      ["MY", 4.4861],
      ["US", 1.1893],
      ["XX", 3.0468],
    ]);
    expect(hhiFixed(baseline.hhi)).toBe("8353.2");
    expect(baseline.top1).toEqual({ country: "CN", sharePct: expect.closeTo(91.2778, 4) });
    expect(pctFixed(baseline.top3Pct)).toBe("96.95");
    expect(pctFixed(baseline.partnerPct)).toBe("1.19");
    expect(hhiBand(baseline.hhi)).toBe("high");
  });

  it("projects the pipeline at 2030 as worked out by hand, leaving the draft out", () => {
    const result = assess(
      REFINING,
      PROJECTS,
      { horizon: 2030, scenario: "pipeline", growth: 0 },
      PARTNERS,
    );
    expect(result.added).toBe(3500);
    expect(result.projected.worldTotal).toBe(84305);
    expect(hhiFixed(result.projected.hhi)).toBe("7687.0");
    expect(pctFixed(result.projected.top1?.sharePct ?? 0)).toBe("87.49");
    expect(pctFixed(result.projected.partnerPct)).toBe("5.29");
    // France is not a participant itself: it counts as an EU member state.
    expect(result.projected.shares.find((s) => s.country === "FR")?.sharePct).toBeCloseTo(
      0.5931,
      4,
    );
  });

  it("adds the draft only in the scenario with my drafts, and only from its first year", () => {
    const at = (horizon: number, scenario: Scenario) =>
      assess(REFINING, PROJECTS, { horizon, scenario, growth: 0 }, PARTNERS).added;
    expect(at(2030, "with-my-drafts")).toBe(4700);
    expect(at(2029, "with-my-drafts")).toBe(3500);
    expect(at(2027, "with-my-drafts")).toBe(0);
    expect(at(2030, "funded")).toBe(0);
  });

  it("grows the rest of the world by g a year when asked: W' = 80,805 × 1.02⁶ + 3,500", () => {
    const result = assess(
      REFINING,
      PROJECTS,
      { horizon: 2030, scenario: "pipeline", growth: 0.02 },
      PARTNERS,
    );
    expect(result.projected.worldTotal).toBeCloseTo(80805 * 1.02 ** 6 + 3500, 6);
    expect(hhiFixed(result.projected.hhi)).toBe("7756.2");
  });

  it("says what Pilbara alone would change against the funded scenario", () => {
    const impact = pledgeImpact(
      REFINING,
      [],
      [{ country: "AU", capacity: 3000, firstYear: 2028 }],
      { horizon: 2030, growth: 0 },
      PARTNERS,
    );
    // W' = 83,805: CN 88.0103 %, MY 4.3255 %, AU 3.5797 %, US 1.1467 %
    //   → HHI 7,745.81 + 18.71 + 12.81 + 1.31 = 7,778.65, so ΔHHI = 7,778.65 − 8,353.17 = −574.52;
    //   partner share 3.5797 + 1.1467 − 1.1893 = +3.54 points.
    expect(hhiFixed(impact.deltaHhi)).toBe("-574.5");
    expect(pctFixed(impact.deltaPartnerPct)).toBe("3.54");
  });
});

describe("ΔHHI per 100 million of gap", () => {
  it("divides in integers: −587.3 over a gap of US$280,400,000.00", () => {
    const milli = hhiPerHundredMillionMilli(-587.3, 28_040_000_000n, 2);
    // −587,300 thousandths × 100,000,000 × 100 / 28,040,000,000 = −209,450.78… → −209,451
    expect(milli).toBe(-209451n);
    expect(formatMilli(milli ?? 0n)).toBe("−209.5");
  });

  it("uses the currency's minor unit (yen have none) and refuses an empty gap", () => {
    expect(hhiPerHundredMillionMilli(-10, 200_000_000n, 0)).toBe(-5000n);
    expect(hhiPerHundredMillionMilli(-10, 0n, 2)).toBeNull();
    expect(hhiPerHundredMillionMilli(-10, -5n, 2)).toBeNull();
  });

  it("rounds half away from zero, symmetrically", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5_000_000, max: 5_000_000 }),
        fc.bigInt({ min: 1n, max: 10n ** 14n }),
        fc.integer({ min: 0, max: 3 }),
        (milli, gap, digits) => {
          const up = hhiPerHundredMillionMilli(milli / 1000, gap, digits);
          const down = hhiPerHundredMillionMilli(-milli / 1000, gap, digits);
          expect(up).toBe(-(down ?? 0n));
        },
      ),
    );
  });
});

describe("formatting", () => {
  it("formats one way: two decimals for shares and one for HHI in exports, no negative zero", () => {
    expect(pctFixed(68.536)).toBe("68.54");
    expect(pctFixed(-0.001)).toBe("0.00");
    expect(hhiFixed(4923.96)).toBe("4924.0");
    expect(hhiFixed(-0.04)).toBe("0.0");
    expect(quantityFixed(169678.00000000003)).toBe("169678");
    expect(quantityFixed(0.5)).toBe("0.5");
    expect(formatPct(68.54)).toBe("68.5%");
    expect(formatPct(-0.01)).toBe("0.0%");
    expect(formatDelta(-312.44)).toBe("−312.4");
    expect(formatDelta(1.25, 1, " pp")).toBe("+1.3 pp");
    expect(formatDelta(0.01)).toBe("0.0");
    expect(formatMilli(49n)).toBe("0.0");
    expect(formatMilli(-1_234_567n)).toBe("−1,234.6");
  });
});

describe("URL parameters", () => {
  const parse = (query: string, drafts = true) =>
    parseResilienceParams(new URLSearchParams(query), 2024, drafts);

  it("defaults to 2030, funded, no growth", () => {
    expect(parse("")).toEqual({
      ok: true,
      params: { horizon: 2030, scenario: "funded", growthPct: 0 },
    });
  });

  it("refuses a horizon outside B…B+12, an unknown scenario, an unknown growth", () => {
    expect(parse("horizon=2023")).toMatchObject({ ok: false, status: 400 });
    expect(parse("horizon=2037")).toMatchObject({ ok: false, status: 400 });
    expect(parse("horizon=2030.5")).toMatchObject({ ok: false, status: 400 });
    expect(parse("horizon=2036&scenario=pipeline&growth=2")).toMatchObject({ ok: true });
    expect(parse("scenario=everything")).toMatchObject({ ok: false, status: 400 });
    expect(parse("growth=7")).toMatchObject({ ok: false, status: 400 });
  });

  it("gives “with my drafts” to a government's delegates only", () => {
    expect(parse("scenario=with-my-drafts", true)).toMatchObject({ ok: true });
    expect(parse("scenario=with-my-drafts", false)).toMatchObject({ ok: false, status: 403 });
  });
});

describe("partners", () => {
  it("counts the EU as its 27 member states and never counts rest of world", () => {
    const partners = partnerCountries(["EU", "JP", "XX"]);
    expect(partners.size).toBe(28);
    expect(partners.has("FI")).toBe(true);
    expect(partners.has("EU")).toBe(false);
    expect(partners.has("XX")).toBe(false);
    // New Caledonia is an overseas territory of France, not part of the EU.
    expect(partners.has("NC")).toBe(false);
  });
});

/* Properties ------------------------------------------------------------------------------------------ */

const COUNTRIES = ["CN", "AU", "US", "JP", "CA", "FR", "ID", "CD", "CL", "MY"];
const country = fc.constantFrom(...COUNTRIES);
const positive = fc.double({ min: 0.001, max: 1e7, noNaN: true, noDefaultInfinity: true });
const PROJECT_CLASSES: ProjectClass[] = ["funded", "pipeline", "draft"];

/** A group: distinct named countries with quantities (a few withheld), plus one rest-of-world row. */
const groupArb: fc.Arbitrary<SupplyGroup> = fc
  .record({
    named: fc.uniqueArray(
      fc.record({
        country,
        quantity: fc.oneof(
          { weight: 9, arbitrary: positive },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
      }),
      { minLength: 1, maxLength: 8, selector: (row) => row.country },
    ),
    rest: fc.oneof(fc.constant(0), positive),
    year: fc.integer({ min: 2018, max: 2024 }),
  })
  .filter(({ named }) => named.some((row) => row.quantity !== null))
  .map(({ named, rest, year }) => ({
    mineral: "lithium",
    stage: "mining",
    year,
    unit: "t Li content",
    rows: [...named, { country: "XX", quantity: rest }] as BaselineRow[],
    estimated: false,
  }));

const additionArb: fc.Arbitrary<Addition> = fc.record({
  country,
  capacity: positive,
  firstYear: fc.integer({ min: 2020, max: 2040 }),
  projectClass: fc.constantFrom(...PROJECT_CLASSES),
});
const optionsArb = fc.record({
  horizon: fc.integer({ min: 2024, max: 2036 }),
  scenario: fc.constantFrom(...SCENARIOS),
  growth: fc.constantFrom(0, 0.01, 0.03, 0.05),
});

const EPS = 1e-6;

describe("properties", () => {
  it("the ranking's pledgeImpactsIn equals pledgeImpact, the funded scenario assessed once", () => {
    fc.assert(
      fc.property(
        groupArb,
        fc.array(additionArb),
        fc.array(additionArb, { minLength: 1, maxLength: 3 }),
        optionsArb,
        (group, additions, outputs, { horizon, growth }) => {
          const funded = additions.filter((a) => a.projectClass === "funded");
          const project = outputs.map(({ projectClass: _class, ...output }) => output);
          const one = pledgeImpact(group, funded, project, { horizon, growth }, PARTNERS);
          const many = pledgeImpactsIn(group, funded, { horizon, growth }, PARTNERS)(project);
          // Equal up to the order of floating-point additions.
          expect(many.deltaHhi).toBeCloseTo(one.deltaHhi, 6);
          expect(many.deltaPartnerPct).toBeCloseTo(one.deltaPartnerPct, 6);
        },
      ),
    );
  });

  it("shares, rest of world included, sum to 100", () => {
    fc.assert(
      fc.property(groupArb, fc.array(additionArb), optionsArb, (group, additions, options) => {
        const result = assess(group, additions, options, PARTNERS);
        for (const side of [result.baseline, result.projected]) {
          const sum = side.shares.reduce((total, share) => total + (share.sharePct ?? 0), 0);
          expect(sum).toBeCloseTo(100, 6);
        }
      }),
    );
  });

  it("0 ≤ HHI ≤ 10,000 and HHI ≥ (top-1 share)²", () => {
    fc.assert(
      fc.property(groupArb, fc.array(additionArb), optionsArb, (group, additions, options) => {
        const result = assess(group, additions, options, PARTNERS);
        for (const side of [result.baseline, result.projected]) {
          expect(side.hhi).toBeGreaterThanOrEqual(0);
          expect(side.hhi).toBeLessThanOrEqual(10_000 + EPS);
          const top = side.top1?.sharePct ?? 0;
          expect(side.hhi).toBeGreaterThanOrEqual(top * top - EPS);
          expect(side.top3Pct).toBeGreaterThanOrEqual(top - EPS);
          expect(side.top3Pct).toBeLessThanOrEqual(100 + EPS);
          expect(side.partnerPct).toBeLessThanOrEqual(100 + EPS);
        }
      }),
    );
  });

  it("adding capacity to a country never lowers its share and never raises another's", () => {
    fc.assert(
      fc.property(groupArb, country, positive, (group, target, capacity) => {
        const before = concentration(group.rows, PARTNERS);
        const rows = projectedRows(group, new Map([[target, capacity]]), {
          horizon: group.year,
          growth: 0,
        });
        const after = concentration(rows, PARTNERS);
        const share = (c: typeof before, code: string) =>
          c.shares.find((s) => s.country === code)?.sharePct ?? 0;
        expect(share(after, target)).toBeGreaterThanOrEqual(share(before, target) - EPS);
        for (const other of before.shares) {
          if (other.country === target || other.sharePct === null) continue;
          expect(share(after, other.country)).toBeLessThanOrEqual(other.sharePct + EPS);
        }
      }),
    );
  });

  it("adding capacity to the top country never lowers HHI", () => {
    fc.assert(
      fc.property(groupArb, positive, (group, capacity) => {
        const before = concentration(group.rows, PARTNERS);
        const top = before.top1?.country;
        if (!top) return;
        const after = concentration(
          projectedRows(group, new Map([[top, capacity]]), { horizon: group.year, growth: 0 }),
          PARTNERS,
        );
        expect(after.hhi).toBeGreaterThanOrEqual(before.hhi - EPS * Math.max(1, before.hhi));
      }),
    );
  });

  it("scenarios nest: funded ⊆ pipeline ⊆ with my drafts, country by country", () => {
    fc.assert(
      fc.property(
        fc.array(additionArb),
        fc.integer({ min: 2024, max: 2036 }),
        (additions, horizon) => {
          const [funded, pipeline, drafts] = SCENARIOS.map((scenario) =>
            addedByCountry(additions, { horizon, scenario }),
          );
          for (const code of COUNTRIES) {
            const f = funded?.get(code) ?? 0;
            const p = pipeline?.get(code) ?? 0;
            const d = drafts?.get(code) ?? 0;
            expect(f).toBeLessThanOrEqual(p + EPS);
            expect(p).toBeLessThanOrEqual(d + EPS);
          }
        },
      ),
    );
  });

  it("gives the same results whatever order the outputs come in", () => {
    fc.assert(
      fc.property(
        groupArb,
        fc.array(additionArb, { maxLength: 12 }),
        optionsArb,
        fc.integer(),
        (group, additions, options, seed) => {
          const shuffled = [...additions]
            .map((addition, index) => ({ addition, key: (index * 7919 + seed) % 101 }))
            .sort((a, b) => a.key - b.key)
            .map(({ addition }) => addition);
          const a = assess(group, additions, options, PARTNERS);
          const b = assess(group, shuffled, options, PARTNERS);
          expect(b.projected).toEqual(a.projected);
          expect(b.added).toBe(a.added);
        },
      ),
    );
  });

  it("a later horizon never counts less capacity", () => {
    fc.assert(
      fc.property(groupArb, fc.array(additionArb), optionsArb, (group, additions, options) => {
        const points = trajectory(group, additions, options, PARTNERS, {
          from: 2024,
          to: 2036,
        });
        expect(points).toHaveLength(13);
        const added = points.map(
          (point) => assess(group, additions, { ...options, horizon: point.year }, PARTNERS).added,
        );
        added.slice(1).forEach((value, index) => {
          expect(value).toBeGreaterThanOrEqual((added[index] ?? 0) - EPS);
        });
      }),
    );
  });
});
