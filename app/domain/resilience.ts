/*
 * Supply concentration and how the partnership's projects change it (issue 19; method in docs/resilience.md,
 * decisions in docs/decisions/082-*.md). Pure: reference figures and the outputs a person may see go in,
 * shares, Herfindahl-Hirschman indices and partner shares come out. No database, no clock, no money in floats
 * (the one money figure, "ΔHHI per 100 million of gap", is computed from bigint minor units).
 *
 * For each mineral × stage group (baseline year B), at horizon H and scenario S:
 * - baseline share of country c: s_c = 100 · q_c / W, W = the sum of every row including rest of world (XX);
 * - HHI = Σ s_c² over named countries (not XX), 0–10,000; top-1 and top-3 shares over named countries;
 *   partner share = Σ s_c over the partnership's participants (the EU counts as its 27 member states);
 * - projected: q'_c = q_c · (1 + g)^(H − B) + added_c, W' = W · (1 + g)^(H − B) + Σ added, where added_c is the
 *   capacity of every visible output in country c, of a project in S, whose first output year is ≤ H.
 */
import { FORMAT_LOCALES, type Language } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { numberFormat } from "~/utils/intl";

export const SCENARIOS = ["funded", "pipeline", "with-my-drafts"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/**
 * Which projects an output belongs to: "funded" (approved and covered, or completed), "pipeline" (approved,
 * not covered), "draft" (a draft of the viewer's own government). Anything else never counts.
 */
export type ProjectClass = "funded" | "pipeline" | "draft";
export const SCENARIO_CLASSES: Record<Scenario, ReadonlyArray<ProjectClass>> = {
  funded: ["funded"],
  pipeline: ["funded", "pipeline"],
  "with-my-drafts": ["funded", "pipeline", "draft"],
};

export const REST_OF_WORLD = "XX";

/** How far ahead the horizon picker goes from the newest baseline year. */
export const HORIZON_YEARS = 12;

/** The 2023 U.S. Merger Guidelines' bands (HHI on shares in percent). */
export const HHI_BANDS = {
  highlyConcentrated: 1800,
  moderatelyConcentrated: 1000,
} as const;
export type HhiBand = "high" | "moderate" | "low";

export function hhiBand(hhi: number): HhiBand {
  if (hhi > HHI_BANDS.highlyConcentrated) return "high";
  if (hhi >= HHI_BANDS.moderatelyConcentrated) return "moderate";
  return "low";
}

/** The EU's 27 member states (ISO 3166-1 alpha-2): the EU as a participant counts as all of them. */
export const EU_MEMBER_STATES = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
] as const;

/** The countries whose supply counts as the partnership's: its participants, the EU as its member states. */
export function partnerCountries(memberCodes: ReadonlyArray<string>): Set<string> {
  const countries = new Set<string>();
  for (const code of memberCodes) {
    if (code === "EU") EU_MEMBER_STATES.forEach((state) => countries.add(state));
    else if (code !== REST_OF_WORLD) countries.add(code);
  }
  return countries;
}

/** A country's baseline figure in the group's output unit; null when the source withholds it. */
export interface BaselineRow {
  country: string;
  quantity: number | null;
}

export interface SupplyGroup {
  mineral: string;
  stage: string;
  /** The baseline year B. */
  year: number;
  /** The unit every quantity here is in (projects' capacity unit). */
  unit: string;
  rows: ReadonlyArray<BaselineRow>;
  /** True when W is an estimate (a shares-only group projected with a world total): every figure is one. */
  estimated: boolean;
}

/** Capacity a project adds: in the group's output unit, from its first output year. */
export interface Addition {
  country: string;
  capacity: number;
  firstYear: number;
  projectClass: ProjectClass;
}

export interface CountryShare {
  country: string;
  quantity: number | null;
  /** Percent of W (0–100); null when withheld. */
  sharePct: number | null;
}

export interface Concentration {
  worldTotal: number;
  /** Every row, XX included, largest first (XX last, withheld after). */
  shares: CountryShare[];
  hhi: number;
  top1: { country: string; sharePct: number } | null;
  top3Pct: number;
  partnerPct: number;
}

/** Shares, HHI, top-1, top-3 and partner share of one set of quantities (order does not matter). */
export function concentration(
  rows: ReadonlyArray<BaselineRow>,
  partners: ReadonlySet<string>,
): Concentration {
  const worldTotal = rows.reduce((sum, row) => sum + (row.quantity ?? 0), 0);
  const shares: CountryShare[] = rows.map((row) => ({
    country: row.country,
    quantity: row.quantity,
    sharePct: row.quantity === null ? null : worldTotal > 0 ? (100 * row.quantity) / worldTotal : 0,
  }));
  shares.sort(byShareDescending);
  const named = shares.filter(
    (share): share is CountryShare & { sharePct: number } =>
      share.country !== REST_OF_WORLD && share.sharePct !== null,
  );
  const hhi = named.reduce((sum, share) => sum + share.sharePct * share.sharePct, 0);
  const [first] = named;
  const top3Pct = named.slice(0, 3).reduce((sum, share) => sum + share.sharePct, 0);
  const partnerPct = named
    .filter((share) => partners.has(share.country))
    .reduce((sum, share) => sum + share.sharePct, 0);
  return {
    worldTotal,
    shares,
    hhi,
    top1: first ? { country: first.country, sharePct: first.sharePct } : null,
    top3Pct,
    partnerPct,
  };
}

/** Largest share first; rest of world after the named countries, withheld figures last; ties by code. */
function byShareDescending(a: CountryShare, b: CountryShare): number {
  const rank = (share: CountryShare) =>
    share.sharePct === null ? 2 : share.country === REST_OF_WORLD ? 1 : 0;
  return (
    rank(a) - rank(b) || (b.sharePct ?? 0) - (a.sharePct ?? 0) || a.country.localeCompare(b.country)
  );
}

export interface ProjectionOptions {
  horizon: number;
  scenario: Scenario;
  /** Yearly growth of the baseline (0.02 = 2 % a year); 0 keeps the rest of the world standing still. */
  growth: number;
}

/** Capacity per country that counts at the horizon in the scenario. */
export function addedByCountry(
  additions: ReadonlyArray<Addition>,
  options: Pick<ProjectionOptions, "horizon" | "scenario">,
): Map<string, number> {
  const classes = SCENARIO_CLASSES[options.scenario];
  const added = new Map<string, number>();
  // Sorted first so that floating-point sums do not depend on the order the outputs arrived in.
  const counting = additions
    .filter(
      (addition) =>
        classes.includes(addition.projectClass) &&
        addition.firstYear <= options.horizon &&
        addition.capacity > 0,
    )
    .map((addition) => [addition.country, addition.capacity] as const)
    .sort(([a, x], [b, y]) => a.localeCompare(b) || x - y);
  for (const [country, capacity] of counting) {
    added.set(country, (added.get(country) ?? 0) + capacity);
  }
  return added;
}

/** The group's quantities at the horizon: baseline grown by g, plus what the scenario adds. */
export function projectedRows(
  group: SupplyGroup,
  added: ReadonlyMap<string, number>,
  options: Pick<ProjectionOptions, "horizon" | "growth">,
): BaselineRow[] {
  const factor = (1 + options.growth) ** Math.max(0, options.horizon - group.year);
  const rows = group.rows.map((row) => ({
    country: row.country,
    quantity:
      row.quantity === null
        ? added.has(row.country)
          ? (added.get(row.country) ?? 0)
          : null
        : row.quantity * factor + (added.get(row.country) ?? 0),
  }));
  const present = new Set(group.rows.map((row) => row.country));
  // A country the source lists as producing nothing enters with its projects' capacity alone.
  for (const [country, capacity] of [...added].sort(([a], [b]) => a.localeCompare(b))) {
    if (!present.has(country)) rows.push({ country, quantity: capacity });
  }
  return rows;
}

export interface Assessment {
  group: SupplyGroup;
  baseline: Concentration;
  projected: Concentration;
  /** Σ added at the horizon, and per country. */
  added: number;
  addedByCountry: Map<string, number>;
}

export function assess(
  group: SupplyGroup,
  additions: ReadonlyArray<Addition>,
  options: ProjectionOptions,
  partners: ReadonlySet<string>,
): Assessment {
  const added = addedByCountry(additions, options);
  return {
    group,
    baseline: concentration(group.rows, partners),
    projected: concentration(projectedRows(group, added, options), partners),
    added: [...added.values()].reduce((sum, value) => sum + value, 0),
    addedByCountry: added,
  };
}

/** Projected HHI and partner share for each year from..to (the line chart of the mineral page). */
export function trajectory(
  group: SupplyGroup,
  additions: ReadonlyArray<Addition>,
  options: Omit<ProjectionOptions, "horizon">,
  partners: ReadonlySet<string>,
  years: { from: number; to: number },
): Array<{ year: number; hhi: number; partnerPct: number }> {
  const points = [];
  for (let year = years.from; year <= years.to; year += 1) {
    const projected = assess(group, additions, { ...options, horizon: year }, partners).projected;
    points.push({ year, hhi: projected.hhi, partnerPct: projected.partnerPct });
  }
  return points;
}

/* Where the next pledge helps most ------------------------------------------------------------------- */

export interface PledgeImpact {
  /** HHI at the horizon with the project online minus without it (negative: less concentrated). */
  deltaHhi: number;
  /** Partner share with minus without, in percentage points. */
  deltaPartnerPct: number;
}

/**
 * What one project's outputs in this group change at the horizon, against the funded scenario: as if the
 * project were funded (its outputs counted with the funded ones).
 */
export function pledgeImpact(
  group: SupplyGroup,
  fundedAdditions: ReadonlyArray<Addition>,
  projectOutputs: ReadonlyArray<Omit<Addition, "projectClass">>,
  options: Omit<ProjectionOptions, "scenario">,
  partners: ReadonlySet<string>,
): PledgeImpact {
  const settings = { ...options, scenario: "funded" as const };
  const without = assess(group, fundedAdditions, settings, partners).projected;
  const withProject = assess(
    group,
    [
      ...fundedAdditions,
      ...projectOutputs.map((output) => ({ ...output, projectClass: "funded" as const })),
    ],
    settings,
    partners,
  ).projected;
  return {
    deltaHhi: withProject.hhi - without.hhi,
    deltaPartnerPct: withProject.partnerPct - without.partnerPct,
  };
}

/**
 * pledgeImpact for many projects of one group: the funded scenario is assessed once, and each project's outputs
 * are added to its capacity per country (the ranking evaluates hundreds of candidates per request). Equal to
 * pledgeImpact up to the order of floating-point additions (tests/unit/resilience.test.ts).
 */
export function pledgeImpactsIn(
  group: SupplyGroup,
  fundedAdditions: ReadonlyArray<Addition>,
  options: Omit<ProjectionOptions, "scenario">,
  partners: ReadonlySet<string>,
): (projectOutputs: ReadonlyArray<Omit<Addition, "projectClass">>) => PledgeImpact {
  const settings = { ...options, scenario: "funded" as const };
  const funded = addedByCountry(fundedAdditions, settings);
  const without = concentration(projectedRows(group, funded, settings), partners);
  return (projectOutputs) => {
    const added = new Map(funded);
    for (const output of projectOutputs) {
      if (output.firstYear <= options.horizon && output.capacity > 0) {
        added.set(output.country, (added.get(output.country) ?? 0) + output.capacity);
      }
    }
    const withProject = concentration(projectedRows(group, added, settings), partners);
    return {
      deltaHhi: withProject.hhi - without.hhi,
      deltaPartnerPct: withProject.partnerPct - without.partnerPct,
    };
  };
}

/**
 * The funded scenario of one group at the horizon, as the next-pledge ranking's SQL needs it (ADR 168): W, the
 * sum S2 of the named countries' squared quantities, and each named country's quantity (XX and withheld rows
 * left out). A candidate adds its counted capacity x > 0 to its host country c: W' = W + x, and when c is not
 * XX, q'_c = q_c + x, a withheld or absent country entering with x alone (projectedRows). So
 * ΔHHI = 10⁴ · ((S2 + x · (2 · q_c + x)) / (W + x)² − S2 / W²), with q_c = 0 when c has no quantity.
 * Null when a country is listed twice (the closed form would add x to one row, projectedRows to both).
 */
export interface FundedState {
  worldTotal: number;
  sumOfSquares: number;
  quantities: Map<string, number>;
}

export function fundedState(
  group: SupplyGroup,
  fundedAdditions: ReadonlyArray<Addition>,
  options: Omit<ProjectionOptions, "scenario">,
): FundedState | null {
  const settings = { ...options, scenario: "funded" as const };
  const rows = projectedRows(group, addedByCountry(fundedAdditions, settings), settings);
  if (new Set(rows.map((row) => row.country)).size !== rows.length) return null;
  const quantities = new Map<string, number>();
  for (const row of rows) {
    if (row.quantity !== null && row.country !== REST_OF_WORLD) {
      quantities.set(row.country, row.quantity);
    }
  }
  return {
    worldTotal: rows.reduce((sum, row) => sum + (row.quantity ?? 0), 0),
    sumOfSquares: [...quantities.values()].reduce((sum, q) => sum + q * q, 0),
    quantities,
  };
}

/**
 * How far the SQL's ΔHHI (the closed form above, float8) may be from pledgeImpactsIn's (the same quantities
 * added in another order), in HHI points. Every quantity is a sum of non-negative terms and every HHI lies in
 * 0…10,000, so each engine's HHI is within about (4n + 8) · 2⁻⁵³ · 10⁴ of the exact one for n countries: under
 * 2 · 10⁻⁹ for n = 400, and under 4 · 10⁻⁹ for a difference of two. The tolerance is 250 times that; it only
 * widens the set of rows the SQL returns around the cut (ADR 168).
 */
export const DELTA_HHI_TOLERANCE = 1e-6;

const HUNDRED_MILLION = 100_000_000n;

/**
 * ΔHHI per 100 million (major units of the reporting currency) of funding gap, in thousandths of an HHI point,
 * from the gap in minor units. The ΔHHI is first fixed to thousandths; the rest is integer arithmetic, rounded
 * half away from zero. Null when there is no gap to divide by.
 */
export function hhiPerHundredMillionMilli(
  deltaHhi: number,
  gapMinor: bigint,
  minorDigits: number,
): bigint | null {
  if (gapMinor <= 0n || !Number.isFinite(deltaHhi)) return null;
  const milli = BigInt(Math.round(deltaHhi * 1000));
  const numerator = milli * HUNDRED_MILLION * 10n ** BigInt(minorDigits);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const rounded = (magnitude * 2n + gapMinor) / (2n * gapMinor);
  return negative ? -rounded : rounded;
}

/* Formatting, one way for the pages and the exports ------------------------------------------------- */

/** "68.54" — two decimals, as the exports give percentages. */
export function pctFixed(value: number): string {
  return fixed(value, 2);
}

/** "4924.3" — one decimal, as the exports give HHI. */
export function hhiFixed(value: number): string {
  return fixed(value, 1);
}

function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  // No "-0.00": a change that rounds to nothing is no change.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A quantity as plain decimal text with at most three decimals ("169678", "0.5"). */
export function quantityFixed(value: number): string {
  const text = value.toFixed(3).replace(/\.?0+$/, "");
  return text === "-0" ? "0" : text;
}

/** The locale a page's figures are written in ("en-GB" by default: the CSV exports never call these). */
const localeOf = (language: Language) => FORMAT_LOCALES[language];

/** "68.5%" on the pages ("68,5 %" in French). */
export function formatPct(value: number, digits = 1, language: Language = "en"): string {
  return numberFormat(localeOf(language), {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format((Object.is(Number(value.toFixed(digits)), -0) ? 0 : value) / 100);
}

/** "4,924.3" on the pages. */
export function formatHhi(value: number, language: Language = "en"): string {
  return numberFormat(localeOf(language), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(Object.is(Number(value.toFixed(1)), -0) ? 0 : value);
}

/** A signed change: "−312.4", "+1.2 pp", "0.0". */
export function formatDelta(
  value: number,
  digits = 1,
  suffix = "",
  language: Language = "en",
): string {
  const rounded = Number(value.toFixed(digits));
  const text = numberFormat(localeOf(language), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Math.abs(rounded));
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "";
  return `${sign}${text}${suffix}`;
}

/** "169,678", "0.5": whole numbers, two decimals below 10. */
export function formatQuantity(value: number, language: Language = "en"): string {
  return numberFormat(localeOf(language), {
    maximumFractionDigits: value !== 0 && Math.abs(value) < 10 ? 2 : 0,
  }).format(value);
}

/** Thousandths (bigint) as a signed decimal with one decimal: -123456n → "−123.5". */
export function formatMilli(milli: bigint, language: Language = "en"): string {
  const negative = milli < 0n;
  const magnitude = negative ? -milli : milli;
  const tenths = (magnitude + 50n) / 100n;
  const whole = tenths / 10n;
  const fraction = tenths % 10n;
  const locale = localeOf(language);
  const point =
    numberFormat(locale, { minimumFractionDigits: 1 })
      .formatToParts(0.5)
      .find((part) => part.type === "decimal")?.value ?? ".";
  const text = `${numberFormat(locale).format(whole)}${point}${fraction}`;
  return tenths === 0n ? text : `${negative ? "−" : ""}${text}`;
}

/* URL parameters -------------------------------------------------------------------------------------- */

export const GROWTH_CHOICES = [0, 1, 2, 3, 5] as const;

export interface ResilienceParams {
  horizon: number;
  scenario: Scenario;
  /** Percent a year (one of GROWTH_CHOICES). */
  growthPct: number;
}

export type ParamsOutcome =
  { ok: true; params: ResilienceParams } | { ok: false; status: 400 | 403; message: string };

/**
 * The horizon (B…B+12), scenario and growth from a URL. Missing values take their defaults (horizon B+6,
 * funded, 0 %); a value that is there but wrong is refused with a sentence, and "with-my-drafts" is refused
 * to anyone but a government's delegate.
 */
export function parseResilienceParams(
  search: URLSearchParams,
  baselineYear: number,
  canUseDrafts: boolean,
): ParamsOutcome {
  const last = baselineYear + HORIZON_YEARS;
  const horizonText = search.get("horizon");
  const horizon =
    horizonText === null || horizonText === "" ? baselineYear + 6 : Number(horizonText);
  if (!Number.isInteger(horizon) || horizon < baselineYear || horizon > last) {
    return {
      ok: false,
      status: 400,
      message: msg("resilience.params.horizon", { from: baselineYear, to: last }),
    };
  }
  const scenarioText = search.get("scenario") || "funded";
  const scenario = SCENARIOS.find((value) => value === scenarioText);
  if (!scenario) {
    return {
      ok: false,
      status: 400,
      message: msg("resilience.params.scenario", { choices: SCENARIOS.join(", ") }),
    };
  }
  if (scenario === "with-my-drafts" && !canUseDrafts) {
    return {
      ok: false,
      status: 403,
      message: msg("resilience.params.drafts"),
    };
  }
  const growthText = search.get("growth");
  const growthPct = growthText === null || growthText === "" ? 0 : Number(growthText);
  if (!(GROWTH_CHOICES as readonly number[]).includes(growthPct)) {
    return {
      ok: false,
      status: 400,
      message: msg("resilience.params.growth", { choices: GROWTH_CHOICES.join(", ") }),
    };
  }
  return { ok: true, params: { horizon, scenario, growthPct } };
}
