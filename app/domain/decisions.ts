/*
 * Decisions that move money or a project's life, as a person meets them (ADR 111): what the confirmation says
 * will happen, how long a decision can be taken back, which tranches a milestone releases, and when a
 * requested tranche is overdue. Plain rules, no I/O: `today` and `now` come from the caller (ADR 050).
 */
import { z } from "zod";
import { uuid, version } from "~/forms/values";
import type { Actor } from "./permissions";
import type { ProjectStatus } from "./projects/vocabulary";

/** How long the secretariat may take back its decision (private.decision_undo_window() says the same). */
export const DECISION_UNDO_MINUTES = 15;

/** The moment until which a decision taken at `decidedAt` can be taken back. */
export function undoDeadline(decidedAt: Date): Date {
  return new Date(decidedAt.getTime() + DECISION_UNDO_MINUTES * 60_000);
}

/**
 * Whether the secretariat may still take back its decision on the project (approved or rejected → submitted).
 * The database also refuses once a pledge has been committed since.
 */
export function canUndoDecision(
  actor: Pick<Actor, "role">,
  project: { status: ProjectStatus; decidedAt: Date | string | null },
  now: Date,
): boolean {
  if (actor.role !== "secretariat") return false;
  if (project.status !== "approved" && project.status !== "rejected") return false;
  if (!project.decidedAt) return false;
  return now.getTime() < undoDeadline(new Date(project.decidedAt)).getTime();
}

/* Money a milestone releases ------------------------------------------------------------------------- */

/** A scheduled tranche of a live pledge that completing the milestone requests. */
export interface Release {
  /** The pledging government's code, named with the one country formatter. */
  memberCode: string;
  amountMinor: string;
  currency: string;
}

/** Evidence is asked for when money depends on the milestone. */
export function needsEvidence(releases: ReadonlyArray<Release>): boolean {
  return releases.length > 0;
}

/* Tranches ------------------------------------------------------------------------------------------- */

/** A requested tranche past its due date has not been paid in time. */
export function isTrancheOverdue(
  tranche: { status: string; dueDate: string },
  today: string,
): boolean {
  return tranche.status === "requested" && tranche.dueDate < today;
}

/** Money still to come: scheduled or requested (not paid, not cancelled with its pledge). */
export function isUnpaid(tranche: { status: string }): boolean {
  return tranche.status === "scheduled" || tranche.status === "requested";
}

/* Forms ---------------------------------------------------------------------------------------------- */

/**
 * Taking back a decision on the project page (its id is in the path), against the version the secretariat saw:
 * one more value of the page's `change` field, so a change the page does not know is named as `change`.
 */
export const UndoDecisionSchema = z.object({
  change: z.literal("undo"),
  version: version(),
});

/** Taking back a decision from the review queue: one more value of its `decision` field, naming the project. */
export const UndoQueuedDecisionSchema = z.object({
  decision: z.literal("undo"),
  projectId: uuid(),
  version: version(),
});
