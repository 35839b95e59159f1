/*
 * Stripe's webhook: answer its HTTP request, verify the signature on the raw body, store the event id once (a
 * replay or a duplicate changes nothing), then apply what the event says — keeping the newest state when
 * events arrive out of order. Everything runs in one transaction as service_role, the only role that writes
 * billing state.
 */
import { json } from "@remix-run/node";
import Stripe from "stripe";
import { getConfig } from "~/config.server";
import { getDatabase } from "~/db/database.server";
import type { Database, Queryable } from "~/db/engine.server";
import { runAsServiceRole } from "~/db/service-role.server";
import {
  invoiceEventWins,
  isSubscriptionStatus,
  subscriptionEventWins,
  trancheInvoiceStatus,
  type SubscriptionStatus,
  type TrancheInvoiceStatus,
} from "./rules";

export type Outcome = "applied" | "stale" | "ignored";

export interface WebhookResult {
  status: number;
  body: { received: boolean; duplicate?: boolean; outcome?: Outcome; error?: string };
}

/** The largest body accepted: Stripe's events are a few kilobytes. */
export const MAX_WEBHOOK_BYTES = 1_000_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CUSTOMER_ID = /^cus_[A-Za-z0-9]+$/;
const SUBSCRIPTION_ID = /^sub_[A-Za-z0-9]+$/;
const INVOICE_ID = /^in_[A-Za-z0-9_]+$/;

const idOf = (value: string | { id: string } | null | undefined): string | null =>
  typeof value === "string" ? value : (value?.id ?? null);
const asUuid = (value: unknown): string | null =>
  typeof value === "string" && UUID.test(value) ? value : null;
const matching = (value: string | null, pattern: RegExp): string | null =>
  value && pattern.test(value) ? value : null;
const fromUnix = (seconds: number | null | undefined): Date | null =>
  typeof seconds === "number" && Number.isFinite(seconds) ? new Date(seconds * 1000) : null;

/**
 * Verifies and applies one delivery. 400 for a missing or bad signature (nothing written); 200 for
 * everything verified, handled or not, duplicates included.
 * i18n-exempt: its answers are read by Stripe's servers and the operator, in English (ADR 090).
 */
export async function processStripeWebhook(
  db: Database,
  payload: string,
  signature: string | null,
  secret: string,
): Promise<WebhookResult> {
  if (!signature) {
    return { status: 400, body: { received: false, error: "Missing Stripe-Signature header." } };
  }
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(payload, signature, secret);
  } catch {
    return {
      status: 400,
      body: { received: false, error: "The Stripe signature does not match this payload." },
    };
  }
  const result = await runAsServiceRole(db, (tx) => handleStripeEvent(tx, event));
  return {
    status: 200,
    body:
      result === "duplicate"
        ? { received: true, duplicate: true }
        : { received: true, outcome: result },
  };
}

/** Applies a verified event inside the caller's service-role transaction; "duplicate" when seen before. */
export async function handleStripeEvent(
  tx: Queryable,
  event: Stripe.Event,
): Promise<Outcome | "duplicate"> {
  const stored = await tx.query(
    `insert into public.stripe_events (id, type, created, payload)
     values ($1, $2, to_timestamp($3), $4::jsonb)
     on conflict (id) do nothing returning id`,
    [event.id, event.type, event.created, JSON.stringify(event)],
  );
  if (stored.length === 0) return "duplicate";
  const outcome = await apply(tx, event);
  if (outcome !== "applied") {
    await tx.query("update public.stripe_events set outcome = $2 where id = $1", [
      event.id,
      outcome,
    ]);
  }
  return outcome;
}

function apply(tx: Queryable, event: Stripe.Event): Promise<Outcome> {
  const createdAt = new Date(event.created * 1000);
  switch (event.type) {
    case "checkout.session.completed":
      return applyCheckout(tx, event.data.object);
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return applySubscription(tx, event.data.object, createdAt);
    case "invoice.paid":
    case "invoice.payment_failed":
    case "invoice.updated":
    case "invoice.finalized":
    case "invoice.voided":
    case "invoice.marked_uncollectible":
      return applyInvoice(tx, event.data.object, event.type, createdAt);
    default:
      return Promise.resolve("ignored");
  }
}

/** A completed subscription Checkout links the partnership to its Stripe customer and subscription. */
async function applyCheckout(tx: Queryable, session: Stripe.Checkout.Session): Promise<Outcome> {
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

function periodEndOf(subscription: Stripe.Subscription): Date | null {
  // Since API version 2025-03-31 the period lives on the items; older endpoints send it on the subscription.
  const legacy = (subscription as { current_period_end?: number }).current_period_end;
  const itemEnds = (subscription.items?.data ?? [])
    .map((item) => (item as { current_period_end?: number }).current_period_end)
    .filter((end): end is number => typeof end === "number");
  const latest = itemEnds.length ? Math.max(...itemEnds) : legacy;
  return fromUnix(latest);
}

/** Keeps the newest subscription state on the partnership (ordering rules in ./rules.ts). */
async function applySubscription(
  tx: Queryable,
  subscription: Stripe.Subscription,
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

interface TrancheRow {
  id: string;
  pledge_id: string;
  partnership_id: string;
  currency: string;
}

interface InvoiceRow {
  id: string;
  status: TrancheInvoiceStatus;
  state_at: Date;
  amount_paid_minor: string;
}

/**
 * Invoices issued for tranches (metadata.tranche_id) update the tranche invoice's state; a paid one adds its
 * payment to the ledger once (unique Stripe invoice id), and enough payments mark the tranche paid. Other
 * invoices (the subscription's own) carry nothing the subscription events do not.
 */
async function applyInvoice(
  tx: Queryable,
  invoice: Stripe.Invoice,
  eventType: string,
  createdAt: Date,
): Promise<Outcome> {
  const trancheId = asUuid(invoice.metadata?.tranche_id);
  const invoiceId = matching(invoice.id ?? null, INVOICE_ID);
  if (!trancheId || !invoiceId) return "ignored";
  const [tranche] = await tx.query<TrancheRow>(
    `select t.id, t.pledge_id, t.partnership_id, p.currency
       from public.tranches t join public.pledges p on p.id = t.pledge_id
      where t.id = $1`,
    [trancheId],
  );
  const currency = (invoice.currency ?? "").toUpperCase();
  if (!tranche || tranche.currency.trim() !== currency) return "ignored";
  if (!Number.isSafeInteger(invoice.amount_due) || !Number.isSafeInteger(invoice.amount_paid)) {
    return "ignored";
  }
  const status = trancheInvoiceStatus(invoice, eventType);
  const amountPaid = BigInt(invoice.amount_paid);

  const [kept] = await tx.query<InvoiceRow>(
    `select id, status, state_at, amount_paid_minor from public.tranche_invoices
      where stripe_invoice_id = $1 for update`,
    [invoiceId],
  );
  let outcome: Outcome = "applied";
  if (!kept) {
    if (invoice.amount_due <= 0) return "ignored";
    await tx.query(
      `insert into public.tranche_invoices (partnership_id, tranche_id, pledge_id, stripe_invoice_id,
         stripe_customer_id, status, amount_due_minor, amount_paid_minor, currency, hosted_invoice_url, state_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (stripe_invoice_id) do nothing`,
      [
        tranche.partnership_id,
        tranche.id,
        tranche.pledge_id,
        invoiceId,
        idOf(invoice.customer),
        status,
        invoice.amount_due,
        invoice.amount_paid,
        currency,
        httpsOrNull(invoice.hosted_invoice_url),
        createdAt,
      ],
    );
  } else if (
    invoiceEventWins(
      { status: kept.status, stateAt: kept.state_at, amountPaid: BigInt(kept.amount_paid_minor) },
      { status, createdAt, amountPaid },
    )
  ) {
    await tx.query(
      `update public.tranche_invoices
          set status = $2, amount_paid_minor = $3, state_at = $4,
              hosted_invoice_url = coalesce($5, hosted_invoice_url)
        where id = $1`,
      [kept.id, status, invoice.amount_paid, createdAt, httpsOrNull(invoice.hosted_invoice_url)],
    );
  } else {
    outcome = "stale";
  }

  if (status === "paid" && amountPaid > 0n) {
    const paidAt = fromUnix(invoice.status_transitions?.paid_at) ?? createdAt;
    const inserted = await tx.query(
      `insert into public.tranche_payments (partnership_id, tranche_id, pledge_id, amount_minor, currency,
         method, reference, paid_on, stripe_invoice_id)
       values ($1, $2, $3, $4, $5, 'stripe_invoice', $6, ($7::timestamptz at time zone 'UTC')::date, $8)
       on conflict (stripe_invoice_id) do nothing returning id`,
      [
        tranche.partnership_id,
        tranche.id,
        tranche.pledge_id,
        invoice.amount_paid,
        currency,
        `Stripe invoice ${invoice.number ?? invoiceId}`,
        paidAt,
        invoiceId,
      ],
    );
    if (inserted.length) outcome = "applied";
  }
  return outcome;
}

function httpsOrNull(url: string | null | undefined): string | null {
  return typeof url === "string" && url.startsWith("https://") ? url : null;
}

/**
 * The webhook endpoint: raw body in, JSON out (400 bad signature, 200 for every verified event).
 * i18n-exempt: its answers are read by Stripe's servers and the operator, in English (ADR 090).
 */
export async function receiveStripeWebhook(request: Request): Promise<Response> {
  if (request.method !== "POST") {
    return json(
      { error: "Stripe posts webhooks here." },
      { status: 405, headers: { Allow: "POST" } },
    );
  }
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
  const result = await processStripeWebhook(
    await getDatabase(),
    payload,
    request.headers.get("stripe-signature"),
    secret,
  );
  return json(result.body, { status: result.status });
}
