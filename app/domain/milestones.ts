/*
 * The rules of the shared board, pure (no database, no clock): what a milestone's status means, when it is
 * late, who may move it where, and what to tell someone whose move lost a race. The database enforces the
 * same rules (row-level security and private.guard_milestone, see supabase/migrations/20261127030000_*.sql);
 * the interface uses these to show only the controls a person can use. tests/db/board.test.ts checks that
 * both agree for every role and status.
 */
import { z } from "zod";
import { daysBetween, isIsoDate } from "~/utils/dates";

export const MILESTONE_STATUSES = [
  "planned",
  "in_progress",
  "at_risk",
  "delayed",
  "done",
  "cancelled",
] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  at_risk: "At risk",
  delayed: "Delayed",
  done: "Done",
  cancelled: "Cancelled",
};

export function isMilestoneStatus(value: unknown): value is MilestoneStatus {
  return typeof value === "string" && (MILESTONE_STATUSES as readonly string[]).includes(value);
}

/** Done and cancelled milestones are closed: never late, and only the secretariat reopens them. */
export function isClosed(status: MilestoneStatus): boolean {
  return status === "done" || status === "cancelled";
}

export interface Dated {
  dueDate: string;
  status: MilestoneStatus;
}

/**
 * Days a milestone is late on `today`: 0 when it is closed or not yet past its due date. Due today is not
 * late; the day after, it is 1 day late.
 */
export function daysLate(milestone: Dated, today: string): number {
  if (isClosed(milestone.status)) return 0;
  return Math.max(0, daysBetween(milestone.dueDate, today));
}

/** Overdue: still open after its due date. Flagged from the date alone, whatever status it was given. */
export function isOverdue(milestone: Dated, today: string): boolean {
  return daysLate(milestone, today) > 0;
}

/** The board's "at risk / overdue" filter: at risk, delayed, or overdue. */
export function needsAttention(milestone: Dated, today: string): boolean {
  return (
    milestone.status === "at_risk" || milestone.status === "delayed" || isOverdue(milestone, today)
  );
}

/** "3 days late", "1 day late", "due today", "due in 5 days", "due tomorrow". */
export function describeDue(milestone: Dated, today: string): string {
  if (isClosed(milestone.status)) return MILESTONE_STATUS_LABELS[milestone.status];
  const days = daysBetween(today, milestone.dueDate);
  if (days < 0) return `${-days} ${-days === 1 ? "day" : "days"} late`;
  if (days === 0) return "due today";
  if (days === 1) return "due tomorrow";
  return `due in ${days} days`;
}

/* Who may move what ---------------------------------------------------------------------------------- */

export type Role = "delegate" | "sponsor" | "secretariat" | "observer";

/** The person acting, as their membership of the partnership says. */
export interface Actor {
  role: Role;
  memberId: string | null;
  sponsorOrganisationId: string | null;
}

/** What of a milestone's project decides who edits it. */
export interface ProjectScope {
  status: string;
  registeringMemberId: string;
  sponsorOrganisationId: string | null;
}

/**
 * Rule 4 of docs/security-model.md: the project's sponsor, the delegates of its registering government and
 * (once it is past draft) the secretariat edit its milestones; observers and everyone else read. Mirrors
 * private.my_editable_project_ids().
 */
export function canEditMilestones(actor: Actor, project: ProjectScope): boolean {
  switch (actor.role) {
    case "sponsor":
      return (
        actor.sponsorOrganisationId !== null &&
        actor.sponsorOrganisationId === project.sponsorOrganisationId
      );
    case "delegate":
      return actor.memberId !== null && actor.memberId === project.registeringMemberId;
    case "secretariat":
      return project.status !== "draft";
    default:
      return false;
  }
}

/**
 * Whether `actor` may move a milestone of `project` from `from` to `to`. Editors move an open milestone to
 * any other status; a closed one (done, cancelled) is reopened by the secretariat alone, because a done
 * milestone may already have released tranches.
 */
export function canMove(
  actor: Actor,
  project: ProjectScope,
  from: MilestoneStatus,
  to: MilestoneStatus,
): boolean {
  if (from === to || !canEditMilestones(actor, project)) return false;
  return !isClosed(from) || actor.role === "secretariat";
}

/** The statuses `actor` may move a milestone to, in board order (empty when they may not move it). */
export function allowedMoves(
  actor: Actor,
  project: ProjectScope,
  from: MilestoneStatus,
): MilestoneStatus[] {
  return MILESTONE_STATUSES.filter((to) => canMove(actor, project, from, to));
}

/** Why a move is refused, in words for the person who tried it (null when it is allowed). */
export function moveRefusal(
  actor: Actor,
  project: ProjectScope,
  from: MilestoneStatus,
  to: MilestoneStatus,
): string | null {
  if (from === to) return `This milestone is already ${MILESTONE_STATUS_LABELS[to].toLowerCase()}.`;
  if (!canEditMilestones(actor, project)) {
    return "Only the project's sponsor, the delegates of its registering government and the secretariat move its milestones.";
  }
  if (isClosed(from) && actor.role !== "secretariat") {
    return `This milestone is ${MILESTONE_STATUS_LABELS[from].toLowerCase()}: only the secretariat reopens it.`;
  }
  return null;
}

/** The form that moves a card: the same for drag and drop and for the keyboard's "Move to…". */
export const MoveSchema = z.object({
  intent: z.literal("move"),
  milestoneId: z.uuid("Choose a milestone."),
  version: z.coerce.number().int().positive(),
  status: z.enum(MILESTONE_STATUSES, "Choose where to move the milestone."),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date.")
  .refine(isIsoDate, "Enter a real date.");

/** Adding or editing a milestone. */
export const MilestoneSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the milestone a title.")
    .max(200, "Keep the title under 200 characters."),
  dueDate: isoDate,
  notes: z
    .string()
    .trim()
    .max(2000, "Keep the notes under 2,000 characters.")
    .optional()
    .transform((value) => value || null),
});

/** A milestone update: a dated note, an optional status change and an optional evidence link. */
export const MilestoneUpdateSchema = z.object({
  milestoneId: z.uuid("Choose the milestone the update is about."),
  version: z.coerce.number().int().positive(),
  note: z
    .string()
    .trim()
    .min(1, "Write what happened.")
    .max(4000, "Keep the note under 4,000 characters."),
  statusChange: z
    .union([z.enum(MILESTONE_STATUSES), z.literal("")])
    .optional()
    .transform((value) => value || null),
  evidenceUrl: z
    .string()
    .trim()
    .max(2000, "Keep the link under 2,000 characters.")
    .refine(
      (value) => value === "" || /^https?:\/\/[^\s]+$/.test(value),
      "Give a web address starting with https:// (or leave it empty).",
    )
    .optional()
    .transform((value) => value || null),
});

/* Optimistic concurrency ----------------------------------------------------------------------------- */

export interface VersionedMilestone {
  id: string;
  title: string;
  status: MilestoneStatus;
  version: number;
}

/**
 * A move is made against the version the person saw. Any later change (another move, an edit, an update
 * with a status change) bumps the version, and the move is refused rather than silently overwriting it.
 */
export function isConflict(expectedVersion: number, current: Pick<VersionedMilestone, "version">) {
  return current.version !== expectedVersion;
}

/** What the second mover is told, naming the state the board now shows. */
export function conflictMessage(current: VersionedMilestone, attempted: MilestoneStatus): string {
  const now = MILESTONE_STATUS_LABELS[current.status];
  if (current.status === attempted) {
    return `Someone else already moved “${current.title}” to ${now} a moment ago. The board shows the current state.`;
  }
  return `Someone moved “${current.title}” to ${now} a moment ago, so it was not moved to ${MILESTONE_STATUS_LABELS[attempted]}. The board shows the current state.`;
}

/** What someone whose edit of a milestone (not a move) lost a race is told. */
export function staleEditMessage(current: VersionedMilestone): string {
  return `Someone changed “${current.title}” while you were editing it (it is now ${MILESTONE_STATUS_LABELS[current.status]}). Its current details are shown; make your change again if it is still needed.`;
}
