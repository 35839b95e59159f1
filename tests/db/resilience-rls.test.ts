/*
 * The traps around project outputs, project links and the secretariat's world totals (issue 19), on both
 * engines: typed units, outputs moved between projects or partnerships, links to drafts one cannot see,
 * drafts through joins, aggregates (and the output sums kept from them, ADR 152), the audit trail and the live
 * stream. Every case is rolled back except the
 * live-stream one, which needs a commit.
 */
import type { Queryable } from "~/db/engine.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import {
  attempt,
  expectDenied,
  expectOutcome,
  expectRows,
  ids,
  rolledBack,
  type Actor,
} from "../support/rls";

const insertOutput = `insert into public.project_outputs (partnership_id, project_id, mineral, stage,
  capacity_per_year, first_output_year) values ($1, $2, $3, $4, 100, 2029) returning id, unit`;
const insertLink = `insert into public.project_links (partnership_id, supplier_project_id, buyer_project_id,
  mineral, kind, tonnes_per_year) values ($1, $2, $3, 'rare_earths', 'feedstock', 100) returning id`;

describe.each(engines)("resilience RLS traps on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  const as = <T>(actor: Actor, work: (tx: Queryable) => Promise<T>) =>
    rolledBack(handle.db, actor, work);

  describe("outputs", () => {
    it("takes the unit from the reference data and refuses a typed one", async () => {
      const stamped = await attempt(handle.db, "delegateJp", insertOutput, [
        ids.cm,
        ids.project(2),
        "lithium",
        "refining",
      ]);
      expect(stamped.error ? stamped.error.message : stamped.rows[0]?.unit).toBe("t Li content");
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          `insert into public.project_outputs (partnership_id, project_id, mineral, stage, capacity_per_year,
             first_output_year, unit) values ($1, $2, 'lithium', 'refining', 1, 2029, 'barrels')`,
          [ids.cm, ids.project(2)],
        ),
        /permission denied/,
      );
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.project_outputs set unit = 'barrels' where id = $1",
          [ids.output(2)],
        ),
        /permission denied/,
      );
      // A group the reference data does not have (no copper magnets) is refused with a sentence.
      expectOutcome(
        await attempt(handle.db, "delegateJp", insertOutput, [
          ids.cm,
          ids.project(2),
          "copper",
          "magnets",
        ]),
        /The reference data has no copper magnets figures/,
      );
    });

    it("never moves an output to another project or partnership", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.project_outputs set project_id = $2 where id = $1",
          [ids.output(2), ids.project(4)],
        ),
        /permission denied/,
      );
      // Another partnership's project under this partnership's id: the composite key refuses it.
      expectDenied(
        await attempt(handle.db, "secretariat", insertOutput, [
          ids.cm,
          ids.pbProject(1),
          "nickel",
          "refining",
        ]),
        /row-level security|foreign key/,
      );
      // The two-hats user is Canada's delegate here and secretariat of the Pacific forum: each role stays in
      // its own partnership.
      expectRows(
        await attempt(
          handle.db,
          "twoHats",
          "update public.project_outputs set capacity_per_year = 1 where id = $1 returning id",
          [ids.pbOutput(1)],
        ),
        1,
      );
      expectDenied(
        await attempt(handle.db, "twoHats", insertOutput, [
          ids.cm,
          ids.pbProject(1),
          "nickel",
          "refining",
        ]),
        /row-level security|foreign key/,
      );
      expectDenied(
        await attempt(handle.db, "twoHats", insertOutput, [
          ids.cm,
          ids.project(2),
          "rare_earths",
          "refining",
        ]),
      );
    });

    it("keeps a draft's outputs out of joins and aggregates for everyone but its parties", async () => {
      const total = (actor: Actor) =>
        as(actor, async (tx) => {
          const [row] = await tx.query<{ total: string; projects: number }>(
            `select coalesce(sum(o.capacity_per_year), 0)::text as total,
                    count(distinct p.id)::int as projects
               from public.project_outputs o left join public.projects p on p.id = o.project_id
              where o.partnership_id = $1 and o.mineral = 'rare_earths' and o.stage = 'refining'`,
            [ids.cm],
          );
          return row;
        });
      // Pilbara 3,000 + Lacq 500 for everyone; Darwin's 1,200 only for Japan and the sponsor.
      expect(await total("delegateAu")).toEqual({ total: "3500.000", projects: 2 });
      expect(await total("secretariat")).toEqual({ total: "3500.000", projects: 2 });
      expect(await total("observer")).toEqual({ total: "3500.000", projects: 2 });
      expect(await total("sponsorNorthern")).toEqual({ total: "3500.000", projects: 2 });
      expect(await total("delegateJp")).toEqual({ total: "4700.000", projects: 3 });
      expect(await total("sponsor")).toEqual({ total: "4700.000", projects: 3 });
      expect(await total("pacificSecretariat")).toEqual({ total: "0", projects: 0 });
    });
  });

  describe("what each project contributes (ADR 162)", () => {
    it("tells each reader only the projects, names and funding its own join may read", async () => {
      // The copy holds names, gaps and a draft's status: every row a reader gets must be one its own join of
      // the outputs, projects and funding gives, and none of that join may be missing.
      const both = (actor: Actor) =>
        as(actor, async (tx) => ({
          kept: await tx.query(
            `select project_id, mineral, stage, unit, name, status, funded, gap_minor::text as gap,
                    capacity::text as capacity
               from public.resilience_project_outputs where partnership_id = $1
              order by 1, 2, 3, 4`,
            [ids.cm],
          ),
          joined: await tx.query(
            `select p.id as project_id, o.mineral, o.stage, o.unit, p.name, p.status, f.funded,
                    f.gap_minor::text as gap, sum(o.capacity_per_year)::text as capacity
               from public.project_outputs o
               join public.projects p on p.id = o.project_id
               left join public.project_funding f on f.project_id = p.id
              where p.partnership_id = $1 and p.status not in ('rejected', 'cancelled')
              group by 1, 2, 3, 4, 5, 6, 7, 8
              order by 1, 2, 3, 4`,
            [ids.cm],
          ),
          // An aggregate cannot count what the rows hide.
          drafts: await tx.query<{ count: number }>(
            `select count(*)::int as count from public.resilience_project_outputs where status = 'draft'`,
          ),
        }));
      for (const actor of [
        "delegateJp",
        "delegateAu",
        "sponsor",
        "sponsorNorthern",
        "secretariat",
        "observer",
        "pacificSecretariat",
      ] as const) {
        const { kept, joined, drafts } = await both(actor);
        expect(kept, actor).toEqual(joined);
        // Japan's Darwin draft: its government's delegates and its sponsor only.
        expect(drafts, actor).toEqual([
          { count: actor === "delegateJp" || actor === "sponsor" ? 1 : 0 },
        ]);
      }
      expect((await both("secretariat")).kept.length).toBeGreaterThan(1);
    });
  });

  describe("output sums (ADR 152)", () => {
    const sums = (actor: Actor, setup?: string) =>
      rolledBack(
        handle.db,
        actor,
        async (tx) => ({
          live: await tx.query<{ capacity: string }>(
            `select coalesce(sum(capacity), 0)::text as capacity from public.resilience_output_sums
              where partnership_id = $1 and mineral = 'rare_earths' and stage = 'refining'`,
            [ids.cm],
          ),
          drafts: await tx.query<{ member_id: string; capacity: string }>(
            `select member_id, sum(capacity)::text as capacity from public.resilience_draft_sums
              group by member_id order by member_id`,
          ),
        }),
        setup,
      );

    it("keep another government's draft outputs out of the sums every other reader gets", async () => {
      // Pilbara 3,000 + Lacq 500 live for every member; Darwin's 1,200 (Japan's draft) apart, for Japan only.
      for (const actor of [
        "delegateAu",
        "sponsor",
        "sponsorNorthern",
        "secretariat",
        "observer",
      ] as const) {
        expect(await sums(actor)).toEqual({ live: [{ capacity: "3500.000" }], drafts: [] });
      }
      expect(await sums("delegateJp")).toEqual({
        live: [{ capacity: "3500.000" }],
        drafts: [{ member_id: ids.member.JP, capacity: "1200.000" }],
      });
      expect(await sums("pacificSecretariat")).toEqual({ live: [{ capacity: "0" }], drafts: [] });
    });

    it("tell each reader no more than its own join of the outputs, projects and funding it may read", async () => {
      // Every row of the sums a reader gets, against the same sums from the rows that reader can read itself:
      // a draft in the sums that its join cannot see would be a leak, a live row missing from it a loss.
      const mine = { delegateJp: ids.member.JP, delegateAu: ids.member.AU } as Record<
        string,
        string
      >;
      const both = (actor: Actor) =>
        as(actor, async (tx) => ({
          kept: await tx.query(
            `select null::uuid as member_id, mineral, stage, unit, country, first_year, project_class,
                    capacity::text as capacity, outputs
               from public.resilience_output_sums where partnership_id = $1
             union all
             select member_id, mineral, stage, unit, country, first_year, 'draft', capacity::text, outputs
               from public.resilience_draft_sums where partnership_id = $1
              order by 1, 2, 3, 4, 5, 6, 7`,
            [ids.cm],
          ),
          joined: await tx.query(
            `select case when p.status = 'draft' then p.registering_member_id end as member_id,
                    o.mineral, o.stage, o.unit, p.host_country::text as country,
                    o.first_output_year as first_year,
                    case when p.status = 'draft' then 'draft'
                         when p.status = 'completed' or f.funded then 'funded' else 'pipeline' end
                      as project_class,
                    sum(o.capacity_per_year)::text as capacity, count(*)::int as outputs
               from public.project_outputs o
               join public.projects p on p.id = o.project_id
               left join public.project_funding f on f.project_id = p.id
              where p.partnership_id = $1
                and (p.status in ('approved', 'completed')
                     or (p.status = 'draft' and p.registering_member_id = $2))
              group by 1, 2, 3, 4, 5, 6, 7
              order by 1, 2, 3, 4, 5, 6, 7`,
            [ids.cm, mine[actor] ?? null],
          ),
        }));
      for (const actor of [
        "delegateJp",
        "delegateAu",
        "sponsor",
        "sponsorNorthern",
        "secretariat",
        "observer",
        "pacificSecretariat",
      ] as const) {
        const { kept, joined } = await both(actor);
        expect(kept, actor).toEqual(joined);
        const drafts = kept.filter((row) => row.member_id !== null);
        expect(drafts.length, actor).toBe(actor === "delegateJp" ? 1 : 0);
      }
    });

    it("move a draft's sums with its registering government, and into the live sums once approved", async () => {
      const toAustralia = `update public.projects set registering_member_id = '${ids.member.AU}'
        where id = '${ids.project(3)}'`;
      expect((await sums("delegateJp", toAustralia)).drafts).toEqual([]);
      expect((await sums("delegateAu", toAustralia)).drafts).toEqual([
        { member_id: ids.member.AU, capacity: "1200.000" },
      ]);
      const approved = `update public.projects set status = 'submitted' where id = '${ids.project(3)}';
        update public.projects set status = 'approved' where id = '${ids.project(3)}'`;
      expect(await sums("delegateJp", approved)).toEqual({
        live: [{ capacity: "4700.000" }],
        drafts: [],
      });
      expect((await sums("secretariat", approved)).live).toEqual([{ capacity: "4700.000" }]);
    });
  });

  describe("links", () => {
    it("refuses a link to a draft the editor cannot see, and across partnerships", async () => {
      // Australia edits the Kalgoorlie mine but cannot see Japan's Darwin draft.
      expectDenied(
        await attempt(handle.db, "delegateAu", insertLink, [
          ids.cm,
          ids.project(1),
          ids.project(3),
        ]),
      );
      // Nor may it link two projects it does not edit.
      expectDenied(
        await attempt(handle.db, "delegateAu", insertLink, [
          ids.cm,
          ids.project(2),
          ids.project(4),
        ]),
      );
      expectDenied(
        await attempt(handle.db, "secretariat", insertLink, [
          ids.cm,
          ids.project(2),
          ids.pbProject(1),
        ]),
        /row-level security|foreign key/,
      );
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.project_links set buyer_project_id = $2 where id = $1",
          [ids.link(2), ids.project(9)],
        ),
        /permission denied/,
      );
      expectOutcome(
        await attempt(handle.db, "delegateJp", insertLink, [
          ids.cm,
          ids.project(2),
          ids.project(2),
        ]),
        /project_links_two_projects/,
      );
    });

    it("never shows a link with a draft end through a join from the visible end", async () => {
      const fromMine = (actor: Actor) =>
        as(actor, async (tx) =>
          (
            await tx.query<{ buyer: string }>(
              `select l.buyer_project_id as buyer from public.projects p
                 join public.project_links l on l.supplier_project_id = p.id
                where p.id = $1 order by 1`,
              [ids.project(1)],
            )
          ).map((row) => row.buyer),
        );
      expect(await fromMine("delegateAu")).toEqual([ids.project(2)]);
      expect(await fromMine("secretariat")).toEqual([ids.project(2)]);
      expect(await fromMine("delegateJp")).toEqual([ids.project(2), ids.project(3)]);
    });
  });

  describe("the audit trail", () => {
    const events = (actor: Actor, table: string, rowId: string) =>
      as(actor, async (tx) =>
        Number(
          (
            await tx.query<{ n: number }>(
              "select count(*)::int as n from public.audit_events where table_name = $1 and row_id = $2",
              [table, rowId],
            )
          )[0]?.n,
        ),
      );

    it("records outputs and links as board events that keep drafts to their government", async () => {
      // Pilbara's output: the shared board's history.
      expect(await events("secretariat", "project_outputs", ids.output(2))).toBe(1);
      expect(await events("delegateAu", "project_outputs", ids.output(2))).toBe(1);
      // Darwin's output and the link to Darwin: Japan's delegates only.
      for (const [table, row] of [
        ["project_outputs", ids.output(3)],
        ["project_links", ids.link(4)],
      ] as const) {
        expect(await events("delegateJp", table, row)).toBe(1);
        expect(await events("secretariat", table, row)).toBe(0);
        expect(await events("delegateAu", table, row)).toBe(0);
        expect(await events("delegateUs", table, row)).toBe(0);
      }
      expect(await events("delegateAu", "project_links", ids.link(1))).toBe(1);
    });
  });

  describe("world totals", () => {
    it("takes only shares-only groups, in the reference unit", async () => {
      const insert = `insert into public.world_total_overrides (partnership_id, mineral, stage, year,
        world_total, source) values ($1, $2, $3, 2024, 240000, 'Secretariat survey of magnet makers, 2025')
        returning unit`;
      const magnets = await attempt(handle.db, "secretariat", insert, [
        ids.cm,
        "rare_earths",
        "magnets",
      ]);
      expect(magnets.error ? magnets.error.message : magnets.rows).toEqual([
        { unit: "t sintered NdFeB" },
      ]);
      expectOutcome(
        await attempt(handle.db, "secretariat", insert, [ids.cm, "lithium", "mining"]),
        /gives lithium mining quantities by country/,
      );
      expectDenied(
        await attempt(handle.db, "secretariat", insert, [ids.pb, "rare_earths", "magnets"]),
      );
    });
  });

  it("sends nothing on the live stream for outputs and links", async () => {
    const payloads: string[] = [];
    const stop = await handle.db.listen("lodestone_changes", (payload) => payloads.push(payload));
    try {
      await handle.db.transaction(async (tx) => {
        await tx.query("update public.project_outputs set capacity_per_year = 1300 where id = $1", [
          ids.output(3),
        ]);
        // The output's triggers rewrote Japan's draft sums (ADR 152): they too send nothing.
        expect(
          await tx.query("select capacity::text as capacity from public.resilience_draft_sums"),
        ).toEqual([{ capacity: "1300.000" }]);
        await tx.query("update public.project_links set tonnes_per_year = 2100 where id = $1", [
          ids.link(4),
        ]);
        // A change that does notify, so the test knows notifications were delivered at all.
        await tx.query("update public.milestones set notes = notes where id = $1", [
          ids.milestone(5),
        ]);
      });
      await expect.poll(() => payloads.length).toBeGreaterThan(0);
      expect(payloads.map((p) => JSON.parse(p).table)).toEqual(["milestones"]);
    } finally {
      await stop();
      await handle.db.transaction(async (tx) => {
        await tx.query("update public.project_outputs set capacity_per_year = 1200 where id = $1", [
          ids.output(3),
        ]);
        await tx.query("update public.project_links set tonnes_per_year = 2000 where id = $1", [
          ids.link(4),
        ]);
      });
    }
  });
});
