/*
 * A project's history from the audit trail: every change to the project, its milestones and their updates,
 * newest first, as far as row-level security lets the member read it (docs/decisions/012-*.md: the
 * secretariat and delegates read the board's history, drafts only by their own government; sponsors and
 * observers read none).
 */
import type { MemberContext } from "~/auth/auth.server";
import { reaches } from "~/domain/permissions";
import { msg } from "~/i18n/message";

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEvent {
  id: string;
  at: Date;
  actor: string | null;
  action: "insert" | "update" | "delete";
  table: "projects" | "milestones" | "milestone_updates";
  /** What the event is about, as a message: the project, a milestone's title, an update's milestone. */
  subject: string;
  /** The project's currency when the event is about the project (its amounts are in it). */
  currency: string | null;
  changes: FieldChange[];
}

/** Columns that change with every write and say nothing to a reader. */
const TECHNICAL = new Set([
  "updated_at",
  "version",
  "created_at",
  "created_by",
  "id",
  "partnership_id",
]);

/** What changed between two row images: every field for an insert or delete, the differing ones for an update. */
export function diffRows(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (TECHNICAL.has(field)) continue;
    const from = before?.[field] ?? null;
    const to = after?.[field] ?? null;
    if (before && after && JSON.stringify(from) === JSON.stringify(to)) continue;
    if (!before && to === null) continue;
    if (!after && from === null) continue;
    changes.push({ field, before: from, after: to });
  }
  return changes;
}

export const HISTORY_PAGE = 40;

export interface ProjectHistory {
  events: HistoryEvent[];
  /** The id to pass as `before` for the next (older) page, or null at the end. */
  next: string | null;
}

interface EventRow {
  id: string;
  at: Date;
  actor: string | null;
  action: HistoryEvent["action"];
  table: HistoryEvent["table"];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  milestoneTitle: string | null;
}

/** One page of the project's history, older than the event `before` (keyset pagination on the id). */
export async function getProjectHistory(
  { user, partnership }: MemberContext,
  projectId: string,
  before: string | null,
): Promise<ProjectHistory> {
  const rows = await user.db((tx) =>
    tx.query<EventRow>(
      `with milestone_ids as (
         select distinct e.row_id from public.audit_events e
          where e.table_name = 'milestones' and (coalesce(e.after, e.before) ->> 'project_id') = $2::text
       )
       select e.id::text, e.created_at as at, coalesce(pr.display_name, pr.email) as actor, e.action, e.table_name as "table",
              e.before, e.after,
              case e.table_name
                when 'milestones' then coalesce(e.after, e.before) ->> 'title'
                when 'milestone_updates' then (
                  select coalesce(m.after, m.before) ->> 'title' from public.audit_events m
                   where m.table_name = 'milestones'
                     and m.row_id = (coalesce(e.after, e.before) ->> 'milestone_id')::uuid
                   order by m.id desc limit 1)
              end as "milestoneTitle"
         from public.audit_events e
         left join public.profiles pr on pr.id = e.actor_id
        where e.partnership_id = $1
          and ((e.table_name = 'projects' and e.row_id = $2::uuid)
               or (e.table_name = 'milestones' and e.row_id in (select row_id from milestone_ids))
               or (e.table_name = 'milestone_updates'
                   and (coalesce(e.after, e.before) ->> 'milestone_id') in (select row_id::text from milestone_ids)))
          and ($3::bigint is null or e.id < $3::bigint)
        order by e.id desc
        limit ${HISTORY_PAGE + 1}`,
      [partnership.id, projectId, before],
    ),
  );
  const page = rows.slice(0, HISTORY_PAGE);
  return {
    events: page.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      table: row.table,
      subject: subjectOf(row),
      currency: row.table === "projects" ? String((row.after ?? row.before)?.currency ?? "") : null,
      changes: diffRows(row.before, row.after),
    })),
    next: rows.length > HISTORY_PAGE ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** What an event is about, as a message. */
function subjectOf(row: EventRow): string {
  if (row.table === "projects") {
    const name = (row.after ?? row.before)?.name;
    return typeof name === "string"
      ? msg("history.subject.project", { name })
      : msg("history.subject.theProject");
  }
  const title = row.milestoneTitle;
  if (row.table === "milestones") {
    return title ? msg("history.subject.milestone", { title }) : msg("history.subject.aMilestone");
  }
  return title ? msg("history.subject.update", { title }) : msg("history.subject.anUpdate");
}

/** Whether the member's role reads the audit trail at all (ADR 012), to say so rather than show nothing. */
export function readsHistory({ membership }: MemberContext): boolean {
  return reaches(membership.role, "history");
}
