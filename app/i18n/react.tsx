/*
 * Translating in components (ADR 090): `useT()` gives `t` for catalogue keys, `tm` for messages (keys with
 * values, app/i18n/message.ts) that came from a schema, a model or the server, and the page's language.
 * `useFormat()` gives the formatters bound to that language (dates, money, numbers, countries).
 */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { languageOr, type Language } from "./config";
import { formatterFor, type Formatter } from "./format";
import { rememberingMessages, rememberingWords } from "./translate";

/** The words of the i18next instance above: react-i18next's hook, which re-renders when the language changes. */
function useWordsOfI18next() {
  const { t, i18n } = useTranslation();
  const language = languageOr(i18n.language);
  return useMemo(
    () => ({ t: rememberingWords(t, language), tm: rememberingMessages(t, language), language }),
    [t, language],
  );
}

type Words = ReturnType<typeof useWordsOfI18next>;

const WordsContext = createContext<Words | null>(null);

/*
 * One page asks useT() in every card and row: react-i18next's useTranslation in each cost a few microseconds
 * of checks and state per component (ADR 176). The entries (entry.server.tsx, entry.client.tsx) put this
 * provider under I18nextProvider: it asks useTranslation once, and re-renders with new words when the
 * language changes, which re-renders every component that reads them, as useTranslation in each did.
 */
export function WordsProvider({ children }: { children: ReactNode }) {
  const words = useWordsOfI18next();
  return <WordsContext.Provider value={words}>{children}</WordsContext.Provider>;
}

export function useT(): Words {
  const provided = useContext(WordsContext);
  // Without the provider (a component rendered alone, in a test), its own hook; a component is either always
  // under the provider or never, so the hooks it calls do not change between its renders.
  // eslint-disable-next-line react-hooks/rules-of-hooks
  return provided ?? useWordsOfI18next();
}

export function useLanguage(): Language {
  return useT().language;
}

export function useFormat(): Formatter {
  const language = useLanguage();
  return useMemo(() => formatterFor(language), [language]);
}
