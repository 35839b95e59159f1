/*
 * People of a partnership: memberships and invitations, listed, invited and revoked by the signed-in
 * secretariat member under RLS. Finding and accepting an invitation by its link is the auth server's job (the
 * invitee is not a member yet): app/auth/invitations.server.ts.
 */
import { getAuth, type MemberContext } from "~/auth/auth.server";
import { hasPasswordAccount, issueInvitationLink } from "~/auth/invitations.server";
import { newOpaqueToken } from "~/auth/tokens.server";
import { refusalOf } from "~/db/errors";
import type { Role } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import type { Language } from "~/i18n/config";

export interface Person {
  membershipId: string;
  userId: string;
  /** The person's display name, or their e-mail address until they give one (ADR 092). */
  name: string;
  organisation: string | null;
  email: string;
  role: Role;
  actsFor: string | null;
  status: "invited" | "active" | "revoked";
  since: Date;
}

export function listPeople({ user, partnership }: MemberContext): Promise<Person[]> {
  return user.db((tx) =>
    tx.query<Person>(
      `select m.id as "membershipId", m.user_id as "userId", coalesce(pr.email, '') as email,
              coalesce(pr.display_name, pr.email, '') as name, pr.organisation, m.role,
              coalesce(mem.name, so.name) as "actsFor", m.status, m.created_at as since
         from public.memberships m
         left join public.profiles pr on pr.id = m.user_id
         left join public.members mem on mem.id = m.member_id
         left join public.sponsor_organisations so on so.id = m.sponsor_organisation_id
        where m.partnership_id = $1
        order by m.status = 'revoked', m.role, coalesce(pr.display_name, pr.email)`,
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
  language: Language;
}

export type InviteOutcome =
  { ok: true; refreshed: boolean } | { ok: false; field: string; message: string };

/**
 * Invites `input.email` (RLS: only the secretariat may) and sends a single-use link. An address that already
 * has an open invitation (not accepted, not revoked, expired or not) gets that one refreshed instead of a
 * second: the role and acting-for chosen now, a new link, seven more days (ADR 092).
 */
export async function invitePerson(
  context: MemberContext,
  input: InviteInput,
  origin: string,
): Promise<InviteOutcome> {
  const { user, partnership } = context;
  const link = newOpaqueToken();
  const actsFor = [input.role, input.memberId ?? null, input.sponsorOrganisationId ?? null];
  const existing = await user
    .db(async (tx) => {
      const [member] = await tx.query<{ status: string }>(
        `select m.status from public.memberships m join public.profiles pr on pr.id = m.user_id
        where m.partnership_id = $1 and pr.email = $2`,
        [partnership.id, input.email],
      );
      if (member?.status === "active") return member;
      // A trigger gives a refreshed invitation a new, unissued link and seven more days.
      const [open] = await tx.query<{ id: string }>(
        `update public.invitations set role = $3, member_id = $4, sponsor_organisation_id = $5
          where partnership_id = $1 and email = $2 and accepted_at is null and revoked_at is null
          returning id`,
        [partnership.id, input.email, ...actsFor],
      );
      if (open) return { invitationId: open.id, refreshed: true };
      // No token here: API users cannot choose one (ADR 065). The link's hash is issued below.
      const [invitation] = await tx.query<{ id: string }>(
        `insert into public.invitations (partnership_id, email, role, member_id, sponsor_organisation_id)
       values ($1, $2, $3, $4, $5) returning id`,
        [partnership.id, input.email, ...actsFor],
      );
      return { invitationId: invitation?.id ?? "", refreshed: false };
    })
    .catch((error: unknown) => {
      if (refusalOf(error)?.kind === "not-found") return "unknown-organisation" as const;
      throw error;
    });
  if (existing === "unknown-organisation") {
    return {
      ok: false,
      field: "form",
      message: REFUSALS.unknownParty,
    };
  }
  if ("status" in existing) {
    return { ok: false, field: "email", message: REFUSALS.alreadyMember };
  }
  await issueInvitationLink(existing.invitationId, link.hash);
  await (
    await getAuth()
  ).sendInvitation({
    email: input.email,
    link: `${origin}/invitations/${link.token}`,
    partnershipName: partnership.name,
    role: input.role,
    hasAccount: await hasPasswordAccount(input.email),
    language: input.language,
  });
  return { ok: true, refreshed: existing.refreshed };
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
    return rows.length === 1 ? { ok: true } : { ok: false, message: REFUSALS.membershipNotFound };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal?.kind === "invalid" || refusal?.kind === "malformed") {
      return { ok: false, message: refusal.message ?? REFUSALS.invalidValue };
    }
    throw error;
  }
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
