/*
 * The demo seed (supabase/seed.sql) is written as of its reference day, 2026-11-30, and every date and
 * timestamp in it is shifted at load time by (load day − reference day). The load day is the database's
 * current_date, or the setting `lodestone.seed_today` when a test loads the seed "as of" another day.
 * Tests name a seed date by the literal written in seed.sql and get the date it has in the loaded data.
 */
export const SEED_REFERENCE_DAY = "2026-11-30";

const DAY_MS = 86_400_000;

/** Today's date (UTC) as ISO `YYYY-MM-DD`. */
export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `iso` plus `days` calendar days, as ISO `YYYY-MM-DD`. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date a seed literal (as written in seed.sql) has in a seed loaded on `loadDay`. */
export function seedDate(literal: string, loadDay: string = isoToday()): string {
  return addDays(literal, daysBetween(SEED_REFERENCE_DAY, loadDay));
}
