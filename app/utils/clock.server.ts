/*
 * The server's clock: the one place loaders and actions learn what day it is. Model functions whose answer
 * depends on the date take `today` (or `now`) from their caller instead of reading a clock, so tests run
 * them as of any day (ADR 050). The database's own checks that must follow real time (token and trial
 * expiry, "a payment cannot be dated in the future") read the database's clock.
 */
import { isoDateOf } from "./dates";

/** This moment. */
export function now(): Date {
  return new Date();
}

/** Today's calendar date in UTC, 'YYYY-MM-DD'. */
export function today(): string {
  return isoDateOf(now());
}
