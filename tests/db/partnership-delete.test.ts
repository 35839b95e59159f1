/*
 * Offboarding a tenant (ADR 179): the operator deletes a partnership, as the service role or as the owner, and
 * nothing of it is left in any table that carries a `partnership_id` — the rollups kept by triggers included —
 * while every row of the other partnership, its rollups included, stays exactly as it was. A member still
 * cannot delete a partnership (the RLS matrix's row for partnerships). On both engines.
 */
import type { Database, Queryable } from "~/db/engine.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { attempt, expectDenied, ids } from "../support/rls";

/**
 * Tables allowed to keep a deleted partnership's rows, each with its reason. The audit trail is append-only
 * for everyone, the service role and the owner included (rule 6 of docs/security-model.md), and has no foreign
 * key by design: "the trail outlives the rows it describes, and is never deleted with them" (migration
 * 20261127010300). Offboarding keeps it; the test checks below that it records the delete.
 */
const KEPT_BY_DESIGN = new Set(["public.audit_events"]);

/** Rollups the seed fills for both partnerships, so "no row left" and "unchanged" are not vacuous. */
const ROLLUPS = [
  "public.portfolio_figures",
  "private.portfolio_contributions",
  "public.project_funding",
  "public.milestone_counts",
  "public.project_counts",
];

/** A partnership's project counts as the trigger keeps them, and grouped from its projects (ADR 163). */
const KEPT_COUNTS = `
  select segment, stage, status, registering_member_id, sponsor_organisation_id, projects
    from public.project_counts where partnership_id = $1
   order by 1, 2, 3, 4, 5`;
const DIRECT_COUNTS = `
  select segment, stage, status,
         case when status = 'draft' then registering_member_id end as registering_member_id,
         case when status = 'draft' then sponsor_organisation_id end as sponsor_organisation_id,
         count(*)::int as projects
    from public.projects where partnership_id = $1
   group by 1, 2, 3, 4, 5
   order by 1, 2, 3, 4, 5`;

/** Every base table of `public` and `private` with a `partnership_id` column, read from the catalogue. */
async function tablesWithPartnership(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `select c.table_schema || '.' || c.table_name as name
       from information_schema.columns c
       join information_schema.tables t using (table_schema, table_name)
      where c.column_name = 'partnership_id' and c.table_schema in ('public', 'private')
        and t.table_type = 'BASE TABLE'
      order by 1`,
  );
  return rows.map((row) => row.name);
}

/** Each table's rows of one partnership, as JSON text in a fixed order: equal strings are equal rows. */
async function rowsOf(
  tx: Queryable,
  tables: string[],
  partnershipId: string,
): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await tx.query<{ row: string }>(
      `select to_jsonb(t)::text as row from ${table} t where t.partnership_id = $1 order by 1`,
      [partnershipId],
    );
    snapshot[table] = rows.map((r) => r.row);
  }
  return snapshot;
}

const ROLLBACK = Symbol("rollback");

/** Runs `work` in a transaction as the owner the tests connect as (it reads `private`), rolled back. */
async function rolledBack(db: Database, work: (tx: Queryable) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await work(tx);
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
}

/** The operator's delete: as the service role (as `runAsServiceRole` sets it), or as the owner. */
async function deletePartnership(
  tx: Queryable,
  who: "service role" | "owner",
  id: string,
): Promise<unknown[]> {
  if (who === "service role") {
    await tx.query(
      "select set_config('role', 'service_role', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify({ role: "service_role" })],
    );
  }
  const deleted = await tx.query("delete from public.partnerships where id = $1 returning id", [
    id,
  ]);
  await tx.exec("reset role");
  return deleted;
}

describe.each(engines)("deleting a partnership on %s", (engine) => {
  let handle: TestDatabase;
  let tables: string[];
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    tables = await tablesWithPartnership(handle.db);
  });
  afterAll(() => handle.dispose());

  it("finds the tenant tables and the rollups in the catalogue", () => {
    for (const table of [...ROLLUPS, "public.projects", "public.expressions_of_interest"]) {
      expect(tables).toContain(table);
    }
  });

  const CM = { id: ids.cm, name: "the Critical Minerals Ministerial" };
  const PB = { id: ids.pb, name: "the Pacific Battery Metals Forum" };
  const cases = [
    { who: "service role", target: CM, other: PB },
    { who: "owner", target: PB, other: CM },
    { who: "service role", target: PB, other: CM },
    { who: "owner", target: CM, other: PB },
  ] as const;

  it.each(cases)(
    "as the $who, removes every row of $target.name and changes none of $other.name",
    async ({ who, target: { id: target }, other: { id: other } }) => {
      const tenantTables = tables.filter((table) => !KEPT_BY_DESIGN.has(table));
      let checked = false;
      await rolledBack(handle.db, async (tx) => {
        const before = await rowsOf(tx, tenantTables, target);
        const otherBefore = await rowsOf(tx, tables, other);
        for (const table of ROLLUPS) {
          expect(before[table]!.length, `${table} of the partnership deleted`).toBeGreaterThan(0);
          expect(otherBefore[table]!.length, `${table} of the other partnership`).toBeGreaterThan(
            0,
          );
        }

        expect(await deletePartnership(tx, who, target)).toHaveLength(1);

        const left = await rowsOf(tx, tenantTables, target);
        const nonEmpty = Object.entries(left).filter(([, rows]) => rows.length > 0);
        expect(nonEmpty.map(([table, rows]) => `${table}: ${rows.length}`)).toEqual([]);
        expect(await rowsOf(tx, tables, other)).toEqual(otherBefore);

        // The rest of the transaction still keeps the other partnership's rollups as its rows change.
        const cancelled = await tx.query(
          "update public.projects set status = 'cancelled' where partnership_id = $1 and status = 'approved' returning id",
          [other],
        );
        expect(cancelled.length).toBeGreaterThan(0);
        expect(await tx.query(KEPT_COUNTS, [other])).toEqual(
          await tx.query(DIRECT_COUNTS, [other]),
        );

        // The audit trail keeps the partnership's history and records its end.
        const ended = await tx.query(
          `select 1 from public.audit_events
            where table_name = 'partnerships' and action = 'delete' and row_id = $1`,
          [target],
        );
        expect(ended).toHaveLength(1);
        checked = true;
      });
      expect(checked).toBe(true);
      const still = await handle.db.query("select id from public.partnerships where id = $1", [
        target,
      ]);
      expect(still).toHaveLength(1);
    },
  );

  it("is still refused to every member, the secretariat included (the matrix's row)", async () => {
    for (const actor of ["secretariat", "delegateJp", "observer", "pacificSecretariat"] as const) {
      const partnership = actor === "pacificSecretariat" ? ids.pb : ids.cm;
      expectDenied(
        await attempt(
          handle.db,
          actor,
          "delete from public.partnerships where id = $1 returning id",
          [partnership],
        ),
      );
    }
    const rows = await handle.db.query("select id from public.partnerships order by id");
    expect(rows).toEqual([{ id: ids.cm }, { id: ids.pb }]);
  });
});
