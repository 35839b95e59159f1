/*
 * Loads a checked reference dataset (app/domain/supply-reference.ts) into schema `reference` as a new version
 * (docs/decisions/080-*.md). Used by the migration runner for the files shipped in supabase/reference/ and by
 * `npm run reference:load`. A version is written in one transaction, as the service role, and never changed.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  describeReferenceError,
  parseReferenceDataset,
  type ReferenceDataset,
  type ReferenceError,
} from "~/domain/supply-reference.server";
import type { Database, Queryable } from "./engine.server";

export const REFERENCE_DIR = path.resolve(process.cwd(), "supabase", "reference");

export interface ReferenceFiles {
  /** The shares file's name as given (kept with the version). */
  sharesFile: string;
  shares: string;
  sources: string;
  worldTotals: string;
}

export class ReferenceDataError extends Error {
  constructor(
    readonly errors: ReferenceError[],
    sharesFile?: string,
  ) {
    super(
      `The reference data has ${errors.length} problem${errors.length === 1 ? "" : "s"}; nothing was loaded:\n${errors
        .map((error) => `  ${describeReferenceError(error, sharesFile)}`)
        .join("\n")}`,
    );
  }
}

/** The shares file and, beside it, sources.csv and world-totals.csv (else the repository's own). */
export function readReferenceFiles(sharesPath: string): ReferenceFiles {
  const dir = path.dirname(sharesPath);
  const beside = (name: string) => {
    try {
      return readFileSync(path.join(dir, name), "utf8");
    } catch {
      return readFileSync(path.join(REFERENCE_DIR, name), "utf8");
    }
  };
  return {
    sharesFile: path.basename(sharesPath),
    shares: readFileSync(sharesPath, "utf8"),
    sources: beside("sources.csv"),
    worldTotals: beside("world-totals.csv"),
  };
}

export function checksumOf(files: ReferenceFiles): string {
  const hash = createHash("sha256");
  for (const part of [files.shares, files.sources, files.worldTotals]) {
    hash.update(String(part.length)).update(":").update(part);
  }
  return hash.digest("hex");
}

export type LoadOutcome =
  | { loaded: true; version: number; rows: number; groups: number }
  | { loaded: false; version: number; reason: "already loaded" };

/**
 * Checks the files and loads them as the next version, unless these exact files are already a version.
 * Throws ReferenceDataError (every problem, each with its line) and loads nothing when a check fails.
 */
export async function loadReferenceData(
  tx: Queryable,
  files: ReferenceFiles,
  via: "migrate" | "reference:load",
): Promise<LoadOutcome> {
  const parsed = parseReferenceDataset(files);
  if (!parsed.ok) throw new ReferenceDataError(parsed.errors, files.sharesFile);
  const checksum = checksumOf(files);
  const [existing] = await tx.query<{ version: number }>(
    "select version from reference.datasets where checksum = $1",
    [checksum],
  );
  if (existing) return { loaded: false, version: existing.version, reason: "already loaded" };
  const version = await insertDataset(tx, files.sharesFile, checksum, via, parsed.dataset);
  return {
    loaded: true,
    version,
    rows: parsed.dataset.shares.length,
    groups: parsed.dataset.groups.length,
  };
}

async function insertDataset(
  tx: Queryable,
  sharesFile: string,
  checksum: string,
  via: string,
  dataset: ReferenceDataset,
): Promise<number> {
  const [row] = await tx.query<{ version: number }>(
    `insert into reference.datasets (shares_file, checksum, loaded_via, row_count)
     values ($1, $2, $3, $4) returning version`,
    [sharesFile, checksum, via, dataset.shares.length],
  );
  if (!row) throw new Error("The dataset version was not returned after insert.");
  const version = row.version;
  // One statement per table: arrays unnested into rows (a few hundred rows at most). Every array goes as text[]
  // and is cast in SQL, which both engines' drivers serialise alike.
  const { sources, groups, shares, worldTotals } = dataset;
  await tx.query(
    `insert into reference.sources (dataset_version, source_id, title, publisher, year, url, what_it_gives)
     select $1, s.source_id, s.title, s.publisher, s.year::int, s.url, s.what
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         as s (source_id, title, publisher, year, url, what)`,
    [
      version,
      sources.map((s) => s.sourceId),
      sources.map((s) => s.title),
      sources.map((s) => s.publisher),
      sources.map((s) => String(s.year)),
      sources.map((s) => s.url),
      sources.map((s) => s.whatItGives),
    ],
  );
  await tx.query(
    `insert into reference.supply_groups (dataset_version, mineral, stage, year, unit, shares_only, output_unit,
       output_factor, source_ids, first_line, last_line)
     select $1, g.mineral, g.stage, g.year::int, g.unit, g.shares_only::boolean, g.output_unit,
            g.output_factor::numeric, string_to_array(g.sources, ';'), g.first_line::int, g.last_line::int
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[])
         as g (mineral, stage, year, unit, shares_only, output_unit, output_factor, sources, first_line, last_line)`,
    [
      version,
      groups.map((g) => g.mineral),
      groups.map((g) => g.stage),
      groups.map((g) => String(g.year)),
      groups.map((g) => g.unit),
      groups.map((g) => String(g.sharesOnly)),
      groups.map((g) => g.outputUnit),
      groups.map((g) => String(g.outputFactor)),
      groups.map((g) => g.sourceIds.join(";")),
      groups.map((g) => String(g.firstLine)),
      groups.map((g) => String(g.lastLine)),
    ],
  );
  await tx.query(
    `insert into reference.supply_shares (dataset_version, mineral, stage, year, country_iso2, country_name,
       quantity, unit, share_pct, source_ids, note, line)
     select $1, r.mineral, r.stage, r.year::int, r.country, r.country_name, r.quantity::numeric, r.unit,
            r.share_pct::numeric, string_to_array(r.sources, ';'), r.note, r.line::int
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::text[])
         as r (mineral, stage, year, country, country_name, quantity, unit, share_pct, sources, note, line)`,
    [
      version,
      shares.map((r) => r.mineral),
      shares.map((r) => r.stage),
      shares.map((r) => String(r.year)),
      shares.map((r) => r.countryIso2),
      shares.map((r) => r.countryName),
      shares.map((r) => r.quantity),
      shares.map((r) => r.unit),
      shares.map((r) => r.sharePct),
      shares.map((r) => r.sourceIds.join(";")),
      shares.map((r) => r.note),
      shares.map((r) => String(r.line)),
    ],
  );
  if (worldTotals.length > 0) {
    await tx.query(
      `insert into reference.world_totals (dataset_version, mineral, stage, year, world_total, unit, source_ids,
         note, line)
       select $1, w.mineral, w.stage, w.year::int, w.world_total::numeric, w.unit,
              string_to_array(w.sources, ';'), w.note, w.line::int
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[])
           as w (mineral, stage, year, world_total, unit, sources, note, line)`,
      [
        version,
        worldTotals.map((w) => w.mineral),
        worldTotals.map((w) => w.stage),
        worldTotals.map((w) => String(w.year)),
        worldTotals.map((w) => w.worldTotal),
        worldTotals.map((w) => w.unit),
        worldTotals.map((w) => w.sourceIds.join(";")),
        worldTotals.map((w) => w.note),
        worldTotals.map((w) => String(w.line)),
      ],
    );
  }
  return version;
}

/**
 * After the migrations: loads the files shipped in supabase/reference/ unless they are already a version (a
 * newer file loaded with `npm run reference:load` stays the newest until the shipped files change).
 */
export async function ensureShippedReferenceData(db: Database): Promise<LoadOutcome | null> {
  const [schema] = await db.query<{ exists: boolean }>(
    "select exists (select 1 from pg_namespace where nspname = 'reference') as exists",
  );
  if (!schema?.exists) return null;
  const files = readReferenceFiles(path.join(REFERENCE_DIR, "supply-shares.csv"));
  return db.transaction((tx) => loadReferenceData(tx, files, "migrate"));
}
