/*
 * Stripe's webhook events as Lodestone reads them, checked with zod after the signature (docs/decisions/068-*.md).
 * A signed event is Stripe's, but not necessarily well formed (a test event typed by hand, another API version,
 * a bug): the envelope must be an event with an `evt_` id, a type, a whole-second `created` and a data object;
 * the objects of the types Lodestone handles must carry the fields it reads with their types (amounts as whole
 * numbers within JavaScript's and int8's range, ids as strings). Anything else is refused before a row is
 * written. Fields Lodestone does not read are not checked; ids of another shape are ignored later, as before.
 */
import { z } from "zod";
import { parseMessage } from "~/i18n/message";

/** Stripe's `created` and other times: whole seconds, from 2001 to 2199 (anything else is not a date). */
const unixSeconds = z.number().int().min(1_000_000_000).max(7_258_118_399);

/** Text as Stripe sends it: never a NUL character, which Postgres cannot store. */
// i18n-exempt: part of the answer to Stripe (its dashboard's developers), which stays English (ADR 090).
const text = z
  .string()
  .max(5000)
  .refine((value) => !value.includes("\u0000"), "contains a NUL character");
/** An object's own id: its prefix, then letters, digits and underscores. */
const idOf = (prefix: string) =>
  z
    .string()
    .max(255)
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9_]+$`));
/** An expandable reference: an id, or the object with its id, or nothing. */
const reference = z.union([text, z.looseObject({ id: text }), z.null()]).optional();
const metadata = z.record(z.string(), text).nullable().optional();
const amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const StripeEventSchema = z.looseObject({
  id: idOf("evt"),
  type: z
    .string()
    .max(200)
    .regex(/^[a-z_]+(\.[a-z_]+)+$/),
  created: unixSeconds,
  data: z.looseObject({ object: z.looseObject({}) }),
});
export type StripeEvent = z.infer<typeof StripeEventSchema>;

export const InvoiceSchema = z.looseObject({
  object: z.literal("invoice"),
  id: idOf("in"),
  currency: z.string().regex(/^[a-z]{3}$/),
  amount_due: amount,
  amount_paid: amount,
  status: text.nullable().optional(),
  customer: reference,
  metadata,
  number: z.string().max(100).nullable().optional(),
  hosted_invoice_url: text.nullable().optional(),
  billing_reason: text.nullable().optional(),
  // A subscription's invoice says so: on `parent` since API version 2025-03-31, on `subscription` before.
  parent: z.looseObject({ type: text }).nullable().optional(),
  subscription: reference,
  status_transitions: z.looseObject({ paid_at: unixSeconds.nullable().optional() }).optional(),
});
export type StripeInvoice = z.infer<typeof InvoiceSchema>;

export const SubscriptionSchema = z.looseObject({
  object: z.literal("subscription"),
  id: idOf("sub"),
  status: text,
  customer: reference,
  metadata,
  cancel_at_period_end: z.boolean().nullable().optional(),
  trial_end: unixSeconds.nullable().optional(),
  // The period ends on the items since API version 2025-03-31, on the subscription before.
  current_period_end: unixSeconds.nullable().optional(),
  items: z
    .looseObject({
      data: z.array(z.looseObject({ current_period_end: unixSeconds.nullable().optional() })),
    })
    .optional(),
});
export type StripeSubscription = z.infer<typeof SubscriptionSchema>;

export const CheckoutSessionSchema = z.looseObject({
  object: z.literal("checkout.session"),
  id: idOf("cs"),
  mode: text,
  client_reference_id: text.nullable().optional(),
  customer: reference,
  subscription: reference,
  metadata,
});
export type StripeCheckoutSession = z.infer<typeof CheckoutSessionSchema>;

/** The event types Lodestone acts on, each with the shape of its data object. */
export const HANDLED_OBJECTS = {
  "checkout.session.completed": CheckoutSessionSchema,
  "customer.subscription.created": SubscriptionSchema,
  "customer.subscription.updated": SubscriptionSchema,
  "customer.subscription.deleted": SubscriptionSchema,
  "invoice.paid": InvoiceSchema,
  "invoice.payment_failed": InvoiceSchema,
  "invoice.updated": InvoiceSchema,
  "invoice.finalized": InvoiceSchema,
  "invoice.voided": InvoiceSchema,
  "invoice.marked_uncollectible": InvoiceSchema,
} as const;

export type HandledEvent =
  | { kind: "checkout"; event: StripeEvent; object: StripeCheckoutSession }
  | { kind: "subscription"; event: StripeEvent; object: StripeSubscription }
  | { kind: "invoice"; event: StripeEvent; object: StripeInvoice }
  | { kind: "other"; event: StripeEvent };

/**
 * A verified payload as an event Lodestone can act on, or what is wrong with it (where, and why), for the
 * 400 that answers it.
 */
export function readStripeEvent(
  payload: unknown,
): { ok: true; value: HandledEvent } | { ok: false; problem: string } {
  const envelope = StripeEventSchema.safeParse(payload);
  if (!envelope.success) return { ok: false, problem: problemOf(envelope.error) };
  const event = envelope.data;
  const schema = HANDLED_OBJECTS[event.type as keyof typeof HANDLED_OBJECTS];
  if (!schema) return { ok: true, value: { kind: "other", event } };
  const object = schema.safeParse(event.data.object);
  if (!object.success) return { ok: false, problem: problemOf(object.error, "data.object") };
  if (object.data.object === "invoice") {
    return { ok: true, value: { kind: "invoice", event, object: object.data } };
  }
  if (object.data.object === "subscription") {
    return { ok: true, value: { kind: "subscription", event, object: object.data } };
  }
  return { ok: true, value: { kind: "checkout", event, object: object.data } };
}

/**
 * What is wrong with the event, for Stripe's dashboard: in English, like everything Lodestone sends to Stripe
 * (ADR 090). zod's own checks speak in catalogue messages for people (app/i18n/zod-messages.ts); here the
 * issue's code says it ("too_big").
 */
function problemOf(error: z.ZodError, prefix = ""): string {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".");
  const what = !issue ? "malformed" : parseMessage(issue.message) ? issue.code : issue.message;
  // i18n-exempt: part of the answer to Stripe, which stays English (ADR 090).
  return `${path || "the event"}: ${what}`;
}

/** Whether an invoice is a subscription's own (renewals), which the subscription events already cover. */
export function isSubscriptionInvoice(invoice: StripeInvoice): boolean {
  return (
    invoice.parent?.type === "subscription_details" ||
    Boolean(invoice.subscription) ||
    (invoice.billing_reason ?? "").startsWith("subscription")
  );
}
