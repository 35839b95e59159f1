/* The i18next options the server's and the browser's instances share (ADR 090). */
import type { InitOptions, Resource } from "i18next";
import { LANGUAGES, type Language } from "./config";

export function i18nextOptions(lng: Language, resources: Resource): InitOptions {
  return {
    lng,
    resources,
    supportedLngs: [...LANGUAGES],
    // No fallback language: the browser holds one catalogue only, so a fallback on the server would render
    // words the browser cannot (a hydration error). The catalogue tests keep every key in every language.
    fallbackLng: false,
    defaultNS: "translation",
    ns: ["translation"],
    // React escapes what it renders; catalogues hold plain text.
    interpolation: { escapeValue: false },
    returnNull: false,
    // Resources are in memory: initialise synchronously, so a request renders at once.
    initImmediate: false,
    react: { useSuspense: false, transKeepBasicHtmlNodesFor: ["br", "strong", "em", "code"] },
  };
}
