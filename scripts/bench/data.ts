// `npm run bench:data -- --projects N [--seed S] [--partnerships P]`: fills the PostgreSQL database at
// DATABASE_URL with a synthetic portfolio for the benchmark. Deterministic for a seed: every row is generated
// inside Postgres (generate_series + setseed, ids derived from md5), so it is fast and reproducible.
// Needs a role that may set session_replication_role (a superuser, as in CI): triggers are skipped while loading
// and the audit trail is generated directly, at the volume triggers would have produced over the project's life.
import { parseArgs } from "node:util";
import { openPostgres, type Database } from "~/db/engine.server";
import { migrate } from "~/db/migrate.server";

const DEMO_HASH = "$2b$10$btVMRm6se81CVHeRiNHex.rHBhb5XCcRcpFEu98BCsBxInNoOAOHq"; // "lodestone-demo"
const MEMBERS = [
  ["AU", "Australia"],
  ["CA", "Canada"],
  ["EU", "European Union"],
  ["FR", "France"],
  ["DE", "Germany"],
  ["IT", "Italy"],
  ["JP", "Japan"],
  ["MX", "Mexico"],
  ["KR", "Republic of Korea"],
  ["GB", "United Kingdom"],
  ["US", "United States"],
  ["IN", "India"],
] as const;

export interface BenchDataOptions {
  projects: number;
  partnerships: number;
  seed: number;
  log?: (line: string) => void;
}

/** The bench partnership a benchmark signs into, and its people (password "lodestone-demo"). */
export const BENCH = {
  slug: "bench-1",
  secretariat: "secretariat.1@bench.lodestone.example",
  delegate: "delegate.1@bench.lodestone.example",
};

/* A deterministic id that is still a valid version-4 UUID (the app's zod schemas check the version bits). */
const uuid = (expression: string) =>
  `overlay(overlay(md5(${expression}) placing '4' from 13) placing '8' from 17)::uuid`;

function steps(p: number, projects: number): Array<[string, string]> {
  const partnershipId = uuid(`'bench-partnership-' || ${p}`);
  const memberId = (index: string) => uuid(`'bench-member-${p}-' || ${index}`);
  const sponsorId = (index: string) => uuid(`'bench-sponsor-${p}-' || ${index}`);
  const projectId = (index: string) => uuid(`'bench-project-${p}-' || ${index}`);
  const milestoneId = (project: string, index: string) =>
    uuid(`'bench-milestone-${p}-' || ${project} || '-' || ${index}`);
  const pledgeId = (project: string, index: string) =>
    uuid(`'bench-pledge-${p}-' || ${project} || '-' || ${index}`);
  const pick = (values: string[]) =>
    `(array[${values.map((v) => `'${v}'`).join(",")}])[1 + floor(random() * ${values.length})::int]`;
  const members = MEMBERS.map(([code, name], i) => `(${i + 1}, '${code}', '${name}')`).join(",");
  return [
    [
      "partnership, governments, sponsors and people",
      `insert into public.partnerships (id, slug, name, reporting_currency, subscription_status)
         values (${partnershipId}, 'bench-${p}', 'Benchmark Partnership ${p}', 'USD', 'active');
       insert into public.members (id, partnership_id, code, name)
         select ${memberId("m.i")}, ${partnershipId}, m.code, m.name from (values ${members}) as m (i, code, name);
       insert into public.sponsor_organisations (id, partnership_id, name, country)
         select ${sponsorId("i")}, ${partnershipId}, 'Sponsor ' || i || ' Resources', ${pick(["AU", "CA", "US", "JP", "DE", "GB"])}
           from generate_series(1, 40) as i;
       insert into auth.users (id, email, encrypted_password, email_confirmed_at, raw_app_meta_data)
         select ${uuid(`'bench-user-${p}-' || u.kind`)}, u.kind || '.${p}@bench.lodestone.example', '${DEMO_HASH}', now(),
                '{"provider":"email","providers":["email"]}'
           from (values ('secretariat'), ('delegate'), ('sponsor'), ('observer')) as u (kind);
       insert into public.profiles (id, email)
         select id, email from auth.users where email like '%.${p}@bench.lodestone.example';
       insert into public.memberships (partnership_id, user_id, role, member_id, sponsor_organisation_id)
         values (${partnershipId}, ${uuid(`'bench-user-${p}-secretariat'`)}, 'secretariat', null, null),
                (${partnershipId}, ${uuid(`'bench-user-${p}-delegate'`)}, 'delegate', ${memberId("7")}, null),
                (${partnershipId}, ${uuid(`'bench-user-${p}-sponsor'`)}, 'sponsor', null, ${sponsorId("1")}),
                (${partnershipId}, ${uuid(`'bench-user-${p}-observer'`)}, 'observer', null, null);
       insert into public.fx_rates (partnership_id, currency, rate, as_of)
         select ${partnershipId}, c.code, c.rate * (0.95 + random() * 0.1), (date '2026-01-01' + (m * interval '1 month'))::date
           from (values ('EUR', 1.08), ('JPY', 0.0066), ('AUD', 0.65), ('CAD', 0.73), ('GBP', 1.27), ('KRW', 0.00073))
                as c (code, rate),
                generate_series(0, 10) as m;`,
    ],
    [
      `${projects} projects`,
      `insert into public.projects (id, partnership_id, name, segment, minerals, host_country, latitude, longitude,
                                    stage, capex_minor, funding_sought_minor, currency, esg_notes, status,
                                    registering_member_id, sponsor_organisation_id, created_at, updated_at)
         select ${projectId("i")}, ${partnershipId},
                ${pick(["Northern", "Southern", "Eastern", "Western", "Coastal", "Highland", "Basin", "Ridge"])} || ' ' ||
                ${pick(["Rare Earths", "NdPr Refinery", "Magnet Works", "Lithium", "Graphite", "Cobalt", "Nickel", "Gallium Recovery"])} || ' ' || i,
                ${pick(["mining", "mining", "refining", "refining", "magnets", "recycling"])},
                array[${pick(["NdPr", "Dy", "Tb", "lithium", "cobalt", "nickel", "graphite", "gallium", "germanium"])}],
                ${pick(["AU", "CA", "US", "JP", "DE", "FR", "GB", "KR", "MX", "IN", "IT"])},
                round((-40 + random() * 100)::numeric, 4), round((-170 + random() * 340)::numeric, 4),
                ${pick(["concept", "feasibility", "construction", "production"])},
                (50000000 + floor(random() * 5000000000))::int8 * 100, (10000000 + floor(random() * 1000000000))::int8 * 100,
                ${pick(["USD", "USD", "EUR", "AUD", "CAD", "JPY", "GBP"])}, 'Synthetic ESG notes for project ' || i,
                ${pick(["approved", "approved", "approved", "approved", "approved", "approved", "approved", "submitted", "draft", "completed"])},
                ${memberId("1 + floor(random() * 12)::int")}, ${sponsorId("1 + floor(random() * 40)::int")},
                now() - (random() * interval '700 days'), now() - (random() * interval '30 days')
           from generate_series(1, ${projects}) as i;`,
    ],
    [
      "milestones and updates",
      `insert into public.milestones (id, partnership_id, project_id, title, due_date, status, position, completed_at)
         select ${milestoneId("i", "k")}, ${partnershipId}, ${projectId("i")},
                ${pick(["Feasibility study", "Environmental permit", "Offtake agreement", "Financial close", "First ore", "Pilot plant", "Commissioning", "Community agreement", "Grid connection", "Export licence"])} || ' ' || k,
                (date '2025-06-01' + (k * 60 + floor(random() * 90))::int),
                s.status, k - 1, case when s.status = 'done' then now() - random() * interval '200 days' end
           from generate_series(1, ${projects}) as i,
                lateral generate_series(1, 5 + floor(random() * 11)::int + 0 * i) as k,
                -- Referencing k makes Postgres draw a fresh status for every milestone.
                lateral (select ${pick(["planned", "planned", "in_progress", "in_progress", "at_risk", "done", "done", "delayed", "cancelled"])} as status
                          where k is not null) as s;
       insert into public.milestone_updates (partnership_id, project_id, milestone_id, note, status_change, created_at)
         select partnership_id, project_id, id, 'Progress note on ' || title, case when random() < 0.3 then status end,
                now() - random() * interval '300 days'
           from public.milestones where partnership_id = ${partnershipId} and random() < 0.5;`,
    ],
    [
      "pledges and tranches",
      `insert into public.pledges (id, partnership_id, project_id, member_id, amount_minor, currency, instrument,
                                   status, conditions, withdrawal_reason, committed_at)
         select ${pledgeId("i", "k")}, ${partnershipId}, ${projectId("i")}, ${memberId("1 + ((i + k * 5) % 12)")},
                (1000000 + floor(random() * 200000000))::int8 * 100,
                s.currency, ${pick(["grant", "loan", "equity", "guarantee", "offtake"])}, s.status,
                'Standard conditions', case when s.status = 'withdrawn' then 'Budget reprioritised' end,
                case when s.status in ('committed', 'disbursing', 'fulfilled') then now() - random() * interval '300 days' end
           from generate_series(1, ${projects}) as i,
                lateral generate_series(1, 2 + floor(random() * 5)::int + 0 * i) as k,
                lateral (select ${pick(["draft", "committed", "committed", "committed", "disbursing", "fulfilled", "withdrawn"])} as status,
                                ${pick(["USD", "EUR", "JPY", "AUD", "CAD", "GBP", "KRW"])} as currency
                          where k is not null) as s;
       update public.pledges set amount_minor = amount_minor / 100
         where partnership_id = ${partnershipId} and currency in ('JPY', 'KRW');
       insert into public.tranches (partnership_id, pledge_id, amount_minor, due_date, status, paid_at)
         select pl.partnership_id, pl.id, pl.amount_minor / 3 + case when t = 3 then pl.amount_minor % 3 else 0 end,
                (date '2026-01-01' + (t * 120 + floor(random() * 60))::int),
                st.status, case when st.status = 'paid' then now() - random() * interval '100 days' end
           from public.pledges pl, generate_series(1, 3) as t,
                lateral (select case when pl.status = 'fulfilled' then 'paid'
                                     when pl.status = 'disbursing' and t = 1 then 'paid'
                                     when pl.status = 'disbursing' and t = 2 then 'requested'
                                     else 'scheduled' end as status) as st
          where pl.partnership_id = ${partnershipId} and pl.amount_minor >= 3;`,
    ],
    [
      "outputs and supply links",
      // One output per project, in the reference group its segment and first mineral point to (magnets are rare
      // earths), sized between 0.2 % and 2.2 % of that group's world total, first producing 2025–2034; units as
      // the trigger would set them (triggers are off while loading). Then about 70 % of refining and magnet
      // outputs get a supply link from a project one stage up, with a random status.
      `insert into public.project_outputs (id, partnership_id, project_id, mineral, stage, capacity_per_year, unit,
                                           first_output_year)
         select ${uuid(`'bench-output-${p}-' || pr.id`)}, pr.partnership_id, pr.id, g.mineral, g.stage,
                round((w.total * (0.002 + random() * 0.02))::numeric, 0) + 1, g.output_unit,
                2025 + floor(random() * 10)::int
           from public.projects pr
           cross join lateral (
             select case when pr.segment = 'magnets' or pr.minerals[1] in ('NdPr', 'Dy', 'Tb', 'germanium')
                         then 'rare_earths' else pr.minerals[1] end as mineral,
                    case when pr.segment = 'recycling' then 'refining'
                         when pr.segment = 'mining' and pr.minerals[1] = 'gallium' then 'refining'
                         else pr.segment end as stage
           ) m
           join reference.supply_groups g
             on g.dataset_version = (select max(version) from reference.datasets)
            and g.mineral = m.mineral and g.stage = m.stage
           cross join lateral (
             select coalesce(
               (select sum(s.quantity) * g.output_factor from reference.supply_shares s
                 where s.dataset_version = g.dataset_version and s.mineral = g.mineral and s.stage = g.stage
                   and s.year = g.year),
               (select t.world_total from reference.world_totals t
                 where t.dataset_version = g.dataset_version and t.mineral = g.mineral and t.stage = g.stage
                 order by t.year desc limit 1)) as total
           ) w
          where pr.partnership_id = ${partnershipId} and g.output_unit is not null;
       insert into public.project_links (partnership_id, supplier_project_id, buyer_project_id, mineral, kind,
                                         tonnes_per_year, status)
         select b.partnership_id, s.project_id, b.project_id, b.mineral,
                ${pick(["offtake", "feedstock", "tolling"])}, round((b.capacity_per_year * 0.3)::numeric, 0) + 1,
                ${pick(["under_negotiation", "mou", "signed", "signed"])}
           from public.project_outputs b
           cross join lateral (
             select o.project_id from public.project_outputs o
              where o.partnership_id = b.partnership_id and o.mineral = b.mineral
                and o.stage = case b.stage when 'magnets' then 'refining' else 'mining' end
              order by md5(o.project_id::text || b.project_id::text) limit 1
           ) s
          where b.partnership_id = ${partnershipId} and b.stage in ('refining', 'magnets')
            and random() < 0.7;`,
    ],
    [
      "audit trail",
      `insert into public.audit_events (partnership_id, actor_id, action, table_name, row_id, before, after, scope,
                                        member_id, is_draft, created_at)
         select ${partnershipId}, ${uuid(`'bench-user-${p}-' || ${pick(["secretariat", "delegate", "sponsor"])}`)},
                case when e = 1 then 'insert' else 'update' end, 'milestones', m.id,
                case when e > 1 then jsonb_build_object('status', 'planned', 'version', e - 1) end,
                jsonb_build_object('status', m.status, 'version', e, 'title', m.title),
                'board', null, false, now() - random() * interval '700 days'
           from public.milestones m, generate_series(1, 8) as e
          where m.partnership_id = ${partnershipId};
       insert into public.audit_events (partnership_id, actor_id, action, table_name, row_id, before, after, scope,
                                        member_id, is_draft, created_at)
         select ${partnershipId}, ${uuid(`'bench-user-${p}-delegate'`)}, case when e = 1 then 'insert' else 'update' end,
                'pledges', pl.id, null, jsonb_build_object('status', pl.status, 'amount_minor', pl.amount_minor),
                'pledge', pl.member_id, pl.status = 'draft', now() - random() * interval '700 days'
           from public.pledges pl, generate_series(1, 4) as e
          where pl.partnership_id = ${partnershipId};`,
    ],
  ];
}

export async function generateBenchData(db: Database, options: BenchDataOptions): Promise<void> {
  const log = options.log ?? console.log;
  const [existing] = await db.query<{ count: number }>(
    "select count(*)::int as count from public.partnerships where slug like 'bench-%'",
  );
  if (existing?.count) {
    throw new Error(
      "This database already holds benchmark data. Point DATABASE_URL at an empty database, or run `npm run db:reset` first.",
    );
  }
  const started = performance.now();
  await db.transaction(async (tx) => {
    // Bulk load: no per-row triggers (the audit trail is generated below), no parallel plans (determinism).
    await tx.exec(
      "set local session_replication_role = replica; set local max_parallel_workers_per_gather = 0;",
    );
    for (let p = 1; p <= options.partnerships; p++) {
      const all = steps(p, options.projects);
      for (const [index, [label, sql]] of all.entries()) {
        const stepStarted = performance.now();
        await tx.query("select setseed($1)", [
          ((options.seed * 7919 + p * 104729 + index) % 1000) / 1000,
        ]);
        await tx.exec(sql);
        log(
          `[${p}/${options.partnerships}] ${label} (${Math.round(performance.now() - stepStarted)} ms, ${Math.round((performance.now() - started) / 1000)} s so far)`,
        );
      }
    }
  });
  // What triggers would have kept, computed once for the loaded rows: the children's copies of their project's
  // and pledge's state (ADR 150), and the rollups (ADR 072, 152, 163): funding before the resilience sums, which
  // class each project as funded or pipeline from it; the list's project counts.
  const rollupsStarted = performance.now();
  await db.exec(
    `select private.copy_visibility_from_parents();
     select private.refresh_partnership_funding(id) from public.partnerships where slug like 'bench-%';
     select private.recount_milestones();
     select private.refresh_partnership_resilience(id) from public.partnerships where slug like 'bench-%';
     select private.recount_partnership_projects(id) from public.partnerships where slug like 'bench-%';`,
  );
  log(`rollups (${Math.round(performance.now() - rollupsStarted)} ms)`);
  await db.exec("vacuum analyze");
  const counts = await db.query<{ table: string; rows: number }>(
    `select 'projects' as table, count(*)::int as rows from public.projects
     union all select 'milestones', count(*)::int from public.milestones
     union all select 'pledges', count(*)::int from public.pledges
     union all select 'tranches', count(*)::int from public.tranches
     union all select 'project_outputs', count(*)::int from public.project_outputs
     union all select 'project_links', count(*)::int from public.project_links
     union all select 'audit_events', count(*)::int from public.audit_events`,
  );
  log(
    `Done in ${Math.round((performance.now() - started) / 1000)} s: ${counts.map((c) => `${c.rows} ${c.table}`).join(", ")}.`,
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      projects: { type: "string", default: "5000" },
      partnerships: { type: "string", default: "4" },
      seed: { type: "string", default: "42" },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the PostgreSQL database to fill.");
  const db = openPostgres(url, { max: 1 });
  try {
    await migrate(db, { log: (line) => console.log(line) });
    await generateBenchData(db, {
      projects: Number(values.projects),
      partnerships: Number(values.partnerships),
      seed: Number(values.seed),
    });
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
