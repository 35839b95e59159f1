/*
 * People of a partnership: memberships and invitations. Listing, inviting and revoking run as the signed-in
 * secretariat member under RLS; looking up and accepting an invitation by its link is the auth server's job
 * (the invitee is not a member yet), done with the owner's connection inside one transaction.
 */
import { getAuth, type MemberContext, type Role } from "~/auth/auth.server";
import { ROLE_LABELS } from "~/auth/schemas";
import { hashToken, newOpaqueToken } from "~/auth/tokens.server";
import { getDatabase } from "~/db/database.server";
import { databaseError } from "~/db/errors";

export interface Person {
  membershipId: string;
  userId: string;
  email: string;
  role: Role;
  actsFor: string | null;
  status: "invited" | "active" | "revoked";
  since: Date;
}

export function listPeople({ user, partnership }: MemberContext): Promise<Person[]> {
  return user.db((tx) =>
    tx.query<Person>(
      `select m.id as "membershipId", m.user_id as "userId", coalesce(pr.email, '') as email, m.role,
              coalesce(mem.name, so.name) as "actsFor", m.status, m.created_at as since
         from public.memberships m
         left join public.profiles pr on pr.id = m.user_id
         left join public.members mem on mem.id = m.member_id
         left join public.sponsor_organisations so on so.id = m.sponsor_organisation_id
        where m.partnership_id = $1
        order by m.status = 'revoked', m.role, pr.email`,
      [partnership.id],
    ),
  );
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  actsFor: string | null;
  expiresAt: Date;
  state: "pending" | "expired" | "accepted" | "revoked";
}

export function listInvitations({
  user,
  partnership,
}: MemberContext): Promise<PendingInvitation[]> {
  return user.db((tx) =>
    tx.query<PendingInvitation>(
      `select i.id, i.email, i.role, coalesce(mem.name, so.name) as "actsFor", i.expires_at as "expiresAt",
              case when i.revoked_at is not null then 'revoked'
                   when i.accepted_at is not null then 'accepted'
                   when i.expires_at < now() then 'expired' else 'pending' end as state
         from public.invitations i
         left join public.members mem on mem.id = i.member_id
         left join public.sponsor_organisations so on so.id = i.sponsor_organisation_id
        where i.partnership_id = $1
        order by i.created_at desc limit 50`,
      [partnership.id],
    ),
  );
}

export interface InviteInput {
  email: string;
  role: Role;
  memberId?: string;
  sponsorOrganisationId?: string;
}

export type InviteOutcome = { ok: true } | { ok: false; field: string; message: string };

/** Creates an invitation (RLS: only the secretariat may) and sends its single-use link. */
export async function invitePerson(
  context: MemberContext,
  input: InviteInput,
  origin: string,
): Promise<InviteOutcome> {
  const { user, partnership } = context;
  const link = newOpaqueToken();
  const existing = await user
    .db(async (tx) => {
      const [member] = await tx.query<{ status: string }>(
        `select m.status from public.memberships m join public.profiles pr on pr.id = m.user_id
        where m.partnership_id = $1 and pr.email = $2`,
        [partnership.id, input.email],
      );
      if (member?.status === "active") return member;
      // No token here: API users cannot choose one (ADR 065). The link's hash is issued below.
      const [invitation] = await tx.query<{ id: string }>(
        `insert into public.invitations (partnership_id, email, role, member_id, sponsor_organisation_id)
       values ($1, $2, $3, $4, $5) returning id`,
        [
          partnership.id,
          input.email,
          input.role,
          input.memberId ?? null,
          input.sponsorOrganisationId ?? null,
        ],
      );
      return { invitationId: invitation?.id ?? "" };
    })
    .catch((error: unknown) => {
      const failure = databaseError(error);
      if (failure?.code === "23503") return "unknown-organisation" as const;
      throw error;
    });
  if (existing === "unknown-organisation") {
    return {
      ok: false,
      field: "form",
      message: "That government or organisation is not in this partnership.",
    };
  }
  if ("status" in existing) {
    return { ok: false, field: "email", message: "This person is already an active member." };
  }
  const db = await getDatabase();
  // The auth server's part (owner connection): only it knows the link, and only its hash is stored.
  await db.query(
    "update public.invitations set token_hash = $2 where id = $1 and token_hash like 'unissued:%'",
    [existing.invitationId, link.hash],
  );
  const [account] = await db.query<{ id: string }>(
    "select id from auth.users where email = $1 and encrypted_password is not null and encrypted_password <> ''",
    [input.email],
  );
  await (
    await getAuth()
  ).sendInvitation({
    email: input.email,
    link: `${origin}/invitations/${link.token}`,
    partnershipName: partnership.name,
    roleLabel: ROLE_LABELS[input.role],
    hasAccount: Boolean(account),
  });
  return { ok: true };
}

export async function revokeInvitation({ user, partnership }: MemberContext, invitationId: string) {
  await user.db((tx) =>
    tx.query(
      "update public.invitations set revoked_at = now() where id = $1 and partnership_id = $2 and accepted_at is null",
      [invitationId, partnership.id],
    ),
  );
}

/** Revokes or restores a membership. The database refuses to revoke the last secretariat member. */
export async function setMembershipStatus(
  { user, partnership }: MemberContext,
  membershipId: string,
  status: "active" | "revoked",
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const rows = await user.db((tx) =>
      tx.query(
        "update public.memberships set status = $3 where id = $1 and partnership_id = $2 returning id",
        [membershipId, partnership.id, status],
      ),
    );
    return rows.length === 1
      ? { ok: true }
      : { ok: false, message: "That membership was not found." };
  } catch (error) {
    const failure = databaseError(error);
    if (failure?.code === "P0001") return { ok: false, message: failure.message };
    throw error;
  }
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
  const db = await getDatabase();
  const [row] = await db.query<InvitationView>(
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
  );
  return row ?? null;
}

/**
 * Accepts a pending invitation for `userId` (whose e-mail must be the invited one): one transaction that
 * marks the link used and creates or restores the membership with the invited role. Single use: a second
 * acceptance finds the invitation already accepted.
 */
export async function acceptInvitation(
  link: { token: string } | { invitationId: string },
  userId: string,
): Promise<{ slug: string } | null> {
  const db = await getDatabase();
  return db.transaction(async (tx) => {
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
    return { slug: invitation.slug };
  });
}

/** Invitations waiting for the signed-in user's address, shown beside their partnerships. */
export async function listInvitationsFor(email: string) {
  const db = await getDatabase();
  return db.query<{ id: string; partnershipName: string; role: Role; expiresAt: Date }>(
    `select i.id, p.name as "partnershipName", i.role, i.expires_at as "expiresAt"
       from public.invitations i join public.partnerships p on p.id = i.partnership_id
      where i.email = $1 and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
      order by i.created_at desc`,
    [email],
  );
}

/** The governments and sponsor organisations an invitee may act for, for the invitation form's pickers. */
export function listInvitationTargets({ user, partnership }: MemberContext) {
  return user.db(async (tx) => ({
    members: await tx.query<{ id: string; name: string }>(
      "select id, name from public.members where partnership_id = $1 order by name",
      [partnership.id],
    ),
    sponsorOrganisations: await tx.query<{ id: string; name: string }>(
      "select id, name from public.sponsor_organisations where partnership_id = $1 order by name",
      [partnership.id],
    ),
  }));
}
