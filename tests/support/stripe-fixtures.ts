/*
 * Stripe objects for offline tests, shaped after Stripe's own example objects (customer, subscription,
 * invoice, checkout session, portal session, invoice item, event, as Stripe's API reference shows them), with
 * the fields Lodestone reads set from the test's arguments. Webhook requests are signed with Stripe's own
 * `generateTestHeaderString`, exactly as Stripe signs them.
 */
import Stripe from "stripe";

let counter = 0;
/** A Stripe-looking id: prefix + 24 alphanumerics, unique within the test process. */
export function stripeId(prefix: string): string {
  counter += 1;
  return `${prefix}_test${String(counter).padStart(6, "0")}${Math.random().toString(36).slice(2, 14).padEnd(12, "x")}`.replace(
    /[^A-Za-z0-9_]/g,
    "x",
  );
}

const now = () => Math.floor(Date.now() / 1000);

export function customerObject(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: stripeId("cus"),
    object: "customer",
    address: null,
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: null,
    invoice_prefix: "7FE1103",
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
    ...overrides,
  };
}

export interface SubscriptionFixture {
  id: string;
  customer: string;
  status: string;
  partnershipId?: string;
  periodEnd?: number;
  trialEnd?: number | null;
  cancelAtPeriodEnd?: boolean;
  priceId?: string;
}

export function subscriptionObject(input: SubscriptionFixture) {
  const start = now() - 86_400;
  const periodEnd = input.periodEnd ?? start + 30 * 86_400;
  return {
    id: input.id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { enabled: false, liability: null, disabled_reason: null },
    billing_cycle_anchor: start,
    billing_cycle_anchor_config: null,
    cancel_at: input.cancelAtPeriodEnd ? periodEnd : null,
    cancel_at_period_end: input.cancelAtPeriodEnd ?? false,
    canceled_at: input.status === "canceled" ? now() : null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: "charge_automatically",
    created: start,
    currency: "usd",
    customer: input.customer,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: input.status === "canceled" ? now() : null,
    invoice_settings: { account_tax_ids: null, issuer: { type: "self" } },
    items: {
      object: "list",
      data: [
        {
          id: stripeId("si"),
          object: "subscription_item",
          created: start,
          current_period_start: start,
          current_period_end: periodEnd,
          discounts: [],
          metadata: {},
          price: {
            id: input.priceId ?? "price_test_lodestone_plan",
            object: "price",
            active: true,
            billing_scheme: "per_unit",
            created: start,
            currency: "usd",
            livemode: false,
            lookup_key: null,
            metadata: {},
            nickname: null,
            product: "prod_test_lodestone",
            recurring: {
              interval: "month",
              interval_count: 1,
              meter: null,
              usage_type: "licensed",
              trial_period_days: null,
            },
            tax_behavior: "unspecified",
            tiers_mode: null,
            transform_quantity: null,
            type: "recurring",
            unit_amount: 49000,
            unit_amount_decimal: "49000",
          },
          quantity: 1,
          subscription: input.id,
          tax_rates: [],
        },
      ],
      has_more: false,
      url: `/v1/subscription_items?subscription=${input.id}`,
    },
    latest_invoice: null,
    livemode: false,
    metadata: input.partnershipId ? { partnership_id: input.partnershipId } : {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: start,
    status: input.status,
    test_clock: null,
    transfer_data: null,
    trial_end: input.trialEnd ?? null,
    trial_settings: { end_behavior: { missing_payment_method: "create_invoice" } },
    trial_start: input.trialEnd ? start : null,
  };
}

export interface InvoiceFixture {
  id: string;
  customer: string;
  status: "draft" | "open" | "paid" | "void" | "uncollectible";
  amountDue: number;
  amountPaid?: number;
  currency: string;
  metadata?: Record<string, string>;
  number?: string | null;
  paidAt?: number | null;
  /** A subscription's own invoice (Stripe sets its parent and billing reason). */
  subscription?: string;
}

export function invoiceObject(input: InvoiceFixture) {
  const amountPaid = input.amountPaid ?? (input.status === "paid" ? input.amountDue : 0);
  const created = now() - 3600;
  return {
    id: input.id,
    object: "invoice",
    account_country: "US",
    account_name: "Lodestone Secretariat",
    account_tax_ids: null,
    amount_due: input.amountDue,
    amount_overpaid: 0,
    amount_paid: amountPaid,
    amount_remaining: input.amountDue - amountPaid,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: input.status !== "draft",
    auto_advance: false,
    automatic_tax: { enabled: false, liability: null, status: null, disabled_reason: null },
    automatically_finalizes_at: null,
    billing_reason: input.subscription ? "subscription_cycle" : "manual",
    collection_method: input.subscription ? "charge_automatically" : "send_invoice",
    created,
    currency: input.currency.toLowerCase(),
    custom_fields: null,
    customer: input.customer,
    customer_address: null,
    customer_email: "treasury@demo.lodestone.example",
    customer_name: null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: "Lodestone tranche",
    discounts: [],
    due_date: created + 30 * 86_400,
    effective_at: input.status === "draft" ? null : created,
    ending_balance: input.status === "draft" ? null : 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url:
      input.status === "draft" ? null : `https://invoice.stripe.com/i/acct_test/${input.id}`,
    invoice_pdf:
      input.status === "draft" ? null : `https://pay.stripe.com/invoice/acct_test/${input.id}/pdf`,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: "list", data: [], has_more: false, url: `/v1/invoices/${input.id}/lines` },
    livemode: false,
    metadata: input.metadata ?? {},
    next_payment_attempt: null,
    number: input.number ?? (input.status === "draft" ? null : `LDS-${input.id.slice(-6)}`),
    on_behalf_of: null,
    parent: input.subscription
      ? {
          type: "subscription_details",
          quote_details: null,
          subscription_details: { metadata: {}, subscription: input.subscription },
        }
      : null,
    payment_settings: {
      default_mandate: null,
      payment_method_options: {
        customer_balance: {
          bank_transfer: { type: "us_bank_transfer" },
          funding_type: "bank_transfer",
        },
      },
      payment_method_types: ["customer_balance"],
    },
    period_end: created,
    period_start: created,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: input.status,
    status_transitions: {
      finalized_at: input.status === "draft" ? null : created,
      marked_uncollectible_at: input.status === "uncollectible" ? now() : null,
      paid_at: input.status === "paid" ? (input.paidAt ?? now()) : null,
      voided_at: input.status === "void" ? now() : null,
    },
    subtotal: input.amountDue,
    subtotal_excluding_tax: input.amountDue,
    test_clock: null,
    total: input.amountDue,
    total_discount_amounts: [],
    total_excluding_tax: input.amountDue,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: created,
  };
}

export function checkoutSessionObject(input: {
  id?: string;
  partnershipId: string;
  customer: string | null;
  subscription: string | null;
  status?: "open" | "complete" | "expired";
  mode?: "subscription" | "payment";
}) {
  const id = input.id ?? stripeId("cs");
  return {
    id,
    object: "checkout.session",
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: 49000,
    amount_total: 49000,
    automatic_tax: { enabled: false, liability: null, status: null },
    billing_address_collection: null,
    cancel_url: "http://localhost/p/pacific-battery/billing?checkout=cancelled",
    client_reference_id: input.partnershipId,
    client_secret: null,
    consent: null,
    consent_collection: null,
    created: now(),
    currency: "usd",
    custom_fields: [],
    custom_text: {
      after_submit: null,
      shipping_address: null,
      submit: null,
      terms_of_service_acceptance: null,
    },
    customer: input.customer,
    customer_creation: "always",
    customer_details: null,
    customer_email: null,
    expires_at: now() + 86_400,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    metadata: { partnership_id: input.partnershipId },
    mode: input.mode ?? "subscription",
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_options: {},
    payment_method_types: ["card"],
    payment_status: input.status === "complete" ? "paid" : "unpaid",
    phone_number_collection: { enabled: false },
    recovered_from: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_options: [],
    status: input.status ?? "open",
    submit_type: null,
    subscription: input.subscription,
    success_url: "http://localhost/p/pacific-battery/billing?checkout=success",
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: input.status === "complete" ? null : `https://checkout.stripe.com/c/pay/${id}`,
  };
}

export function portalSessionObject(input: { customer: string; returnUrl: string }) {
  const id = stripeId("bps");
  return {
    id,
    object: "billing_portal.session",
    configuration: "bpc_test_lodestone",
    created: now(),
    customer: input.customer,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: input.returnUrl,
    url: `https://billing.stripe.com/p/session/test_${id}`,
  };
}

export function invoiceItemObject(input: {
  customer: string;
  invoice: string | null;
  amount: number;
  currency: string;
  description: string | null;
}) {
  return {
    id: stripeId("ii"),
    object: "invoiceitem",
    amount: input.amount,
    currency: input.currency,
    customer: input.customer,
    date: now(),
    description: input.description,
    discountable: true,
    discounts: [],
    invoice: input.invoice,
    livemode: false,
    metadata: {},
    parent: null,
    period: { end: now(), start: now() },
    pricing: {
      price_details: null,
      type: "price_details",
      unit_amount_decimal: String(input.amount),
    },
    proration: false,
    quantity: 1,
    tax_rates: [],
    test_clock: null,
  };
}

/** A webhook event as Stripe sends it. */
export function eventObject(
  type: string,
  object: unknown,
  options: { id?: string; created?: number } = {},
) {
  return {
    id: options.id ?? stripeId("evt"),
    object: "event",
    api_version: "2026-10-28.endive",
    created: options.created ?? now(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

/** A POST to the webhook endpoint, signed as Stripe signs it (or with the wrong secret). */
export function signedWebhookRequest(
  event: unknown,
  secret: string,
  url = "http://localhost/api/stripe/webhook",
): Request {
  const payload = JSON.stringify(event, null, 2);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
  return new Request(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Stripe-Signature": signature,
      "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
    },
    body: payload,
  });
}
