import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { languageOr } from "./i18n/config";
import { WordsProvider } from "./i18n/react";
import { i18nextOptions } from "./i18n/options";
import { CATALOGUES } from "./locales/load";
import "./i18n/zod-messages";

/* The page's language is on <html lang>: load its catalogue, then hydrate in the words the server rendered. */
async function hydrate() {
  const language = languageOr(document.documentElement.lang);
  const catalogue = await CATALOGUES[language]();
  await i18next
    .use(initReactI18next)
    .init(i18nextOptions(language, { [language]: { translation: catalogue } }));
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <WordsProvider>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </WordsProvider>
      </I18nextProvider>,
    );
  });
}

void hydrate();
