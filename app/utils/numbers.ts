/*
 * Numbers as the reader's language writes them (ADR 091): "1,234.5" / "1 234,5" / "1,234.5"; percentages
 * "68.5%" / "68,5 %"; FX rates to six significant digits. Counts of things ("1 milestone", "3 jalons") are
 * catalogue plurals (`t("count.milestones", { count })`), whose number goes through formatNumber.
 */
import { FORMAT_LOCALES, type Language } from "~/i18n/config";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${language} ${JSON.stringify(options)}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(FORMAT_LOCALES[language], options);
    numberFormats.set(id, format);
  }
  return format;
}

/** No "-0.0": a value that rounds to nothing is nothing. */
function withoutNegativeZero(value: number, digits: number): number {
  return Object.is(Number(value.toFixed(digits)), -0) ? 0 : value;
}

/** A number with exactly `digits` decimals (none by default), grouped. Takes a bigint or decimal string exactly. */
export function formatNumber(
  value: number | bigint | string,
  language: Language,
  digits = 0,
): string {
  const exact = typeof value === "number" ? withoutNegativeZero(value, digits) : value;
  return numberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(exact as number);
}

/** A number with at most `digits` decimals ("0.5", "12,000"). */
export function formatUpTo(value: number, language: Language, digits: number): string {
  return numberFormat(language, { maximumFractionDigits: digits }).format(
    withoutNegativeZero(value, digits),
  );
}

/** A percentage of 0–100 with `digits` decimals: "68.5%", "68,5 %", "68.5%". */
export function formatPercent(value: number, language: Language, digits = 1): string {
  return numberFormat(language, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(withoutNegativeZero(value, digits + 2) / 100);
}

/**
 * An FX rate (a decimal string, numeric(20, 10) in the database) to six significant digits, never ten
 * decimals: "0.00678912", "1.0823", "157.3". Exact: Intl reads the decimal string without a float.
 */
export function formatRate(rate: string, language: Language): string {
  return numberFormat(language, { maximumSignificantDigits: 6 }).format(rate as unknown as number);
}

/* Reading numbers people typed ------------------------------------------------------------------------ */

/**
 * A number as written in `language` (an amount, a capacity, a rate), as plain digits with a point for the
 * decimal separator, or null when it cannot be read without guessing.
 * English and Japanese group with commas (in threes) and mark decimals with a point ("1,250,000.50"); French
 * groups with spaces (or points) and marks decimals with a comma ("1 250 000,50"). Spaces, narrow spaces,
 * underscores and apostrophes are grouping in every language.
 */
export function readDecimal(input: string, language: Language): string | null {
  const text = input.trim().replace(/[\s\u00a0\u202f_'’]/g, "");
  if (language === "fr") {
    if (text.includes(",")) {
      // The comma is the decimal mark: one at most, points before it are grouping.
      if (text.indexOf(",") !== text.lastIndexOf(",")) return null;
      const [whole = "", fraction = ""] = text.split(",");
      return `${whole.replace(/\.(?=\d{3}(\.|$))/g, "")}.${fraction}`;
    }
    // A single point before exactly three digits ("1.500") reads as 1 500 or 1,5: refuse to guess.
    if (/^-?\d+\.\d{3}$/.test(text)) return null;
    return /^-?\d{1,3}(\.\d{3})+$/.test(text) ? text.replace(/\./g, "") : text;
  }
  // A comma groups three digits; "1,5" is no amount in English or Japanese.
  if (text.includes(",") && !/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) return null;
  return text.replace(/,/g, "");
}
