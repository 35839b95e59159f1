import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getOptionalUser } from "~/auth/auth.server";
import { safeRedirect } from "~/auth/sign-in.server";
import { parseForm } from "~/forms/parse.server";
import { returnPath } from "~/forms/values";
import { LANGUAGES } from "~/i18n/config";
import { rememberLanguage } from "~/i18n/i18n.server";
import { setLanguage } from "~/models/profile.server";
import { RouteErrorMessage } from "~/root";

const LanguageSchema = z.object({
  language: z.enum(LANGUAGES),
  redirectTo: returnPath,
});

/**
 * The language switcher posts here: the browser remembers the choice (cookie) and, for a signed-in person,
 * so does their profile, so every device follows it. Then back to the page it came from. A post the switcher
 * cannot send (another language, a return path with a line break, a NUL) is answered 400 naming the field.
 */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, LanguageSchema);
  if (!parsed.ok) return parsed.response;
  const user = await getOptionalUser(request);
  if (user) await setLanguage(user, parsed.data.language);
  throw redirect(safeRedirect(parsed.data.redirectTo, user ? "/p" : "/"), {
    headers: { "Set-Cookie": await rememberLanguage(request, parsed.data.language) },
  });
}

export function loader() {
  throw redirect("/");
}

export const ErrorBoundary = RouteErrorMessage;
