/*
 * The calls Lodestone makes to Stripe's API, each a small function of its inputs (no database here): the
 * subscription Checkout, the customer portal, and a tranche invoice paid by bank transfer.
 */
import type Stripe from "stripe";
import type { BankTransferOption } from "./rules";

export async function createSubscriptionCheckout(
  stripe: Stripe,
  input: {
    partnershipId: string;
    priceId: string;
    customerId: string | null;
    email: string;
    returnUrl: string;
  },
): Promise<string> {
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price: input.priceId, quantity: 1 }],
    client_reference_id: input.partnershipId,
    ...(input.customerId ? { customer: input.customerId } : { customer_email: input.email }),
    metadata: { partnership_id: input.partnershipId },
    subscription_data: { metadata: { partnership_id: input.partnershipId } },
    success_url: `${input.returnUrl}?checkout=success`,
    cancel_url: `${input.returnUrl}?checkout=cancelled`,
  });
  if (!session.url) throw new Error("Stripe returned a Checkout session without a URL.");
  return session.url;
}

export async function createPortalSession(
  stripe: Stripe,
  input: { customerId: string; returnUrl: string },
): Promise<string> {
  const session = await stripe.billingPortal.sessions.create({
    customer: input.customerId,
    return_url: input.returnUrl,
  });
  return session.url;
}

export async function createGovernmentCustomer(
  stripe: Stripe,
  input: { partnershipId: string; memberId: string; name: string; email: string },
): Promise<string> {
  const customer = await stripe.customers.create(
    {
      name: input.name,
      email: input.email,
      metadata: { partnership_id: input.partnershipId, member_id: input.memberId },
    },
    { idempotencyKey: `lodestone-member-customer-${input.memberId}` },
  );
  return customer.id;
}

export interface TrancheInvoiceInput {
  partnershipId: string;
  trancheId: string;
  pledgeId: string;
  customerId: string;
  /** Minor units of `currency` (Stripe's smallest unit is the same for the bank-transfer currencies). */
  amountMinor: bigint;
  currency: string;
  description: string;
  bankTransfer: BankTransferOption;
  /** Distinguishes a deliberate new invoice from a repeated click (Stripe's idempotency keys). */
  attempt: number;
}

/** Creates, finalizes and sends a bank-transfer invoice for a tranche; returns Stripe's invoice. */
export async function issueBankTransferInvoice(
  stripe: Stripe,
  input: TrancheInvoiceInput,
): Promise<Stripe.Invoice> {
  if (input.amountMinor <= 0n || input.amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("The invoice amount is out of range.");
  }
  const key = `lodestone-tranche-${input.trancheId}-invoice-${input.attempt}`;
  const currency = input.currency.toLowerCase();
  const metadata = {
    partnership_id: input.partnershipId,
    tranche_id: input.trancheId,
    pledge_id: input.pledgeId,
  };
  const draft = await stripe.invoices.create(
    {
      customer: input.customerId,
      currency,
      collection_method: "send_invoice",
      days_until_due: 30,
      auto_advance: false,
      pending_invoice_items_behavior: "exclude",
      description: input.description,
      metadata,
      payment_settings: {
        payment_method_types: ["customer_balance"],
        payment_method_options: {
          customer_balance: {
            funding_type: "bank_transfer",
            bank_transfer: {
              type: input.bankTransfer.type as "us_bank_transfer",
              ...(input.bankTransfer.euCountry
                ? { eu_bank_transfer: { country: input.bankTransfer.euCountry } }
                : {}),
            },
          },
        },
      },
    },
    { idempotencyKey: key },
  );
  if (!draft.id) throw new Error("Stripe returned an invoice without an id.");
  await stripe.invoiceItems.create(
    {
      customer: input.customerId,
      invoice: draft.id,
      amount: Number(input.amountMinor),
      currency,
      description: input.description,
      metadata,
    },
    { idempotencyKey: `${key}-item` },
  );
  await stripe.invoices.finalizeInvoice(draft.id, {}, { idempotencyKey: `${key}-finalize` });
  return stripe.invoices.sendInvoice(draft.id, {}, { idempotencyKey: `${key}-send` });
}
