/*
 * Publishing a partnership's portfolio (ADR 134) and keeping a project off it (ADR 135). Both are plain updates
 * under the member's RLS: the partnerships policy lets only the secretariat change `is_published`, a guard
 * trigger lets only the registering government change `kept_off_public`, and the audit trigger on both tables
 * records who did it and when — the history shown here is read back from that trail.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { PublicListing } from "~/domain/open-data";
import { reaches } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import { isUuid } from "./projects.server";
import { refusalOutcome, refused, type Outcome } from "./sharing.server";

export interface PublicationEvent {
  at: string;
  published: boolean;
  by: string | null;
}

export interface Publication {
  isPublished: boolean;
  /** Publications and withdrawals, newest first, from the audit trail. */
  history: PublicationEvent[];
  /** Approved projects their government keeps off the public page. */
  keptOff: Array<{ id: string; name: string; government: string }>;
}

export function getPublication(context: MemberContext): Promise<Publication> {
  const { partnership } = context;
  return context.user.db(async (tx) => {
    const [row] = await tx.query<{ isPublished: boolean }>(
      `select is_published as "isPublished" from public.partnerships where id = $1`,
      [partnership.id],
    );
    const history = await tx.query<PublicationEvent>(
      `select to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
              (e.after ->> 'is_published')::boolean as published,
              coalesce(pr.display_name, pr.email) as by
         from public.audit_events e
         left join public.profiles pr on pr.id = e.actor_id
        where e.partnership_id = $1 and e.table_name = 'partnerships' and e.action = 'update'
          and e.row_id = $1
          and (e.before ->> 'is_published') is distinct from (e.after ->> 'is_published')
        order by e.created_at desc, e.id desc`,
      [partnership.id],
    );
    const keptOff = await tx.query<{ id: string; name: string; government: string }>(
      `select p.id, p.name, m.name as government from public.projects p
         join public.members m on m.id = p.registering_member_id
        where p.partnership_id = $1 and p.kept_off_public and p.status = 'approved'
        order by p.name`,
      [partnership.id],
    );
    return { isPublished: row?.isPublished ?? false, history, keptOff };
  });
}

const PUBLISH_SENTENCES = {
  forbidden: REFUSALS.publish,
  notFound: REFUSALS.publish,
  conflict: REFUSALS.publish,
};

/** Publishes (true) or withdraws (false) the partnership's public portfolio: the secretariat only. */
export async function setPublished(context: MemberContext, published: boolean): Promise<Outcome> {
  if (!reaches(context.membership.role, "publish")) return refused(403, REFUSALS.publish);
  try {
    return await context.user.db(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        "update public.partnerships set is_published = $2 where id = $1 returning id",
        [context.partnership.id, published],
      );
      return row ? { ok: true as const, id: row.id } : refused(403, REFUSALS.publish);
    });
  } catch (error) {
    return refusalOutcome(error, PUBLISH_SENTENCES);
  }
}

const KEEP_OFF_SENTENCES = {
  forbidden: REFUSALS.keepOffPublic,
  notFound: REFUSALS.publicProjectNotFound,
  conflict: REFUSALS.keepOffPublic,
};

/** Keeps a project off the public page (true) or puts it back (false): its registering government only. */
export async function setKeptOffPublic(
  context: MemberContext,
  projectId: string,
  keptOff: boolean,
): Promise<Outcome> {
  if (!isUuid(projectId)) return refused(404, REFUSALS.publicProjectNotFound);
  const { memberId } = context.membership;
  if (context.membership.role !== "delegate" || !memberId) {
    return refused(403, REFUSALS.keepOffPublic);
  }
  try {
    return await context.user.db(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `update public.projects set kept_off_public = $3
          where id = $1 and partnership_id = $2 and registering_member_id = $4 returning id`,
        [projectId, context.partnership.id, keptOff, memberId],
      );
      return row ? { ok: true as const, id: row.id } : refused(403, REFUSALS.keepOffPublic);
    });
  } catch (error) {
    return refusalOutcome(error, KEEP_OFF_SENTENCES);
  }
}

/**
 * Whether an approved project is on the public page, for the project page; null for projects that are never
 * public (anything not approved), where there is nothing to say or choose. Both flags come from what the
 * page has read already: the project's row and the member's context (ADR 164).
 */
export function getPublicListing(
  context: MemberContext,
  project: {
    status: string;
    registeringMemberId: string | null;
    keptOffPublic: boolean;
  },
): PublicListing | null {
  if (project.status !== "approved") return null;
  const { membership, partnership } = context;
  return {
    keptOff: project.keptOffPublic,
    partnershipPublished: partnership.published,
    canChange:
      membership.role === "delegate" &&
      membership.memberId !== null &&
      membership.memberId === project.registeringMemberId,
  };
}
