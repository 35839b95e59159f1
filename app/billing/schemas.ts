/*
 * Forms of the billing and payments pages: one zod schema each, used by the browser and by the server. The
 * amount stays a string here; the server parses it with parseAmount in the tranche's currency (bigint minor
 * units, never a float), which also refuses decimals the currency does not have.
 */
import { z } from "zod";
import { INPUT_MESSAGES } from "~/forms/messages";
import { isoDate } from "~/forms/values";
import { LANGUAGES } from "~/i18n/config";
import { msg } from "~/i18n/message";

export const BankTransferSchema = z.object({
  intent: z.literal("record-transfer"),
  trancheId: z.uuid({ message: msg("payments.schema.tranche") }),
  reference: z
    .string()
    .trim()
    .min(1, { message: msg("payments.schema.reference") })
    .max(200, { message: msg("validation.tooLong", { count: 200, max: 200 }) }),
  paidOn: isoDate({
    format: msg("payments.schema.paidOn"),
    exists: msg("payments.schema.realDate"),
  }),
  /** Read exactly by the server in the tranche's currency and the form's language (parseAmount). */
  amount: z
    .string()
    .trim()
    .min(1, { message: msg("payments.schema.amount"), abort: true })
    .max(40, { message: msg("money.enter"), abort: true })
    // Digits and the separators of English, French or Japanese (1,250,000.50 · 1 250 000,50), maybe a symbol.
    .regex(/^[^\d-]{0,4}\s?[\d\s\u00a0\u202f,._'’]+$/, { message: msg("money.enter") }),
  /** The language the amount was typed in: a hidden field of the form (ADR 091). */
  typedIn: z.enum(LANGUAGES).default("en"),
});
export type BankTransferInput = z.infer<typeof BankTransferSchema>;

export const IssueInvoiceSchema = z.object({
  intent: z.literal("issue-invoice"),
  trancheId: z.uuid({ message: msg("payments.schema.chooseTranche") }),
});

/** The payments page's two forms, told apart by `intent`. */
export const PaymentActionSchema = z.discriminatedUnion(
  "intent",
  [BankTransferSchema, IssueInvoiceSchema],
  INPUT_MESSAGES.choosePaymentAction,
);

export const BillingActionSchema = z.object({
  intent: z.enum(["checkout", "portal"]),
});
