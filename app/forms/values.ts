/*
 * The values every form is built of, as zod schemas shared by browser and server: ids, calendar dates that exist
 * and fall in a sane range, whole numbers within int4, amounts within int8, bounded text, a path to return to.
 * Form schemas use these, so a value the database cannot hold (an impossible date, a version beyond int4, an
 * amount beyond int8, a malformed uuid) is refused with a message beside its field and never reaches Postgres.
 * NUL characters are refused earlier, for every field at once, by the form parser (./parse.server.ts).
 * Every message here is a catalogue message (./messages.ts, ADR 090), as is every message a form passes in.
 */
import { z } from "zod";
import type { Language } from "~/i18n/config";
import { isIsoDate } from "~/utils/dates";
import { MoneyInputError, parseAmount } from "~/utils/money";
import { INPUT_MESSAGES as M } from "./messages";

/** Postgres's int4 (`integer`): versions, counts, ratios. */
export const INT4_MAX = 2_147_483_647;

/** The largest amount a form takes, in minor units: 18 nines, below int8's 9,223,372,036,854,775,807. */
export const MAX_AMOUNT_MINOR = 999_999_999_999_999_999n;

/** Calendar dates a form takes: wide enough for any due date, rate or payment, far inside Postgres's range. */
export const DATE_RANGE = { min: "1900-01-01", max: "2199-12-31" } as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is an existing calendar date 'YYYY-MM-DD' within DATE_RANGE. */
export function isFormDate(value: string): boolean {
  return isIsoDate(value) && value >= DATE_RANGE.min && value <= DATE_RANGE.max;
}

/** A row's id. */
export function uuid(message: string = M.chooseFromList) {
  return z.uuid(message);
}

/** An optional choice of a row: a uuid, or empty (a select left at its placeholder). */
export function optionalUuid(message: string = M.chooseFromList) {
  return z.union([z.uuid(message), z.literal("")], message).optional();
}

/**
 * A calendar date typed 'YYYY-MM-DD' that exists and lies within DATE_RANGE. A form may word the format and
 * the existence messages its own way; the range message is the same everywhere.
 */
export function isoDate(messages: { format?: string; exists?: string } = {}) {
  const format = messages.format ?? M.dateFormat;
  return z
    .string(format)
    .trim()
    .regex(ISO_DATE, { message: format, abort: true })
    .refine(isIsoDate, { message: messages.exists ?? M.dateExists, abort: true })
    .refine(isFormDate, M.dateRange);
}

/** A whole number within [min, max], both within int4 (a form's field sent as text). */
export function wholeNumber(
  range: { min: number; max: number },
  messages: { type?: string; range?: string } = {},
) {
  const outOfRange = messages.range ?? M.wholeNumberRange(range.min, range.max);
  return z.coerce
    .number(messages.type ?? M.wholeNumber)
    .int(messages.type ?? M.wholeNumber)
    .min(Math.max(range.min, -INT4_MAX - 1), outOfRange)
    .max(Math.min(range.max, INT4_MAX), outOfRange);
}

/** The version of a row the person saw (optimistic concurrency): a positive int4 the page put in the form. */
export function version() {
  return wholeNumber({ min: 1, max: INT4_MAX }, { type: M.version, range: M.version });
}

/**
 * What is wrong with an amount typed in `currency`, written as `language` writes numbers ("1 250 000,50" in
 * French, ADR 091), or null when it is a positive amount a column holds: readable without guessing and with
 * the currency's decimals at most (app/utils/money.ts), above zero, at most MAX_AMOUNT_MINOR minor units.
 */
export function amountProblem(text: string, currency: string, language: Language): string | null {
  try {
    const minor = parseAmount(text, currency, language);
    if (minor <= 0n) return M.amountPositive;
    return minor > MAX_AMOUNT_MINOR ? M.amountTooLarge : null;
  } catch (error) {
    if (error instanceof MoneyInputError) return error.message;
    throw error;
  }
}

/** Text with a length limit, trimmed. */
export function boundedText(max: number, message: string = M.tooLong(max)) {
  return z.string().trim().max(max, message);
}

/** An e-mail address as typed, lower-cased, at most 254 characters (RFC 5321's path limit). */
export function email(messages: { empty: string; invalid: string }) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .min(1, messages.empty)
    .max(254, M.emailTooLong)
    .pipe(z.email(messages.invalid));
}

/**
 * Where to go after a form (a sign-in's `redirectTo`): optional, and never with a CR or LF, which would split
 * the redirect's header. Off-site and other tricks are made harmless by safeRedirect when it is followed.
 */
export const returnPath = z
  .string()
  .max(2000, M.returnPath)
  .refine((value) => !/[\r\n]/.test(value), M.returnPath)
  .optional();
