/*
 * Languages on the server (ADR 090): which language a request is answered in, the translators for loaders and
 * actions (mail, thrown responses), and the i18next instance each rendered page gets of its own.
 */
import { createCookie } from "@remix-run/node";
import i18next, { createInstance, type i18n, type TFunction } from "i18next";
import { LanguageDetector } from "remix-i18next/server";
import { en } from "~/locales/en";
import { fr } from "~/locales/fr";
import { ja } from "~/locales/ja";
import { DEFAULT_LANGUAGE, LANGUAGES, languageOr, type Language } from "./config";
import { translateMessage } from "./translate";
import { i18nextOptions } from "./options";

export const RESOURCES = {
  en: { translation: en },
  fr: { translation: fr },
  ja: { translation: ja },
};

/** The language chosen with the switcher before signing in (a signed-in person's is on their profile). */
export const languageCookie = createCookie("lodestone_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const detector = new LanguageDetector({
  supportedLanguages: [...LANGUAGES],
  fallbackLanguage: DEFAULT_LANGUAGE,
  cookie: languageCookie,
  order: ["cookie", "header"],
});

/**
 * The language to answer `request` in: the person's profile when they chose one, else the switcher's cookie,
 * else the browser's Accept-Language, else English.
 */
export async function languageOf(
  request: Request,
  profileLanguage?: string | null,
): Promise<Language> {
  if (profileLanguage) return languageOr(profileLanguage);
  return languageOr(await detector.detect(request));
}

/** The Set-Cookie header that remembers `language` in this browser. */
export function rememberLanguage(request: Request, language: Language): Promise<string> {
  return languageCookie.serialize(language, {
    secure: new URL(request.url).protocol === "https:",
  });
}

/*
 * The global instance holds every catalogue on the server, for its own translations and for the routes' meta
 * functions (app/i18n/meta.ts; in the browser the same global holds the page's catalogue). getFixedT never
 * changes its state, so requests in different languages share it safely.
 */
const shared = i18next;
if (!shared.isInitialized) void shared.init(i18nextOptions(DEFAULT_LANGUAGE, RESOURCES));

/** A translator fixed to `language`, for loaders, actions and mail. */
export function getT(language: Language): TFunction {
  return shared.getFixedT(language);
}

/** A message (app/i18n/message.ts) in `language`. */
export function translate(language: Language, message: string): string {
  return translateMessage(getT(language), message, language);
}

/*
 * The instance pages in `language` render with: one per language, made once per process. Rendering reads an
 * instance and never changes it on the server (only the browser's copy changes language, in root.tsx's
 * effect), so concurrent requests in different languages each read their own language's instance. Making
 * one per request cost an i18next init (its services, plural rules and interpolation) per page (ADR 154).
 */
const pageInstances = new Map<Language, i18n>();

/** The i18next instance for rendering a page in `language`, shared by every page in that language. */
export function pageI18n(language: Language): i18n {
  let instance = pageInstances.get(language);
  if (!instance) {
    instance = createInstance();
    void instance.init(i18nextOptions(language, RESOURCES)); // synchronous: initImmediate is false
    // Shared by every request in its language, it must never change language: one request's switch would be
    // another's page. Refuse, loudly, rather than trust every caller to know.
    instance.changeLanguage = () => {
      throw new Error(`the shared page instance of "${language}" cannot change language`);
    };
    pageInstances.set(language, instance);
  }
  return instance;
}
