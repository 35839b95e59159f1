/*
 * Money is an integer of minor units plus an ISO 4217 code; JPY and KRW have no minor unit. Nothing here
 * touches floating point: amounts are bigint, parsed from and formatted to decimal strings digit by digit.
 */
import { FORMAT_LOCALES, type Language } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { readDecimal } from "./numbers";

export interface Money {
  minor: bigint;
  currency: string;
}

const digitsByCurrency = new Map<string, number>();

/**
 * How many digits the currency's minor unit has (USD 2, JPY 0, KRW 0, BHD 3), from ICU's currency data.
 * Remembered per code: building an Intl.NumberFormat costs tens of microseconds, and every conversion asks.
 */
export function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** Minor units from a value the database returned (int8 arrives as a string) or a bigint. */
export function toMinor(value: bigint | string | number): bigint {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new RangeError(`${value} is not a whole number of minor units.`);
  }
  return BigInt(value);
}

/** An amount a person typed that is not one; its message is a catalogue message (app/i18n/message.ts). */
export class MoneyInputError extends Error {}

/**
 * Parses what a person typed in `language` ("1,250,000.50", "1 250 000,50", "¥1,000") into minor units of
 * `currency`. Refuses more decimals than the currency has, and any writing it would have to guess at,
 * rather than rounding or guessing silently.
 */
export function parseAmount(input: string, currency: string, language: Language): bigint {
  const digits = minorDigits(currency);
  // A currency sign before or after the number ("¥1,000", "1 000 €") is no part of it.
  const cleaned = readDecimal(input.trim().replace(/^[^\d.,-]+|[^\d.,]+$/g, ""), language);
  const match = cleaned === null ? null : /^(-)?(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) throw new MoneyInputError(msg("money.format"));
  const [, sign, whole = "0", fraction = ""] = match;
  if (fraction.length > digits) {
    throw new MoneyInputError(
      digits === 0
        ? msg("money.noMinorUnit", { currency })
        : msg("money.tooManyDecimals", { currency, count: digits }),
    );
  }
  const minor = BigInt(whole + fraction.padEnd(digits, "0"));
  return sign ? -minor : minor;
}

/** The amount as a plain decimal string in major units ("1250000.50"), exact. */
export function toDecimalString(minor: bigint | string, currency: string): string {
  const value = toMinor(minor);
  const digits = minorDigits(currency);
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = digits ? `.${text.slice(text.length - digits)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, language: Language, compact: boolean): Intl.NumberFormat {
  const id = `${currency} ${language} ${compact}`;
  let format = moneyFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(FORMAT_LOCALES[language], {
      style: "currency",
      currency,
      // Japanese names the currency after the number ("40億米ドル", "4,000,000円"): its symbols ("$") would not
      // tell US, Australian and Canadian dollars apart. English and French symbols do ("US$", "A$"; "$US").
      currencyDisplay: language === "ja" ? "name" : "symbol",
      // Both bounds of the fraction are given: engines disagree on the minimum compact notation implies
      // ("US$100.0m" in Node 20, "US$100m" in Chromium), which broke hydration.
      ...(compact
        ? { notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }
        : {}),
    });
    moneyFormats.set(id, format);
  }
  return format;
}

/**
 * "US$1,250,000.50", "JP¥4,000,000,000", "€2.5m" (compact) in English; "1 250 000,50 $US" in French;
 * "1,250,000.50米ドル", "40億円" in Japanese. Formatted by Intl from the exact decimal string.
 */
export function formatMoney(
  minor: bigint | string,
  currency: string,
  language: Language,
  options?: { compact?: boolean },
): string;
/** @deprecated Pass the reader's language (being converted area by area, ADR 090). */
export function formatMoney(
  minor: bigint | string,
  currency: string,
  options?: { compact?: boolean },
): string;
export function formatMoney(
  minor: bigint | string,
  currency: string,
  languageOrOptions: Language | { compact?: boolean } = "en",
  options: { compact?: boolean } = {},
): string {
  const [language, { compact }] =
    typeof languageOrOptions === "string"
      ? [languageOrOptions, options]
      : (["en", languageOrOptions] as const);
  // Intl accepts decimal strings exactly (no conversion through a float) since ES2023.
  return moneyFormat(currency, language, compact === true).format(
    toDecimalString(minor, currency) as unknown as number,
  );
}

export function sumMinor(values: Array<bigint | string>): bigint {
  return values.reduce<bigint>((total, value) => total + toMinor(value), 0n);
}

/**
 * Splits `total` into parts proportional to `weights` that always add up to `total` exactly (largest
 * remainder: each part is rounded down, then the units left over go one each to the parts with the largest
 * remainders, ties to the earlier part). Weights are non-negative integers, at least one positive.
 */
export function allocate(total: bigint, weights: ReadonlyArray<bigint>): bigint[] {
  if (weights.length === 0) throw new RangeError("Nothing to allocate to.");
  if (weights.some((weight) => weight < 0n)) throw new RangeError("Weights cannot be negative.");
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError("At least one weight must be positive.");
  const negative = total < 0n;
  const whole = negative ? -total : total;
  const parts = weights.map((weight) => (whole * weight) / sum);
  const remainders = weights.map((weight, index) => ({ index, rest: (whole * weight) % sum }));
  let left = whole - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return negative ? parts.map((part) => -part) : parts;
}

/** Splits `total` into `count` parts as equal as possible (earlier parts get the extra units). */
export function splitEvenly(total: bigint, count: number): bigint[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError("Split into one part or more.");
  return allocate(
    total,
    Array.from({ length: count }, () => 1n),
  );
}

let knownCurrencies: Set<string> | null = null;

/** Whether `code` is an ISO 4217 currency the runtime knows (Intl's list of supported currencies). */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  knownCurrencies ??= new Set(
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : [],
  );
  return knownCurrencies.size === 0 || knownCurrencies.has(code);
}
