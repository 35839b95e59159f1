/*
 * Pledges as the forms and the rule engine see them: the instruments, the co-funding rule as stored
 * (ADR 011) and as typed, and the one zod schema per form that the browser and the server share.
 * Amounts are typed as text and parsed into minor units exactly (app/utils/money.ts); no float anywhere.
 */
import { z } from "zod";
import { amountProblem, isoDate, version } from "~/forms/values";
import { LANGUAGES, type Language } from "~/i18n/config";
import { moneyValue, msg } from "~/i18n/message";
import { isCurrencyCode, parseAmount } from "~/utils/money";

export const INSTRUMENTS = ["grant", "loan", "equity", "guarantee", "offtake"] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export const PLEDGE_STATUSES = [
  "draft",
  "committed",
  "disbursing",
  "fulfilled",
  "withdrawn",
] as const;
export type PledgeStatusValue = (typeof PLEDGE_STATUSES)[number];
export const TRANCHE_STATUSES = ["scheduled", "requested", "paid", "cancelled"] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

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

/** The rule in a sentence, as a message: "Conditional on at least 2 other members committing". */
export function describeRule(
  rule: PledgeRule | null,
  pledgeCurrency: string,
  reportingCurrency: string,
): string {
  if (!rule) return msg("pledges.rules.unconditional");
  switch (rule.kind) {
    case "min_other_members":
      return msg("pledges.rules.minOthers", { count: rule.n });
    case "min_cofunding":
      return msg("pledges.rules.minCofunding", {
        amount: moneyValue(rule.amountMinor, rule.currency || reportingCurrency),
      });
    case "match":
      return msg("pledges.rules.match", {
        numerator: rule.numerator,
        denominator: rule.denominator,
        cap: moneyValue(rule.capMinor, pledgeCurrency),
      });
  }
}

export const RULE_KINDS = ["none", "min_other_members", "min_cofunding", "match"] as const;

type Ctx = z.RefinementCtx;

/**
 * Parses an amount typed in `language` (app/forms/values.ts: readable, positive, within int8), reporting a
 * clear message on `path` instead of throwing.
 */
function amountAt(
  ctx: Ctx,
  path: (string | number)[],
  text: string,
  currency: string,
  language: Language,
) {
  const problem = amountProblem(text, currency, language);
  if (problem) {
    ctx.addIssue({ code: "custom", path, message: problem });
    return null;
  }
  return parseAmount(text, currency, language);
}

/** The language a form's amounts were typed in: a hidden field of each form (ADR 091). */
const typedIn = z.enum(LANGUAGES).default("en");

export const TrancheRowSchema = z.object({
  amount: z.string().trim().min(1, msg("pledges.schema.trancheAmount")),
  dueDate: isoDate({
    format: msg("pledges.schema.dueDate"),
    exists: msg("pledges.schema.dueDate"),
  }),
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
      projectId: z.string().trim().uuid(msg("pledges.schema.project")),
      currency: z
        .string()
        .trim()
        .toUpperCase()
        .refine(isCurrencyCode, msg("pledges.schema.currency")),
      amount: z.string().trim().min(1, msg("pledges.schema.amount")),
      instrument: z.enum(INSTRUMENTS, msg("pledges.schema.instrument")),
      conditions: z
        .string()
        .trim()
        .max(4000, msg("pledges.schema.conditionsLong"))
        .optional()
        .default(""),
      ruleKind: z.enum(RULE_KINDS, msg("pledges.schema.ruleKind")).default("none"),
      ruleMembers: z.string().trim().optional().default(""),
      ruleAmount: z.string().trim().optional().default(""),
      ruleRatio: z.string().trim().optional().default(""),
      ruleCap: z.string().trim().optional().default(""),
      tranches: z
        .array(TrancheRowSchema)
        .min(1, msg("pledges.schema.tranchesMin"))
        .max(MAX_TRANCHES, msg("pledges.schema.tranchesMax", { max: MAX_TRANCHES })),
      typedIn,
    })
    .superRefine((form, ctx) => {
      const language = form.typedIn;
      const currencyOk = isCurrencyCode(form.currency);
      const total = currencyOk
        ? amountAt(ctx, ["amount"], form.amount, form.currency, language)
        : null;
      if (form.ruleKind === "min_other_members") {
        const n = Number(form.ruleMembers);
        if (!/^\d{1,3}$/.test(form.ruleMembers) || n < 1 || n > 100) {
          ctx.addIssue({
            code: "custom",
            path: ["ruleMembers"],
            message: msg("pledges.schema.ruleMembers"),
          });
        }
      }
      if (form.ruleKind === "min_cofunding") {
        amountAt(ctx, ["ruleAmount"], form.ruleAmount, reportingCurrency, language);
      }
      if (form.ruleKind === "match") {
        const r = Number(form.ruleRatio);
        if (!/^\d{1,6}$/.test(form.ruleRatio) || r < 1) {
          ctx.addIssue({
            code: "custom",
            path: ["ruleRatio"],
            message: msg("pledges.schema.ruleRatio"),
          });
        }
        if (currencyOk) amountAt(ctx, ["ruleCap"], form.ruleCap, form.currency, language);
      }
      let sum = 0n;
      let allParsed = true;
      form.tranches.forEach((tranche, index) => {
        const minor = currencyOk
          ? amountAt(ctx, ["tranches", index, "amount"], tranche.amount, form.currency, language)
          : null;
        if (minor === null) allParsed = false;
        else sum += minor;
        if (tranche.milestoneId && !z.uuid().safeParse(tranche.milestoneId).success) {
          ctx.addIssue({
            code: "custom",
            path: ["tranches", index, "milestoneId"],
            message: msg("pledges.schema.milestone"),
          });
        }
      });
      if (total !== null && allParsed && sum !== total) {
        const difference = total - sum;
        ctx.addIssue({
          code: "custom",
          path: ["trancheTotal"],
          message: msg(difference > 0n ? "pledges.schema.addUp" : "pledges.schema.addUpRemove", {
            sum: moneyValue(sum, form.currency),
            total: moneyValue(total, form.currency),
            difference: moneyValue(difference > 0n ? difference : -difference, form.currency),
          }),
        });
      }
    });
}
export type PledgeFormValues = z.input<ReturnType<typeof pledgeFormSchema>>;

/** Editing a draft pledge (ADR 110): the same form, against the version the delegate saw. */
export function pledgeEditSchema(reportingCurrency: string) {
  return pledgeFormSchema(reportingCurrency).and(z.object({ version: version() }));
}
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
  const language = data.typedIn;
  const rule: PledgeRule | null =
    data.ruleKind === "min_other_members"
      ? { kind: "min_other_members", n: Number(data.ruleMembers) }
      : data.ruleKind === "min_cofunding"
        ? {
            kind: "min_cofunding",
            amountMinor: parseAmount(data.ruleAmount, reportingCurrency, language),
            currency: reportingCurrency,
          }
        : data.ruleKind === "match"
          ? {
              kind: "match",
              numerator: 1,
              denominator: Number(data.ruleRatio),
              capMinor: parseAmount(data.ruleCap, data.currency, language),
            }
          : null;
  return {
    projectId: data.projectId,
    amountMinor: parseAmount(data.amount, data.currency, language),
    currency: data.currency,
    instrument: data.instrument,
    conditions: data.conditions ? data.conditions : null,
    rule,
    tranches: data.tranches.map((tranche) => ({
      amountMinor: parseAmount(tranche.amount, data.currency, language),
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
  version: version(),
});

export const WithdrawSchema = z.object({
  withdrawReason: z
    .string()
    .trim()
    .min(1, msg("pledges.schema.withdrawReason"))
    .max(2000, msg("pledges.schema.reasonLong")),
});

/** The amendment form: the currency is the pledge's, given by the page (not typed). */
export function amendSchema(currency: string) {
  return z
    .object({
      newAmount: z.string().trim().min(1, msg("pledges.schema.newAmount")),
      amendReason: z
        .string()
        .trim()
        .min(1, msg("pledges.schema.amendReason"))
        .max(2000, msg("pledges.schema.reasonLong")),
      typedIn,
    })
    .superRefine((form, ctx) => {
      amountAt(ctx, ["newAmount"], form.newAmount, currency, form.typedIn);
    });
}

/** The pledge page's three forms, told apart by `intent` (one parseForm per route, ADR 006). */
export function pledgeActionSchema(currency: string) {
  return z.discriminatedUnion(
    "intent",
    [
      CommitSchema.extend({ intent: z.literal("commit") }),
      amendSchema(currency).safeExtend({ intent: z.literal("amend") }),
      WithdrawSchema.extend({ intent: z.literal("withdraw") }),
    ],
    msg("pledges.detail.chooseAction"),
  );
}
