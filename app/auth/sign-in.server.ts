import { getDatabase } from "~/db/database.server";
import { getAuth } from "./auth.server";
import { checkSignInThrottle, describeWait, recordSignInAttempt } from "./rate-limit.server";

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
  const throttle = await checkSignInThrottle(db, account, clientIp);
  if (!throttle.allowed) {
    return {
      ok: false,
      message: `Too many sign-in attempts. Try again in ${describeWait(throttle.retryAfterSeconds)}, or reset your password.`,
    };
  }
  const result = await (await getAuth()).signInWithPassword(request, account, password);
  await recordSignInAttempt(db, account, clientIp, result.ok);
  if (!result.ok) return { ok: false, message: "That e-mail address and password do not match." };
  return { ok: true, headers: result.headers };
}

/** Only paths on this site, so a crafted link cannot send people elsewhere after signing in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/p") {
  if (
    typeof to !== "string" ||
    !to.startsWith("/") ||
    to.startsWith("//") ||
    to.startsWith("/\\")
  ) {
    return fallback;
  }
  return to;
}
