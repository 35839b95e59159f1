/*
 * The rules of the shared board, pure (no database, no clock): what a milestone's status means, when it is
 * late, and how a change is made against the version the person saw. Who may move it where is in
 * ./permissions.ts, what a person is told when a change is refused or loses a race in ./refusals.ts.
 */
import { z } from "zod";
import { isoDate, version } from "~/forms/values";
import { msg } from "~/i18n/message";
import { daysBetween } from "~/utils/dates";

export const MILESTONE_STATUSES = [
  "planned",
  "in_progress",
  "at_risk",
  "delayed",
  "done",
  "cancelled",
] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

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

/** "3 days late", "1 day late", "due today", "due in 5 days", "due tomorrow", or the status when closed. */
export function describeDue(milestone: Dated, today: string): string {
  if (isClosed(milestone.status)) return msg(`vocabulary.milestoneStatus.${milestone.status}`);
  const days = daysBetween(today, milestone.dueDate);
  if (days < 0) return msg("milestones.due.late", { count: -days });
  if (days === 0) return msg("milestones.due.today");
  if (days === 1) return msg("milestones.due.tomorrow");
  return msg("milestones.due.in", { count: days });
}

/** The form that moves a card: the same for drag and drop and for the keyboard's "Move to…". */
export const MoveSchema = z.object({
  intent: z.literal("move"),
  milestoneId: z.uuid(msg("milestones.schema.choose")),
  version: version(),
  status: z.enum(MILESTONE_STATUSES, msg("milestones.schema.chooseMove")),
  /** Evidence, asked for when completing the milestone releases money (ADR 111). */
  note: z
    .string()
    .trim()
    .max(4000, msg("milestones.schema.noteLong"))
    .optional()
    .transform((value) => value || null),
  evidenceUrl: z
    .string()
    .trim()
    .max(2000, msg("milestones.schema.linkLong"))
    .refine(
      (value) => value === "" || /^https?:\/\/[^\s]+$/.test(value),
      msg("milestones.schema.link"),
    )
    .optional()
    .transform((value) => value || null),
});

/** Adding or editing a milestone. */
export const MilestoneSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, msg("milestones.schema.title"))
    .max(200, msg("milestones.schema.titleLong")),
  dueDate: isoDate({
    format: msg("milestones.schema.date"),
    exists: msg("milestones.schema.realDate"),
  }),
  notes: z
    .string()
    .trim()
    .max(2000, msg("milestones.schema.notesLong"))
    .optional()
    .transform((value) => value || null),
});

/** A milestone update: a dated note, an optional status change and an optional evidence link. */
export const MilestoneUpdateSchema = z.object({
  milestoneId: z.uuid(msg("milestones.schema.chooseUpdate")),
  version: version(),
  note: z
    .string()
    .trim()
    .min(1, msg("milestones.schema.note"))
    .max(4000, msg("milestones.schema.noteLong")),
  statusChange: z
    .union([z.enum(MILESTONE_STATUSES), z.literal("")])
    .optional()
    .transform((value) => value || null),
  evidenceUrl: z
    .string()
    .trim()
    .max(2000, msg("milestones.schema.linkLong"))
    .refine(
      (value) => value === "" || /^https?:\/\/[^\s]+$/.test(value),
      msg("milestones.schema.link"),
    )
    .optional()
    .transform((value) => value || null),
});

/** Adding a milestone on the project page: it starts open, planned unless said otherwise. */
export const AddMilestoneSchema = MilestoneSchema.extend({
  status: z.enum(MILESTONE_STATUSES).default("planned"),
});

/** Editing a milestone's title, due date and notes, against the version the person saw. */
export const EditMilestoneSchema = MilestoneSchema.extend({
  milestoneId: z.uuid(),
  version: version(),
});

/** The project page's three forms, told apart by `intent` (one parseForm per route, ADR 006). */
export const MilestoneActionSchema = z.discriminatedUnion("intent", [
  AddMilestoneSchema.extend({ intent: z.literal("add-milestone") }),
  EditMilestoneSchema.extend({ intent: z.literal("edit-milestone") }),
  MilestoneUpdateSchema.extend({ intent: z.literal("post-update") }),
]);
export type MilestoneIntent = z.infer<typeof MilestoneActionSchema>["intent"];

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
