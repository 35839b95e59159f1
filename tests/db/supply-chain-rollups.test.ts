/*
 * The mineral page's supply chain kept per change (ADR 169), on both engines: for every reader, on the seed and
 * on generated data with drafts, links in every status, rejected and cancelled projects and projects without
 * an output of the mineral, the page's statements return exactly what the statements they replace return (kept
 * below as the reference). The kept tables equal a recount after every kind of change, their drafts reach only
 * their own government and sponsor, and they feed no audit trail, live stream or notification.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Queryable } from "~/db/engine.server";
import { chainFlags, flowRows } from "~/models/supply-chain.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { ids, rolledBack, switchTo, type Actor } from "../support/rls";

/** The page's statements before ADR 169, word for word: every visible link, joined and added up per request. */
const REFERENCE_FLOWS = `with link as (
       select l.status, l.tonnes_per_year as tonnes,
              coalesce(so.stage, case s.segment when 'mining' then 'mining' when 'magnets' then 'magnets' else 'refining' end) as "fromStage", s.host_country::text as "fromCountry",
              coalesce(bo.stage, case b.segment when 'mining' then 'mining' when 'magnets' then 'magnets' else 'refining' end) as "toStage", b.host_country::text as "toCountry",
              so.unit
         from public.project_links l
         join public.projects s on s.id = l.supplier_project_id
         join public.projects b on b.id = l.buyer_project_id
         left join lateral (select min(o.stage) as stage, min(o.unit) as unit from public.project_outputs o
                             where o.project_id = s.id and o.mineral = $2) so on true
         left join lateral (select min(o.stage) as stage from public.project_outputs o
                             where o.project_id = b.id and o.mineral = $2) bo on true
        where l.partnership_id = $1 and l.mineral = $2
     )
     select "fromStage", "fromCountry", "toStage", "toCountry", status, count(*)::int as links,
            sum(tonnes)::text as tonnes, min(unit) as unit, count(distinct unit)::int as units
       from link group by 1, 2, 3, 4, 5
      order by 1, 2, 3, 4, 5`;
const REFERENCE_FLAGS = `with buyer as (
       select p.id, p.name, min(o.stage) as stage
         from public.project_outputs o join public.projects p on p.id = o.project_id
        where o.partnership_id = $1 and o.mineral = $2 and p.status not in ('rejected', 'cancelled')
        group by p.id, p.name
     ), flagged as (
       select buyer.id as "projectId", buyer.name, buyer.stage,
              case when inflow.links = 0 then 'no-link' else 'negotiation-only' end as flag
         from buyer
         cross join lateral (
           select count(*) as links, count(*) filter (where l.status <> 'under_negotiation') as contracted
             from public.project_links l
            where l.buyer_project_id = buyer.id and l.mineral = $2
         ) inflow
        where buyer.stage <> 'mining' and inflow.contracted = 0
     )
     select flagged.*, (count(*) over ())::int as total
       from flagged order by flagged.stage, flagged.name, flagged."projectId" limit 100`;

const READERS: Actor[] = [
  "secretariat",
  "delegateJp",
  "delegateAu",
  "delegateUs",
  "sponsor",
  "sponsorNorthern",
  "observer",
  "pacificSecretariat",
];
const MINERALS = ["rare_earths", "lithium"];

const cm = ids.cm;
const generated = (n: number) => `fd000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const GENERATED_PROJECTS = 72;

/*
 * 72 projects of the Critical Minerals Ministerial in every status (drafts of Japan, some sponsored by Austral,
 * and of Australia and Korea), every segment and a few hosts, with names that repeat (the flags' order breaks
 * ties by id); most with a rare-earths output (some at a stage other than their segment's, some at two stages),
 * some with lithium only, some with none. Links among them in every status and both minerals, with fractional
 * tonnes, written through the triggers. Then every kind of change the triggers must follow.
 */
const GENERATE = `
  insert into public.projects (id, partnership_id, name, segment, minerals, host_country, stage, currency,
                               status, registering_member_id, sponsor_organisation_id)
  select ('fd000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, '${cm}', 'Generated ' || (n % 23),
         (array['mining', 'refining', 'magnets', 'recycling'])[1 + n % 4], '{NdPr}',
         (array['AU', 'JP', 'KR', 'CA', 'US', 'FR'])[1 + (n * 7) % 6], 'feasibility', 'USD',
         (array['draft', 'submitted', 'approved', 'completed', 'rejected', 'cancelled', 'draft', 'approved',
                'approved'])[1 + (n * 5) % 9],
         (array['${ids.member.JP}', '${ids.member.AU}', '${ids.member.KR}']::uuid[])[1 + n % 3],
         (array['${ids.sponsor.austral}', '${ids.sponsor.northern}', null, null]::uuid[])[1 + n % 4]
    from generate_series(1, ${GENERATED_PROJECTS}) n;
  insert into public.project_outputs (partnership_id, project_id, mineral, stage, capacity_per_year,
                                      first_output_year)
  select '${cm}', ('fd000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, mineral,
         case when mineral = 'lithium' then (array['mining', 'refining'])[1 + n % 2]
              else (array['mining', 'refining', 'magnets'])[1 + (n + shift) % 3] end, 100 + n, 2028
    from generate_series(1, ${GENERATED_PROJECTS}) n,
         (values ('rare_earths', 0), ('rare_earths', 1), ('lithium', 2)) as o (mineral, shift)
   where case when mineral = 'lithium' then n % 4 = 0
              when shift = 1 then n % 5 = 0
              else n % 7 <> 3 end;
  insert into public.project_links (partnership_id, supplier_project_id, buyer_project_id, mineral, kind,
                                    tonnes_per_year, status)
  select '${cm}', ('fd000000-0000-4000-8000-' || lpad(s::text, 12, '0'))::uuid,
         ('fd000000-0000-4000-8000-' || lpad(b::text, 12, '0'))::uuid,
         case when (s + b) % 6 = 0 then 'lithium' else 'rare_earths' end, 'offtake',
         1 + (s * 37 + b * 11) % 900 + 0.125 * (b % 5),
         (array['under_negotiation', 'mou', 'signed'])[1 + (s * b) % 3]
    from generate_series(1, ${GENERATED_PROJECTS}) s, generate_series(1, ${GENERATED_PROJECTS}) b
   where s <> b and (s * 3 + b * 5) % 29 = 0;
  -- Links between the seed's projects and the generated ones, both ways.
  insert into public.project_links (partnership_id, supplier_project_id, buyer_project_id, mineral, kind,
                                    tonnes_per_year, status)
  values ('${cm}', '${ids.project(1)}', '${generated(2)}', 'rare_earths', 'feedstock', 333.333, 'signed'),
         ('${cm}', '${generated(1)}', '${ids.project(3)}', 'rare_earths', 'feedstock', 12.5, 'mou'),
         ('${cm}', '${generated(7)}', '${ids.project(4)}', 'rare_earths', 'offtake', 40, 'under_negotiation');

  -- Drafts submitted, and a submitted project rejected, another cancelled.
  update public.projects set status = 'submitted'
   where id in ('${generated(1)}', '${generated(10)}', '${generated(19)}');
  update public.projects set status = 'rejected' where id = '${generated(2)}';
  update public.projects set status = 'cancelled' where id = '${generated(11)}';
  -- Back to draft (the owner may; a client may not), with another registering government.
  update public.projects set status = 'draft', registering_member_id = '${ids.member.AU}'
   where id = '${generated(3)}';
  -- Host, segment, name, sponsor.
  update public.projects set host_country = 'DE' where id in ('${generated(4)}', '${generated(5)}');
  update public.projects set segment = 'magnets' where id = '${generated(6)}';
  update public.projects set name = 'Aaa renamed' where id = '${generated(8)}';
  update public.projects set sponsor_organisation_id = '${ids.sponsor.austral}' where id = '${generated(9)}';
  -- Links: status, tonnes, an end moved, a mineral changed, some removed.
  update public.project_links set status = 'signed'
   where id in (select id from public.project_links where supplier_project_id = '${generated(12)}');
  update public.project_links set status = 'under_negotiation'
   where id in (select id from public.project_links where buyer_project_id = '${generated(13)}');
  update public.project_links set tonnes_per_year = tonnes_per_year + 0.5
   where id in (select id from public.project_links where buyer_project_id = '${generated(14)}');
  update public.project_links set buyer_project_id = '${generated(15)}'
   where id in (select id from public.project_links
                 where supplier_project_id = '${generated(16)}' and buyer_project_id <> '${generated(15)}'
                   and not exists (select 1 from public.project_links o
                                    where o.supplier_project_id = '${generated(16)}'
                                      and o.buyer_project_id = '${generated(15)}'))
     and id = (select min(id::text)::uuid from public.project_links
                where supplier_project_id = '${generated(16)}');
  update public.project_links set mineral = 'lithium'
   where id = (select min(id::text)::uuid from public.project_links
                where buyer_project_id = '${generated(17)}' and mineral = 'rare_earths');
  delete from public.project_links where supplier_project_id = '${generated(18)}';
  update public.project_links set kind = 'tolling' where buyer_project_id = '${generated(20)}';
  -- Outputs: a stage changed, one removed, one added to a project that had none.
  update public.project_outputs set stage = 'magnets'
   where project_id = '${generated(21)}' and mineral = 'rare_earths';
  delete from public.project_outputs where project_id = '${generated(22)}';
  insert into public.project_outputs (partnership_id, project_id, mineral, stage, capacity_per_year,
                                      first_output_year)
  values ('${cm}', '${generated(24)}', 'rare_earths', 'refining', 10, 2030);
  -- A project removed with its links and outputs.
  delete from public.projects where id = '${generated(25)}'`;

describe.each(engines)("the supply chain kept per change on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  /** What each reader gets from the reference statements and from the page's, for each mineral. */
  const bothWays = (setup?: string) =>
    rolledBack(
      handle.db,
      "secretariat",
      async (tx: Queryable) => {
        const seen = [];
        for (const actor of READERS) {
          await switchTo(tx, actor);
          for (const mineral of MINERALS) {
            const flagRows = await tx.query<Record<string, unknown> & { total: number }>(
              REFERENCE_FLAGS,
              [cm, mineral],
            );
            seen.push({
              actor,
              mineral,
              reference: {
                flows: await tx.query(REFERENCE_FLOWS, [cm, mineral]),
                flags: {
                  flags: flagRows.map(({ total: _total, ...flag }) => flag),
                  flagCount: flagRows[0]?.total ?? 0,
                },
              },
              kept: {
                flows: await flowRows(tx, cm, mineral),
                flags: await chainFlags(tx, cm, mineral),
              },
            });
          }
        }
        return seen;
      },
      setup,
    );

  it("gives every reader of the seed exactly what the per-request statements gave", async () => {
    const links: Record<string, number> = {};
    for (const seen of await bothWays()) {
      expect(seen.kept, `${seen.actor} ${seen.mineral}`).toEqual(seen.reference);
      if (seen.mineral === "rare_earths")
        links[seen.actor] = seen.kept.flows.reduce((sum, row) => sum + row.links, 0);
    }
    // Japan and Austral see their Darwin draft's link (Kalgoorlie → Darwin); nobody else does.
    expect(links).toEqual({
      secretariat: 3,
      delegateJp: 4,
      delegateAu: 3,
      delegateUs: 3,
      sponsor: 4,
      sponsorNorthern: 3,
      observer: 3,
      pacificSecretariat: 0,
    });
  });

  it("gives every reader of generated data with drafts exactly what the per-request statements gave", async () => {
    const totals: Record<string, { links: number; flags: number; flagged: string[] }> = {};
    for (const seen of await bothWays(GENERATE)) {
      expect(seen.kept, `${seen.actor} ${seen.mineral}`).toEqual(seen.reference);
      if (seen.mineral === "rare_earths") {
        totals[seen.actor] = {
          links: seen.kept.flows.reduce((sum, row) => sum + row.links, 0),
          flags: seen.kept.flags.flagCount,
          flagged: seen.kept.flags.flags.map((flag) => `${flag.projectId} ${flag.flag}`),
        };
      }
    }
    // The data reaches what the page must get right: drafts that change what a government sees.
    const others = totals.secretariat;
    expect(others?.links, JSON.stringify(totals)).toBeGreaterThan(40);
    expect(others?.flags, JSON.stringify(totals)).toBeGreaterThan(5);
    expect(totals.delegateJp?.flagged).not.toEqual(others?.flagged);
    expect(totals.delegateJp?.links).toBeGreaterThan(others?.links ?? 0);
    expect(totals.delegateAu?.links).toBeGreaterThan(others?.links ?? 0);
    expect(totals.sponsor?.links).toBeGreaterThan(others?.links ?? 0);
    expect(totals.observer).toEqual(others);
    expect(totals.delegateUs).toEqual(others);
  });

  it("generates links in every status, to drafts, rejected and cancelled projects and projects without outputs", async () => {
    const [facts] = await rolledBack(
      handle.db,
      "secretariat",
      async (tx) => {
        await tx.exec("reset role");
        return tx.query<Record<string, number>>(
          `select count(distinct l.status)::int as statuses,
                  (count(*) filter (where l.supplier_is_draft or l.buyer_is_draft))::int as drafts,
                  (count(*) filter (where s.status in ('rejected', 'cancelled')
                                       or b.status in ('rejected', 'cancelled')))::int as closed,
                  (count(*) filter (where not exists (select 1 from public.project_outputs o
                                                       where o.project_id = s.id
                                                         and o.mineral = l.mineral)))::int as without_output
             from public.project_links l
             join public.projects s on s.id = l.supplier_project_id
             join public.projects b on b.id = l.buyer_project_id
            where s.id::text like 'fd%' or b.id::text like 'fd%'`,
        );
      },
      GENERATE,
    );
    expect(facts?.statuses).toBe(3);
    for (const kind of ["drafts", "closed", "without_output"])
      expect(facts?.[kind]).toBeGreaterThan(2);
  });

  it("keeps the tables equal to a recount after every kind of change", async () => {
    const snapshot = (tx: Queryable) =>
      Promise.all([
        tx.query(
          `select partnership_id, mineral, from_stage, from_country, to_stage, to_country, status, unit, links,
                  tonnes::text as tonnes
             from public.supply_chain_flows order by 1, 2, 3, 4, 5, 6, 7, 8`,
        ),
        tx.query("select * from public.supply_chain_buyers order by project_id, mineral"),
        tx.query(
          `select partnership_id, mineral, projects from public.supply_chain_flag_counts
            where projects <> 0 order by 1, 2`,
        ),
        tx.query(
          `select link_id, partnership_id, mineral, from_stage, from_country, to_stage, to_country, status,
                  unit, tonnes::text as tonnes
             from private.supply_chain_contributions order by link_id`,
        ),
      ]);
    const [kept, recounted] = await rolledBack(
      handle.db,
      "secretariat",
      async (tx) => {
        await tx.exec("reset role");
        const kept = await snapshot(tx);
        await tx.query(
          "select private.refresh_partnership_supply_chain(p.id) from public.partnerships p order by p.id",
        );
        return [kept, await snapshot(tx)];
      },
      GENERATE,
    );
    expect(kept).toEqual(recounted);
    expect(kept[0].length).toBeGreaterThan(10);
    expect(kept[1].length).toBeGreaterThan(40);
  });

  it("keeps a draft's links and inflow to its own government and sponsor, in rows and in aggregates", async () => {
    const read = (actor: Actor) =>
      rolledBack(handle.db, actor, async (tx) => ({
        // The kept flows hold no link touching a draft: Kalgoorlie → Darwin (2,000 t) is in no sum.
        flows: await tx.query<{ links: number; tonnes: string }>(
          `select coalesce(sum(links), 0)::int as links, coalesce(sum(tonnes), 0)::text as tonnes
             from public.supply_chain_flows where partnership_id = $1 and mineral = 'rare_earths'`,
          [cm],
        ),
        buyers: await tx.query<{ project_id: string }>(
          "select project_id from public.supply_chain_buyers order by project_id",
        ),
        drafts: await tx.query<{ count: number }>(
          "select count(*)::int as count from public.supply_chain_buyers where status = 'draft'",
        ),
        // The kept flag count holds Gwangyang and Lacq, not Japan's Darwin draft (flagged for its parties).
        flagged: await tx.query<{ projects: number }>(
          `select projects from public.supply_chain_flag_counts
            where partnership_id = $1 and mineral = 'rare_earths'`,
          [cm],
        ),
      }));
    for (const actor of READERS) {
      const seen = await read(actor);
      const member = actor !== "pacificSecretariat";
      expect(seen.flows, actor).toEqual([
        member ? { links: 3, tonnes: "11500.000" } : { links: 0, tonnes: "0" },
      ]);
      const parties = actor === "delegateJp" || actor === "sponsor";
      expect(seen.buyers.map((row) => row.project_id).includes(ids.project(3)), actor).toBe(
        parties,
      );
      expect(seen.drafts, actor).toEqual([{ count: parties ? 1 : 0 }]);
      expect(seen.flagged, actor).toEqual(member ? [{ projects: 2 }] : []);
    }
  });

  it("refreshes nothing for a change the chain does not read", async () => {
    const rollback = new Error("rollback");
    const steps: number[] = [];
    await handle.db
      .transaction(async (tx) => {
        await tx.exec("set local track_functions = 'all'");
        const calls = async () =>
          Number(
            (
              await tx.query<{ n: number }>(
                `select (coalesce(pg_stat_get_xact_function_calls(
                           'private.refresh_supply_chain(uuid[])'::regprocedure), 0)
                       + coalesce(pg_stat_get_xact_function_calls(
                           'private.refresh_supply_chain_buyers(uuid[])'::regprocedure), 0))::int as n`,
              )
            )[0]?.n,
          );
        for (const [change, id] of [
          ["update public.project_links set kind = 'tolling' where id = $1", ids.link(1)],
          [
            "update public.projects set capex_minor = capex_minor + 1 where id = $1",
            ids.project(2),
          ],
          ["update public.project_outputs set capacity_per_year = 1 where id = $1", ids.output(2)],
          ["update public.project_links set status = 'signed' where id = $1", ids.link(3)],
        ] as const) {
          const before = await calls();
          await tx.query(change, [id]);
          steps.push((await calls()) - before);
        }
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    // The link's status is read: its contribution and its buyer's inflow are refreshed.
    expect(steps).toEqual([0, 0, 0, 2]);
  });

  it("feeds no audit trail, live stream or notification", async () => {
    const triggers = await handle.db.query<{ table: string; name: string }>(
      `select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where c.relname in ('supply_chain_flows', 'supply_chain_buyers', 'supply_chain_flag_counts')
          and not t.tgisinternal
        order by 1, 2`,
    );
    // Besides the read-only check, only the guard that skips a deleted partnership's rows (ADR 179).
    expect(triggers).toEqual([
      { table: "supply_chain_buyers", name: "enforce_read_only_when_lapsed" },
      { table: "supply_chain_buyers", name: "skip_rows_of_a_deleted_partnership" },
      { table: "supply_chain_flag_counts", name: "enforce_read_only_when_lapsed" },
      { table: "supply_chain_flag_counts", name: "skip_rows_of_a_deleted_partnership" },
      { table: "supply_chain_flows", name: "enforce_read_only_when_lapsed" },
      { table: "supply_chain_flows", name: "skip_rows_of_a_deleted_partnership" },
    ]);
    const written = await rolledBack(
      handle.db,
      "secretariat",
      async (tx) => {
        await tx.exec("reset role");
        return tx.query<{ table_name: string }>(
          `select distinct table_name from public.audit_events where table_name like 'supply_chain%'
           union all
           select distinct subject_type from public.notifications where subject_type like 'supply_chain%'`,
        );
      },
      GENERATE,
    );
    expect(written).toEqual([]);
  });

  it("is read by the mineral page alone: no export, public page or report reads the kept tables", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
      );
    const readers = files("app").filter((file) =>
      /supply_chain_(flows|buyers|flag_counts)/.test(readFileSync(file, "utf8")),
    );
    expect(readers).toEqual([path.join("app", "models", "supply-chain.server.ts")]);
  });
});
