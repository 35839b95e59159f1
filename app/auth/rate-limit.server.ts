/*
 * Sign-in throttling, stored in Postgres so it holds across server instances. Failures are counted per account
 * (lower-cased e-mail) and per client IP within a sliding window; a success clears the account's failures.
 */
import type { Queryable } from "~/db/engine.server";

export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 20, windowMinutes: 15 } as const;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function checkSignInThrottle(
  db: Queryable,
  account: string,
  ip: string,
): Promise<ThrottleDecision> {
  const [row] = await db.query<{ account_until: Date | null; ip_until: Date | null }>(
    `select
       (select attempted_at + make_interval(mins => $3) from private.sign_in_attempts
         where account = $1 and not succeeded and attempted_at > now() - make_interval(mins => $3)
         order by attempted_at desc offset $4 - 1 limit 1) as account_until,
       (select attempted_at + make_interval(mins => $3) from private.sign_in_attempts
         where ip = $2 and not succeeded and attempted_at > now() - make_interval(mins => $3)
         order by attempted_at desc offset $5 - 1 limit 1) as ip_until`,
    [account, ip, SIGN_IN_LIMITS.windowMinutes, SIGN_IN_LIMITS.perAccount, SIGN_IN_LIMITS.perIp],
  );
  const until = [row?.account_until, row?.ip_until]
    .filter((value): value is Date => value instanceof Date)
    .map((value) => value.getTime());
  if (until.length === 0) return { allowed: true };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...until) - Date.now()) / 1000)),
  };
}

export async function recordSignInAttempt(
  db: Queryable,
  account: string,
  ip: string,
  succeeded: boolean,
): Promise<void> {
  await db.query(
    "insert into private.sign_in_attempts (account, ip, succeeded) values ($1, $2, $3)",
    [account, ip, succeeded],
  );
  if (succeeded) {
    await db.query(
      "delete from private.sign_in_attempts where account = $1 or attempted_at < now() - interval '1 day'",
      [account],
    );
  }
}

/** "Try again in 3 minutes" — the wait a person can act on. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
