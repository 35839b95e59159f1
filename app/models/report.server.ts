/*
 * The ministerial report (/p/:slug/report, ADR 137): one read of everything a briefing needs, each part from the
 * model its own page uses, all under the viewer's row-level security — so the report holds exactly what the
 * viewer may see, and its cover says so. `today` and `since` are inputs (ADR 050): no clock in here.
 */
import type { MemberContext } from "~/auth/auth.server";
import { msg, nested } from "~/i18n/message";
import { addDays } from "~/utils/dates";
import { listMeetings } from "./meetings.server";
import { getPortfolio } from "./portfolio.server";
import { getResilience, nextPledgeTop } from "./resilience.server";

/** The most changes the report lists one by one (the counts cover all of them). */
export const CHANGES_LISTED = 40;

export interface ReportChange {
  at: string;
  kind: "project" | "pledge" | "milestone" | "tranche" | "meeting" | "publication";
  /** A message (app/i18n/message.ts), put in words in the reader's language by the page. */
  text: string;
}

export interface MilestoneDone {
  id: string;
  title: string;
  projectName: string;
  completedOn: string;
}

interface AuditRow {
  table: string;
  action: string;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** An audit event as a message, or null when it is not a change a minister needs (edits of wording, etc.). */
export function describeChange(
  row: AuditRow,
  names: { projects: Map<string, string>; members: Map<string, string> },
): ReportChange | null {
  const after = row.after ?? {};
  const before = row.before ?? {};
  const project = (id: unknown) =>
    names.projects.get(text(id)) ?? nested(msg("report.event.aProject"));
  const government = (id: unknown) =>
    names.members.get(text(id)) ?? nested(msg("report.event.aGovernment"));
  const statusChanged = row.action === "update" && before.status !== after.status;
  const change = (kind: ReportChange["kind"], message: string): ReportChange => ({
    at: row.at,
    kind,
    text: message,
  });
  switch (row.table) {
    case "projects":
      if (row.action === "insert") {
        return change("project", msg("report.event.projectRegistered", { name: text(after.name) }));
      }
      if (!statusChanged) return null;
      return change(
        "project",
        msg("report.event.projectStatus", {
          name: text(after.name),
          before: text(before.status),
          after: text(after.status),
        }),
      );
    case "pledges":
      if (row.action === "insert" && ["committed", "disbursing"].includes(text(after.status))) {
        return change(
          "pledge",
          msg("report.event.pledgeCommitted", {
            government: government(after.member_id),
            project: project(after.project_id),
          }),
        );
      }
      if (!statusChanged || !["committed", "withdrawn", "fulfilled"].includes(text(after.status))) {
        return null;
      }
      return change(
        "pledge",
        msg("report.event.pledgeStatus", {
          government: government(after.member_id),
          project: project(after.project_id),
          status: text(after.status),
        }),
      );
    case "milestones":
      if (!statusChanged || !["done", "at_risk", "delayed"].includes(text(after.status)))
        return null;
      return change(
        "milestone",
        msg("report.event.milestoneStatus", {
          title: text(after.title),
          project: project(after.project_id),
          status: text(after.status),
        }),
      );
    case "tranches":
      if (!statusChanged || after.status !== "paid") return null;
      return change("tranche", msg("report.event.tranchePaid"));
    case "meetings":
      if (row.action !== "insert") return null;
      return change("meeting", msg("report.event.meetingRecorded", { title: text(after.title) }));
    case "partnerships":
      if (before.is_published === after.is_published || row.action !== "update") return null;
      return change(
        "publication",
        msg(after.is_published ? "report.event.published" : "report.event.unpublished"),
      );
    default:
      return null;
  }
}

/** The default "since": the last meeting on or before `today`, else 90 days before it. */
export function defaultSince(meetings: ReadonlyArray<{ heldOn: string }>, today: string) {
  const last = meetings.map((m) => m.heldOn).find((day) => day <= today);
  return last
    ? { since: last, reason: "meeting" as const }
    : { since: addDays(today, -90), reason: "days" as const };
}

export async function getReportMeetings(context: MemberContext) {
  return (await listMeetings(context)).map((m) => ({ title: m.title, heldOn: m.heldOn }));
}

/** Everything the report shows, as `context`'s member may see it, on `today`, with changes from `since`. */
export async function getReport(context: MemberContext, today: string, since: string) {
  const portfolio = await getPortfolio(context, today);
  const resilience = await getResilience(context, new URLSearchParams(), today);
  const ranking = resilience.ok ? (await nextPledgeTop(context, resilience.model, 10)).rows : [];
  const { partnership } = context;
  const read = await context.user.db(async (tx) => {
    const done = await tx.query<MilestoneDone>(
      `select m.id, m.title, p.name as "projectName",
              to_char(m.completed_at at time zone 'UTC', 'YYYY-MM-DD') as "completedOn"
         from public.milestones m join public.projects p on p.id = m.project_id
        where m.partnership_id = $1 and m.status = 'done' and m.completed_at >= $2::date
          and m.completed_at < $3::date + 1
        order by m.completed_at desc, m.title`,
      [partnership.id, since, today],
    );
    const audit = await tx.query<AuditRow>(
      `select table_name as "table", action, before, after,
              to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as at
         from public.audit_events
        where partnership_id = $1 and created_at >= $2::date and created_at < $3::date + 1
          and table_name in ('projects', 'pledges', 'milestones', 'tranches', 'meetings', 'partnerships')
        order by id desc`,
      [partnership.id, since, today],
    );
    const projects = await tx.query<{ id: string; name: string }>(
      "select id, name from public.projects where partnership_id = $1",
      [partnership.id],
    );
    const members = await tx.query<{ id: string; name: string }>(
      "select id, name from public.members where partnership_id = $1",
      [partnership.id],
    );
    return { done, audit, projects, members };
  });
  const names = {
    projects: new Map(read.projects.map((p) => [p.id, p.name])),
    members: new Map(read.members.map((m) => [m.id, m.name])),
  };
  const changes = read.audit
    .map((row) => describeChange(row, names))
    .filter((change): change is ReportChange => change !== null);
  const counts = changes.reduce<Record<string, number>>((all, change) => {
    all[change.kind] = (all[change.kind] ?? 0) + 1;
    return all;
  }, {});
  return {
    portfolio,
    resilience: resilience.ok
      ? {
          horizon: resilience.model.params.horizon,
          groups: resilience.model.groups.map((g) => g.view),
        }
      : null,
    ranking,
    milestonesDone: read.done,
    changes: changes.slice(0, CHANGES_LISTED),
    changeCounts: counts,
    changesTotal: changes.length,
    /** Sponsors and observers read no audit trail: the report says so instead of showing "no changes". */
    seesChanges: ["secretariat", "delegate"].includes(context.membership.role),
  };
}

export type Report = Awaited<ReturnType<typeof getReport>>;
