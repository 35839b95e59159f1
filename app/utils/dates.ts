/*
 * Dates, one way everywhere. A calendar date (a due date, an FX rate's date, "today") is an ISO string
 * 'YYYY-MM-DD' with no time zone; a moment (a timestamp) is shown in UTC so every partner reads the same
 * time, in the reader's language. Pure: no function here reads the clock. "Today" is an argument, which routes take from the server's
 * clock (app/utils/clock.server.ts) and tests set to any day (ADR 050).
 */

import { FORMAT_LOCALES, type Language } from "~/i18n/config";
import { BoundedMemory } from "./bounded-memory";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Whether `value` is a calendar date written 'YYYY-MM-DD' that exists (2027-02-29 does not, nor does any day of
 * year 0000: the calendar, and Postgres, go from 1 BC to AD 1).
 */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year = 0, month = 0, day = 0] = match.map(Number);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() + 1 === month &&
    date.getUTCDate() === day
  );
}

/** Days since 1970-01-01 of a calendar date 'YYYY-MM-DD'. */
export function dayNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${isoDate}`);
  const [, year, month, day] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day)) / DAY_MS;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The calendar date `days` days after `isoDate` (before it when `days` is negative). */
export function addDays(isoDate: string, days: number): string {
  return isoDateOf(new Date((dayNumber(isoDate) + days) * DAY_MS));
}

/** The calendar date of a moment, in UTC: the day "today" is for the whole partnership. */
export function isoDateOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** 'YYYY-MM' plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [year = 0, m = 1] = month.split("-").map(Number);
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/*
 * How dates read, in the reader's language (ADR 091): "30 Sept 2026" / "30 sept. 2026" / "2026年9月30日". Every
 * format is in UTC, so the server and the browser write the same day whatever their time zones, and a moment
 * says "UTC". The formatters are made once per language (building one costs tens of microseconds).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: Language, kind: "day" | "month" | "moment"): Intl.DateTimeFormat {
  const id = `${language} ${kind}`;
  let format = formats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(FORMAT_LOCALES[language], {
      ...(kind === "month" ? {} : { day: "numeric" }),
      month: "short",
      year: "numeric",
      ...(kind === "moment" ? { hour: "2-digit", minute: "2-digit", timeZoneName: "short" } : {}),
      timeZone: "UTC",
    });
    formats.set(id, format);
  }
  return format;
}

/** "Aug 2026" / "août 2026" / "2026年8月" for '2026-08'. */
export function monthLabel(month: string, language: Language = "en"): string {
  return dateFormat(language, "month").format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}

/*
 * Days as words, per language and calendar date: formatting one costs about 10 µs, and the board writes one
 * per card, the lists one per row, mostly the same few hundred dates (ADR 176). A calendar date says nothing
 * of who reads it. Bounded, as dates come from data.
 */
const days = new BoundedMemory<string>(10_000);

/**
 * "30 Sept 2027": a calendar date as people of `language` read it. Takes a date 'YYYY-MM-DD' or an ISO
 * timestamp (its UTC day); null or an empty string reads "—".
 */
export function formatDay(isoDate: string | null, language: Language = "en"): string {
  if (!isoDate) return "—";
  const day = isoDate.slice(0, 10);
  const id = `${language} ${day}`;
  let words = days.get(id);
  if (words === undefined) {
    words = dateFormat(language, "day").format(new Date(`${day}T00:00:00Z`));
    days.set(id, words);
  }
  return words;
}

/** "27 Nov 2026, 14:05 UTC": a moment, stated in UTC so every partner reads the same time. */
export function formatMoment(moment: string | Date, language: Language = "en"): string {
  return dateFormat(language, "moment").format(
    typeof moment === "string" ? new Date(moment) : moment,
  );
}
