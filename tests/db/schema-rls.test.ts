/*
 * Structural guarantees of the schema: RLS everywhere in public, no always-true policy, helpers written as
 * Supabase recommends, indexes on foreign keys, value checks, and a seed that loads on both engines.
 */
import { migrate } from "~/db/migrate.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { ids } from "../support/rls";

type Row = Record<string, unknown>;

describe.each(engines)("schema on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  it("enables row-level security on every table in public", async () => {
    const open = await handle.db.query<Row>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity`,
    );
    expect(open).toEqual([]);
  });

  it("has no always-true policy and no policy for PUBLIC", async () => {
    const policies = await handle.db.query<{
      tablename: string;
      policyname: string;
      roles: string[] | string;
      qual: string | null;
      with_check: string | null;
    }>(
      "select tablename, policyname, roles, qual, with_check from pg_policies where schemaname = 'public'",
    );
    expect(policies.length).toBeGreaterThan(40);
    const roles = (r: string[] | string) =>
      Array.isArray(r) ? r : r.replace(/[{}]/g, "").split(",").filter(Boolean);
    const alwaysTrue = policies.filter(
      (p) =>
        ["true", "(true)"].includes((p.qual ?? "").trim()) ||
        ["true", "(true)"].includes((p.with_check ?? "").trim()),
    );
    expect(alwaysTrue).toEqual([]);
    expect(policies.filter((p) => roles(p.roles).includes("public"))).toEqual([]);
    // Names read as sentences about their table.
    expect(policies.filter((p) => !p.policyname.startsWith(`${p.tablename}: `))).toEqual([]);
  });

  it("writes the policy helpers as Supabase recommends (ADR 070)", async () => {
    const helpers = await handle.db.query<Row>(
      `select p.proname as name, p.prosecdef as definer, p.provolatile as volatility, p.proretset as set,
              format_type(p.prorettype, null) as returns,
              coalesce(array_to_string(p.proconfig, ','), '') as config
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'private'
         and (p.proname like 'my\\_%' or p.proname like 'can\\_%' or p.proname like 'is\\_my\\_%'
              or p.proname like 'published\\_%' or p.proname like 'unpublished\\_%')
       order by 1`,
    );
    // Sets, small by construction: the caller's memberships (as ids, and as rows for the guards), governments
    // and organisations, its own drafts and private pledges (ADR 150), and what anon may not see of a partnership
    // that publishes (ADR 133). Nothing enumerates everything the caller may see.
    expect(helpers.filter((h) => h.set).map((h) => h.name)).toEqual([
      "my_chosen_item_ids",
      "my_draft_project_ids",
      "my_member_ids",
      "my_memberships",
      "my_partnership_ids",
      "my_partnership_ids_as",
      "my_private_pledge_ids",
      "my_sponsor_organisation_ids",
      "published_partnership_ids",
      "published_sponsor_organisation_ids",
      "unpublished_pledge_ids",
      "unpublished_project_ids",
    ]);
    // Point checks: one row looked up by its key.
    expect(helpers.filter((h) => !h.set).map((h) => [h.name, h.returns])).toEqual([
      ["can_edit_milestone", "boolean"],
      ["can_edit_project", "boolean"],
      ["can_read_sharing_event", "boolean"],
      ["can_see_item", "boolean"],
      ["can_see_milestone", "boolean"],
      ["can_see_pledge", "boolean"],
      ["can_see_project", "boolean"],
      ["is_my_government_pledge", "boolean"],
    ]);
    for (const helper of helpers) {
      expect(helper).toMatchObject({ definer: true, volatility: "s" });
      expect(helper.config).toMatch(/search_path=("")?$/);
    }
  });

  describe("splinter-style checks of the policies (ADR 070)", () => {
    interface Policy {
      schemaname: string;
      tablename: string;
      policyname: string;
      permissive: string;
      roles: string[] | string;
      cmd: string;
      qual: string | null;
      with_check: string | null;
    }
    let policies: Policy[];
    beforeAll(async () => {
      policies = await handle.db.query<Policy>(
        `select schemaname, tablename, policyname, permissive, roles, cmd, qual, with_check from pg_policies
          where schemaname in ('public', 'reference')`,
      );
    });
    const roleList = (r: string[] | string) =>
      Array.isArray(r) ? r : r.replace(/[{}]/g, "").split(",").filter(Boolean);
    const expressions = (p: Policy) => [p.qual, p.with_check].filter((e): e is string => !!e);

    it("has at most one permissive policy per table, role and action", () => {
      const seen = new Map<string, string[]>();
      for (const policy of policies.filter((p) => p.permissive === "PERMISSIVE")) {
        const actions =
          policy.cmd === "ALL" ? ["SELECT", "INSERT", "UPDATE", "DELETE"] : [policy.cmd];
        for (const role of roleList(policy.roles)) {
          for (const action of actions) {
            const key = `${policy.schemaname}.${policy.tablename} ${role} ${action}`;
            seen.set(key, [...(seen.get(key) ?? []), policy.policyname]);
          }
        }
      }
      expect([...seen].filter(([, names]) => names.length > 1)).toEqual([]);
      expect(seen.size).toBeGreaterThan(60);
    });

    it("wraps every helper call in (select …), so it runs once per statement or per row, never re-planned", () => {
      const calls: string[] = [];
      const unwrapped: string[] = [];
      for (const policy of policies) {
        for (const expression of expressions(policy)) {
          for (const match of expression.matchAll(/\b(private|auth)\.(\w+)\(/g)) {
            calls.push(match[2] ?? "");
            const before = expression.slice(0, match.index).trimEnd();
            if (!before.endsWith("SELECT")) unwrapped.push(`${policy.policyname}: ${match[0]}`);
          }
        }
      }
      expect(unwrapped).toEqual([]);
      expect(calls.length).toBeGreaterThan(80);
    });

    it("indexes every column a policy compares with a helper", async () => {
      const indexes = await handle.db.query<{ table: string; columns: string[] }>(
        `select c.relname as table,
                array(select a.attname::text from unnest(i.indkey::int2[]) with ordinality as k (attnum, ord)
                        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                       order by k.ord) as columns
           from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public'`,
      );
      const indexed = (table: string, column: string) =>
        indexes.some(
          (index) =>
            index.table === table &&
            (index.columns[0] === column ||
              (index.columns[0] === "partnership_id" && index.columns[1] === column)),
        );
      const compared: string[] = [];
      const missing: string[] = [];
      for (const policy of policies.filter((p) => p.schemaname === "public")) {
        for (const expression of expressions(policy)) {
          const columns = [
            // col IN (SELECT private.…()) and NOT (col IN (…)): compared with a set
            ...[...expression.matchAll(/(\w+) IN \( SELECT (?:private|auth)\./g)].map((m) => m[1]),
            // col = (SELECT auth.uid())
            ...[...expression.matchAll(/(\w+) = \( SELECT auth\.uid\(\)/g)].map((m) => m[1]),
            // (SELECT private.can_…(table.col)): the row's column a point check is called with
            ...[...expression.matchAll(/\( SELECT private\.\w+\((?:\w+\.)?(\w+)\) AS/g)].map(
              (m) => m[1],
            ),
          ];
          for (const column of columns) {
            if (!column) continue;
            compared.push(`${policy.tablename}.${column}`);
            if (!indexed(policy.tablename, column)) missing.push(`${policy.tablename}.${column}`);
          }
        }
      }
      expect([...new Set(missing)]).toEqual([]);
      expect(new Set(compared).size).toBeGreaterThan(30);
    });
  });

  it("answers who may see a shared item with stable security-definer functions (rule 8)", async () => {
    const answers = await handle.db.query<Row>(
      `select p.proname as name, p.prosecdef as definer, p.provolatile as volatility, p.proretset as set,
              coalesce(array_to_string(p.proconfig, ','), '') as config,
              has_function_privilege('anon', p.oid, 'execute') as anon
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'private' and p.proname in ('can_see_item', 'can_read_sharing_event')
       order by 1`,
    );
    expect(answers.map((answer) => answer.name)).toEqual([
      "can_read_sharing_event",
      "can_see_item",
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ definer: true, volatility: "s", set: false, anon: false });
      expect(answer.config).toMatch(/search_path=("")?$/);
    }
  });

  it("gives the shared-item tables and the audit trail one permissive policy per action (ADR 070)", async () => {
    const policies = await handle.db.query<{ tablename: string; cmd: string; n: number }>(
      `select tablename, cmd, count(*)::int as n from pg_policies
        where schemaname = 'public' and permissive = 'PERMISSIVE'
          and tablename in ('shared_items', 'shared_item_audiences', 'technology_offers', 'technology_requests',
                            'national_actions', 'expressions_of_interest', 'meetings', 'meeting_presentations',
                            'audit_events')
        group by tablename, cmd having count(*) > 1`,
    );
    expect(policies).toEqual([]);
    const restrictive = await handle.db.query(
      "select policyname from pg_policies where schemaname = 'public' and permissive <> 'PERMISSIVE'",
    );
    expect(restrictive).toEqual([]);
  });

  it("exposes the state-changing functions to authenticated as security invoker", async () => {
    const functions = await handle.db.query<Row>(
      `select p.proname as name, p.prosecdef as definer,
              has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
              has_function_privilege('anon', p.oid, 'execute') as anon
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.proname in ('commit_pledge', 'withdraw_pledge', 'amend_pledge',
         'complete_milestone')
       order by 1`,
    );
    expect(functions).toEqual(
      ["amend_pledge", "commit_pledge", "complete_milestone", "withdraw_pledge"].map((name) => ({
        name,
        definer: false,
        authenticated: true,
        anon: false,
      })),
    );
  });

  it("indexes every foreign key of the tenant tables", async () => {
    const unindexed = await handle.db.query<Row>(
      `select c.conrelid::regclass::text as table_name, c.conname
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
       where c.contype = 'f' and n.nspname = 'public'
         and not exists (
           select 1 from pg_index i
           where i.indrelid = c.conrelid and (i.indkey::int2[])[0] = c.conkey[1]
         )`,
    );
    expect(unindexed).toEqual([]);
  });

  it("grants anon nothing but the published columns (ADR 016), what the IATI export reads (ADR 133) and what the public page shows (ADR 136)", async () => {
    const grants = await handle.db.query<{ table_name: string; columns: string }>(
      `select table_name, string_agg(column_name, ',' order by column_name) as columns
         from information_schema.column_privileges
        where grantee = 'anon' and table_schema = 'public' and privilege_type = 'SELECT'
        group by table_name order by 1`,
    );
    const writes = await handle.db.query(
      `select table_name, privilege_type from information_schema.column_privileges
        where grantee = 'anon' and table_schema in ('public', 'reference') and privilege_type <> 'SELECT'`,
    );
    expect(writes).toEqual([]);
    expect(grants).toEqual([
      { table_name: "fx_rates", columns: "as_of,currency,partnership_id,rate" },
      { table_name: "members", columns: "code,iati_org_ref,id,name,partnership_id" },
      {
        table_name: "milestones",
        columns:
          "completed_at,due_date,id,partnership_id,position,project_id,status,title,updated_at",
      },
      {
        table_name: "partnerships",
        columns: "id,is_published,name,reporting_currency,slug,updated_at",
      },
      {
        table_name: "pledges",
        columns:
          "amount_minor,cofunding_rule,committed_at,currency,id,instrument,member_id,partnership_id,project_id,status,updated_at",
      },
      {
        table_name: "project_outputs",
        columns:
          "capacity_per_year,first_output_year,id,mineral,partnership_id,project_id,stage,unit,updated_at",
      },
      {
        table_name: "projects",
        columns:
          "capex_minor,created_at,currency,esg_notes,funding_sought_minor,host_country,id,latitude,longitude," +
          "minerals,name,partnership_id,registering_member_id,segment,sponsor_organisation_id,stage,status,updated_at",
      },
      { table_name: "sponsor_organisations", columns: "country,id,name,partnership_id" },
      {
        table_name: "tranches",
        columns: "amount_minor,id,paid_at,partnership_id,pledge_id,status",
      },
      {
        table_name: "world_total_overrides",
        columns: "mineral,note,partnership_id,source,source_url,stage,unit,world_total,year",
      },
    ]);
  });

  describe("value checks", () => {
    const insertPledge = (extra: string) =>
      `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument,
         cofunding_rule) values ('${ids.cm}', '${ids.project(2)}', '${ids.member.JP}', ${extra})`;
    const rejected = async (sql: string) => {
      const error = await handle.db
        .transaction(async (tx) => {
          await tx.exec(sql);
          throw new Error("accepted");
        })
        .catch((e: Error) => e);
      return error.message;
    };
    const accepted = async (sql: string) =>
      handle.db
        .transaction(async (tx) => {
          await tx.exec(sql);
          throw new Error("accepted");
        })
        .catch((e: Error) => e.message);

    it.each([
      ["an unknown currency", insertPledge("1000, 'XYZ', 'grant', null"), /currency_iso4217/],
      ["a non-positive amount", insertPledge("0, 'JPY', 'grant', null"), /amount_positive/],
      ["an unknown instrument", insertPledge("1000, 'JPY', 'bond', null"), /instrument_valid/],
      [
        "a malformed co-funding rule",
        insertPledge(`1000, 'JPY', 'grant', '{"kind": "min_other_members", "n": 0}'`),
        /cofunding_rule_valid/,
      ],
      [
        "a co-funding rule with extra keys",
        insertPledge(
          `1000, 'JPY', 'grant', '{"kind": "match", "ratio": {"numerator": 1, "denominator": 1}, "cap_minor": 5, "x": 1}'`,
        ),
        /cofunding_rule_valid/,
      ],
      [
        "a minimum co-funding outside the reporting currency",
        insertPledge(
          `1000, 'JPY', 'grant', '{"kind": "min_cofunding", "amount_minor": 5, "currency": "EUR"}'`,
        ),
        /reporting currency/,
      ],
      [
        "an unknown mineral",
        `update public.projects set minerals = '{NdPr,gold}' where id = '${ids.project(2)}'`,
        /minerals_valid/,
      ],
      [
        "a latitude out of range",
        `update public.projects set latitude = 91 where id = '${ids.project(2)}'`,
        /latitude_range/,
      ],
      [
        "a lower-case country code",
        `update public.projects set host_country = 'au' where id = '${ids.project(2)}'`,
        /host_country_iso3166/,
      ],
      [
        "an unknown membership role",
        `update public.memberships set role = 'admin' where id = '${ids.membership.observer}'`,
        /memberships_role_(valid|acts_for)/,
      ],
      [
        "a delegate acting for no member",
        `update public.memberships set role = 'delegate' where id = '${ids.membership.observer}'`,
        /role_acts_for/,
      ],
      [
        "a slug with capitals",
        `update public.partnerships set slug = 'Critical' where id = '${ids.cm}'`,
        /slug_format/,
      ],
      [
        "a second role for the same person",
        `insert into public.memberships (partnership_id, user_id, role) values ('${ids.cm}',
           'd0000000-0000-4000-8000-000000000002', 'observer')`,
        /one_role_per_person/,
      ],
    ])("rejects %s", async (_name, sql, message) => {
      expect(await rejected(sql)).toMatch(message);
    });

    it("accepts each kind of co-funding rule", async () => {
      for (const rule of [
        '{"kind": "min_other_members", "n": 2}',
        '{"kind": "min_cofunding", "amount_minor": "10000000000", "currency": "USD"}',
        '{"kind": "match", "ratio": {"numerator": 1, "denominator": 2}, "cap_minor": 2500000000}',
      ]) {
        expect(await accepted(insertPledge(`1000, 'JPY', 'grant', '${rule}'`))).toBe("accepted");
      }
    });
  });

  it("loads the demo data", async () => {
    const [counts] = await handle.db.query<Row>(
      `select
         (select count(*)::int from public.partnerships) as partnerships,
         (select string_agg(code, ',' order by code) from public.members where partnership_id = $1) as codes,
         (select count(*)::int from public.sponsor_organisations where partnership_id = $1) as sponsors,
         (select count(*)::int from public.projects where partnership_id = $1) as projects,
         (select string_agg(distinct segment, ',') from public.projects) as segments,
         (select string_agg(distinct status, ',') from public.milestones) as milestone_statuses,
         (select count(*)::int from public.milestones
           where due_date < $2::date and status not in ('done', 'cancelled')) as overdue,
         (select string_agg(distinct currency, ',') from public.pledges where partnership_id = $1) as currencies,
         (select string_agg(distinct status, ',') from public.pledges) as pledge_statuses,
         (select count(*)::int from public.pledges where cofunding_rule is not null) as rules,
         (select count(*)::int from public.tranches) > 10 as tranches,
         (select count(distinct as_of)::int from public.fx_rates where partnership_id = $1) as fx_dates,
         (select count(*)::int from auth.users where email like '%.lodestone.example') as users`,
      [ids.cm, handle.today],
    );
    expect(counts).toEqual({
      partnerships: 2,
      codes: "AU,CA,DE,EU,FR,GB,IN,IT,JP,KR,MX,US",
      sponsors: 4,
      projects: 12,
      segments: "magnets,mining,recycling,refining",
      milestone_statuses: "at_risk,cancelled,delayed,done,in_progress,planned",
      overdue: 3,
      currencies: "AUD,CAD,EUR,GBP,JPY,KRW,USD",
      pledge_statuses: "committed,disbursing,draft,fulfilled,withdrawn",
      rules: 3,
      tranches: true,
      fx_dates: 2,
      users: 10,
    });
  });

  it("migrates from empty and again as a no-op", async () => {
    const fresh = await createTestDatabase(engine, { migrate: false });
    try {
      const applied = await migrate(fresh.db);
      expect(applied).toContain("20261127010300_audit.sql");
      expect(await migrate(fresh.db)).toEqual([]);
    } finally {
      await fresh.dispose();
    }
  });
});
