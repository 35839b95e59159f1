/*
 * Messages (app/i18n/message.ts) into words: the key in the reader's catalogue, with its values, amounts and
 * dates formatted in the reader's language, nested messages translated first.
 */
import type { TFunction } from "i18next";
import type { Language } from "./config";
import { formatterFor } from "./format";
import { BoundedMemory } from "~/utils/bounded-memory";
import { parseMessage } from "./message";

type ParsedMessage = NonNullable<ReturnType<typeof parseMessage>>;

/**
 * The message in the language of `t`. A string that is not a message, or whose key the catalogue lacks, is
 * returned as it is: the catalogue tests keep every key the app writes in every catalogue, so this happens
 * only for words that were never ours (a third party's error), which are better shown than hidden.
 */
export function translateMessage(t: TFunction, text: string, language: Language): string {
  const parsed = parseMessage(text);
  return parsed ? translateParsed(t, parsed, text, language) : text;
}

/** A message already parsed from `text` (its words when the catalogue lacks its key). */
function translateParsed(
  t: TFunction,
  parsed: ParsedMessage,
  text: string,
  language: Language,
): string {
  const translate = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const format = formatterFor(language);
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (typeof value !== "object" || value === null) values[name] = value;
    else if ("$message" in value) values[name] = translateMessage(t, value.$message, language);
    else if ("$money" in value)
      values[name] = format.money(value.$money.minor, value.$money.currency);
    else if ("$day" in value) values[name] = format.day(value.$day);
  }
  return translate(parsed.key, { ...values, defaultValue: text });
}

/*
 * Words remembered: `t(key)` gives the same string every time in one language (a language's catalogue does not
 * change once loaded; the browser adds a catalogue before it switches to its language), and a page asks for the
 * same words once per card or row. Remembered per language and key, so i18next resolves each once per process
 * rather than once per use (ADR 154). A call whose options are only numbers and booleans (a count, a minimum) is
 * as fixed, by its key and those options, and the board asks one per card ("3 days late"): remembered too, under
 * the key and every option's name and value (ADR 176). Options with any string (a title, a name) always go to
 * i18next: they may be a person's data, which this process-wide memory never holds. Bounded, in case keys or
 * numbers are ever built from data.
 */
const words = new BoundedMemory<string>(5_000);

type Translate = (key: unknown, ...rest: unknown[]) => unknown;

/**
 * The memory's id for `key` with `options` in `language`, or null when the call is not one to remember (options
 * that are not a plain object of numbers and booleans). Options are taken in the order of their names, so
 * `{ a, b }` and `{ b, a }` are the same call; -0 is not 0 (Intl writes "-0").
 */
export function wordId(language: Language, key: string, options?: unknown): string | null {
  const id = `${language} ${key}`;
  if (options === undefined) return id;
  if (typeof options !== "object" || options === null || Array.isArray(options)) return null;
  if (Object.getPrototypeOf(options) !== Object.prototype) return null;
  let withOptions = `${id}\u0000`;
  for (const name of Object.keys(options).sort()) {
    const value = (options as Record<string, unknown>)[name];
    if (typeof value === "number")
      withOptions += `\u0000${name}=${Object.is(value, -0) ? "-0" : value}`;
    else if (typeof value === "boolean") withOptions += `\u0000${name}=${value ? "true" : "false"}`;
    else return null;
  }
  return withOptions;
}

function remembered(id: string, translate: () => unknown): unknown {
  const known = words.get(id);
  if (known !== undefined) return known;
  const word = translate();
  // Only strings are words: `returnObjects` gives a catalogue's subtree, which is not kept.
  if (typeof word !== "string") return word;
  words.set(id, word);
  return word;
}

/** `t` (of `language`) remembering what it returns for a key alone or with numbers; other calls go to `t`. */
export function rememberingWords<T extends TFunction>(t: T, language: Language): T {
  const translate = t as unknown as Translate;
  const remembering: Translate = (key, ...rest) => {
    const id = typeof key === "string" && rest.length <= 1 ? wordId(language, key, rest[0]) : null;
    if (id === null) return translate(key, ...rest);
    return remembered(id, () =>
      rest.length === 0 ? String(translate(key)) : translate(key, ...rest),
    );
  };
  return remembering as unknown as T;
}

/**
 * `tm` (messages in `language`) remembering a message whose values are all numbers, as the board's "due in 3
 * days" is: its text names its key and values, so it is the whole of what decides the words. A message with a
 * string, an amount, a date or a nested message goes to translateMessage each time.
 */
export function rememberingMessages(t: TFunction, language: Language): (message: string) => string {
  return (message) => {
    // Looked up before it is parsed: only a message of numbers is ever kept, so a hit is one.
    const id = `${language} \u0001${message}`;
    const known = words.get(id);
    if (known !== undefined) return known;
    const parsed = parseMessage(message);
    if (!parsed) return message;
    const word = translateParsed(t, parsed, message, language);
    if (Object.values(parsed.values).every((value) => typeof value === "number"))
      words.set(id, word);
    return word;
  };
}
