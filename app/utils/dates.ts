/*
 * Dates, one way everywhere. A calendar date (a due date, an FX rate's date, "today") is an ISO string
 * 'YYYY-MM-DD' with no time zone; a moment (a timestamp) is shown in UTC so every partner reads the same
 * time. Pure: no function here reads the clock. "Today" is an argument, which routes take from the server's
 * clock (app/utils/clock.server.ts) and tests set to any day (ADR 050).
 */
import { dateTimeFormat } from "./intl";

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

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** "Aug 2026" for '2026-08'. */
export function monthLabel(month: string): string {
  const [year, m = 1] = month.split("-").map(Number);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/**
 * "30 Sep 2027": a calendar date as people read it, the same on the server and in the browser. Takes a
 * date 'YYYY-MM-DD' or an ISO timestamp (its UTC day); null or an empty string reads "—".
 */
export function formatDay(isoDate: string | null): string {
  if (!isoDate) return "—";
  return dateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** "27 Nov 2026, 14:05 UTC": a moment, stated in UTC so every partner reads the same time. */
export function formatMoment(moment: string | Date): string {
  const date = typeof moment === "string" ? new Date(moment) : moment;
  return `${dateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  }).format(date)} UTC`;
}
