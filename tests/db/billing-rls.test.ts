/*
 * Row-level security and rules of the billing tables: stripe_events (service role only), tranche_payments
 * (the ledger), tranche_invoices and billing_anomalies. Each case runs as a demo user in a rolled-back
 * transaction.
 */
import { runAsServiceRole } from "~/db/service-role.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import {
  attempt,
  DENIED,
  expectOutcome,
  ids,
  rolledBack,
  type Actor,
  type Outcome,
} from "../support/rls";

const T8 = ids.tranche(8); // requested, USD 1,500,000,000 cents, United States (pledge 6)
const T9 = ids.tranche(9); // scheduled, same pledge
const PAYMENT = `insert into public.tranche_payments (id, partnership_id, tranche_id, pledge_id, amount_minor,
  currency, method, paid_on, reference, stripe_invoice_id) values
  ('${ids.fresh(1)}', '${ids.cm}', '${T8}', '${ids.pledge(6)}', 500000000, 'USD', 'stripe_invoice',
   '2026-11-20', 'Stripe invoice LDS-1', 'in_seededPayment1')`;
const INVOICE = `insert into public.tranche_invoices (id, partnership_id, tranche_id, pledge_id, stripe_invoice_id,
  amount_due_minor, currency) values ('${ids.fresh(2)}', '${ids.cm}', '${T8}', '${ids.pledge(6)}',
  'in_seededInvoice1', 1500000000, 'USD')`;
const SETUP = `${PAYMENT}; ${INVOICE}`;

const transfer = (amount: string, tranche = T8, extra = "'bank_transfer', '2026-11-20'") =>
  `insert into public.tranche_payments (partnership_id, tranche_id, pledge_id, amount_minor, currency, method,
     paid_on, reference) values ('${ids.cm}', '${tranche}', '${ids.pledge(6)}', ${amount}, 'USD', ${extra},
     'FED-2026-1127') returning id, recorded_by`;

describe.each(engines)("billing tables on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  const visible: Array<[Actor, Outcome]> = [
    ["secretariat", 1],
    ["delegateUs", 1],
    ["delegateJp", 0],
    ["sponsor", 0],
    ["observer", 0],
    ["pacificSecretariat", 0],
    ["anon", DENIED],
  ];

  it.each(visible)("tranche_payments: select as %s → %s", async (actor, outcome) => {
    const result = await attempt(
      handle.db,
      actor,
      "select id from public.tranche_payments",
      [],
      SETUP,
    );
    expectOutcome(result, outcome);
  });

  it.each(visible)("tranche_invoices: select as %s → %s", async (actor, outcome) => {
    const result = await attempt(
      handle.db,
      actor,
      "select id from public.tranche_invoices",
      [],
      SETUP,
    );
    expectOutcome(result, outcome);
  });

  it.each(["secretariat", "delegateUs", "observer", "anon"] as const)(
    "stripe_events: %s reads and writes nothing",
    async (actor) => {
      const setup = `insert into public.stripe_events (id, type, created, payload)
        values ('evt_seeded1', 'invoice.paid', now(), '{}')`;
      expectOutcome(
        await attempt(handle.db, actor, "select id from public.stripe_events", [], setup),
        DENIED,
      );
      expectOutcome(
        await attempt(
          handle.db,
          actor,
          "insert into public.stripe_events (id, type, created, payload) values ('evt_x', 'x', now(), '{}')",
        ),
        DENIED,
      );
    },
  );

  describe("billing_anomalies (ADR 068)", () => {
    // An invoice paid that Lodestone never issued, billed to the United States' Stripe customer.
    const ANOMALY = `insert into public.stripe_events (id, type, created, payload)
        values ('evt_trapAnomaly', 'invoice.paid', now(), '{}');
      update public.members set stripe_customer_id = 'cus_usTreasury' where id = '${ids.member.US}';
      insert into public.billing_anomalies (partnership_id, kind, stripe_event_id, stripe_invoice_id,
        stripe_customer_id, amount_minor, currency, occurred_at)
      values ('${ids.cm}', 'unknown_invoice_paid', 'evt_trapAnomaly', 'in_trapAnomaly', 'cus_usTreasury',
        1500000000, 'USD', now())`;

    it.each([
      ["secretariat", 1],
      ["delegateUs", 0],
      ["delegateJp", 0],
      ["observer", 0],
      ["pacificSecretariat", 0],
    ] as const)(
      "are counted only by the secretariat, even by the government billed (%s → %s)",
      async (actor, n) => {
        const result = await attempt(
          handle.db,
          actor,
          // An aggregate and a join to the ledger: no way round the policy.
          `select count(*)::int as n, sum(a.amount_minor) as total,
                  count(tp.id)::int as booked
             from public.billing_anomalies a
             left join public.tranche_payments tp on tp.stripe_invoice_id = a.stripe_invoice_id`,
          [],
          ANOMALY,
        );
        expect("rows" in result ? result.rows[0] : result.error).toEqual({
          n,
          total: n ? "1500000000" : null,
          booked: 0,
        });
      },
    );

    it("leave nothing in the audit trail and are written by the service role only", async () => {
      expectOutcome(
        await attempt(
          handle.db,
          "secretariat",
          "select id from public.audit_events where table_name = 'billing_anomalies'",
          [],
          ANOMALY,
        ),
        0,
      );
      const rollback = new Error("rollback");
      let written: unknown;
      await runAsServiceRole(handle.db, async (tx) => {
        await tx.exec(ANOMALY.replace(/update[^;]*;/, ""));
        written = await tx.query(
          "select count(*)::int as n from public.billing_anomalies where stripe_invoice_id = 'in_trapAnomaly'",
        );
        throw rollback;
      }).catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
      expect(written).toEqual([{ n: 1 }]);
    });
  });

  it("lets the secretariat record a bank transfer, stamped with who recorded it", async () => {
    const result = await attempt(handle.db, "secretariat", transfer("500000000"));
    expectOutcome(result, 1);
    expect("rows" in result ? result.rows[0]?.recorded_by : result.error).toBe(
      "d0000000-0000-4000-8000-000000000001",
    );
  });

  it.each([
    ["a delegate", "delegateUs", transfer("100"), DENIED],
    ["the observer", "observer", transfer("100"), DENIED],
    ["another partnership's secretariat", "pacificSecretariat", transfer("100"), DENIED],
    [
      "a Stripe payment by hand",
      "secretariat",
      transfer("100", T8, "'stripe_invoice', '2026-11-20'"),
      /recorded by Stripe's webhook, not by hand/,
    ],
    ["more than is due", "secretariat", transfer("1500000001"), /more than is still due/],
    ["a scheduled tranche", "secretariat", transfer("100", T9), /Only a requested tranche/],
    [
      "a payment dated in the future",
      "secretariat",
      transfer("100", T8, "'bank_transfer', current_date + 1"),
      /cannot be dated in the future/,
    ],
    [
      "another currency than the pledge's",
      "secretariat",
      transfer("100").replace("'USD'", "'EUR'"),
      /pledge's currency \(USD\)/,
    ],
    [
      "a tranche of another pledge",
      "secretariat",
      transfer("100", ids.tranche(12)),
      /violates foreign key|row-level security/,
    ],
  ] as const)("refuses %s", async (_name, actor, sql, outcome) => {
    expectOutcome(await attempt(handle.db, actor as Actor, sql), outcome as Outcome);
  });

  it("counts earlier payments: the remainder may be paid, not more", async () => {
    expectOutcome(await attempt(handle.db, "secretariat", transfer("1000000000"), [], PAYMENT), 1);
    expectOutcome(
      await attempt(handle.db, "secretariat", transfer("1000000001"), [], PAYMENT),
      /more than is still due/,
    );
  });

  it("keeps the ledger append-only for members", async () => {
    for (const sql of [
      `update public.tranche_payments set amount_minor = 1 where id = '${ids.fresh(1)}' returning id`,
      `delete from public.tranche_payments where id = '${ids.fresh(1)}' returning id`,
      `update public.tranche_invoices set status = 'paid' where id = '${ids.fresh(2)}' returning id`,
    ]) {
      expectOutcome(await attempt(handle.db, "secretariat", sql, [], SETUP), DENIED);
    }
  });

  it("marks the tranche paid and advances the pledge once payments cover it; a partial payment does not", async () => {
    const state = `select t.status, t.paid_at, t.payment_reference, p.status as pledge
                   from public.tranches t join public.pledges p on p.id = t.pledge_id where t.id = '${T8}'`;
    const [partial, full] = await rolledBack(handle.db, "secretariat", async (tx) => {
      await tx.query(transfer("500000000"));
      const afterPartial = (await tx.query(state))[0];
      await tx.query(transfer("1000000000"));
      return [afterPartial, (await tx.query(state))[0]];
    });
    expect(partial).toMatchObject({ status: "requested", pledge: "committed", paid_at: null });
    expect(full).toMatchObject({
      status: "paid",
      payment_reference: "FED-2026-1127",
      pledge: "disbursing",
    });
    expect((full?.paid_at as Date).toISOString()).toBe("2026-11-20T00:00:00.000Z");
  });

  it("records one payment per Stripe invoice for the service role, on any tranche state", async () => {
    const insert = `insert into public.tranche_payments (partnership_id, tranche_id, pledge_id, amount_minor,
      currency, method, paid_on, reference, stripe_invoice_id) values ('${ids.cm}', '${T9}', '${ids.pledge(6)}',
      2500000000, 'USD', 'stripe_invoice', current_date, 'Stripe invoice X', 'in_once1')
      on conflict (stripe_invoice_id) do nothing returning id`;
    const rollback = new Error("rollback");
    let outcome: unknown;
    await runAsServiceRole(handle.db, async (tx) => {
      const first = await tx.query(insert);
      const second = await tx.query(insert);
      const [tranche] = await tx.query<{ status: string }>(
        "select status from public.tranches where id = $1",
        [T9],
      );
      outcome = { first: first.length, second: second.length, tranche: tranche?.status };
      throw rollback;
    }).catch((error) => {
      if (error !== rollback) throw error;
    });
    // The money arrived: a Stripe payment settles a scheduled tranche too.
    expect(outcome).toEqual({ first: 1, second: 0, tranche: "paid" });
  });
});
