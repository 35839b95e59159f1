/*
 * Notifications read as their recipient (always inside the recipient's row-level security: user.db for the
 * inbox, runAsUser for mail and digests). Every join is under RLS too, so a name the recipient cannot read
 * comes back null and is never shown.
 */
import type { Queryable } from "~/db/engine.server";
import type { NotificationKind } from "./categories";
import type { NotificationView } from "./present";

const SELECT = `
  select n.id, n.kind, n.category, n.subject_type as "subjectType", n.subject_id as "subjectId",
         n.project_id as "projectId", pa.slug as "partnershipSlug",
         coalesce(ms.title, pr_subject.name, tof.title, treq.title, na.title) as "subjectName",
         pr.name as "projectName", nullif(btrim(ap.display_name), '') as "actorName",
         n.details, n.created_at as "createdAt", n.read_at as "readAt"
    from public.notifications n
    join public.partnerships pa on pa.id = n.partnership_id
    left join public.projects pr on pr.id = n.project_id
    left join public.projects pr_subject on n.subject_type = 'project' and pr_subject.id = n.subject_id
    left join public.milestones ms on n.subject_type = 'milestone' and ms.id = n.subject_id
    left join public.technology_offers tof on n.subject_type = 'technology_item' and tof.id = n.subject_id
    left join public.technology_requests treq on n.subject_type = 'technology_item' and treq.id = n.subject_id
    left join public.national_actions na on n.subject_type = 'technology_item' and na.id = n.subject_id
    left join public.profiles ap on ap.id = n.actor_id`;

interface Row extends Omit<NotificationView, "kind" | "details"> {
  kind: NotificationKind;
  details: Record<string, string> | null;
}

const view = (row: Row): NotificationView => ({ ...row, details: row.details ?? {} });

/** The recipient's notifications in a partnership, newest first. */
export async function listNotifications(
  tx: Queryable,
  options: { partnershipId: string; limit: number; unreadOnly?: boolean },
): Promise<NotificationView[]> {
  const rows = await tx.query<Row>(
    `${SELECT}
      where n.recipient_id = (select auth.uid()) and n.partnership_id = $1
        and ($3::boolean is not true or n.read_at is null)
      order by n.created_at desc, n.id limit $2`,
    [options.partnershipId, options.limit, options.unreadOnly ?? false],
  );
  return rows.map(view);
}

/** One notification, when the recipient may read it now. */
export async function readNotification(
  tx: Queryable,
  id: string,
): Promise<NotificationView | null> {
  const [row] = await tx.query<Row>(`${SELECT} where n.id = $1`, [id]);
  return row ? view(row) : null;
}

/** The recipient's notifications of `categories` created in [from, to), oldest first, in every partnership. */
export async function notificationsOfPeriod(
  tx: Queryable,
  options: { from: string; to: string; categories: readonly string[] },
): Promise<NotificationView[]> {
  const rows = await tx.query<Row>(
    `${SELECT}
      where n.recipient_id = (select auth.uid())
        and n.created_at >= ($1::date)::timestamp at time zone 'UTC'
        and n.created_at < ($2::date)::timestamp at time zone 'UTC'
        and n.category = any ($3::text[])
      order by n.created_at, n.id`,
    [options.from, options.to, options.categories],
  );
  return rows.map(view);
}

/** How many unread notifications the recipient has in the partnership (the header's count). */
export async function countUnread(tx: Queryable, partnershipId: string): Promise<number> {
  const [row] = await tx.query<{ count: number }>(
    `select count(*)::int as count from public.notifications n
      where n.recipient_id = (select auth.uid()) and n.partnership_id = $1 and n.read_at is null`,
    [partnershipId],
  );
  return row?.count ?? 0;
}
