/*
 * Sign-in throttling, stored in Postgres so it holds across server instances. Failures are counted per account
 * (lower-cased e-mail) and per client IP within a sliding window; a success clears the account's failures.
 *
 * An attempt is counted before its password is checked, atomically: concurrent attempts for one account (or
 * one IP) queue on a transaction-scoped advisory lock, each counts the failures so far (attempts still being
 * checked included) and records itself as a failure unless it is over the limit. So however many arrive at
 * once, at most `perAccount` passwords are checked per window. A success then clears the account's record.
 */
import type { Database } from "~/db/engine.server";

export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 20, windowMinutes: 15 } as const;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// Advisory-lock namespaces (the first key of pg_advisory_xact_lock(int, int)); the second is the hashed value.
const ACCOUNT_LOCK = 17_001;
const IP_LOCK = 17_002;

/** Records the attempt as a failure if the account and the IP are under their limits; else says how long to wait. */
export function reserveSignInAttempt(
  db: Database,
  account: string,
  ip: string,
): Promise<ThrottleDecision> {
  return db.transaction(async (tx) => {
    // Always the account's lock first, then the IP's: two attempts can never wait on each other in a cycle.
    await tx.query("select pg_advisory_xact_lock($1, hashtext($2))", [ACCOUNT_LOCK, account]);
    await tx.query("select pg_advisory_xact_lock($1, hashtext($2))", [IP_LOCK, ip]);
    const [row] = await tx.query<{ account_until: Date | null; ip_until: Date | null }>(
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
    if (until.length > 0) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...until) - Date.now()) / 1000)),
      };
    }
    await tx.query(
      "insert into private.sign_in_attempts (account, ip, succeeded) values ($1, $2, false)",
      [account, ip],
    );
    return { allowed: true };
  });
}

/** The password was right: the account's failures are forgotten (and day-old rows swept). */
export async function clearSignInFailures(db: Database, account: string): Promise<void> {
  await db.query(
    "delete from private.sign_in_attempts where account = $1 or attempted_at < now() - interval '1 day'",
    [account],
  );
}
