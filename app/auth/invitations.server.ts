/*
 * Invitations by their link: finding the invitation behind a link and accepting it. This is the auth
 * server's job, not a member's (the invitee is not a member yet, so row-level security shows them nothing):
 * it runs on the database owner's connection (app/db/owner.server.ts). Inviting, listing and revoking run as
 * the secretariat under RLS, in app/models/people.server.ts.
 */
import { asOwner } from "~/db/owner.server";
import type { Role } from "~/domain/permissions";
import { hashToken } from "./tokens.server";

/**
 * Stores the hash of a new invitation's link (ADR 065). The secretariat inserts the invitation under RLS without
 * a token; only the auth server, which made the link and keeps no copy of it, sets the hash, and only once.
 */
export async function issueInvitationLink(invitationId: string, linkHash: string): Promise<void> {
  await asOwner((tx) =>
    tx.query(
      "update public.invitations set token_hash = $2 where id = $1 and token_hash like 'unissued:%'",
      [invitationId, linkHash],
    ),
  );
}

/** Whether `email` has an account with a password (the invitation mail then says to sign in). */
export async function hasPasswordAccount(email: string): Promise<boolean> {
  const [account] = await asOwner((tx) =>
    tx.query<{ id: string }>(
      "select id from auth.users where email = $1 and encrypted_password is not null and encrypted_password <> ''",
      [email],
    ),
  );
  return Boolean(account);
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  partnershipName: string;
  partnershipSlug: string;
  actsFor: string | null;
  state: "pending" | "expired" | "accepted" | "revoked";
  /** The invitee's account: "none" (choose a password), "unset" (invited by mail, no password yet), "set". */
  account: "none" | "unset" | "set";
  userId: string | null;
}

/** The invitation behind a link, or null when the link matches none. */
export async function findInvitation(token: string): Promise<InvitationView | null> {
  const [row] = await asOwner((tx) =>
    tx.query<InvitationView>(
      `select i.id, i.email, i.role, p.name as "partnershipName", p.slug as "partnershipSlug",
            coalesce(mem.name, so.name) as "actsFor",
            case when i.revoked_at is not null then 'revoked'
                 when i.accepted_at is not null then 'accepted'
                 when i.expires_at < now() then 'expired' else 'pending' end as state,
            case when u.id is null then 'none'
                 when coalesce(u.encrypted_password, '') = '' then 'unset' else 'set' end as account,
            u.id as "userId"
       from public.invitations i
       join public.partnerships p on p.id = i.partnership_id
       left join public.members mem on mem.id = i.member_id
       left join public.sponsor_organisations so on so.id = i.sponsor_organisation_id
       left join auth.users u on u.email = i.email
      where i.token_hash = $1`,
      [hashToken(token)],
    ),
  );
  return row ?? null;
}

/** How the invitee will be known to their partners (ADR 092), asked when they accept. */
export interface AboutYou {
  displayName: string;
  organisation: string;
}

/**
 * Accepts a pending invitation for `userId` (whose e-mail must be the invited one): one transaction that
 * marks the link used, creates or restores the membership with the invited role and, when given, puts the
 * person's name and organisation on their profile. Single use: a second acceptance finds the invitation
 * already accepted.
 */
export async function acceptInvitation(
  link: { token: string } | { invitationId: string },
  userId: string,
  about?: AboutYou,
): Promise<{ slug: string } | null> {
  return asOwner(async (tx) => {
    const [invitation] = await tx.query<{
      id: string;
      partnership_id: string;
      role: Role;
      member_id: string | null;
      sponsor_organisation_id: string | null;
      slug: string;
    }>(
      `select i.id, i.partnership_id, i.role, i.member_id, i.sponsor_organisation_id, p.slug
         from public.invitations i
         join public.partnerships p on p.id = i.partnership_id
         join auth.users u on u.email = i.email and u.id = $2
        where (i.token_hash = $1 or i.id::text = $3)
          and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
        for update of i`,
      "token" in link ? [hashToken(link.token), userId, ""] : ["", userId, link.invitationId],
    );
    if (!invitation) return null;
    // The audit trail names the invitee as the one who joined.
    await tx.query("select set_config('request.jwt.claims', $1, true)", [
      JSON.stringify({ sub: userId, role: "authenticated" }),
    ]);
    await tx.query(
      `insert into public.memberships (partnership_id, user_id, role, member_id, sponsor_organisation_id, status)
       values ($1, $2, $3, $4, $5, 'active')
       on conflict (partnership_id, user_id) do update
         set role = excluded.role, member_id = excluded.member_id,
             sponsor_organisation_id = excluded.sponsor_organisation_id, status = 'active'`,
      [
        invitation.partnership_id,
        userId,
        invitation.role,
        invitation.member_id,
        invitation.sponsor_organisation_id,
      ],
    );
    await tx.query(
      "update public.invitations set accepted_at = now(), accepted_by = $2 where id = $1",
      [invitation.id, userId],
    );
    if (about) {
      await tx.query(
        "update public.profiles set display_name = $2, organisation = nullif($3, '') where id = $1",
        [userId, about.displayName, about.organisation],
      );
    }
    return { slug: invitation.slug };
  });
}

/** Invitations waiting for the signed-in user's address, shown beside their partnerships. */
export function listInvitationsFor(email: string) {
  return asOwner((tx) =>
    tx.query<{ id: string; partnershipName: string; role: Role; expiresAt: Date }>(
      `select i.id, p.name as "partnershipName", i.role, i.expires_at as "expiresAt"
       from public.invitations i join public.partnerships p on p.id = i.partnership_id
      where i.email = $1 and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
      order by i.created_at desc`,
      [email],
    ),
  );
}
