/*
 * The formatters of one language, bound (ADR 091): components take them from useFormat(), server code from
 * formatterFor(language). Each is the one function of its concern: dates (app/utils/dates.ts), money
 * (app/utils/money.ts), numbers and rates (app/utils/numbers.ts), country names (app/domain/countries.ts).
 */
import { countryName } from "~/domain/countries";
import { formatDay, formatMoment, monthLabel } from "~/utils/dates";
import { formatMoney } from "~/utils/money";
import { formatNumber, formatPercent, formatRate, formatUpTo } from "~/utils/numbers";
import type { Language } from "./config";

export interface Formatter {
  language: Language;
  /** "30 Sept 2026" from 'YYYY-MM-DD' or a timestamp; "—" for none. */
  day(isoDate: string | null): string;
  /** "27 Nov 2026, 14:05 UTC". */
  moment(moment: string | Date): string;
  /** "Aug 2026" from 'YYYY-MM'. */
  month(month: string): string;
  /** "JP¥4,000,000,000"; compact "US$100m". */
  money(minor: bigint | string, currency: string, options?: { compact?: boolean }): string;
  /** Grouped, with exactly `digits` decimals. */
  number(value: number | bigint | string, digits?: number): string;
  /** Grouped, with at most `digits` decimals. */
  upTo(value: number, digits: number): string;
  /** "68.5%" from 68.5. */
  percent(value: number, digits?: number): string;
  /** An FX rate to six significant digits. */
  rate(rate: string): string;
  /** "Republic of Korea" from "KR". */
  country(code: string): string;
}

const formatters = new Map<Language, Formatter>();

export function formatterFor(language: Language): Formatter {
  let formatter = formatters.get(language);
  if (!formatter) {
    formatter = {
      language,
      day: (isoDate) => formatDay(isoDate, language),
      moment: (moment) => formatMoment(moment, language),
      month: (month) => monthLabel(month, language),
      money: (minor, currency, options) => formatMoney(minor, currency, language, options),
      number: (value, digits) => formatNumber(value, language, digits),
      upTo: (value, digits) => formatUpTo(value, language, digits),
      percent: (value, digits) => formatPercent(value, language, digits),
      rate: (rate) => formatRate(rate, language),
      country: (code) => countryName(code, language),
    };
    formatters.set(language, formatter);
  }
  return formatter;
}
