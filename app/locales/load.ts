/*
 * The browser loads the catalogue of the page's language only: each is its own chunk, imported before the
 * page hydrates (app/entry.client.tsx). The server holds all three (app/i18n/i18n.server.ts).
 */
import type { Language } from "~/i18n/config";
import type { Catalogue } from "./en";

export const CATALOGUES: Record<Language, () => Promise<Catalogue>> = {
  en: () => import("./en").then((module) => module.en),
  fr: () => import("./fr").then((module) => module.fr as Catalogue),
  ja: () => import("./ja").then((module) => module.ja as Catalogue),
};
