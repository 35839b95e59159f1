/*
 * Issue 17 against Stripe's webhook: events signed with the right secret but malformed (a bad id, a created
 * that is not a number, no data, an invoice whose amounts are not whole numbers…) answer 400 and write nothing,
 * not even the event id; an invoice.paid for an invoice Lodestone never issued is recorded as an anomaly the
 * secretariat sees on the Payments page, never as a payment. Both engines; nothing reaches Stripe.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import Stripe from "stripe";
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { changedTables, digest } from "../support/digest";
import { ids } from "../support/rls";
import {
  eventObject,
  invoiceObject,
  stripeId,
  subscriptionObject,
} from "../support/stripe-fixtures";

const SECRET = "whsec_test_malformed_events_secret";
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
process.env.JWT_SECRET = "webhook-malformed-test-secret-webhook-malformed";
const webhook = await import("~/routes/api.stripe.webhook");
const payments = await import("~/routes/p.$slug.payments");
const { getAuth } = await import("~/auth/auth.server");

const TRANCHE = ids.tranche(8); // requested: US$15,000,000.00 from the United States (pledge 6)

async function deliverRaw(payload: string) {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
  const request = new Request("http://localhost/api/stripe/webhook", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: payload,
  });
  const response = await webhook.action({ request, params: {}, context: {} } as ActionFunctionArgs);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const deliver = (event: unknown) => deliverRaw(JSON.stringify(event));

const paidInvoice = (overrides: Record<string, unknown> = {}, id = stripeId("in")) => ({
  ...invoiceObject({
    id,
    customer: "cus_usTreasury",
    status: "paid",
    amountDue: 1_500_000_000,
    currency: "usd",
    metadata: { partnership_id: ids.cm, tranche_id: TRANCHE, pledge_id: ids.pledge(6) },
  }),
  ...overrides,
});
const subscription = () =>
  subscriptionObject({ id: stripeId("sub"), customer: stripeId("cus"), status: "active" });
const event = (type: string, object: unknown) => eventObject(type, object);
const without = (key: string) => {
  const value: Record<string, unknown> = { ...event("invoice.paid", paidInvoice()) };
  delete value[key];
  return value;
};

/** Signed, and malformed: each must answer 400 and leave every table as it was. */
const MALFORMED: Array<[string, string]> = [
  ["an id with spaces", JSON.stringify({ ...event("invoice.paid", paidInvoice()), id: "evt 1 2" })],
  ["a numeric id", JSON.stringify({ ...event("invoice.paid", paidInvoice()), id: 42 })],
  [
    "an id of another kind",
    JSON.stringify({ ...event("invoice.paid", paidInvoice()), id: "ch_1" }),
  ],
  ["no id", JSON.stringify(without("id"))],
  [
    "a created that is a word",
    JSON.stringify({ ...event("invoice.paid", paidInvoice()), created: "yesterday" }),
  ],
  [
    "a created with a fraction",
    JSON.stringify({ ...event("invoice.paid", paidInvoice()), created: 1.5 }),
  ],
  [
    "a created beyond any date",
    JSON.stringify({ ...event("invoice.paid", paidInvoice()), created: 1e15 }),
  ],
  ["no created", JSON.stringify(without("created"))],
  ["no data", JSON.stringify(without("data"))],
  ["data that is text", JSON.stringify({ ...event("invoice.paid", paidInvoice()), data: "x" })],
  [
    "data without its object",
    JSON.stringify({ ...event("invoice.paid", paidInvoice()), data: {} }),
  ],
  ["no type", JSON.stringify(without("type"))],
  ["a numeric type", JSON.stringify({ ...event("invoice.paid", paidInvoice()), type: 7 })],
  ["an array", "[]"],
  ["null", "null"],
  ["not JSON", "invoice.paid for in_123"],
  [
    "an amount paid as text",
    JSON.stringify(event("invoice.paid", paidInvoice({ amount_paid: "1500000000" }))),
  ],
  [
    "an amount paid beyond int8",
    JSON.stringify(event("invoice.paid", paidInvoice({ amount_paid: 1e30 }))),
  ],
  ["a negative amount due", JSON.stringify(event("invoice.paid", paidInvoice({ amount_due: -5 })))],
  ["a numeric currency", JSON.stringify(event("invoice.paid", paidInvoice({ currency: 840 })))],
  ["metadata that is text", JSON.stringify(event("invoice.paid", paidInvoice({ metadata: "x" })))],
  [
    "an invoice id with a NUL",
    JSON.stringify(event("invoice.paid", paidInvoice({ id: "in_1\u0000" }))),
  ],
  [
    "a paid_at that is a word",
    JSON.stringify(
      event("invoice.paid", paidInvoice({ status_transitions: { paid_at: "today" } })),
    ),
  ],
  [
    "an invoice event carrying a subscription",
    JSON.stringify(event("invoice.paid", subscription())),
  ],
  [
    "a subscription status that is a number",
    JSON.stringify(event("customer.subscription.updated", { ...subscription(), status: 5 })),
  ],
  [
    "subscription items that are text",
    JSON.stringify(event("customer.subscription.updated", { ...subscription(), items: "x" })),
  ],
  [
    "a trial end that is a word",
    JSON.stringify(
      event("customer.subscription.updated", { ...subscription(), trial_end: "soon" }),
    ),
  ],
];

describe.each(engines)("malformed Stripe events on %s", (engine) => {
  let handle: TestDatabase;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await handle.db.query<{ n: string }>(sql, params))[0]?.n ?? 0);

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
    (globalThis as { __lodestoneAuth?: unknown }).__lodestoneAuth = undefined;
  });
  afterAll(() => handle.dispose());

  it.each(MALFORMED)(
    "answers 400 to a signed event with %s and writes nothing",
    async (_, payload) => {
      const before = await digest(handle.db);
      const answer = await deliverRaw(payload);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ received: false });
      expect(answer.body.error).toEqual(expect.any(String));
      expect(changedTables(before, await digest(handle.db))).toEqual([]);
    },
  );

  it("answers 400 to a post without a signature, and writes nothing", async () => {
    // (Checked before the configuration: tests/e2e/fuzz.spec.ts sees it on a server without Stripe.)
    const before = await digest(handle.db);
    const request = new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(event("invoice.paid", paidInvoice())),
    });
    const response = await webhook.action({
      request,
      params: {},
      context: {},
    } as ActionFunctionArgs);
    expect(response.status).toBe(400);
    expect(changedTables(before, await digest(handle.db))).toEqual([]);
  });

  describe("an invoice.paid for an invoice Lodestone never issued", () => {
    async function cookieFor(email: string) {
      const result = await (
        await getAuth()
      ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
      if (!result.ok) throw new Error(`could not sign in ${email}`);
      return cookieHeaderFrom(result.headers);
    }
    async function anomaliesSeenBy(email: string) {
      const request = new Request("http://localhost/p/critical-minerals/payments", {
        headers: { Cookie: await cookieFor(email) },
      });
      const response = await payments.loader({
        request,
        params: { slug: "critical-minerals" },
        context: { clientIp: "127.0.0.1" },
      } as LoaderFunctionArgs);
      const data = JSON.parse(await response.text()) as {
        anomalies: Array<Record<string, unknown>>;
      };
      return data.anomalies;
    }

    it("is recorded as an anomaly for the secretariat, not as a payment", async () => {
      const paymentsBefore = await count("select count(*) as n from public.tranche_payments");
      const invoice = stripeId("in");
      const paid = event("invoice.paid", paidInvoice({ number: "FORGED-0001" }, invoice));
      expect(await deliver(paid)).toEqual({
        status: 200,
        body: { received: true, outcome: "anomaly" },
      });
      // A replay changes nothing: one anomaly, still no payment.
      expect((await deliver(paid)).body).toMatchObject({ duplicate: true });

      expect(await count("select count(*) as n from public.tranche_payments")).toBe(paymentsBefore);
      expect(
        await count(
          "select count(*) as n from public.tranche_invoices where stripe_invoice_id = $1",
          [invoice],
        ),
      ).toBe(0);
      const [tranche] = await handle.db.query<{ status: string }>(
        "select status from public.tranches where id = $1",
        [TRANCHE],
      );
      expect(tranche?.status).toBe("requested");
      const rows = await handle.db.query<Record<string, unknown>>(
        `select partnership_id, kind, stripe_event_id, stripe_invoice_id, invoice_number, stripe_customer_id,
                amount_minor, currency from public.billing_anomalies where stripe_invoice_id = $1`,
        [invoice],
      );
      expect(rows).toEqual([
        {
          partnership_id: ids.cm,
          kind: "unknown_invoice_paid",
          stripe_event_id: paid.id,
          stripe_invoice_id: invoice,
          invoice_number: "FORGED-0001",
          stripe_customer_id: "cus_usTreasury",
          amount_minor: "1500000000",
          currency: "USD",
        },
      ]);
      const [stored] = await handle.db.query<{ outcome: string }>(
        "select outcome from public.stripe_events where id = $1",
        [paid.id],
      );
      expect(stored?.outcome).toBe("anomaly");

      // The secretariat sees it on the Payments page; the paying government's delegate does not.
      expect(await anomaliesSeenBy("secretariat@demo.lodestone.example")).toEqual([
        expect.objectContaining({
          stripeInvoiceId: invoice,
          invoiceNumber: "FORGED-0001",
          amountMinor: "1500000000",
          currency: "USD",
          kind: "unknown_invoice_paid",
        }),
      ]);
      expect(await anomaliesSeenBy("delegate.us@demo.lodestone.example")).toEqual([]);
    });

    it("is recorded for nobody's secretariat when nothing says whose it is", async () => {
      const invoice = stripeId("in");
      const stray = invoiceObject({
        id: invoice,
        customer: "cus_strangerNobodyKnows",
        status: "paid",
        amountDue: 700,
        currency: "eur",
      });
      expect((await deliver(event("invoice.paid", stray))).body).toMatchObject({
        outcome: "anomaly",
      });
      const [row] = await handle.db.query<{ partnership_id: string | null }>(
        "select partnership_id from public.billing_anomalies where stripe_invoice_id = $1",
        [invoice],
      );
      expect(row).toEqual({ partnership_id: null });
      expect(
        (await anomaliesSeenBy("secretariat@demo.lodestone.example")).map((a) => a.stripeInvoiceId),
      ).not.toContain(invoice);
    });

    it("leaves a subscription's own invoice alone, and an unpaid unknown invoice too", async () => {
      const before = await count("select count(*) as n from public.billing_anomalies");
      const renewal = invoiceObject({
        id: stripeId("in"),
        customer: "cus_x",
        status: "paid",
        amountDue: 49000,
        currency: "usd",
        subscription: "sub_renewal0001",
      });
      expect((await deliver(event("invoice.paid", renewal))).body).toMatchObject({
        outcome: "ignored",
      });
      const finalized = paidInvoice({ status: "open", amount_paid: 0 });
      expect((await deliver(event("invoice.finalized", finalized))).body).toMatchObject({
        outcome: "ignored",
      });
      expect(await count("select count(*) as n from public.billing_anomalies")).toBe(before);
      expect(
        await count(
          "select count(*) as n from public.tranche_invoices where stripe_invoice_id = $1",
          [finalized.id],
        ),
      ).toBe(0);
    });
  });
});
