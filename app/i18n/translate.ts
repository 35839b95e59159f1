/*
 * Messages (app/i18n/message.ts) into words: the key in the reader's catalogue, with its values, amounts and
 * dates formatted in the reader's language, nested messages translated first.
 */
import type { TFunction } from "i18next";
import type { Language } from "./config";
import { formatterFor } from "./format";
import { parseMessage } from "./message";

/**
 * The message in the language of `t`. A string that is not a message, or whose key the catalogue lacks, is
 * returned as it is: the catalogue tests keep every key the app writes in every catalogue, so this happens
 * only for words that were never ours (a third party's error), which are better shown than hidden.
 */
export function translateMessage(t: TFunction, text: string, language: Language): string {
  const parsed = parseMessage(text);
  if (!parsed) return text;
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
 * Words without values: `t(key)` gives the same string every time in one language (a language's catalogue does
 * not change once loaded; the browser adds a catalogue before it switches to its language), and a page asks for
 * the same words once per card or row. Remembered per language and key, so i18next resolves each once per
 * process rather than once per use (ADR 154). Bounded, in case keys are ever built from data.
 */
const words = new Map<string, string>();
const WORDS_MAX = 5_000;

type Translate = (key: unknown, ...rest: unknown[]) => unknown;

/** `t` (of `language`) remembering what it returns for a key alone; a call with options goes to `t`. */
export function rememberingWords<T extends TFunction>(t: T, language: Language): T {
  const translate = t as unknown as Translate;
  const remembering: Translate = (key, ...rest) => {
    if (rest.length > 0 || typeof key !== "string") return translate(key, ...rest);
    const id = `${language} ${key}`;
    let word = words.get(id);
    if (word === undefined) {
      word = String(translate(key));
      if (words.size >= WORDS_MAX) words.clear();
      words.set(id, word);
    }
    return word;
  };
  return remembering as unknown as T;
}
