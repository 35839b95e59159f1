/*
 * A message: a sentence for a person that is not yet in a language (ADR 090). Code that decides what a person
 * is told without knowing who reads it (zod schemas shared by browser and server, models' refusals, the mapping
 * of database errors, thrown 4xx responses) says it as a catalogue key and its values, written as one string so
 * it travels where only strings go: zod issues, react-hook-form errors, JSON form failures, a Response body.
 * The page that shows it translates it (`tm` from useT(); `translate` on the server; app/i18n/translate.ts).
 *
 * The string is the key alone, or the key, a space and the values as JSON: "refusals.pledgeNotFound",
 * 'validation.tooLong {"max":200}'. A value may itself be a message (`nested(...)`), translated first.
 */
import type { ParseKeys } from "i18next";

export type MessageKey = ParseKeys<"translation">;
type Value =
  | string
  | number
  | { $message: string }
  | { $money: { minor: string; currency: string } }
  | { $day: string };
export type MessageValues = Record<string, Value>;

/** The message `key` with `values`, as one string. */
export function msg(key: MessageKey, values?: MessageValues): string {
  return values && Object.keys(values).length > 0 ? `${key} ${JSON.stringify(values)}` : key;
}

/** A message as the value of another message (translated before it is put in). */
export function nested(message: string): { $message: string } {
  return { $message: message };
}

/** An amount as the value of a message, formatted in the reader's language. */
export function moneyValue(
  minor: bigint | string,
  currency: string,
): { $money: { minor: string; currency: string } } {
  return { $money: { minor: minor.toString(), currency } };
}

/** A calendar date ('YYYY-MM-DD') as the value of a message, formatted in the reader's language. */
export function dayValue(isoDate: string): { $day: string } {
  return { $day: isoDate };
}

const KEY = /^[A-Za-z][\w-]*(?:\.[\w-]+)+$/;

/** The key and values of a message, or null when `text` is not one (a plain string from elsewhere). */
export function parseMessage(text: string): { key: string; values: MessageValues } | null {
  const space = text.indexOf(" ");
  const key = space === -1 ? text : text.slice(0, space);
  if (!KEY.test(key)) return null;
  if (space === -1) return { key, values: {} };
  try {
    const values: unknown = JSON.parse(text.slice(space + 1));
    return values && typeof values === "object" ? { key, values: values as MessageValues } : null;
  } catch {
    return null;
  }
}
