/*
 * Pledges as the forms and the rule engine see them: the instruments, the co-funding rule as stored
 * (ADR 011) and as typed, and the one zod schema per form that the browser and the server share.
 * Amounts are typed as text and parsed into minor units exactly (app/utils/money.ts); no float anywhere.
 */
import { z } from "zod";
import { isCurrencyCode, MoneyInputError, parseAmount, formatMoney } from "~/utils/money";
import { isIsoDate } from "~/utils/dates";

export const INSTRUMENTS = ["grant", "loan", "equity", "guarantee", "offtake"] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  grant: "Grant",
  loan: "Loan",
  equity: "Equity",
  guarantee: "Guarantee",
  offtake: "Offtake agreement",
};

export const PLEDGE_STATUSES = [
  "draft",
  "committed",
  "disbursing",
  "fulfilled",
  "withdrawn",
] as const;
export type PledgeStatusValue = (typeof PLEDGE_STATUSES)[number];
export const PLEDGE_STATUS_LABELS: Record<PledgeStatusValue, string> = {
  draft: "Draft",
  committed: "Committed",
  disbursing: "Disbursing",
  fulfilled: "Fulfilled",
  withdrawn: "Withdrawn",
};

export const TRANCHE_STATUS_LABELS = {
  scheduled: "Scheduled",
  requested: "Requested",
  paid: "Paid",
  cancelled: "Cancelled with the pledge",
} as const;
export type TrancheStatus = keyof typeof TRANCHE_STATUS_LABELS;

/** The rule as stored in `pledges.cofunding_rule` (amounts are int8 as JSON numbers or digit strings). */
export type StoredRule =
  | { kind: "min_other_members"; n: number }
  | { kind: "min_cofunding"; amount_minor: number | string; currency: string }
  | {
      kind: "match";
      ratio: { numerator: number; denominator: number };
      cap_minor: number | string;
    };

/** The rule with exact amounts: min_cofunding in the reporting currency, a match cap in the pledge's. */
export type PledgeRule =
  | { kind: "min_other_members"; n: number }
  | { kind: "min_cofunding"; amountMinor: bigint; currency: string }
  | { kind: "match"; numerator: number; denominator: number; capMinor: bigint };

export function ruleFromStored(stored: unknown): PledgeRule | null {
  if (!stored || typeof stored !== "object") return null;
  const rule = stored as StoredRule;
  switch (rule.kind) {
    case "min_other_members":
      return { kind: rule.kind, n: Number(rule.n) };
    case "min_cofunding":
      return {
        kind: rule.kind,
        amountMinor: BigInt(rule.amount_minor),
        currency: rule.currency,
      };
    case "match":
      return {
        kind: rule.kind,
        numerator: Number(rule.ratio.numerator),
        denominator: Number(rule.ratio.denominator),
        capMinor: BigInt(rule.cap_minor),
      };
    default:
      return null;
  }
}

/** JSON for the database: int8 amounts as digit strings (exact beyond 2^53). */
export function ruleToStored(rule: PledgeRule | null): StoredRule | null {
  if (!rule) return null;
  switch (rule.kind) {
    case "min_other_members":
      return { kind: rule.kind, n: rule.n };
    case "min_cofunding":
      return {
        kind: rule.kind,
        amount_minor: rule.amountMinor.toString(),
        currency: rule.currency,
      };
    case "match":
      return {
        kind: rule.kind,
        ratio: { numerator: rule.numerator, denominator: rule.denominator },
        cap_minor: rule.capMinor.toString(),
      };
  }
}

/** The rule in a sentence, e.g. "Conditional on at least 2 other members committing". */
export function describeRule(
  rule: PledgeRule | null,
  pledgeCurrency: string,
  reportingCurrency: string,
): string {
  if (!rule) return "Unconditional";
  switch (rule.kind) {
    case "min_other_members":
      return `Conditional on at least ${rule.n} other ${rule.n === 1 ? "member" : "members"} committing`;
    case "min_cofunding":
      return `Conditional on other members' committed co-funding reaching ${formatMoney(
        rule.amountMinor,
        rule.currency || reportingCurrency,
      )}`;
    case "match":
      return `Matches other members' commitments ${rule.numerator}:${rule.denominator} up to ${formatMoney(
        rule.capMinor,
        pledgeCurrency,
      )}`;
  }
}

export const RULE_KINDS = ["none", "min_other_members", "min_cofunding", "match"] as const;
export const RULE_KIND_LABELS: Record<(typeof RULE_KINDS)[number], string> = {
  none: "No condition",
  min_other_members: "At least N other members commit",
  min_cofunding: "Others' committed co-funding reaches an amount",
  match: "Match others' commitments 1:R up to a cap",
};

type Ctx = z.RefinementCtx;

/** Parses an amount, reporting a clear message on `path` instead of throwing. */
function amountAt(ctx: Ctx, path: (string | number)[], text: string, currency: string) {
  try {
    const minor = parseAmount(text, currency, "en");
    if (minor <= 0n) {
      ctx.addIssue({ code: "custom", path, message: "Enter an amount greater than zero." });
      return null;
    }
    if (minor > 999_999_999_999_999_999n) {
      ctx.addIssue({ code: "custom", path, message: "That amount is too large." });
      return null;
    }
    return minor;
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      path,
      message: error instanceof MoneyInputError ? error.message : "Enter an amount.",
    });
    return null;
  }
}

const text = (max: number, label: string) =>
  z.string().trim().max(max, `${label} is at most ${max} characters.`);

export const TrancheRowSchema = z.object({
  amount: z.string().trim().min(1, "Enter the tranche's amount."),
  dueDate: z
    .string()
    .trim()
    .refine(isIsoDate, "Enter the date as YYYY-MM-DD (for example 2027-03-31)."),
  milestoneId: z.string().trim().optional().default(""),
});

export const MAX_TRANCHES = 24;

/**
 * The new-pledge form. `reportingCurrency` states the minimum co-funding rule (the database requires it).
 * Field names are those of the form; nested tranche fields are `tranches.<i>.<field>`.
 */
export function pledgeFormSchema(reportingCurrency: string) {
  return z
    .object({
      projectId: z.string().trim().uuid("Choose a project."),
      currency: z
        .string()
        .trim()
        .toUpperCase()
        .refine(isCurrencyCode, "Choose an ISO 4217 currency such as USD, EUR or JPY."),
      amount: z.string().trim().min(1, "Enter the amount pledged."),
      instrument: z.enum(INSTRUMENTS, "Choose an instrument."),
      conditions: text(4000, "Conditions").optional().default(""),
      ruleKind: z.enum(RULE_KINDS, "Choose a co-funding rule.").default("none"),
      ruleMembers: z.string().trim().optional().default(""),
      ruleAmount: z.string().trim().optional().default(""),
      ruleRatio: z.string().trim().optional().default(""),
      ruleCap: z.string().trim().optional().default(""),
      tranches: z
        .array(TrancheRowSchema)
        .min(1, "Add at least one tranche.")
        .max(MAX_TRANCHES, `At most ${MAX_TRANCHES} tranches.`),
    })
    .superRefine((form, ctx) => {
      const currencyOk = isCurrencyCode(form.currency);
      const total = currencyOk ? amountAt(ctx, ["amount"], form.amount, form.currency) : null;
      if (form.ruleKind === "min_other_members") {
        const n = Number(form.ruleMembers);
        if (!/^\d{1,3}$/.test(form.ruleMembers) || n < 1 || n > 100) {
          ctx.addIssue({
            code: "custom",
            path: ["ruleMembers"],
            message: "Enter how many other members must commit (1 to 100).",
          });
        }
      }
      if (form.ruleKind === "min_cofunding") {
        amountAt(ctx, ["ruleAmount"], form.ruleAmount, reportingCurrency);
      }
      if (form.ruleKind === "match") {
        const r = Number(form.ruleRatio);
        if (!/^\d{1,6}$/.test(form.ruleRatio) || r < 1) {
          ctx.addIssue({
            code: "custom",
            path: ["ruleRatio"],
            message: "Enter R in 1:R as a whole number (1 matches one for one).",
          });
        }
        if (currencyOk) amountAt(ctx, ["ruleCap"], form.ruleCap, form.currency);
      }
      let sum = 0n;
      let allParsed = true;
      form.tranches.forEach((tranche, index) => {
        const minor = currencyOk
          ? amountAt(ctx, ["tranches", index, "amount"], tranche.amount, form.currency)
          : null;
        if (minor === null) allParsed = false;
        else sum += minor;
        if (tranche.milestoneId && !z.uuid().safeParse(tranche.milestoneId).success) {
          ctx.addIssue({
            code: "custom",
            path: ["tranches", index, "milestoneId"],
            message: "Choose one of the project's milestones.",
          });
        }
      });
      if (total !== null && allParsed && sum !== total) {
        const difference = total - sum;
        ctx.addIssue({
          code: "custom",
          path: ["trancheTotal"],
          message: `The tranches add up to ${formatMoney(sum, form.currency)}, not ${formatMoney(
            total,
            form.currency,
          )}: ${difference > 0n ? "add" : "remove"} ${formatMoney(
            difference > 0n ? difference : -difference,
            form.currency,
          )}.`,
        });
      }
    });
}
export type PledgeFormValues = z.input<ReturnType<typeof pledgeFormSchema>>;
export type PledgeFormData = z.output<ReturnType<typeof pledgeFormSchema>>;

export interface NewPledge {
  projectId: string;
  amountMinor: bigint;
  currency: string;
  instrument: Instrument;
  conditions: string | null;
  rule: PledgeRule | null;
  tranches: Array<{ amountMinor: bigint; dueDate: string; milestoneId: string | null }>;
}

/** The validated form as exact values (call only with data the schema accepted). */
export function newPledgeFrom(data: PledgeFormData, reportingCurrency: string): NewPledge {
  const rule: PledgeRule | null =
    data.ruleKind === "min_other_members"
      ? { kind: "min_other_members", n: Number(data.ruleMembers) }
      : data.ruleKind === "min_cofunding"
        ? {
            kind: "min_cofunding",
            amountMinor: parseAmount(data.ruleAmount, reportingCurrency, "en"),
            currency: reportingCurrency,
          }
        : data.ruleKind === "match"
          ? {
              kind: "match",
              numerator: 1,
              denominator: Number(data.ruleRatio),
              capMinor: parseAmount(data.ruleCap, data.currency, "en"),
            }
          : null;
  return {
    projectId: data.projectId,
    amountMinor: parseAmount(data.amount, data.currency, "en"),
    currency: data.currency,
    instrument: data.instrument,
    conditions: data.conditions ? data.conditions : null,
    rule,
    tranches: data.tranches.map((tranche) => ({
      amountMinor: parseAmount(tranche.amount, data.currency, "en"),
      dueDate: tranche.dueDate,
      milestoneId: tranche.milestoneId ? tranche.milestoneId : null,
    })),
  };
}

/** Builds the nested object the schema expects from posted fields such as `tranches.0.amount`. */
export function nestFormData(entries: Iterable<[string, FormDataEntryValue]>) {
  const result: Record<string, unknown> = {};
  const tranches: Array<Record<string, string>> = [];
  for (const [key, value] of entries) {
    if (typeof value !== "string") continue;
    const match = /^tranches\.(\d{1,2})\.(amount|dueDate|milestoneId)$/.exec(key);
    if (match) {
      const index = Number(match[1]);
      tranches[index] ??= {};
      (tranches[index] as Record<string, string>)[match[2] as string] = value;
    } else if (!key.startsWith("tranches")) {
      result[key] = value;
    }
  }
  result.tranches = tranches.filter(Boolean);
  return result;
}

export const CommitSchema = z.object({
  version: z.coerce.number().int().positive(),
});

export const WithdrawSchema = z.object({
  withdrawReason: z
    .string()
    .trim()
    .min(1, "Say why the pledge is withdrawn; the reason stays on the record.")
    .max(2000, "The reason is at most 2000 characters."),
});

/** The amendment form: the currency is the pledge's, given by the page (not typed). */
export function amendSchema(currency: string) {
  return z
    .object({
      newAmount: z.string().trim().min(1, "Enter the new amount."),
      amendReason: z
        .string()
        .trim()
        .min(1, "Say why the amount changes; the reason stays on the record.")
        .max(2000, "The reason is at most 2000 characters."),
    })
    .superRefine((form, ctx) => {
      amountAt(ctx, ["newAmount"], form.newAmount, currency);
    });
}
