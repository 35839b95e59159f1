/*
 * The languages Lodestone speaks, shared by browser and server (ADR 090). A person's language comes from their
 * profile, then the language cookie the switcher sets, then the browser's Accept-Language, then English.
 */
export const LANGUAGES = ["en", "fr", "ja"] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = "en";

/** Each language named in itself, as the switcher shows it (the same in every language). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  fr: "Français",
  ja: "日本語",
};

/**
 * The locale numbers, money and dates are written in for each language: British English ("US$1,250,000.50",
 * "30 Sept 2026"), French of France, Japanese of Japan.
 */
export const FORMAT_LOCALES: Record<Language, string> = {
  en: "en-GB",
  fr: "fr-FR",
  ja: "ja-JP",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The language of a stored or posted value, or the default when it is not one of ours. */
export function languageOr(value: unknown, fallback: Language = DEFAULT_LANGUAGE): Language {
  return isLanguage(value) ? value : fallback;
}
