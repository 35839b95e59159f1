/*
 * The webhook route's action, called with requests signed as Stripe signs them, against a seeded database
 * (PGlite, and PostgreSQL with TEST_DATABASE_URL). Nothing reaches Stripe.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { provideDatabase } from "~/db/database.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { ids } from "../support/rls";
import {
  checkoutSessionObject,
  eventObject,
  invoiceObject,
  signedWebhookRequest,
  stripeId,
  subscriptionObject,
} from "../support/stripe-fixtures";

const SECRET = "whsec_test_lodestone_webhook_secret";
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
const { action, loader } = await import("~/routes/api.stripe.webhook");

async function post(request: Request) {
  const response = await action({ request, params: {}, context: {} } as ActionFunctionArgs);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const deliver = (event: unknown) => post(signedWebhookRequest(event, SECRET));

describe.each(engines)("Stripe webhook on %s", (engine) => {
  let handle: TestDatabase;
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await handle.db.query<{ n: string }>(sql, params))[0]?.n ?? 0);
  const partnership = async (id = ids.pb) =>
    (
      await handle.db.query<{
        subscription_status: string;
        stripe_customer_id: string | null;
        stripe_subscription_id: string | null;
        current_period_end: Date | null;
        subscription_state_at: Date | null;
      }>(
        `select subscription_status, stripe_customer_id, stripe_subscription_id, current_period_end,
                subscription_state_at from public.partnerships where id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  it("answers 400 to a bad signature and writes nothing", async () => {
    const before = await count("select count(*) as n from public.audit_events");
    const event = eventObject(
      "customer.subscription.updated",
      subscriptionObject({
        id: stripeId("sub"),
        customer: stripeId("cus"),
        status: "active",
        partnershipId: ids.pb,
      }),
    );
    const forged = await post(signedWebhookRequest(event, "whsec_someone_else"));
    expect(forged.status).toBe(400);
    expect(forged.body).toMatchObject({ received: false });

    // A valid signature over another body: the payload was changed in transit.
    const signed = signedWebhookRequest(event, SECRET);
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify({ ...event, type: "customer.subscription.deleted" }),
    });
    expect((await post(tampered)).status).toBe(400);

    const unsigned = new Request("http://localhost/api/stripe/webhook", {
      method: "POST",
      body: JSON.stringify(event),
    });
    expect(await post(unsigned)).toMatchObject({ status: 400 });

    expect(await count("select count(*) as n from public.stripe_events")).toBe(0);
    expect(await count("select count(*) as n from public.audit_events")).toBe(before);
    expect((await partnership())?.subscription_status).toBe("trialing");
  });

  it("answers 405 JSON to a GET", async () => {
    const response = loader();
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ error: expect.any(String) });
  });

  it("applies the same event once, however often it is delivered", async () => {
    const customer = stripeId("cus");
    const sub = stripeId("sub");
    const event = eventObject(
      "customer.subscription.created",
      subscriptionObject({ id: sub, customer, status: "active", partnershipId: ids.pb }),
    );
    const first = await deliver(event);
    const auditAfterFirst = await count(
      "select count(*) as n from public.audit_events where table_name = 'partnerships' and row_id = $1",
      [ids.pb],
    );
    const second = await deliver(event);
    const third = await deliver(event);
    expect(first).toMatchObject({ status: 200, body: { received: true, outcome: "applied" } });
    expect(second).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
    expect(third.body).toMatchObject({ duplicate: true });
    expect(
      await count("select count(*) as n from public.stripe_events where id = $1", [event.id]),
    ).toBe(1);
    expect(
      await count(
        "select count(*) as n from public.audit_events where table_name = 'partnerships' and row_id = $1",
        [ids.pb],
      ),
    ).toBe(auditAfterFirst);
    expect(await partnership()).toMatchObject({
      subscription_status: "active",
      stripe_customer_id: customer,
      stripe_subscription_id: sub,
    });
  });

  it("keeps the right final state when subscription.deleted arrives before subscription.updated", async () => {
    const customer = (await partnership())?.stripe_customer_id ?? stripeId("cus");
    const sub = (await partnership())?.stripe_subscription_id ?? stripeId("sub");
    const t = Math.floor(Date.now() / 1000) + 100;
    const updated = eventObject(
      "customer.subscription.updated",
      subscriptionObject({ id: sub, customer, status: "past_due", partnershipId: ids.pb }),
      { created: t },
    );
    const deleted = eventObject(
      "customer.subscription.deleted",
      subscriptionObject({ id: sub, customer, status: "canceled", partnershipId: ids.pb }),
      { created: t + 60 },
    );
    expect((await deliver(deleted)).body).toMatchObject({ outcome: "applied" });
    expect((await deliver(updated)).body).toMatchObject({ outcome: "stale" });
    expect((await partnership())?.subscription_status).toBe("canceled");
    expect((await partnership())?.subscription_state_at?.getTime()).toBe((t + 60) * 1000);

    // A newer event (the customer resubscribed) does replace the terminal state.
    const resubscribed = stripeId("sub");
    await deliver(
      eventObject(
        "customer.subscription.created",
        subscriptionObject({ id: resubscribed, customer, status: "active", partnershipId: ids.pb }),
        { created: t + 120 },
      ),
    );
    expect(await partnership()).toMatchObject({
      subscription_status: "active",
      stripe_subscription_id: resubscribed,
    });
    // The old subscription's late deletion does not end the new one.
    await deliver(
      eventObject(
        "customer.subscription.deleted",
        subscriptionObject({ id: sub, customer, status: "canceled", partnershipId: ids.pb }),
        { created: t + 180 },
      ),
    );
    expect((await partnership())?.subscription_status).toBe("active");
  });

  it("answers 200 to an event type it does not handle and ignores it", async () => {
    const event = eventObject("customer.created", { id: stripeId("cus"), object: "customer" });
    const result = await deliver(event);
    expect(result).toMatchObject({ status: 200, body: { received: true, outcome: "ignored" } });
    const [row] = await handle.db.query<{ outcome: string }>(
      "select outcome from public.stripe_events where id = $1",
      [event.id],
    );
    expect(row?.outcome).toBe("ignored");
  });

  it("links the partnership to its customer when Checkout completes", async () => {
    const customer = stripeId("cus");
    await handle.db.query(
      "update public.partnerships set stripe_customer_id = null, stripe_subscription_id = null where id = $1",
      [ids.cm],
    );
    const sub = stripeId("sub");
    const result = await deliver(
      eventObject(
        "checkout.session.completed",
        checkoutSessionObject({
          partnershipId: ids.cm,
          customer,
          subscription: sub,
          status: "complete",
        }),
      ),
    );
    expect(result.body).toMatchObject({ outcome: "applied" });
    expect(await partnership(ids.cm)).toMatchObject({
      stripe_customer_id: customer,
      stripe_subscription_id: sub,
    });
  });

  describe("tranche invoices", () => {
    const tranche = ids.tranche(8); // requested, USD 15,000,000.00 from the United States (pledge 6)
    const invoiceFor = (
      id: string,
      status: "open" | "paid",
      amountPaid: number,
      amountDue = 1_500_000_000,
    ) =>
      invoiceObject({
        id,
        customer: "cus_usTreasury",
        status,
        amountDue,
        amountPaid,
        currency: "usd",
        metadata: { partnership_id: ids.cm, tranche_id: tranche, pledge_id: ids.pledge(6) },
      });
    /** Records the invoice as Lodestone does when it issues one (app/models/payments.server.ts). */
    const issue = (id: string, amountDue = 1_500_000_000, currency = "USD") =>
      handle.db.query(
        `insert into public.tranche_invoices (partnership_id, tranche_id, pledge_id, stripe_invoice_id,
           stripe_customer_id, amount_due_minor, currency, state_at)
         values ($1, $2, $3, $4, 'cus_usTreasury', $5, $6, now() - interval '1 hour')`,
        [ids.cm, tranche, ids.pledge(6), id, amountDue, currency],
      );
    const trancheState = async () =>
      (
        await handle.db.query<{ status: string; paid: string; pledge: string }>(
          `select t.status, coalesce((select sum(amount_minor) from public.tranche_payments
                  where tranche_id = t.id), 0) as paid, p.status as pledge
             from public.tranches t join public.pledges p on p.id = t.pledge_id where t.id = $1`,
          [tranche],
        )
      )[0];

    it("shows a partial payment as partially paid and keeps the tranche requested", async () => {
      const invoice = stripeId("in");
      await issue(invoice);
      await deliver(eventObject("invoice.finalized", invoiceFor(invoice, "open", 0)));
      await deliver(eventObject("invoice.updated", invoiceFor(invoice, "open", 500_000_000)));
      const [row] = await handle.db.query<{ status: string; amount_paid_minor: string }>(
        "select status, amount_paid_minor from public.tranche_invoices where stripe_invoice_id = $1",
        [invoice],
      );
      expect(row).toEqual({ status: "partially_paid", amount_paid_minor: "500000000" });
      expect(await trancheState()).toMatchObject({ status: "requested", paid: "0" });

      // A failed payment shows as such; it is not a payment.
      await deliver(
        eventObject("invoice.payment_failed", invoiceFor(invoice, "open", 500_000_000)),
      );
      const [failed] = await handle.db.query<{ status: string }>(
        "select status from public.tranche_invoices where stripe_invoice_id = $1",
        [invoice],
      );
      expect(failed?.status).toBe("payment_failed");
      await handle.db.query(
        "update public.tranche_invoices set status = 'void' where stripe_invoice_id = $1",
        [invoice],
      );
    });

    it("marks the tranche paid on invoice.paid, records the payment once, and ignores a late failure", async () => {
      const invoice = stripeId("in");
      await issue(invoice);
      const t = Math.floor(Date.now() / 1000);
      const paid = eventObject("invoice.paid", invoiceFor(invoice, "paid", 1_500_000_000), {
        created: t,
      });
      expect((await deliver(paid)).body).toMatchObject({ outcome: "applied" });
      expect((await deliver(paid)).body).toMatchObject({ duplicate: true });
      // Stripe may also announce the same payment under another event id.
      await deliver(
        eventObject("invoice.paid", invoiceFor(invoice, "paid", 1_500_000_000), { created: t + 1 }),
      );
      await deliver(
        eventObject("invoice.payment_failed", invoiceFor(invoice, "open", 0), { created: t - 30 }),
      );
      expect(await trancheState()).toEqual({
        status: "paid",
        paid: "1500000000",
        pledge: "disbursing",
      });
      const payments = await handle.db.query<{
        method: string;
        amount_minor: string;
        currency: string;
      }>(
        "select method, amount_minor, currency from public.tranche_payments where tranche_id = $1",
        [tranche],
      );
      expect(payments).toEqual([
        { method: "stripe_invoice", amount_minor: "1500000000", currency: "USD" },
      ]);
      const [invoiceRow] = await handle.db.query<{ status: string }>(
        "select status from public.tranche_invoices where stripe_invoice_id = $1",
        [invoice],
      );
      expect(invoiceRow?.status).toBe("paid");
    });

    it("ignores a payment in another currency than the invoice issued, and a subscription's own invoice", async () => {
      const issued = stripeId("in");
      await issue(issued, 100, "USD");
      const wrong = invoiceObject({
        id: issued,
        customer: "cus_usTreasury",
        status: "paid",
        amountDue: 100,
        currency: "eur",
        metadata: { tranche_id: ids.tranche(9) },
      });
      expect((await deliver(eventObject("invoice.paid", wrong))).body).toMatchObject({
        outcome: "ignored",
      });
      const subscriptionInvoice = invoiceObject({
        id: stripeId("in"),
        customer: "cus_x",
        status: "paid",
        amountDue: 49000,
        currency: "usd",
        subscription: "sub_renewal0002",
      });
      expect((await deliver(eventObject("invoice.paid", subscriptionInvoice))).body).toMatchObject({
        outcome: "ignored",
      });
      expect(
        await count("select count(*) as n from public.tranche_payments where tranche_id = $1", [
          ids.tranche(9),
        ]),
      ).toBe(0);
      expect(
        await count(
          "select count(*) as n from public.tranche_payments where stripe_invoice_id = $1",
          [issued],
        ),
      ).toBe(0);
    });
  });
});
