/*
 * A MemberContext for a seeded demo user, as requireMember builds it for a request: model functions called
 * with it run as that user under row-level security, exactly as from a loader or action.
 */
import type { MemberContext, Membership, PartnershipSummary } from "~/auth/auth.server";
import type { Database } from "~/db/engine.server";
import { runAsUser } from "~/db/rls.server";
import { claimsFor, demoUsers, type DemoUser } from "./rls";

export async function memberContext(
  db: Database,
  user: DemoUser,
  slug = "critical-minerals",
): Promise<MemberContext> {
  const claims = claimsFor(user);
  const [row] = await runAsUser(db, claims, (tx) =>
    tx.query<PartnershipSummary & Membership>(
      `select p.id, p.slug, p.name, p.reporting_currency as "reportingCurrency",
              p.subscription_status as "subscriptionStatus",
              m.id as "membershipId", m.role, m.member_id as "memberId",
              mem.code as "memberCode", mem.name as "memberName",
              m.sponsor_organisation_id as "sponsorOrganisationId", so.name as "sponsorOrganisationName"
         from public.memberships m
         join public.partnerships p on p.id = m.partnership_id
         left join public.members mem on mem.id = m.member_id
         left join public.sponsor_organisations so on so.id = m.sponsor_organisation_id
        where p.slug = $1 and m.user_id = $2 and m.status = 'active'`,
      [slug, demoUsers[user].id],
    ),
  );
  if (!row) throw new Error(`${user} is not an active member of ${slug}`);
  return {
    user: {
      id: claims.sub,
      email: claims.email,
      claims,
      db: (work) => runAsUser(db, claims, work),
    },
    partnership: {
      id: row.id,
      slug: row.slug,
      name: row.name,
      reportingCurrency: row.reportingCurrency,
      subscriptionStatus: row.subscriptionStatus,
    },
    membership: {
      membershipId: row.membershipId,
      role: row.role,
      memberId: row.memberId,
      memberCode: row.memberCode,
      memberName: row.memberName,
      sponsorOrganisationId: row.sponsorOrganisationId,
      sponsorOrganisationName: row.sponsorOrganisationName,
    },
  };
}
