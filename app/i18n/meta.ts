/*
 * Translations for the routes' meta functions, which run outside React: the global i18next instance holds the
 * page's catalogue in the browser and every catalogue on the server (app/i18n/i18n.server.ts), and the root
 * loader says which language the page is in.
 */
import i18next, { type TFunction } from "i18next";
import { languageOr } from "./config";
import { formatterFor, type Formatter } from "./format";
import { msg, type MessageKey, type MessageValues } from "./message";
import { translateMessage } from "./translate";

interface Match {
  id: string;
  data?: unknown;
  error?: unknown;
}

/** The title of the error a page shows instead of itself ("Page not found"), or null when it has none. */
function errorTitleKey(matches: ReadonlyArray<Match>): MessageKey | null {
  // Remix gives every match an `error`: null (or undefined) where nothing failed.
  const error = matches.find((match) => match.error != null)?.error;
  if (error == null) return null;
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 404) return "errors.notFoundTitle";
  if (status === 403) return "errors.forbiddenTitle";
  if (status === 402) return "errors.readOnlyTitle";
  return "errors.unexpectedTitle";
}

function languageOf(matches: ReadonlyArray<Match>) {
  const root = matches.find((match) => match.id === "root")?.data as
    { language?: string } | undefined;
  return languageOr(root?.language ?? i18next.language);
}

/** The translator of the page's language, for a meta function's `matches`. */
export function metaT(matches: ReadonlyArray<Match>): TFunction {
  return i18next.getFixedT(languageOf(matches));
}

/** "Sign in — Lodestone": the title `key` names, in the page's language. */
export function pageTitle(
  matches: ReadonlyArray<Match>,
  key: MessageKey,
  values?: MessageValues,
): string {
  const t = metaT(matches);
  const errorKey = errorTitleKey(matches);
  return t("common.pageTitle", {
    title: translateMessage(t, errorKey ?? msg(key, values), languageOf(matches)),
  });
}

/** The formatters of the page's language, for a meta function's `matches` (dates in titles). */
export function metaFormat(matches: ReadonlyArray<Match>): Formatter {
  return formatterFor(languageOf(matches));
}
