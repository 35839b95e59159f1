/*
 * Property: whatever order Stripe delivers events in, and however often, the ledger holds exactly one
 * payment per distinct paid invoice Lodestone issued, every paid invoice it never issued is one billing
 * anomaly and no payment (ADR 068), and the subscription ends in the state of the newest event. 1,000 random
 * histories per engine, each applied through the real handler and SQL inside one service-role transaction
 * that is rolled back afterwards.
 */
import fc from "fast-check";
import { handleStripeEvent } from "~/billing/webhook.server";
import type { Queryable } from "~/db/engine.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { ids } from "../support/rls";
import { eventObject, invoiceObject, subscriptionObject } from "../support/stripe-fixtures";

const RUNS = 1000;

// USD tranches of live pledges (the United States' pledges 6 and 7): amounts in cents.
const TRANCHES = [
  { id: ids.tranche(8), pledge: ids.pledge(6), amount: 1_500_000_000 },
  { id: ids.tranche(9), pledge: ids.pledge(6), amount: 2_500_000_000 },
  { id: ids.tranche(11), pledge: ids.pledge(7), amount: 2_000_000_000 },
];
const STATUSES = ["trialing", "active", "past_due", "unpaid", "canceled"] as const;
const RANK: Record<(typeof STATUSES)[number], number> = {
  trialing: 1,
  active: 2,
  past_due: 3,
  unpaid: 4,
  canceled: 5,
};
const SUBSCRIPTION = "sub_propertyTest0001";
const CUSTOMER = "cus_propertyTest0001";

const invoiceArb = fc.record({
  tranche: fc.integer({ min: 0, max: TRANCHES.length - 1 }),
  amount: fc.integer({ min: 1, max: 1_500_000_000 }),
  paid: fc.boolean(),
  failedFirst: fc.boolean(),
  partial: fc.boolean(),
  // Extra deliveries of invoice.paid under new event ids.
  repaid: fc.integer({ min: 0, max: 2 }),
  // Issued by Lodestone (a tranche_invoices row before any event), or made elsewhere in Stripe.
  issued: fc.boolean(),
});
const subscriptionEventArb = fc.record({
  status: fc.constantFrom(...STATUSES),
  // Small range: ties in `created` (one-second resolution) happen often.
  created: fc.integer({ min: 0, max: 6 }),
});

const historyArb = fc
  .record({
    invoices: fc.array(invoiceArb, { minLength: 1, maxLength: 4 }),
    subscription: fc.array(subscriptionEventArb, { minLength: 1, maxLength: 5 }),
    duplicates: fc.array(fc.nat(), { maxLength: 6 }),
    seed: fc.integer(),
  })
  .map(({ invoices, subscription, duplicates, seed }) => {
    const base = 1_800_000_000;
    const events: Array<ReturnType<typeof eventObject>> = [];
    const issued: Array<{ id: string; tranche: (typeof TRANCHES)[number]; amount: number }> = [];
    let expectedLedger = 0;
    let expectedAnomalies = 0;
    invoices.forEach((spec, n) => {
      const tranche = TRANCHES[spec.tranche] ?? TRANCHES[0]!;
      const id = `in_property${seed >>> 0}x${n}`;
      const metadata = {
        partnership_id: ids.cm,
        tranche_id: tranche.id,
        pledge_id: tranche.pledge,
      };
      const invoice = (status: "open" | "paid", amountPaid: number) =>
        invoiceObject({
          id,
          customer: "cus_usTreasury",
          status,
          amountDue: spec.amount,
          amountPaid,
          currency: "usd",
          metadata,
        });
      if (spec.issued) issued.push({ id, tranche, amount: spec.amount });
      let t = base + n * 10;
      events.push(eventObject("invoice.finalized", invoice("open", 0), { created: t++ }));
      if (spec.partial && spec.amount > 1) {
        events.push(
          eventObject("invoice.updated", invoice("open", Math.floor(spec.amount / 2)), {
            created: t++,
          }),
        );
      }
      if (spec.failedFirst) {
        events.push(eventObject("invoice.payment_failed", invoice("open", 0), { created: t++ }));
      }
      if (spec.paid) {
        if (spec.issued) expectedLedger += spec.amount;
        else expectedAnomalies += 1;
        for (let i = 0; i <= spec.repaid; i += 1) {
          events.push(
            eventObject("invoice.paid", invoice("paid", spec.amount), { created: t + i }),
          );
        }
      }
    });
    let newest: { status: (typeof STATUSES)[number]; created: number } | null = null;
    for (const spec of subscription) {
      events.push(
        eventObject(
          spec.status === "canceled"
            ? "customer.subscription.deleted"
            : "customer.subscription.updated",
          subscriptionObject({
            id: SUBSCRIPTION,
            customer: CUSTOMER,
            status: spec.status,
            partnershipId: ids.pb,
          }),
          { created: base + spec.created },
        ),
      );
      if (
        !newest ||
        spec.created > newest.created ||
        (spec.created === newest.created && RANK[spec.status] >= RANK[newest.status])
      ) {
        newest = { status: spec.status, created: spec.created };
      }
    }
    // Replays: the very same event (same id) delivered again.
    for (const pick of duplicates) events.push(events[pick % events.length]!);
    return {
      events,
      issued,
      expectedLedger,
      expectedAnomalies,
      expectedStatus: newest?.status ?? "trialing",
    };
  });

const ROLLBACK = new Error("rollback");

async function replay(
  tx: Queryable,
  issued: Array<{ id: string; tranche: (typeof TRANCHES)[number]; amount: number }>,
  events: unknown[],
) {
  await tx.query(
    "select set_config('role', 'service_role', true), set_config('request.jwt.claims', $1, true)",
    [JSON.stringify({ role: "service_role" })],
  );
  // What Lodestone records when it issues an invoice (app/models/payments.server.ts), before Stripe's events.
  for (const invoice of issued) {
    await tx.query(
      `insert into public.tranche_invoices (partnership_id, tranche_id, pledge_id, stripe_invoice_id,
         stripe_customer_id, amount_due_minor, currency, state_at)
       values ($1, $2, $3, $4, 'cus_usTreasury', $5, 'USD', to_timestamp(1799999000))`,
      [ids.cm, invoice.tranche.id, invoice.tranche.pledge, invoice.id, invoice.amount],
    );
  }
  for (const event of events) await handleStripeEvent(tx, event);
  const [state] = await tx.query<{
    ledger: string;
    payments: number;
    anomalies: number;
    status: string;
  }>(
    `select coalesce((select sum(amount_minor) from public.tranche_payments where method = 'stripe_invoice'), 0)
              as ledger,
            (select count(*)::int from public.tranche_payments where method = 'stripe_invoice') as payments,
            (select count(*)::int from public.billing_anomalies) as anomalies,
            (select subscription_status from public.partnerships where id = $1) as status`,
    [ids.pb],
  );
  return state!;
}

describe.each(engines)("webhook histories on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  it(`keeps the ledger equal to the distinct paid invoices and the newest subscription state (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.infiniteStream(fc.nat()), async (history, order) => {
        // Shuffle deliveries with the generated stream (shrinkable, reproducible).
        const keyed = history.events.map((event) => ({ event, key: order.next().value }));
        const shuffled = keyed.sort((a, b) => a.key - b.key).map((k) => k.event);
        let result: Awaited<ReturnType<typeof replay>> | undefined;
        await handle.db
          .transaction(async (tx) => {
            result = await replay(tx, history.issued, shuffled);
            throw ROLLBACK;
          })
          .catch((error) => {
            if (error !== ROLLBACK) throw error;
          });
        const issuedIds = new Set(history.issued.map((invoice) => invoice.id));
        const distinctPaid = new Set(
          history.events
            .filter((e) => e.type === "invoice.paid")
            .map((e) => (e.data.object as { id: string }).id)
            .filter((id) => issuedIds.has(id)),
        );
        expect(result?.ledger).toBe(String(history.expectedLedger));
        expect(result?.payments).toBe(distinctPaid.size);
        expect(result?.anomalies).toBe(history.expectedAnomalies);
        expect(result?.status).toBe(history.expectedStatus);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
