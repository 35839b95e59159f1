/*
 * Stripe's webhook: answer its HTTP request, verify the signature on the raw body, check the event's shape
 * (./events.ts: a malformed one is a 400, nothing written), store the event id once (a replay or a duplicate
 * changes nothing), then apply what the event says — keeping the newest state when events arrive out of order,
 * and recording what Lodestone cannot account for (an invoice it never issued, paid) as an anomaly for the
 * secretariat instead of a payment (ADR 068). Everything runs in one transaction as service_role, the only
 * role that writes billing state.
 */
import { json } from "@remix-run/node";
import Stripe from "stripe";
import { getConfig } from "~/config.server";
import { getDatabase } from "~/db/database.server";
import type { Database, Queryable } from "~/db/engine.server";
import { refusalOf } from "~/db/errors";
import { runAsServiceRole } from "~/db/service-role.server";
import {
  isSubscriptionInvoice,
  readStripeEvent,
  type HandledEvent,
  type StripeCheckoutSession,
  type StripeEvent,
  type StripeInvoice,
  type StripeSubscription,
} from "./events";
import {
  invoiceEventWins,
  isSubscriptionStatus,
  subscriptionEventWins,
  trancheInvoiceStatus,
  type SubscriptionStatus,
  type TrancheInvoiceStatus,
} from "./rules";

export type Outcome = "applied" | "stale" | "ignored" | "anomaly";

export interface WebhookResult {
  status: number;
  body: { received: boolean; duplicate?: boolean; outcome?: Outcome; error?: string };
}

/** The largest body accepted: Stripe's events are a few kilobytes. */
export const MAX_WEBHOOK_BYTES = 1_000_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CUSTOMER_ID = /^cus_[A-Za-z0-9]+$/;
const SUBSCRIPTION_ID = /^sub_[A-Za-z0-9]+$/;

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === "string" ? value : (value?.id ?? null);
const CUSTOMER_ID_LOOSE = /^cus_[A-Za-z0-9_]+$/;
const asUuid = (value: unknown): string | null =>
  typeof value === "string" && UUID.test(value) ? value : null;
const matching = (value: string | null, pattern: RegExp): string | null =>
  value && pattern.test(value) ? value : null;
const fromUnix = (seconds: number | null | undefined): Date | null =>
  typeof seconds === "number" && Number.isFinite(seconds) ? new Date(seconds * 1000) : null;

// i18n-exempt: read by Stripe's servers and the operator, in English (ADR 090).
const MISSING_SIGNATURE: WebhookResult = {
  status: 400,
  body: { received: false, error: "Missing Stripe-Signature header." },
};

/**
 * Verifies and applies one delivery. 400 for a missing or bad signature, for a payload that is not a
 * well-formed event, and for a value the database cannot hold (nothing written, not even the event id); 200
 * for everything else verified, handled or not, duplicates included.
 * i18n-exempt: its answers are read by Stripe's servers and the operator, in English (ADR 090).
 */
export async function processStripeWebhook(
  db: Database,
  payload: string,
  signature: string | null,
  secret: string,
): Promise<WebhookResult> {
  if (!signature) return MISSING_SIGNATURE;
  let payloadJson: unknown;
  try {
    payloadJson = Stripe.webhooks.constructEvent(payload, signature, secret);
  } catch (error) {
    // Verified first, then parsed: a signed body that is not JSON is malformed, not forged.
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
      return malformed("not JSON");
    }
    return {
      status: 400,
      body: { received: false, error: "The Stripe signature does not match this payload." },
    };
  }
  const read = readStripeEvent(payloadJson);
  if (!read.ok) return malformed(read.problem);
  let result: Outcome | "duplicate";
  try {
    result = await runAsServiceRole(db, (tx) => applyStripeEvent(tx, read.value));
  } catch (error) {
    // A value no column can hold (SQLSTATE class 22) got past the shape: the transaction rolled back.
    if (refusalOf(error)?.kind === "malformed") return malformed(refusalOf(error)?.message ?? "");
    throw error;
  }
  return {
    status: 200,
    body:
      result === "duplicate"
        ? { received: true, duplicate: true }
        : { received: true, outcome: result },
  };
}

// i18n-exempt: read by Stripe's servers and the operator, in English (ADR 090).
function malformed(problem: string): WebhookResult {
  return {
    status: 400,
    body: {
      received: false,
      error: `Not a well-formed Stripe event (${problem}): nothing was recorded.`,
    },
  };
}

/**
 * Applies a verified event inside the caller's service-role transaction; "duplicate" when seen before. Throws
 * a TypeError for a malformed event: the webhook answers those 400 before (readStripeEvent).
 */
export function handleStripeEvent(tx: Queryable, event: unknown): Promise<Outcome | "duplicate"> {
  const read = readStripeEvent(event);
  if (!read.ok) throw new TypeError(`Not a well-formed Stripe event (${read.problem}).`);
  return applyStripeEvent(tx, read.value);
}

async function applyStripeEvent(
  tx: Queryable,
  handled: HandledEvent,
): Promise<Outcome | "duplicate"> {
  const { event } = handled;
  const stored = await tx.query(
    `insert into public.stripe_events (id, type, created, payload)
     values ($1, $2, to_timestamp($3), $4::jsonb)
     on conflict (id) do nothing returning id`,
    [event.id, event.type, event.created, JSON.stringify(event)],
  );
  if (stored.length === 0) return "duplicate";
  const outcome = await apply(tx, handled);
  if (outcome !== "applied") {
    await tx.query("update public.stripe_events set outcome = $2 where id = $1", [
      event.id,
      outcome,
    ]);
  }
  return outcome;
}

function apply(tx: Queryable, handled: HandledEvent): Promise<Outcome> {
  const createdAt = new Date(handled.event.created * 1000);
  switch (handled.kind) {
    case "checkout":
      return applyCheckout(tx, handled.object);
    case "subscription":
      return applySubscription(tx, handled.object, createdAt);
    case "invoice":
      return applyInvoice(tx, handled.event, handled.object, createdAt);
    default:
      return Promise.resolve("ignored");
  }
}

/** A completed subscription Checkout links the partnership to its Stripe customer and subscription. */
async function applyCheckout(tx: Queryable, session: StripeCheckoutSession): Promise<Outcome> {
  if (session.mode !== "subscription") return "ignored";
  const partnershipId =
    asUuid(session.client_reference_id) ?? asUuid(session.metadata?.partnership_id);
  const customer = matching(idOf(session.customer), CUSTOMER_ID);
  const subscription = matching(idOf(session.subscription), SUBSCRIPTION_ID);
  if (!partnershipId || !customer) return "ignored";
  const rows = await tx.query(
    `update public.partnerships
        set stripe_customer_id = coalesce(stripe_customer_id, $2),
            stripe_subscription_id = coalesce(stripe_subscription_id, $3)
      where id = $1
        and not exists (select 1 from public.partnerships o where o.stripe_customer_id = $2 and o.id <> $1)
      returning id`,
    [partnershipId, customer, subscription],
  );
  return rows.length ? "applied" : "ignored";
}

interface KeptRow {
  id: string;
  stripe_subscription_id: string | null;
  subscription_status: SubscriptionStatus;
  subscription_state_at: Date | null;
}

function periodEndOf(subscription: StripeSubscription): Date | null {
  // Since API version 2025-03-31 the period lives on the items; older endpoints send it on the subscription.
  const legacy = subscription.current_period_end;
  const itemEnds = (subscription.items?.data ?? [])
    .map((item) => item.current_period_end)
    .filter((end): end is number => typeof end === "number");
  const latest = itemEnds.length ? Math.max(...itemEnds) : legacy;
  return fromUnix(latest);
}

/** Keeps the newest subscription state on the partnership (ordering rules in ./rules.ts). */
async function applySubscription(
  tx: Queryable,
  subscription: StripeSubscription,
  createdAt: Date,
): Promise<Outcome> {
  const status = subscription.status;
  const subscriptionId = matching(subscription.id, SUBSCRIPTION_ID);
  if (!isSubscriptionStatus(status) || !subscriptionId) return "ignored";
  const customer = matching(idOf(subscription.customer), CUSTOMER_ID);
  const [kept] = await tx.query<KeptRow>(
    `select id, stripe_subscription_id, subscription_status, subscription_state_at
       from public.partnerships
      where id = $1::uuid or stripe_subscription_id = $2 or stripe_customer_id = $3
      order by id = $1::uuid desc, stripe_subscription_id = $2 desc nulls last
      limit 1
      for update`,
    [asUuid(subscription.metadata?.partnership_id), subscriptionId, customer],
  );
  if (!kept) return "ignored";
  const wins = subscriptionEventWins(
    {
      subscriptionId: kept.stripe_subscription_id,
      status: kept.subscription_status,
      stateAt: kept.subscription_state_at,
    },
    { subscriptionId, status, createdAt },
  );
  if (!wins) return "stale";
  await tx.query(
    `update public.partnerships
        set subscription_status = $2,
            stripe_subscription_id = $3,
            stripe_customer_id = case
              when stripe_customer_id is null and not exists (
                select 1 from public.partnerships o where o.stripe_customer_id = $4 and o.id <> $1)
              then $4 else stripe_customer_id end,
            current_period_end = $5,
            cancel_at_period_end = $6,
            trial_ends_at = case when $2 = 'trialing' and $7::timestamptz is not null
                                 then $7::timestamptz else trial_ends_at end,
            subscription_state_at = $8
      where id = $1`,
    [
      kept.id,
      status,
      subscriptionId,
      customer,
      periodEndOf(subscription),
      Boolean(subscription.cancel_at_period_end),
      fromUnix(subscription.trial_end),
      createdAt,
    ],
  );
  return "applied";
}

/** The invoice as Lodestone issued it (app/models/payments.server.ts), with the state Stripe last reported. */
interface IssuedInvoiceRow {
  id: string;
  partnership_id: string;
  tranche_id: string;
  pledge_id: string;
  currency: string;
  status: TrancheInvoiceStatus;
  state_at: Date;
  amount_paid_minor: string;
}

/**
 * An invoice Lodestone issued for a tranche (a tranche_invoices row) takes the state Stripe reports; a paid
 * one adds its payment to the ledger once (unique Stripe invoice id), and enough payments mark the tranche
 * paid. The tranche is the one Lodestone issued the invoice for, never what the event's metadata says. An
 * invoice Lodestone never issued changes nothing (unissuedInvoice).
 */
async function applyInvoice(
  tx: Queryable,
  event: StripeEvent,
  invoice: StripeInvoice,
  createdAt: Date,
): Promise<Outcome> {
  const [issued] = await tx.query<IssuedInvoiceRow>(
    `select id, partnership_id, tranche_id, pledge_id, trim(currency) as currency, status, state_at,
            amount_paid_minor
       from public.tranche_invoices where stripe_invoice_id = $1 for update`,
    [invoice.id],
  );
  if (!issued) return unissuedInvoice(tx, event, invoice, createdAt);
  const currency = invoice.currency.toUpperCase();
  if (issued.currency !== currency) return "ignored";
  const status = trancheInvoiceStatus(invoice, event.type);
  const amountPaid = BigInt(invoice.amount_paid);

  let outcome: Outcome = "stale";
  if (
    invoiceEventWins(
      {
        status: issued.status,
        stateAt: issued.state_at,
        amountPaid: BigInt(issued.amount_paid_minor),
      },
      { status, createdAt, amountPaid },
    )
  ) {
    await tx.query(
      `update public.tranche_invoices
          set status = $2, amount_paid_minor = $3, state_at = $4,
              hosted_invoice_url = coalesce($5, hosted_invoice_url)
        where id = $1`,
      [issued.id, status, invoice.amount_paid, createdAt, httpsOrNull(invoice.hosted_invoice_url)],
    );
    outcome = "applied";
  }

  if (status === "paid" && amountPaid > 0n) {
    const paidAt = fromUnix(invoice.status_transitions?.paid_at) ?? createdAt;
    const inserted = await tx.query(
      `insert into public.tranche_payments (partnership_id, tranche_id, pledge_id, amount_minor, currency,
         method, reference, paid_on, stripe_invoice_id)
       values ($1, $2, $3, $4, $5, 'stripe_invoice', $6, ($7::timestamptz at time zone 'UTC')::date, $8)
       on conflict (stripe_invoice_id) do nothing returning id`,
      [
        issued.partnership_id,
        issued.tranche_id,
        issued.pledge_id,
        invoice.amount_paid,
        currency,
        `Stripe invoice ${invoice.number ?? invoice.id}`,
        paidAt,
        invoice.id,
      ],
    );
    if (inserted.length) outcome = "applied";
  }
  return outcome;
}

/**
 * An invoice Lodestone has no record of issuing. Paid, it is not a payment: it is recorded as an anomaly for
 * the secretariat of the partnership it points at (once per invoice), and Stripe gets a 200 so it stops
 * retrying. Unpaid, or a subscription's own invoice (covered by the subscription events), it changes nothing.
 */
async function unissuedInvoice(
  tx: Queryable,
  event: StripeEvent,
  invoice: StripeInvoice,
  createdAt: Date,
): Promise<Outcome> {
  const paid = trancheInvoiceStatus(invoice, event.type) === "paid" && invoice.amount_paid > 0;
  if (!paid || isSubscriptionInvoice(invoice)) return "ignored";
  const customer = matching(idOf(invoice.customer), CUSTOMER_ID_LOOSE);
  const currency = invoice.currency.toUpperCase();
  await tx.query(
    `insert into public.billing_anomalies (partnership_id, kind, stripe_event_id, stripe_invoice_id,
       invoice_number, stripe_customer_id, amount_minor, currency, occurred_at)
     values ($1, 'unknown_invoice_paid', $2, $3, $4, $5, $6,
             case when private.is_currency_code($7) then $7 end, $8)
     on conflict (stripe_invoice_id, kind) do nothing`,
    [
      await partnershipOfInvoice(tx, invoice, customer),
      event.id,
      invoice.id,
      invoice.number ?? null,
      customer,
      invoice.amount_paid,
      currency,
      createdAt,
    ],
  );
  return "anomaly";
}

/**
 * The partnership an invoice points at, for whose secretariat an anomaly is: the tranche its metadata names,
 * else the government or the partnership billed (its Stripe customer), else the partnership its metadata
 * names; null when none of them is known.
 */
async function partnershipOfInvoice(
  tx: Queryable,
  invoice: StripeInvoice,
  customer: string | null,
): Promise<string | null> {
  const trancheId = asUuid(invoice.metadata?.tranche_id);
  const partnershipId = asUuid(invoice.metadata?.partnership_id);
  const rows = await tx.query<{ source: number; partnership_id: string }>(
    `select 1 as source, partnership_id from public.tranches where id = $1::uuid
     union all
     select distinct 2, partnership_id from public.members where stripe_customer_id = $2
     union all
     select 3, id from public.partnerships where stripe_customer_id = $2
     union all
     select 4, id from public.partnerships where id = $3::uuid
     order by 1`,
    [trancheId, customer, partnershipId],
  );
  for (const source of [1, 2, 3, 4]) {
    const found = rows.filter((row) => row.source === source);
    // A customer billed in two partnerships says nothing about which one this is.
    if (found.length === 1) return found[0]?.partnership_id ?? null;
  }
  return null;
}

function httpsOrNull(url: string | null | undefined): string | null {
  return typeof url === "string" && url.startsWith("https://") ? url : null;
}

/**
 * The webhook endpoint: raw body in, JSON out (400 for no or a bad signature and for a malformed event, 503
 * while STRIPE_WEBHOOK_SECRET is not set, so Stripe retries; 200 for every verified event).
 * i18n-exempt: its answers are read by Stripe's servers and the operator, in English (ADR 090).
 */
export async function receiveStripeWebhook(request: Request): Promise<Response> {
  if (request.method !== "POST") {
    return json(
      { error: "Stripe posts webhooks here." },
      { status: 405, headers: { Allow: "POST" } },
    );
  }
  // Without a signature it is not Stripe: a 400 whether or not this server is configured for Stripe.
  const signature = request.headers.get("stripe-signature");
  if (!signature) return json(MISSING_SIGNATURE.body, { status: MISSING_SIGNATURE.status });
  const secret = getConfig().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    // Stripe retries 5xx answers for three days: events wait until the server is configured.
    return json(
      { error: "Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET)." },
      { status: 503 },
    );
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_WEBHOOK_BYTES) {
    return json({ error: "The payload is too large for a Stripe event." }, { status: 413 });
  }
  const payload = await request.text();
  if (payload.length > MAX_WEBHOOK_BYTES) {
    return json({ error: "The payload is too large for a Stripe event." }, { status: 413 });
  }
  const result = await processStripeWebhook(await getDatabase(), payload, signature, secret);
  return json(result.body, { status: result.status });
}
