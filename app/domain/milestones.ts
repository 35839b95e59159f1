/*
 * The rules of the shared board, pure (no database, no clock): what a milestone's status means, when it is
 * late, and how a change is made against the version the person saw. Who may move it where is in
 * ./permissions.ts, what a person is told when a change is refused or loses a race in ./refusals.ts.
 */
import { z } from "zod";

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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date 'YYYY-MM-DD' (no time zone: a due date is a calendar day). */
export function dayNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${isoDate}`);
  const [, year, month, day] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day)) / 86_400_000;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
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

/** "30 Sep 2027": a calendar date as people read it, the same on the server and in the browser. */
export function formatDay(isoDate: string): string {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** "27 Nov 2026, 14:05 UTC": a moment, stated in UTC so every partner reads the same time. */
export function formatMoment(moment: string | Date): string {
  const date = typeof moment === "string" ? new Date(moment) : moment;
  return `${date.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  })} UTC`;
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
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a real date.");

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

/** Adding a milestone on the project page: it starts open, planned unless said otherwise. */
export const AddMilestoneSchema = MilestoneSchema.extend({
  status: z.enum(MILESTONE_STATUSES).default("planned"),
});

/** Editing a milestone's title, due date and notes, against the version the person saw. */
export const EditMilestoneSchema = MilestoneSchema.extend({
  milestoneId: z.uuid(),
  version: z.coerce.number().int().positive(),
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
