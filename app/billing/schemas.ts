/*
 * Forms of the billing and payments pages: one zod schema each, used by the browser and by the server. The
 * amount stays a string here; the server parses it with parseAmount in the tranche's currency (bigint minor
 * units, never a float), which also refuses decimals the currency does not have.
 */
import { z } from "zod";
import { INPUT_MESSAGES } from "~/forms/messages";
import { isoDate } from "~/forms/values";

export const BankTransferSchema = z.object({
  intent: z.literal("record-transfer"),
  trancheId: z.uuid({ message: "Choose the tranche that was paid." }),
  reference: z
    .string()
    .trim()
    .min(1, { message: "Enter the bank's reference for the transfer." })
    .max(200, { message: "Keep the reference under 200 characters." }),
  paidOn: isoDate({ format: "Enter the date the money arrived (YYYY-MM-DD)." }),
  amount: z
    .string()
    .trim()
    .min(1, { message: "Enter the amount received.", abort: true })
    .max(40, { message: "Enter an amount such as 1,250,000.00.", abort: true })
    .regex(/^[^\d-]{0,3}\s?[\d\s,_'’]+(\.\d*)?$/, {
      message: "Enter an amount such as 1,250,000.00.",
    }),
});
export type BankTransferInput = z.infer<typeof BankTransferSchema>;

export const IssueInvoiceSchema = z.object({
  intent: z.literal("issue-invoice"),
  trancheId: z.uuid({ message: "Choose a tranche." }),
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
