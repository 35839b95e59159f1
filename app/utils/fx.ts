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
