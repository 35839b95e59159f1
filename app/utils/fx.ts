/*
 * Currency conversion with dated rates, exactly: a rate is a decimal string (as Postgres numeric returns it)
 * meaning "units of the reporting currency per 1 unit of the currency, in major units". The conversion is
 * done in integers and rounded once, half to even, so no float ever touches an amount.
 */
import { minorDigits, toMinor } from "./money";

export interface FxRate {
  currency: string;
  rate: string;
  asOf: string;
}

/** A decimal string as an integer numerator over a power-of-ten denominator: "1.2345" → 12345 / 10^4. */
function decimalToFraction(decimal: string): { numerator: bigint; denominator: bigint } {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new RangeError(`Not a decimal rate: ${decimal}`);
  const [, sign, whole = "0", fraction = ""] = match;
  const numerator = BigInt(whole + fraction);
  return { numerator: sign ? -numerator : numerator, denominator: 10n ** BigInt(fraction.length) };
}

/** numerator / denominator rounded to the nearest integer, ties to even. */
export function divideRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("Division by zero");
  if (denominator < 0n) return divideRoundHalfEven(-numerator, -denominator);
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice < denominator) return quotient;
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  if (twice > denominator) return away;
  return quotient % 2n === 0n ? quotient : away;
}

/** Converts minor units of `from` into minor units of `to` at `rate` (to per 1 from, major units). */
export function convertMinor(
  minor: bigint | string,
  from: string,
  to: string,
  rate: string,
): bigint {
  if (from === to) return toMinor(minor);
  const { numerator, denominator } = decimalToFraction(rate);
  const scaleFrom = 10n ** BigInt(minorDigits(from));
  const scaleTo = 10n ** BigInt(minorDigits(to));
  return divideRoundHalfEven(toMinor(minor) * numerator * scaleTo, denominator * scaleFrom);
}

/** The newest rate of `currency` dated on or before `onDate` ('YYYY-MM-DD'), from a list of dated rates. */
export function rateOn(rates: FxRate[], currency: string, onDate: string): FxRate | undefined {
  let best: FxRate | undefined;
  for (const rate of rates) {
    if (rate.currency !== currency || rate.asOf > onDate) continue;
    if (!best || rate.asOf > best.asOf) best = rate;
  }
  return best;
}

/**
 * Converts minor units of `from` into minor units of `to` when both rates are quoted against a third
 * (reporting) currency: amount × rateFrom ÷ rateTo, computed as one fraction and rounded once, half to even.
 */
export function convertMinorCross(
  minor: bigint | string,
  from: string,
  to: string,
  rateFrom: string,
  rateTo: string,
): bigint {
  if (from === to) return toMinor(minor);
  const a = decimalToFraction(rateFrom);
  const b = decimalToFraction(rateTo);
  if (b.numerator === 0n) throw new RangeError("A rate of zero cannot be divided by.");
  const scaleFrom = 10n ** BigInt(minorDigits(from));
  const scaleTo = 10n ** BigInt(minorDigits(to));
  return divideRoundHalfEven(
    toMinor(minor) * a.numerator * b.denominator * scaleTo,
    a.denominator * b.numerator * scaleFrom,
  );
}

/** A sum in one currency, as SQL returns it (int8 as a string) or as app code holds it. */
export interface CurrencyGroup {
  currency: string;
  minor: bigint | string;
}

export interface ConvertedTotal {
  /** The sum in the reporting currency of every group that had a rate. */
  minor: bigint;
  currency: string;
  /** The rates used, one per converted foreign currency, with their dates. */
  ratesUsed: FxRate[];
  /** The newest and oldest rate dates used (null when only reporting-currency money was summed). */
  oldestRateDate: string | null;
  newestRateDate: string | null;
  /** Currencies that had money but no rate on or before the date: left out and named, never guessed. */
  missing: Array<{ currency: string; minor: bigint }>;
}

/**
 * Converts each currency group once (the newest rate on or before `onDate`) and adds the results: the way every
 * converted total in Lodestone is made, so a total names its rates and never silently drops a currency.
 */
export function convertGroups(
  groups: ReadonlyArray<CurrencyGroup>,
  reportingCurrency: string,
  rates: ReadonlyArray<FxRate>,
  onDate: string,
): ConvertedTotal {
  const perCurrency = new Map<string, bigint>();
  for (const group of groups) {
    perCurrency.set(group.currency, (perCurrency.get(group.currency) ?? 0n) + toMinor(group.minor));
  }
  let minor = 0n;
  const ratesUsed: FxRate[] = [];
  const missing: ConvertedTotal["missing"] = [];
  for (const [currency, amount] of [...perCurrency.entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (amount === 0n) continue;
    if (currency === reportingCurrency) {
      minor += amount;
      continue;
    }
    const rate = rateOn(rates as FxRate[], currency, onDate);
    if (!rate) {
      missing.push({ currency, minor: amount });
      continue;
    }
    ratesUsed.push(rate);
    minor += convertMinor(amount, currency, reportingCurrency, rate.rate);
  }
  const dates = ratesUsed.map((rate) => rate.asOf).sort();
  return {
    minor,
    currency: reportingCurrency,
    ratesUsed,
    oldestRateDate: dates[0] ?? null,
    newestRateDate: dates[dates.length - 1] ?? null,
    missing,
  };
}

/** A rate as the table stores it (numeric(20, 10)): digits, a point, at most 10 decimals. */
export const RATE_PATTERN = /^\d{1,10}(\.\d{1,10})?$/;
