/*
 * A partnership whose trial lapsed without a subscription is read-only for its members — enforced by the
 * database on every partnership-scoped table — while reads, the service role (webhooks) and other
 * partnerships carry on.
 */
import { writableUntil, type SubscriptionStatus } from "~/billing/rules";
import { runAsServiceRole } from "~/db/service-role.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { attempt, DENIED, expectOutcome, ids } from "../support/rls";

const READ_ONLY =
  /This partnership's subscription has lapsed: Lodestone is read-only until the secretariat renews it\./;

// The Pacific Battery Metals Forum (secretariat: pacificSecretariat and twoHats) with its trial over.
const LAPSE = `update public.partnerships set subscription_status = 'canceled',
  trial_ends_at = now() - interval '1 day' where id = '${ids.pb}'`;

describe.each(engines)("read-only after the trial on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  it("keeps both demo partnerships writable (the seed's trial ends 30 days after its load day)", async () => {
    const rows = await handle.db.query<{ slug: string; writable: boolean }>(
      "select slug, private.partnership_is_writable(id) as writable from public.partnerships order by slug",
    );
    expect(rows).toEqual([
      { slug: "critical-minerals", writable: true },
      { slug: "pacific-battery", writable: true },
    ]);
  });

  it.each([
    [
      "insert",
      `insert into public.fx_rates (partnership_id, currency, rate, as_of)
       values ('${ids.pb}', 'EUR', 1.7, '2026-11-26') returning id`,
    ],
    [
      "update",
      `update public.members set name = name where partnership_id = '${ids.pb}' returning id`,
    ],
    ["delete", `delete from public.fx_rates where partnership_id = '${ids.pb}' returning id`],
    [
      "update of the partnership itself",
      `update public.partnerships set name = 'Renamed' where id = '${ids.pb}' returning id`,
    ],
    [
      "invitation",
      `insert into public.invitations (partnership_id, email, role)
       values ('${ids.pb}', 'new@pacific.example', 'observer') returning id`,
    ],
  ])("refuses a member's %s with PT402 and a clear message", async (_name, sql) => {
    const result = await attempt(handle.db, "pacificSecretariat", sql, [], LAPSE);
    expectOutcome(result, READ_ONLY);
    expect((result.error as { code?: string } | undefined)?.code).toBe("PT402");
  });

  it("still lets members read and export", async () => {
    const result = await attempt(
      handle.db,
      "pacificSecretariat",
      `select (select count(*)::int from public.members where partnership_id = $1) as members,
              (select count(*)::int from public.fx_rates where partnership_id = $1) as rates,
              (select count(*)::int from public.pledges where partnership_id = $1) as pledges`,
      [ids.pb],
      LAPSE,
    );
    expect(result.error).toBeUndefined();
    expect("rows" in result ? result.rows[0] : result.error).toEqual({
      members: 5,
      rates: 3,
      pledges: 1,
    });
  });

  it("does not affect the member's other, subscribed partnership", async () => {
    // two.hats is secretariat of the lapsed forum and a delegate of the Critical Minerals Ministerial.
    const cm = await attempt(
      handle.db,
      "twoHats",
      `update public.pledges set conditions = 'Checked.' where id = $1 returning id`,
      [ids.pledge(15)],
      LAPSE,
    );
    expectOutcome(cm, 1);
    const pb = await attempt(
      handle.db,
      "twoHats",
      `update public.members set name = name where partnership_id = $1 returning id`,
      [ids.pb],
      LAPSE,
    );
    expectOutcome(pb, READ_ONLY);
  });

  it("answers an outsider with row-level security, not with the partnership's billing state", async () => {
    const result = await attempt(
      handle.db,
      "delegateJp",
      `insert into public.fx_rates (partnership_id, currency, rate, as_of)
       values ('${ids.pb}', 'EUR', 1.7, '2026-11-26') returning id`,
      [],
      LAPSE,
    );
    expectOutcome(result, DENIED);
  });

  it("lets the service role (webhooks) write to a lapsed partnership", async () => {
    await handle.db.exec(LAPSE);
    try {
      const rows = await runAsServiceRole(handle.db, (tx) =>
        tx.query(
          `update public.partnerships set subscription_status = 'active' where id = $1 returning id`,
          [ids.pb],
        ),
      );
      expect(rows).toHaveLength(1);
      const [row] = await handle.db.query<{ writable: boolean }>(
        "select private.partnership_is_writable($1) as writable",
        [ids.pb],
      );
      expect(row?.writable).toBe(true);
    } finally {
      await handle.db.exec(
        `update public.partnerships set subscription_status = 'trialing',
           trial_ends_at = now() + interval '30 days' where id = '${ids.pb}'`,
      );
    }
  });

  it("guards every table that holds a partnership's rows", async () => {
    const unguarded = await handle.db.query<{ table_name: string }>(
      `select c.relname as table_name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'audit_events'
          and (c.relname = 'partnerships' or exists (select 1 from pg_attribute a
               where a.attrelid = c.oid and a.attname = 'partnership_id' and not a.attisdropped))
          and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid
                          and t.tgname = 'enforce_read_only_when_lapsed')`,
    );
    expect(unguarded).toEqual([]);
  });

  it.each([
    ["active", "now() - interval '90 days'", null, true],
    ["trialing", "now() + interval '2 days'", null, true],
    ["trialing", "now() - interval '1 minute'", null, false],
    ["canceled", "now() + interval '3 days'", null, true],
    ["past_due", "now() - interval '60 days'", "now() - interval '10 days'", true],
    ["past_due", "now() - interval '60 days'", "now() - interval '15 days'", false],
    ["unpaid", "now() - interval '60 days'", "now() - interval '1 day'", false],
    ["incomplete", "now() - interval '60 days'", null, false],
  ] as const)(
    "%s, trial ending %s, period ending %s: writable %s (database and page agree)",
    async (status, trial, period, writable) => {
      const [row] = await handle.db.transaction(async (tx) => {
        await tx.exec(
          `update public.partnerships set subscription_status = '${status}', trial_ends_at = ${trial},
             current_period_end = ${period ?? "null"} where id = '${ids.pb}'`,
        );
        // The database's clock, so the page's rule is checked at the same instant as the database's.
        const rows = await tx.query<{
          writable: boolean;
          trial: Date;
          period: Date | null;
          now: Date;
        }>(
          `select private.partnership_is_writable(id) as writable, trial_ends_at as trial,
                  current_period_end as period, now() from public.partnerships where id = $1`,
          [ids.pb],
        );
        await tx.exec(
          `update public.partnerships set subscription_status = 'trialing',
             trial_ends_at = now() + interval '30 days', current_period_end = null where id = '${ids.pb}'`,
        );
        return rows;
      });
      if (!row) throw new Error("the Pacific partnership was not found");
      expect(row.writable).toBe(writable);
      expect(
        writableUntil(
          {
            status: status as SubscriptionStatus,
            trialEndsAt: row.trial,
            currentPeriodEnd: row.period,
          },
          row.now,
        ).writable,
      ).toBe(writable);
    },
  );

  it("gives a new partnership a 30-day trial", async () => {
    const [row] = await handle.db.transaction(async (tx) => {
      const rows = await tx.query<{ days: number; writable: boolean }>(
        `insert into public.partnerships (slug, name, reporting_currency) values ('trial-test', 'Trial', 'EUR')
         returning round(extract(epoch from trial_ends_at - now()) / 86400)::int as days,
                   private.partnership_is_writable(id) as writable`,
      );
      await tx.exec("delete from public.partnerships where slug = 'trial-test'");
      return rows;
    });
    expect(row).toEqual({ days: 30, writable: true });
  });
});
