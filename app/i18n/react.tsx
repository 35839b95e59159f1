/*
 * Translating in components (ADR 090): `useT()` gives `t` for catalogue keys, `tm` for messages (keys with
 * values, app/i18n/message.ts) that came from a schema, a model or the server, and the page's language.
 * `useFormat()` gives the formatters bound to that language (dates, money, numbers, countries).
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { languageOr, type Language } from "./config";
import { formatterFor, type Formatter } from "./format";
import { rememberingWords, translateMessage } from "./translate";

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return languageOr(i18n.language);
}

export function useT() {
  const { t, i18n } = useTranslation();
  const language = languageOr(i18n.language);
  return useMemo(
    () => ({
      t: rememberingWords(t, language),
      tm: (message: string) => translateMessage(t, message, language),
      language,
    }),
    [t, language],
  );
}

export function useFormat(): Formatter {
  const language = useLanguage();
  return useMemo(() => formatterFor(language), [language]);
}
