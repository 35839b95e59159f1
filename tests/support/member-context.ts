/*
 * A MemberContext for a seeded demo user, built by the production loader (loadMemberContext, the query
 * requireMember runs for every request) around a user whose database work goes through the production
 * path too (signedIn: RLS as that user, a lapsed partnership's refusal as a 402). Model functions called
 * with it behave exactly as from a loader or action.
 */
import { loadMemberContext, signedIn, type MemberContext } from "~/auth/auth.server";
import type { Database } from "~/db/engine.server";
import { claimsFor, type DemoUser } from "./rls";

export function memberContext(
  db: Database,
  user: DemoUser,
  slug = "critical-minerals",
): Promise<MemberContext> {
  return loadMemberContext(signedIn(claimsFor(user), db), slug);
}
