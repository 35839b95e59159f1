/*
 * The partnership's subscription as pages see it, and the secretariat's Checkout and portal redirects. Reads
 * run as the signed-in user under RLS; only the webhook writes billing state, as service_role, in
 * app/billing/webhook.server.ts (which also answers Stripe's HTTP request).
 */
import type { MemberContext } from "~/auth/auth.server";
import { trialDaysLeft, writableUntil, type SubscriptionStatus } from "~/billing/rules";
import { createPortalSession, createSubscriptionCheckout } from "~/billing/stripe-calls.server";
import {
  getStripe,
  stripeFailureMessage,
  stripeSetup,
  type StripeSetup,
} from "~/billing/stripe.server";
import { getConfig } from "~/config.server";
import { msg } from "~/i18n/message";

export interface BillingState {
  status: SubscriptionStatus;
  /** ISO timestamps (JSON-safe). */
  trialEndsAt: string | null;
  trialDaysLeft: number;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  hasCustomer: boolean;
  /** What the database enforces (private.partnership_is_writable). */
  writable: boolean;
  explanation: string;
  setup: StripeSetup;
}

interface BillingRow {
  status: SubscriptionStatus;
  trial_ends_at: Date | null;
  current_period_end: Date | null;
  cancel_at_period_end: boolean;
  has_customer: boolean;
  writable: boolean;
}

/** The subscription as of `now`: the trial's days left and the explanation read it. */
export async function getBillingState(
  { user, partnership }: MemberContext,
  now: Date,
): Promise<BillingState> {
  const [row] = await user.db((tx) =>
    tx.query<BillingRow>(
      `select p.subscription_status as status,
              coalesce(p.trial_ends_at, p.created_at + interval '30 days') as trial_ends_at,
              p.current_period_end, p.cancel_at_period_end,
              p.stripe_customer_id is not null as has_customer,
              private.partnership_is_writable(p.id) as writable
         from public.partnerships p where p.id = $1`,
      [partnership.id],
    ),
  );
  if (!row) throw new Response(msg("errors.notFound"), { status: 404 });
  const explained = writableUntil(
    {
      status: row.status,
      trialEndsAt: row.trial_ends_at,
      currentPeriodEnd: row.current_period_end,
    },
    now,
  );
  return {
    status: row.status,
    trialEndsAt: row.trial_ends_at?.toISOString() ?? null,
    trialDaysLeft: trialDaysLeft(row.trial_ends_at, now),
    currentPeriodEnd: row.current_period_end?.toISOString() ?? null,
    cancelAtPeriodEnd: row.cancel_at_period_end,
    hasCustomer: row.has_customer,
    writable: row.writable,
    explanation: explained.writable === row.writable ? explained.why : "",
    setup: stripeSetup(),
  };
}

/** Whether the partnership accepts writes now (the layout's banner and write controls). */
export async function isPartnershipWritable({
  user,
  partnership,
}: MemberContext): Promise<boolean> {
  const [row] = await user.db((tx) =>
    tx.query<{ writable: boolean }>("select private.partnership_is_writable($1) as writable", [
      partnership.id,
    ]),
  );
  return row?.writable ?? true;
}

export type RedirectOutcome = { ok: true; url: string } | { ok: false; message: string };

async function customerOf({ user, partnership }: MemberContext): Promise<string | null> {
  const [row] = await user.db((tx) =>
    tx.query<{ stripe_customer_id: string | null }>(
      "select stripe_customer_id from public.partnerships where id = $1",
      [partnership.id],
    ),
  );
  return row?.stripe_customer_id ?? null;
}

/** The Checkout page where the secretariat subscribes (Stripe creates the customer and subscription). */
export async function startSubscriptionCheckout(
  context: MemberContext,
  origin: string,
): Promise<RedirectOutcome> {
  const config = getConfig();
  const stripe = getStripe(config);
  if (!stripe || !config.STRIPE_PRICE_ID) {
    return {
      ok: false,
      message: msg("billing.stripeNotSetUp"),
    };
  }
  try {
    const url = await createSubscriptionCheckout(stripe, {
      partnershipId: context.partnership.id,
      priceId: config.STRIPE_PRICE_ID,
      customerId: await customerOf(context),
      email: context.user.email,
      returnUrl: `${origin}/p/${context.partnership.slug}/billing`,
    });
    return { ok: true, url };
  } catch (error) {
    return { ok: false, message: stripeFailureMessage(error) };
  }
}

/** Stripe's customer portal for the partnership's customer (change plan, card, cancel, invoices). */
export async function openCustomerPortal(
  context: MemberContext,
  origin: string,
): Promise<RedirectOutcome> {
  const stripe = getStripe();
  if (!stripe) {
    return {
      ok: false,
      message: msg("billing.stripeNotSetUp"),
    };
  }
  const customerId = await customerOf(context);
  if (!customerId) {
    return {
      ok: false,
      message: msg("billing.noCustomer"),
    };
  }
  try {
    const url = await createPortalSession(stripe, {
      customerId,
      returnUrl: `${origin}/p/${context.partnership.slug}/billing`,
    });
    return { ok: true, url };
  } catch (error) {
    return { ok: false, message: stripeFailureMessage(error) };
  }
}
