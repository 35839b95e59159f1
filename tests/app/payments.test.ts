/*
 * The billing and payments pages' loaders and actions, called with signed-in requests against a seeded
 * database, with the official Stripe library pointed at the local fixture server (STRIPE_API_BASE).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ids } from "../support/rls";
import { eventObject, invoiceObject, signedWebhookRequest } from "../support/stripe-fixtures";
import { startStripeServer } from "../support/stripe-server";
import { msg } from "~/i18n/message";
import { translate } from "~/i18n/i18n.server";

const stripe = await startStripeServer();
const WEBHOOK_SECRET = "whsec_payments_test_secret";
Object.assign(process.env, {
  JWT_SECRET: "payments-test-secret-payments-test-secret-0123",
  STRIPE_SECRET_KEY: "sk_test_lodestone_fixture",
  STRIPE_PRICE_ID: "price_test_lodestone_plan",
  STRIPE_API_BASE: stripe.url,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
});
const { getAuth } = await import("~/auth/auth.server");
const billing = await import("~/routes/p.$slug.billing");
const payments = await import("~/routes/p.$slug.payments");
const layout = await import("~/routes/p.$slug");
const webhook = await import("~/routes/api.stripe.webhook");

const SLUG = "critical-minerals";
const cookies = new Map<string, string>();
async function cookieFor(email: string) {
  if (!cookies.has(email)) {
    const result = await (
      await getAuth()
    ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
    if (!result.ok) throw new Error(`could not sign in ${email}`);
    cookies.set(email, cookieHeaderFrom(result.headers));
  }
  return cookies.get(email) ?? "";
}
const SECRETARIAT = "secretariat@demo.lodestone.example";
const DELEGATE_US = "delegate.us@demo.lodestone.example";
const DELEGATE_JP = "delegate.jp@demo.lodestone.example";

async function load<T>(
  module: { loader: (args: LoaderFunctionArgs) => Promise<Response> },
  email: string,
  path: string,
): Promise<{ status: number; data: T }> {
  try {
    const response = await module.loader({
      request: requestWithCookie(await cookieFor(email), `http://localhost${path}`),
      params: { slug: SLUG },
      context: { clientIp: "127.0.0.1" },
    });
    return { status: response.status, data: (await response.json()) as T };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: undefined as T };
    throw thrown;
  }
}

async function post(
  module: { action: (args: ActionFunctionArgs) => Promise<Response> },
  email: string,
  path: string,
  fields: Record<string, string>,
) {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      Cookie: await cookieFor(email),
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
  try {
    const response = await module.action({
      request,
      params: { slug: SLUG },
      context: { clientIp: "127.0.0.1" },
    });
    const body = response.headers.get("Content-Type")?.includes("json")
      ? await response.json()
      : null;
    return { status: response.status, location: response.headers.get("Location"), body };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: null, body: null };
    throw thrown;
  }
}

interface TrancheView {
  id: string;
  memberCode: string;
  state: string;
  status: string;
  paidMinor: string;
  invoiceStatus: string | null;
}
interface PaymentsView {
  tranches: TrancheView[];
  ledger: Array<{ method: string; amountMinor: string; reference: string }>;
  writable: boolean;
  stripe: boolean;
}

describe("billing and payments pages", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(async () => {
    await handle.dispose();
    await stripe.close();
  });

  describe("billing", () => {
    it("shows the secretariat the subscription state and is for the secretariat only", async () => {
      const page = await load<{ billing: Record<string, unknown> }>(
        billing,
        SECRETARIAT,
        `/p/${SLUG}/billing`,
      );
      expect(page.status).toBe(200);
      expect(page.data.billing).toMatchObject({
        status: "active",
        writable: true,
        hasCustomer: false,
        setup: { api: true, subscriptions: true, webhooks: true },
      });
      expect((await load(billing, DELEGATE_US, `/p/${SLUG}/billing`)).status).toBe(403);
    });

    it("sends the secretariat to Stripe Checkout for the configured price", async () => {
      stripe.requests.length = 0;
      const result = await post(billing, SECRETARIAT, `/p/${SLUG}/billing`, { intent: "checkout" });
      expect(result.status).toBe(302);
      expect(result.location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_/);
      const [call] = stripe.requests;
      expect(call).toMatchObject({
        method: "POST",
        path: "/v1/checkout/sessions",
        authorization: "Bearer sk_test_lodestone_fixture",
        body: {
          mode: "subscription",
          line_items: [{ price: "price_test_lodestone_plan", quantity: "1" }],
          client_reference_id: ids.cm,
          customer_email: SECRETARIAT,
          subscription_data: { metadata: { partnership_id: ids.cm } },
          success_url: `http://localhost/p/${SLUG}/billing?checkout=success`,
        },
      });
    });

    it("explains a refusal by Stripe instead of failing", async () => {
      stripe.failNext(400, "No such price: 'price_test_lodestone_plan'");
      const result = await post(billing, SECRETARIAT, `/p/${SLUG}/billing`, { intent: "checkout" });
      expect(result.status).toBe(409);
      expect(translate("en", result.body.error)).toBe(
        "Stripe refused the request: No such price: 'price_test_lodestone_plan'",
      );
    });

    it("opens the customer portal once Stripe has linked a customer", async () => {
      const before = await post(billing, SECRETARIAT, `/p/${SLUG}/billing`, { intent: "portal" });
      expect(before.status).toBe(409);
      expect(before.body).toEqual({ error: msg("billing.noCustomer") });
      expect(translate("en", before.body.error)).toBe(
        "There is no Stripe customer for this partnership yet: start a subscription first.",
      );
      const response = await webhook.action({
        request: signedWebhookRequest(
          eventObject("checkout.session.completed", {
            id: "cs_test_done",
            object: "checkout.session",
            mode: "subscription",
            client_reference_id: ids.cm,
            customer: "cus_cmSecretariat",
            subscription: "sub_cmPlan",
            metadata: { partnership_id: ids.cm },
          }),
          WEBHOOK_SECRET,
        ),
        params: {},
        context: { clientIp: "127.0.0.1" },
      });
      expect(response.status).toBe(200);
      stripe.requests.length = 0;
      const after = await post(billing, SECRETARIAT, `/p/${SLUG}/billing`, { intent: "portal" });
      expect(after.status).toBe(302);
      expect(after.location).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\//);
      expect(stripe.requests[0]).toMatchObject({
        path: "/v1/billing_portal/sessions",
        body: { customer: "cus_cmSecretariat", return_url: `http://localhost/p/${SLUG}/billing` },
      });
    });

    it("refuses an unknown intent with a 400, not a 500", async () => {
      const result = await post(billing, SECRETARIAT, `/p/${SLUG}/billing`, { intent: "delete" });
      expect(result.status).toBe(400);
    });
  });

  describe("payments", () => {
    const T8 = ids.tranche(8);

    it("lists the partnership's tranches for the secretariat and only their own for a delegate", async () => {
      const secretariat = await load<PaymentsView>(payments, SECRETARIAT, `/p/${SLUG}/payments`);
      expect(secretariat.status).toBe(200);
      expect(secretariat.data.tranches[0]).toMatchObject({ id: T8, state: "requested" });
      expect(new Set(secretariat.data.tranches.map((t) => t.memberCode)).size).toBeGreaterThan(3);
      const us = await load<PaymentsView>(payments, DELEGATE_US, `/p/${SLUG}/payments`);
      expect(new Set(us.data.tranches.map((t) => t.memberCode))).toEqual(new Set(["US"]));
      const jp = await load<PaymentsView>(payments, DELEGATE_JP, `/p/${SLUG}/payments`);
      expect(new Set(jp.data.tranches.map((t) => t.memberCode))).toEqual(new Set(["JP"]));
      expect(
        (await load(payments, "sponsor@demo.lodestone.example", `/p/${SLUG}/payments`)).status,
      ).toBe(403);
    });

    it("refuses bad input with field messages and keeps what was typed", async () => {
      const path = `/p/${SLUG}/payments`;
      const base = {
        intent: "record-transfer",
        trancheId: T8,
        reference: "FED-1",
        paidOn: "2026-11-20",
      };
      const decimals = await post(payments, SECRETARIAT, path, { ...base, amount: "100.001" });
      expect(decimals).toMatchObject({ status: 400, body: { values: { amount: "100.001" } } });
      expect(translate("en", decimals.body.errors.amount)).toBe(
        "USD has 2 decimal places at most.",
      );
      const over = await post(payments, SECRETARIAT, path, { ...base, amount: "15,000,000.01" });
      expect(translate("en", over.body.errors.amount)).toMatch(
        /more than is still due on this tranche \(US\$15,000,000\.00\)/,
      );
      const future = await post(payments, SECRETARIAT, path, {
        ...base,
        paidOn: "2199-12-31", // the last day a form takes, always in the future
        amount: "1",
      });
      expect(translate("en", future.body.errors.paidOn)).toBe(
        "A payment cannot be dated in the future.",
      );
      const scheduled = await post(payments, SECRETARIAT, path, {
        ...base,
        trancheId: ids.tranche(9),
        amount: "1",
      });
      expect(translate("en", scheduled.body.errors.trancheId)).toBe(
        "This tranche is “Scheduled”: only a requested tranche takes a payment.",
      );
      expect(translate("fr", scheduled.body.errors.trancheId)).toContain("« Prévue »");
      const missing = await post(payments, SECRETARIAT, path, { intent: "record-transfer" });
      expect(Object.keys(missing.body.errors).sort()).toEqual([
        "amount",
        "paidOn",
        "reference",
        "trancheId",
      ]);
      expect((await post(payments, DELEGATE_US, path, { ...base, amount: "1" })).status).toBe(403);
    });

    it("records a partial transfer, then the rest, and shows the tranche paid", async () => {
      const path = `/p/${SLUG}/payments`;
      const base = { intent: "record-transfer", trancheId: T8, paidOn: "2026-11-20" };
      const first = await post(payments, SECRETARIAT, path, {
        ...base,
        reference: "FED-2026-0001",
        amount: "5,000,000.00",
      });
      expect(first).toMatchObject({ status: 200 });
      expect(translate("en", first.body.notice)).toBe(
        "Recorded US$5,000,000.00 from United States: US$10,000,000.00 is still due.",
      );
      let page = await load<PaymentsView>(payments, SECRETARIAT, path);
      expect(page.data.tranches.find((t) => t.id === T8)).toMatchObject({
        state: "partially_paid",
        status: "requested",
        paidMinor: "500000000",
      });
      const rest = await post(payments, SECRETARIAT, path, {
        ...base,
        reference: "FED-2026-0002",
        amount: "10000000",
      });
      expect(translate("en", rest.body.notice)).toBe(
        "Recorded US$10,000,000.00 from United States: the tranche is paid.",
      );
      page = await load<PaymentsView>(payments, SECRETARIAT, path);
      expect(page.data.tranches.find((t) => t.id === T8)).toMatchObject({
        state: "paid",
        status: "paid",
      });
      expect(page.data.ledger.map((e) => [e.method, e.amountMinor, e.reference])).toEqual([
        ["bank_transfer", "1000000000", "FED-2026-0002"],
        ["bank_transfer", "500000000", "FED-2026-0001"],
      ]);
      const us = await load<PaymentsView>(payments, DELEGATE_US, path);
      expect(us.data.ledger).toHaveLength(2);
      const jp = await load<PaymentsView>(payments, DELEGATE_JP, path);
      expect(jp.data.ledger).toHaveLength(0);
    });

    it("issues a bank-transfer invoice through Stripe, and marks the tranche paid on invoice.paid", async () => {
      const T9 = ids.tranche(9); // USD 25,000,000.00 from the United States
      await handle.db.query("update public.tranches set status = 'requested' where id = $1", [T9]);
      stripe.requests.length = 0;
      const path = `/p/${SLUG}/payments`;
      const issued = await post(payments, SECRETARIAT, path, {
        intent: "issue-invoice",
        trancheId: T9,
      });
      expect(issued).toMatchObject({ status: 200 });
      expect(translate("en", issued.body.notice)).toBe(
        "Invoice for US$25,000,000.00 sent to United States (treasury.us@demo.lodestone.example).",
      );
      expect(stripe.requests.map((r) => r.path)).toEqual([
        "/v1/customers",
        "/v1/invoices",
        "/v1/invoiceitems",
        expect.stringMatching(/^\/v1\/invoices\/in_\w+\/finalize$/),
        expect.stringMatching(/^\/v1\/invoices\/in_\w+\/send$/),
      ]);
      const [customer, invoice, item] = stripe.requests;
      expect(customer?.body).toMatchObject({
        email: "treasury.us@demo.lodestone.example",
        name: "United States",
      });
      expect(invoice?.body).toMatchObject({
        currency: "usd",
        collection_method: "send_invoice",
        metadata: { tranche_id: T9, partnership_id: ids.cm, pledge_id: ids.pledge(6) },
        payment_settings: {
          payment_method_types: ["customer_balance"],
          payment_method_options: {
            customer_balance: {
              funding_type: "bank_transfer",
              bank_transfer: { type: "us_bank_transfer" },
            },
          },
        },
      });
      expect(item?.body).toMatchObject({ amount: "2500000000", currency: "usd" });
      expect(invoice?.idempotencyKey).toBe(`lodestone-tranche-${T9}-invoice-1`);

      const page = await load<PaymentsView>(payments, SECRETARIAT, path);
      expect(page.data.tranches.find((t) => t.id === T9)).toMatchObject({
        state: "invoiced",
        invoiceStatus: "open",
      });
      const again = await post(payments, SECRETARIAT, path, {
        intent: "issue-invoice",
        trancheId: T9,
      });
      expect(again.status).toBe(409);
      expect(translate("en", again.body.error)).toMatch(/already open/);

      const [row] = await handle.db.query<{ stripe_invoice_id: string; customer: string }>(
        `select ti.stripe_invoice_id, m.stripe_customer_id as customer from public.tranche_invoices ti
           join public.members m on m.id = $2 where ti.tranche_id = $1`,
        [T9, ids.member.US],
      );
      expect(row?.customer).toMatch(/^cus_/);
      const paid = await webhook.action({
        request: signedWebhookRequest(
          eventObject(
            "invoice.paid",
            invoiceObject({
              id: row?.stripe_invoice_id ?? "",
              customer: row?.customer ?? "",
              status: "paid",
              amountDue: 2_500_000_000,
              currency: "usd",
              metadata: { partnership_id: ids.cm, tranche_id: T9, pledge_id: ids.pledge(6) },
            }),
          ),
          WEBHOOK_SECRET,
        ),
        params: {},
        context: { clientIp: "127.0.0.1" },
      });
      expect(paid.status).toBe(200);
      const after = await load<PaymentsView>(payments, DELEGATE_US, path);
      expect(after.data.tranches.find((t) => t.id === T9)).toMatchObject({
        state: "paid",
        invoiceStatus: "paid",
      });
      expect(after.data.ledger[0]).toMatchObject({
        method: "stripe_invoice",
        amountMinor: "2500000000",
      });
    });

    it("explains why a tranche in a currency without Stripe bank transfers is not invoiced", async () => {
      const T6 = ids.tranche(6); // AUD, Australia
      await handle.db.query("update public.tranches set status = 'requested' where id = $1", [T6]);
      const result = await post(payments, SECRETARIAT, `/p/${SLUG}/payments`, {
        intent: "issue-invoice",
        trancheId: T6,
      });
      expect(result.status).toBe(409);
      expect(translate("en", result.body.error)).toMatch(/not AUD: record the transfer by hand/);
    });

    it("refuses writes once the partnership lapsed, with the clear message, while pages still load", async () => {
      await handle.db.query(
        `update public.partnerships set subscription_status = 'canceled', trial_ends_at = now() - interval '1 day'
          where id = $1`,
        [ids.cm],
      );
      try {
        const shell = await load<{ writable: boolean }>(layout, DELEGATE_US, `/p/${SLUG}`);
        expect(shell).toMatchObject({ status: 200, data: { writable: false } });
        const page = await load<PaymentsView>(payments, SECRETARIAT, `/p/${SLUG}/payments`);
        expect(page).toMatchObject({ status: 200, data: { writable: false } });
        const result = await post(payments, SECRETARIAT, `/p/${SLUG}/payments`, {
          intent: "record-transfer",
          trancheId: ids.tranche(6),
          reference: "RBA-1",
          paidOn: "2026-11-20",
          amount: "1",
        });
        expect(result.status).toBe(400);
        expect(result.body.errors.form).toBe(msg("billing.readOnly"));
        const invoice = await post(payments, SECRETARIAT, `/p/${SLUG}/payments`, {
          intent: "issue-invoice",
          trancheId: ids.tranche(6),
        });
        expect(invoice.status).toBe(402);
      } finally {
        await handle.db.query(
          "update public.partnerships set subscription_status = 'active' where id = $1",
          [ids.cm],
        );
      }
    });
  });
});
