/*
 * Billing rules that need no database or network: which Stripe state wins when events arrive out of order,
 * what an invoice's state means for a tranche, which bank transfer Stripe offers in a currency, and how the
 * trial and the read-only rule read to a person. Shared by the webhook, the pages and the unit tests.
 */

import { msg } from "~/i18n/message";

/**
 * What a member is told when a lapsed partnership is written to (the database refuses it with SQLSTATE PT402,
 * a "read-only" refusal in app/db/errors.ts), as a message.
 */
export const READ_ONLY_MESSAGE = msg("billing.readOnly");

export const SUBSCRIPTION_STATUSES = [
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "incomplete",
  "incomplete_expired",
  "paused",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export function isSubscriptionStatus(value: unknown): value is SubscriptionStatus {
  return typeof value === "string" && (SUBSCRIPTION_STATUSES as readonly string[]).includes(value);
}

/** Statuses a subscription never leaves. */
const TERMINAL_SUBSCRIPTION = new Set<SubscriptionStatus>(["canceled", "incomplete_expired"]);

/*
 * Stripe's `created` has one-second resolution and a subscription is often created and activated within the
 * same second. Between events of the same second, the one further along the life of a subscription wins,
 * so the outcome does not depend on the order they arrive in.
 */
const LIFECYCLE_RANK: Record<SubscriptionStatus, number> = {
  incomplete: 0,
  trialing: 1,
  active: 2,
  past_due: 3,
  paused: 4,
  unpaid: 4,
  canceled: 5,
  incomplete_expired: 5,
};

export interface KeptSubscriptionState {
  subscriptionId: string | null;
  status: SubscriptionStatus;
  /** `created` of the event whose state is kept; null when no event was applied yet. */
  stateAt: Date | null;
}

export interface IncomingSubscriptionState {
  subscriptionId: string;
  status: SubscriptionStatus;
  /** The event's `created`. */
  createdAt: Date;
}

/**
 * Whether a subscription event replaces the kept state: the newer event wins; in the same second, the state
 * further along the lifecycle wins (so `deleted` is terminal unless a later event reactivates). An event
 * about another subscription (a replaced one) that ends it does not end the current subscription.
 */
export function subscriptionEventWins(
  kept: KeptSubscriptionState,
  incoming: IncomingSubscriptionState,
): boolean {
  if (kept.stateAt === null || kept.subscriptionId === null) return true;
  const sameSubscription = kept.subscriptionId === incoming.subscriptionId;
  if (
    !sameSubscription &&
    TERMINAL_SUBSCRIPTION.has(incoming.status) &&
    !TERMINAL_SUBSCRIPTION.has(kept.status)
  ) {
    return false;
  }
  const newer = incoming.createdAt.getTime() - kept.stateAt.getTime();
  if (newer !== 0) return newer > 0;
  return LIFECYCLE_RANK[incoming.status] >= LIFECYCLE_RANK[kept.status];
}

export const TRANCHE_INVOICE_STATUSES = [
  "open",
  "paid",
  "partially_paid",
  "payment_failed",
  "void",
] as const;
export type TrancheInvoiceStatus = (typeof TRANCHE_INVOICE_STATUSES)[number];

/** The parts of a Stripe invoice the tranche rules read. */
export interface InvoiceFacts {
  status?: string | null;
  amount_due: number;
  amount_paid: number;
}

/** What an invoice event says about a tranche invoice. */
export function trancheInvoiceStatus(
  invoice: InvoiceFacts,
  eventType: string,
): TrancheInvoiceStatus {
  if (invoice.status === "paid" || eventType === "invoice.paid") return "paid";
  if (invoice.status === "void") return "void";
  if (invoice.status === "uncollectible" || eventType === "invoice.payment_failed") {
    return "payment_failed";
  }
  if (invoice.amount_paid > 0 && invoice.amount_paid < invoice.amount_due) return "partially_paid";
  return "open";
}

const TERMINAL_INVOICE = new Set<TrancheInvoiceStatus>(["paid", "void"]);

/**
 * Whether an invoice event replaces the kept invoice state: paid and void are final (a late
 * `payment_failed` never undoes a payment); otherwise the newer event wins, and in the same second the one
 * with more paid.
 */
export function invoiceEventWins(
  kept: { status: TrancheInvoiceStatus; stateAt: Date; amountPaid: bigint },
  incoming: { status: TrancheInvoiceStatus; createdAt: Date; amountPaid: bigint },
): boolean {
  if (TERMINAL_INVOICE.has(kept.status)) return false;
  if (TERMINAL_INVOICE.has(incoming.status)) return true;
  const newer = incoming.createdAt.getTime() - kept.stateAt.getTime();
  if (newer !== 0) return newer > 0;
  return incoming.amountPaid >= kept.amountPaid;
}

/*
 * Stripe invoices paid by bank transfer use the customer's cash balance (payment method `customer_balance`),
 * which Stripe offers in these currencies only; amounts are integers of the currency's smallest unit, the
 * same minor units Lodestone stores (JPY has none on both sides).
 */
const BANK_TRANSFER_TYPES: Record<string, string> = {
  USD: "us_bank_transfer",
  EUR: "eu_bank_transfer",
  GBP: "gb_bank_transfer",
  JPY: "jp_bank_transfer",
  MXN: "mx_bank_transfer",
};
const EU_BANK_TRANSFER_COUNTRIES = new Set(["BE", "DE", "ES", "FR", "IE", "NL"]);

export interface BankTransferOption {
  type: string;
  /** For EUR: the country of the virtual IBAN Stripe issues. */
  euCountry?: string;
}

/** The Stripe bank transfer for a currency, or null when Stripe has none in it. */
export function bankTransferFor(currency: string, memberCode: string): BankTransferOption | null {
  const type = BANK_TRANSFER_TYPES[currency];
  if (!type) return null;
  if (currency !== "EUR") return { type };
  return { type, euCountry: EU_BANK_TRANSFER_COUNTRIES.has(memberCode) ? memberCode : "DE" };
}

export const STRIPE_BANK_TRANSFER_CURRENCIES = Object.keys(BANK_TRANSFER_TYPES);

/** Whole days left in a trial (0 once it has ended), counting a started day as a day. */
export function trialDaysLeft(trialEndsAt: Date | null, now: Date): number {
  if (!trialEndsAt) return 0;
  const left = trialEndsAt.getTime() - now.getTime();
  return left <= 0 ? 0 : Math.ceil(left / 86_400_000);
}

export const PAST_DUE_GRACE_DAYS = 14;

export interface SubscriptionFacts {
  status: SubscriptionStatus;
  trialEndsAt: Date | null;
  currentPeriodEnd: Date | null;
}

/**
 * The read-only rule as a sentence for the billing page. The database (private.partnership_is_writable)
 * enforces it; this mirrors it to explain the state and is tested against it.
 */
export function writableUntil(
  facts: SubscriptionFacts,
  now: Date,
): { writable: boolean; why: string } {
  if (facts.status === "active") return { writable: true, why: msg("billing.why.active") };
  if (facts.trialEndsAt && facts.trialEndsAt > now) {
    return { writable: true, why: msg("billing.why.trial") };
  }
  if (facts.status === "past_due") {
    const graceEnd = new Date(
      (facts.currentPeriodEnd ?? now).getTime() + PAST_DUE_GRACE_DAYS * 86_400_000,
    );
    if (graceEnd > now) {
      return {
        writable: true,
        why: msg("billing.why.grace"),
      };
    }
  }
  return { writable: false, why: READ_ONLY_MESSAGE };
}

export type TranchePaymentState =
  | "scheduled"
  | "requested"
  | "invoiced"
  | "partially_paid"
  | "payment_failed"
  | "paid"
  | "cancelled";

/** How a tranche's payment reads: from its state, the ledger total and its latest invoice. */
export function tranchePaymentState(input: {
  status: "scheduled" | "requested" | "paid" | "cancelled";
  amountMinor: bigint;
  paidMinor: bigint;
  invoiceStatus: TrancheInvoiceStatus | null;
  invoicePaidMinor: bigint;
}): TranchePaymentState {
  if (input.status === "paid" || input.paidMinor >= input.amountMinor) return "paid";
  // Cancelled with its withdrawn pledge (ADR 112): nothing more is due.
  if (input.status === "cancelled") return "cancelled";
  if (input.paidMinor > 0n || input.invoicePaidMinor > 0n) return "partially_paid";
  if (input.status === "scheduled") return "scheduled";
  if (input.invoiceStatus === "payment_failed") return "payment_failed";
  if (input.invoiceStatus === "open" || input.invoiceStatus === "partially_paid") return "invoiced";
  return "requested";
}

/* Payment states and subscription statuses read as words from the catalogue (payments.paymentState.<state>,
 * billing.subscriptionStatus.<status>). */
