/*
 * The reference schema on both engines: loaded by the migration runner, read by every signed-in user, written
 * only by the service role as new versions that never change, and the newest version is the one in use.
 */
import { readFileSync } from "node:fs";
import {
  ensureShippedReferenceData,
  loadReferenceData,
  readReferenceFiles,
  ReferenceDataError,
} from "~/db/reference.server";
import { runAsServiceRole } from "~/db/service-role.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { attempt, expectOutcome, ids } from "../support/rls";

const ALT = "tests/fixtures/reference/supply-shares-alt.csv";

describe.each(engines)("reference data on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  it("is loaded by the migrations as version 1, faithfully", async () => {
    const [dataset] = await handle.db.query<Record<string, unknown>>(
      "select version, shares_file, loaded_via, row_count from reference.datasets order by version",
    );
    expect(dataset).toEqual({
      version: 1,
      shares_file: "supply-shares.csv",
      loaded_via: "migrate",
      row_count: 168,
    });
    const rows = await handle.db.query<Record<string, unknown>>(
      `select country_iso2, country_name, quantity, share_pct, source_ids, line from reference.supply_shares
        where (mineral, stage, country_iso2) in (('lithium', 'mining', 'NA'), ('lithium', 'mining', 'US'))
        order by line`,
    );
    expect(rows).toEqual([
      {
        country_iso2: "NA",
        country_name: "Namibia",
        quantity: "2700",
        share_pct: "1.15",
        source_ids: ["usgs_mcs2025_lithium"],
        line: 35,
      },
      {
        country_iso2: "US",
        country_name: "United States",
        quantity: null,
        share_pct: null,
        source_ids: ["usgs_mcs2025_lithium"],
        line: 37,
      },
    ]);
    const [magnets] = await handle.db.query<Record<string, unknown>>(
      `select w.world_total, w.source_ids, g.output_unit, g.shares_only
         from reference.world_totals w
         join reference.supply_groups g using (dataset_version, mineral, stage)
        where w.year = 2019 and w.stage = 'magnets'`,
    );
    expect(magnets).toEqual({
      world_total: "189000",
      source_ids: ["adamas_2020_ndfeb", "macropolo_2024_magnets"],
      output_unit: "t sintered NdFeB",
      shares_only: true,
    });
  });

  it("is read by everyone, anon included: it is compiled from public sources for the public pages (ADR 133)", async () => {
    const read = "select count(*)::int as n from reference.supply_shares";
    for (const actor of [
      "delegateJp",
      "sponsorNorthern",
      "observer",
      "pacificSecretariat",
      "anon",
    ] as const) {
      const result = await attempt(handle.db, actor, read);
      expect(result.error).toBeUndefined();
      expect(result.error ? null : result.rows[0]).toEqual({ n: 168 });
    }
    for (const table of ["datasets", "sources", "supply_groups", "world_totals"]) {
      const result = await attempt(
        handle.db,
        "anon",
        `select count(*)::int as n from reference.${table}`,
      );
      expect(result.error).toBeUndefined();
    }
    expectOutcome(await attempt(handle.db, "anon", "delete from reference.sources"), "denied");
  });

  it("is never written by signed-in users, and never changed, even by the service role", async () => {
    for (const sql of [
      "insert into reference.datasets (shares_file, checksum, loaded_via, row_count) values ('x.csv', repeat('a', 64), 'migrate', 1)",
      "update reference.supply_shares set share_pct = 99 where country_iso2 = 'CN'",
      "delete from reference.sources",
    ]) {
      expectOutcome(await attempt(handle.db, "secretariat", sql), "denied");
    }
    const change = await runAsServiceRole(handle.db, (tx) =>
      tx.query("update reference.supply_shares set share_pct = 99 where country_iso2 = 'CN'"),
    ).catch((error: Error) => error);
    // The service role has no privilege to change a version; the owner is stopped by the trigger.
    expect(String(change)).toMatch(/permission denied for table supply_shares/);
    const removal = await handle.db
      .query("delete from reference.datasets")
      .catch((error: Error) => error);
    expect(String(removal)).toMatch(/Reference data is append-only/);
  });

  it("adds a newer file as a new version, keeps the old, and the newest sets new outputs' units", async () => {
    const files = readReferenceFiles(ALT);
    const load = () =>
      runAsServiceRole(handle.db, (tx) => loadReferenceData(tx, files, "reference:load"));
    const first = await load();
    expect(first).toEqual({ loaded: true, version: 2, rows: 43, groups: 8 });
    expect(await load()).toEqual({ loaded: false, version: 2, reason: "already loaded" });
    // The shipped files are version 1 already: migrating again does not make them the newest.
    expect(await ensureShippedReferenceData(handle.db)).toEqual({
      loaded: false,
      version: 1,
      reason: "already loaded",
    });
    const versions = await handle.db.query<{ version: number; rows: number }>(
      `select dataset_version as version, count(*)::int as rows from reference.supply_shares
        group by 1 order by 1`,
    );
    expect(versions).toEqual([
      { version: 1, rows: 168 },
      { version: 2, rows: 43 },
    ]);
    // Version 2 measures rare-earth mining in magnet rare earth elements: a new output takes that unit.
    const insert = `insert into public.project_outputs (partnership_id, project_id, mineral, stage,
      capacity_per_year, first_output_year) values ($1, $2, 'rare_earths', 'mining', 100, 2029) returning unit`;
    const result = await attempt(handle.db, "delegateAu", insert, [ids.cm, ids.project(1)]);
    expect(result.error ? result.error.message : result.rows).toEqual([
      { unit: "t magnet rare earth elements" },
    ]);
    // …and a group the newest version lacks is refused.
    const gone = await attempt(
      handle.db,
      "delegateAu",
      insert.replace("'rare_earths', 'mining'", "'antimony', 'mining'"),
      [ids.cm, ids.project(1)],
    );
    expectOutcome(gone, /The reference data has no antimony mining figures/);
  });

  it("loads nothing from a file with problems, and says where they are", async () => {
    const shipped = readReferenceFiles("supabase/reference/supply-shares.csv");
    const broken = {
      ...shipped,
      sharesFile: "broken.csv",
      shares: readFileSync("supabase/reference/supply-shares.csv", "utf8").replace(
        "lithium,mining,NA,Namibia,2024,2700,",
        "lithium,mining,NA,Namibia,2024,27OO,",
      ),
    };
    const versions = () =>
      handle.db.query<{ n: number }>("select count(*)::int as n from reference.datasets");
    const before = await versions();
    const error = await runAsServiceRole(handle.db, (tx) =>
      loadReferenceData(tx, broken, "reference:load"),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceDataError);
    expect((error as Error).message).toContain(
      'broken.csv line 35: Quantity "27OO" is not a non-negative number.',
    );
    expect(await versions()).toEqual(before);
  });
});
