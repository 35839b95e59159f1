import { getDatabase } from "~/db/database.server";
import { getAuth } from "./auth.server";
import { msg } from "~/i18n/message";
import { clearSignInFailures, reserveSignInAttempt } from "./rate-limit.server";

export type SignInOutcome = { ok: true; headers: Headers } | { ok: false; message: string };

/** Password sign-in behind the per-account and per-IP throttle, whichever adapter checks the password. */
export async function signInWithPassword(
  request: Request,
  clientIp: string,
  email: string,
  password: string,
): Promise<SignInOutcome> {
  const db = await getDatabase();
  const account = email.trim().toLowerCase();
  // Counted before the password is checked, so concurrent guesses cannot slip past the limit.
  const throttle = await reserveSignInAttempt(db, account, clientIp);
  if (!throttle.allowed) {
    // In whole minutes, a started minute counting as one.
    const minutes = Math.max(1, Math.ceil(throttle.retryAfterSeconds / 60));
    return { ok: false, message: msg("auth.signIn.tooMany", { count: minutes }) };
  }
  const result = await (await getAuth()).signInWithPassword(request, account, password);
  if (result.ok) await clearSignInFailures(db, account);
  if (!result.ok) return { ok: false, message: msg("auth.signIn.noMatch") };
  return { ok: true, headers: result.headers };
}

const OWN_ORIGIN = "https://lodestone.invalid";

/**
 * Only paths on this site, so a crafted link cannot send people elsewhere after signing in. The value is
 * normalised as a browser would read it (WHATWG URL: tabs and newlines dropped, backslashes as slashes, so
 * "/\t/evil.example" is "//evil.example") and kept only if it stays on our origin; the path returned is the
 * normalised one, percent-encoded ASCII, which is always a valid Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/p") {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN) return fallback;
  // Dot segments can leave "//evil.example" ("/.//evil.example"): a browser reads that as another site.
  if (/^\/[/\\]/.test(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}
