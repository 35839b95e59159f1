/*
 * Forms of the billing and payments pages: one zod schema each, used by the browser and by the server. The
 * amount stays a string here; the server parses it with parseAmount in the tranche's currency (bigint minor
 * units, never a float), which also refuses decimals the currency does not have.
 */
import { z } from "zod";
import { LANGUAGES } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { isIsoDate } from "~/utils/dates";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export const BankTransferSchema = z.object({
  intent: z.literal("record-transfer"),
  trancheId: z.uuid({ message: msg("payments.schema.tranche") }),
  reference: z
    .string()
    .trim()
    .min(1, { message: msg("payments.schema.reference") })
    .max(200),
  paidOn: z
    .string()
    .trim()
    .regex(isoDate, { message: msg("payments.schema.paidOn"), abort: true })
    .refine(isIsoDate, { message: msg("payments.schema.realDate") }),
  /** Read exactly by the server in the tranche's currency and the form's language (parseAmount). */
  amount: z
    .string()
    .trim()
    .min(1, { message: msg("payments.schema.amount"), abort: true })
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

export const BillingActionSchema = z.object({
  intent: z.enum(["checkout", "portal"]),
});
