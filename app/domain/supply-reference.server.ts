/*
 * The supply reference data (supabase/reference/*.csv, docs/resilience.md): reading and checking the three
 * files of a dataset version before it is loaded. Pure: text in, typed rows or a list of errors (each naming
 * its line) out. The database keeps what this returns; app/domain/resilience.ts computes with it.
 *
 * Faithful on purpose: an empty quantity and share stays empty (a withheld figure, not zero), `source_id` may
 * list several ids separated by `;`, and a country code is only ever text — `NA` is Namibia, never "no value".
 */
import { CsvParseError, parseCsv } from "~/utils/csv-read.server";
import { SUPPLY_STAGES, type SupplyStage } from "./supply";

/** The aggregate "Rest of world" row of each group: not a country. */
export const REST_OF_WORLD = "XX";

export const SHARES_HEADER = [
  "mineral",
  "stage",
  "country_iso2",
  "country_name",
  "year",
  "quantity",
  "unit",
  "share_pct",
  "source_id",
  "note",
] as const;
export const SOURCES_HEADER = [
  "source_id",
  "title",
  "publisher",
  "year",
  "url",
  "what_it_gives",
] as const;
export const WORLD_TOTALS_HEADER = [
  "mineral",
  "stage",
  "year",
  "world_total",
  "unit",
  "source_id",
  "note",
] as const;

export interface ReferenceSource {
  sourceId: string;
  title: string;
  publisher: string;
  year: number;
  url: string;
  whatItGives: string;
}

export interface SupplyShareRow {
  line: number;
  mineral: string;
  stage: SupplyStage;
  countryIso2: string;
  countryName: string;
  year: number;
  /** As printed in the source (decimal text), or null when the source withholds it or gives a share only. */
  quantity: string | null;
  unit: string;
  /** Percent of the group, as printed (decimal text), or null when withheld. */
  sharePct: string | null;
  sourceIds: string[];
  note: string | null;
}

export interface WorldTotalRow {
  line: number;
  mineral: string;
  stage: SupplyStage;
  year: number;
  worldTotal: string;
  unit: string;
  sourceIds: string[];
  note: string | null;
}

/** A mineral × stage × year group as the files give it, with what projects' outputs are measured in. */
export interface SupplyGroupInfo {
  mineral: string;
  stage: SupplyStage;
  year: number;
  unit: string;
  /** True when the group gives shares only (no quantities): projecting it needs a world total. */
  sharesOnly: boolean;
  /**
   * The unit a project's capacity is entered in ("t Li content" for a group printed in "kt Li content"), and
   * how many of those make one of the group's units. Null when a shares-only group has no world total.
   */
  outputUnit: string | null;
  outputFactor: number;
  sourceIds: string[];
  firstLine: number;
  lastLine: number;
}

export interface ReferenceDataset {
  sources: ReferenceSource[];
  shares: SupplyShareRow[];
  worldTotals: WorldTotalRow[];
  groups: SupplyGroupInfo[];
}

export interface ReferenceError {
  file: "supply-shares" | "sources" | "world-totals";
  /** The line in the file (1 is the header), or null for a problem with the whole file. */
  line: number | null;
  message: string;
}

export type ParseOutcome =
  { ok: true; dataset: ReferenceDataset } | { ok: false; errors: ReferenceError[] };

/** Group sums may differ from 100 by this much (rounded shares, sources' own rounding). */
export const SUM_TOLERANCE_PCT = 2;

const MINERAL = /^[a-z][a-z_]{1,39}$/;
const COUNTRY = /^[A-Z]{2}$/;
const SOURCE_ID = /^[a-z0-9][a-z0-9_]{0,79}$/;
const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;
const YEAR = /^(19|20)\d\d$/;

export const groupKey = (mineral: string, stage: string) => `${mineral}:${stage}`;

interface Table {
  rows: string[][];
  errors: ReferenceError[];
}

function readTable(
  text: string,
  file: ReferenceError["file"],
  header: ReadonlyArray<string>,
): Table {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvParseError) {
      return { rows: [], errors: [{ file, line: error.line, message: error.message }] };
    }
    throw error;
  }
  const [first = [], ...rest] = rows;
  if (first.join(",") !== header.join(",")) {
    return {
      rows: [],
      errors: [
        {
          file,
          line: 1,
          message: `The header must be exactly "${header.join(",")}" (it is "${first.join(",")}").`,
        },
      ],
    };
  }
  const errors: ReferenceError[] = [];
  rest.forEach((row, index) => {
    if (row.length !== header.length) {
      errors.push({
        file,
        line: index + 2,
        message: `Expected ${header.length} fields, found ${row.length}.`,
      });
    }
  });
  return { rows: rest, errors };
}

const optional = (value: string) => (value.trim() === "" ? null : value.trim());
const sourceList = (value: string) =>
  value
    .split(";")
    .map((id) => id.trim())
    .filter(Boolean);

/** Reads sources.csv: unique ids, a year, an http(s) address. */
export function parseSources(text: string): {
  sources: ReferenceSource[];
  errors: ReferenceError[];
} {
  const table = readTable(text, "sources", SOURCES_HEADER);
  const errors = [...table.errors];
  const sources: ReferenceSource[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((row, index) => {
    const line = index + 2;
    if (row.length !== SOURCES_HEADER.length) return;
    const [sourceId = "", title = "", publisher = "", year = "", url = "", what = ""] = row;
    const problems: string[] = [];
    if (!SOURCE_ID.test(sourceId)) problems.push(`source_id "${sourceId}" is not a valid id`);
    if (seen.has(sourceId))
      problems.push(`source_id "${sourceId}" repeats line ${seen.get(sourceId)}`);
    if (!title.trim()) problems.push("the title is empty");
    if (!publisher.trim()) problems.push("the publisher is empty");
    if (!YEAR.test(year)) problems.push(`year "${year}" is not a year`);
    if (!/^https?:\/\/\S+$/.test(url)) problems.push(`url "${url}" is not an http(s) address`);
    seen.set(sourceId, line);
    if (problems.length) {
      errors.push({ file: "sources", line, message: `${capitalise(problems.join("; "))}.` });
      return;
    }
    sources.push({
      sourceId,
      title: title.trim(),
      publisher: publisher.trim(),
      year: Number(year),
      url,
      whatItGives: what.trim(),
    });
  });
  return { sources, errors };
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkSources(ids: string[], known: Set<string>): string[] {
  if (ids.length === 0) return ["source_id is empty"];
  return ids.filter((id) => !known.has(id)).map((id) => `source_id "${id}" is not in sources.csv`);
}

/** Reads supply-shares.csv row by row (each row's own problems); group checks come after. */
function parseShareRows(text: string, known: Set<string>) {
  const table = readTable(text, "supply-shares", SHARES_HEADER);
  const errors = [...table.errors];
  const rows: SupplyShareRow[] = [];
  // Groups with a broken row are checked as groups only once their rows are fixed (no follow-on errors).
  const broken = new Set<string>();
  table.rows.forEach((row, index) => {
    const line = index + 2;
    const [mineral = "", stage = "", country = "", name = "", year = ""] = row;
    if (row.length !== SHARES_HEADER.length) {
      broken.add(`${mineral}:${stage}:${year}`);
      return;
    }
    const [, , , , , quantity = "", unit = "", share = "", sources = "", note = ""] = row;
    const problems: string[] = [];
    if (!MINERAL.test(mineral)) problems.push(`mineral "${mineral}" is not a lower-case name`);
    if (!(SUPPLY_STAGES as readonly string[]).includes(stage)) {
      problems.push(`stage "${stage}" is not one of ${SUPPLY_STAGES.join(", ")}`);
    }
    if (!COUNTRY.test(country)) {
      problems.push(`country_iso2 "${country}" is not two capital letters (XX for rest of world)`);
    }
    if (!name.trim()) problems.push("country_name is empty");
    if (!YEAR.test(year)) problems.push(`year "${year}" is not a year`);
    if (quantity.trim() && !DECIMAL.test(quantity.trim())) {
      problems.push(`quantity "${quantity}" is not a non-negative number`);
    }
    if (!unit.trim()) problems.push("unit is empty");
    if (share.trim() && (!DECIMAL.test(share.trim()) || Number(share) > 100)) {
      problems.push(`share_pct "${share}" is not a percentage between 0 and 100`);
    }
    if (!quantity.trim() && share.trim() === "" && !note.trim()) {
      problems.push("a withheld figure (empty quantity and share) needs a note saying why");
    }
    problems.push(...checkSources(sourceList(sources), known));
    if (problems.length) {
      errors.push({ file: "supply-shares", line, message: `${capitalise(problems.join("; "))}.` });
      broken.add(`${mineral}:${stage}:${year}`);
      return;
    }
    rows.push({
      line,
      mineral,
      stage: stage as SupplyStage,
      countryIso2: country,
      countryName: name.trim(),
      year: Number(year),
      quantity: optional(quantity),
      unit: unit.trim(),
      sharePct: optional(share),
      sourceIds: sourceList(sources),
      note: optional(note),
    });
  });
  return { rows: rows.filter((row) => !broken.has(groupOf(row))), errors };
}

const groupOf = (row: { mineral: string; stage: string; year: number }) =>
  `${row.mineral}:${row.stage}:${row.year}`;

const lineRange = (rows: SupplyShareRow[]) => {
  const lines = rows.map((row) => row.line);
  const first = Math.min(...lines);
  const last = Math.max(...lines);
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
};

/** The unit projects' capacity is entered in for a group printed in `unit`: kilotonnes become tonnes. */
export function outputUnitFor(unit: string): { unit: string; factor: number } {
  const kilo = /^kt (.+)$/.exec(unit);
  return kilo ? { unit: `t ${kilo[1]}`, factor: 1000 } : { unit, factor: 1 };
}

/** The world total a shares-only group projects with: the newest on or before its year, else the oldest after. */
export function worldTotalFor<T extends { mineral: string; stage: string; year: number }>(
  totals: ReadonlyArray<T>,
  group: { mineral: string; stage: string; year: number },
): T | null {
  const candidates = totals.filter(
    (total) => total.mineral === group.mineral && total.stage === group.stage,
  );
  const before = candidates
    .filter((total) => total.year <= group.year)
    .sort((a, b) => b.year - a.year);
  const after = candidates
    .filter((total) => total.year > group.year)
    .sort((a, b) => a.year - b.year);
  return before[0] ?? after[0] ?? null;
}

function checkGroups(rows: SupplyShareRow[], worldTotals: WorldTotalRow[]) {
  const errors: ReferenceError[] = [];
  const groups: SupplyGroupInfo[] = [];
  const byGroup = new Map<string, SupplyShareRow[]>();
  for (const row of rows) {
    const key = groupOf(row);
    byGroup.set(key, [...(byGroup.get(key) ?? []), row]);
  }
  for (const members of byGroup.values()) {
    const [first] = members;
    if (!first) continue;
    const label = `${first.mineral} ${first.stage} ${first.year}`;
    const where = lineRange(members);
    const fail = (line: number | null, message: string) =>
      errors.push({ file: "supply-shares", line, message });

    const seen = new Map<string, number>();
    for (const row of members) {
      const earlier = seen.get(row.countryIso2);
      if (earlier)
        fail(row.line, `${label}: ${row.countryIso2} already has a row (line ${earlier}).`);
      seen.set(row.countryIso2, row.line);
    }
    const rest = members.filter((row) => row.countryIso2 === REST_OF_WORLD);
    if (rest.length !== 1) {
      fail(
        first.line,
        `${label} (${where}): needs exactly one ${REST_OF_WORLD} (rest of world) row, found ${rest.length}.`,
      );
    }
    for (const row of members) {
      if (row.unit !== first.unit) {
        fail(
          row.line,
          `${label}: unit "${row.unit}" differs from "${first.unit}" (line ${first.line}).`,
        );
      }
    }
    const withFigures = members.filter((row) => row.quantity !== null || row.sharePct !== null);
    const quantified = withFigures.filter((row) => row.quantity !== null);
    const sharesOnly = quantified.length === 0;
    if (!sharesOnly && quantified.length !== withFigures.length) {
      for (const row of withFigures.filter((r) => r.quantity === null)) {
        fail(
          row.line,
          `${label}: a share without a quantity in a group that gives quantities; give both, or neither (withheld).`,
        );
      }
    }
    for (const row of withFigures) {
      if (row.sharePct === null) fail(row.line, `${label}: a quantity without its share_pct.`);
    }
    const sum = withFigures.reduce((total, row) => total + Number(row.sharePct ?? 0), 0);
    if (Math.abs(sum - 100) > SUM_TOLERANCE_PCT) {
      fail(
        first.line,
        `${label} (${where}): shares sum to ${sum.toFixed(2)} %, not 100 ± ${SUM_TOLERANCE_PCT} %.`,
      );
    }
    if (!sharesOnly) {
      const total = quantified.reduce((t, row) => t + Number(row.quantity), 0);
      for (const row of quantified) {
        const expected = total > 0 ? (100 * Number(row.quantity)) / total : 0;
        if (Math.abs(expected - Number(row.sharePct)) > 0.05) {
          fail(
            row.line,
            `${label}: share_pct ${row.sharePct} does not match the quantity (${expected.toFixed(2)} % of the group's ${total}).`,
          );
        }
      }
    }
    const output = sharesOnly
      ? (() => {
          const total = worldTotalFor(worldTotals, first);
          return total ? { unit: total.unit, factor: 1 } : null;
        })()
      : outputUnitFor(first.unit);
    groups.push({
      mineral: first.mineral,
      stage: first.stage,
      year: first.year,
      unit: first.unit,
      sharesOnly,
      outputUnit: output?.unit ?? null,
      outputFactor: output?.factor ?? 1,
      sourceIds: [...new Set(members.flatMap((row) => row.sourceIds))],
      firstLine: Math.min(...members.map((row) => row.line)),
      lastLine: Math.max(...members.map((row) => row.line)),
    });
  }
  return { groups, errors };
}

function parseWorldTotals(text: string, known: Set<string>) {
  const table = readTable(text, "world-totals", WORLD_TOTALS_HEADER);
  const errors = [...table.errors];
  const totals: WorldTotalRow[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((row, index) => {
    const line = index + 2;
    if (row.length !== WORLD_TOTALS_HEADER.length) return;
    const [mineral = "", stage = "", year = "", total = "", unit = "", sources = "", note = ""] =
      row;
    const problems: string[] = [];
    if (!MINERAL.test(mineral)) problems.push(`mineral "${mineral}" is not a lower-case name`);
    if (!(SUPPLY_STAGES as readonly string[]).includes(stage)) {
      problems.push(`stage "${stage}" is not one of ${SUPPLY_STAGES.join(", ")}`);
    }
    if (!YEAR.test(year)) problems.push(`year "${year}" is not a year`);
    if (!DECIMAL.test(total) || Number(total) <= 0) {
      problems.push(`world_total "${total}" is not a positive number`);
    }
    if (!unit.trim()) problems.push("unit is empty");
    problems.push(...checkSources(sourceList(sources), known));
    const key = `${mineral}:${stage}:${year}`;
    if (seen.has(key)) problems.push(`${mineral} ${stage} ${year} repeats line ${seen.get(key)}`);
    seen.set(key, line);
    if (problems.length) {
      errors.push({ file: "world-totals", line, message: `${capitalise(problems.join("; "))}.` });
      return;
    }
    totals.push({
      line,
      mineral,
      stage: stage as SupplyStage,
      year: Number(year),
      worldTotal: total,
      unit: unit.trim(),
      sourceIds: sourceList(sources),
      note: optional(note),
    });
  });
  return { totals, errors };
}

/** Reads and checks a dataset version: the shares file, its sources and its world totals. */
export function parseReferenceDataset(files: {
  shares: string;
  sources: string;
  worldTotals: string;
}): ParseOutcome {
  const sources = parseSources(files.sources);
  const known = new Set(sources.sources.map((source) => source.sourceId));
  const totals = parseWorldTotals(files.worldTotals, known);
  const shares = parseShareRows(files.shares, known);
  const groups = checkGroups(shares.rows, totals.totals);
  const errors = [...sources.errors, ...totals.errors, ...shares.errors, ...groups.errors].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
  if (shares.rows.length === 0 && errors.length === 0) {
    errors.push({ file: "supply-shares", line: null, message: "The file has no rows." });
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    dataset: {
      sources: sources.sources,
      shares: shares.rows,
      worldTotals: totals.totals,
      groups: groups.groups,
    },
  };
}

/** "supply-shares.csv line 37: …", with the shares file's own name when it has another. */
export function describeReferenceError(error: ReferenceError, sharesFile?: string): string {
  const file = error.file === "supply-shares" && sharesFile ? sharesFile : `${error.file}.csv`;
  return `${file}${error.line === null ? "" : ` line ${error.line}`}: ${error.message}`;
}
