/*
 * Who may do what, in one place: the roles of a membership, the person acting, and the rules the interface
 * uses to show only the controls a person can use. Shared by browser and server; pure (no database).
 *
 * The database enforces the same rules (row-level security, private.guard_project, private.guard_milestone,
 * private.can_edit_project()); these never replace it. tests/db/board.test.ts checks that both agree
 * on every milestone move, tests/unit/permissions.test.ts the rest.
 */
import { msg } from "~/i18n/message";
import { isClosed, MILESTONE_STATUSES, type MilestoneStatus } from "./milestones";
import type { ProjectStatus } from "./projects/vocabulary";
import { REFUSALS } from "./refusals";
import type { ItemAudience } from "./sharing";
import { INTEREST_TRANSITIONS, type InterestStatus } from "./technology";

export const ROLES = ["delegate", "sponsor", "secretariat", "observer"] as const;
export type Role = (typeof ROLES)[number];

/** The person acting, as their membership of the partnership says. */
export interface Actor {
  role: Role;
  memberId: string | null;
  sponsorOrganisationId: string | null;
}

/** The actor of a request's member context (or anything carrying a membership). */
export function actorOf({ membership }: { membership: Actor }): Actor {
  return {
    role: membership.role,
    memberId: membership.memberId,
    sponsorOrganisationId: membership.sponsorOrganisationId,
  };
}

/* The parts of the partnership each role reaches ------------------------------------------------------- */

/**
 * The roles that reach each part of the partnership beyond what every member sees: the routes' guards
 * (requireMember) and the navigation read the same lists.
 */
export const ROLES_FOR = {
  review: ["secretariat"],
  fxRates: ["secretariat"],
  people: ["secretariat"],
  billing: ["secretariat"],
  /** Tranche invoices and transfers: the secretariat, and delegates for their own government. */
  payments: ["secretariat", "delegate"],
  /** Issuing tranche invoices and recording bank transfers. */
  recordPayments: ["secretariat"],
  /** Delegates for their government, sponsors (as drafts) for their organisation. */
  registerProjects: ["delegate", "sponsor"],
  /** A government's delegates pledge for it. */
  pledge: ["delegate"],
  /** The audit trail (ADR 012): the other roles see a project's updates feed instead. */
  history: ["secretariat", "delegate"],
  /**
   * The technology register and national actions (rule 8): governments' delegates and the secretariat. Shared
   * items are chosen for governments; sponsors and observers see none.
   */
  sharing: ["delegate", "secretariat"],
  /** Offering, requesting, reporting national actions and expressing interest: for one's own government. */
  shareItems: ["delegate"],
  /** Recording ministerial meetings and the actions presented at them. */
  meetings: ["secretariat"],
} as const satisfies Record<string, readonly Role[]>;

export type Section = keyof typeof ROLES_FOR;

export function reaches(role: Role, section: Section): boolean {
  return (ROLES_FOR[section] as readonly Role[]).includes(role);
}

/* A project's parties ------------------------------------------------------------------------------- */

/** Who a project belongs to. */
export interface ProjectParties {
  registeringMemberId: string | null;
  sponsorOrganisationId: string | null;
}

/** A delegate of the government that registered the project. */
export function isRegisteringDelegate(actor: Actor, project: ProjectParties): boolean {
  return (
    actor.role === "delegate" &&
    actor.memberId !== null &&
    actor.memberId === project.registeringMemberId
  );
}

/** A member of the project's own sponsor organisation. */
export function isProjectSponsor(actor: Actor, project: ProjectParties): boolean {
  return (
    actor.role === "sponsor" &&
    actor.sponsorOrganisationId !== null &&
    actor.sponsorOrganisationId === project.sponsorOrganisationId
  );
}

/**
 * The registering government's delegates or the project's own sponsor: the only people who see a draft
 * project (and hear of its changes on the live stream), and the project's editors besides the secretariat.
 */
export function isProjectParty(actor: Actor, project: ProjectParties): boolean {
  return isRegisteringDelegate(actor, project) || isProjectSponsor(actor, project);
}

/* Projects --------------------------------------------------------------------------------------------- */

export interface ProjectPermissions {
  /** Draft or rejected → submitted: the registering government's delegates. */
  submit: boolean;
  /** Submitted → draft: the registering government or the sponsor. */
  withdraw: boolean;
  /** Draft, submitted or approved → cancelled: the registering government or the secretariat. */
  cancel: boolean;
  /** Approve or reject a submitted project: the secretariat. */
  decide: boolean;
}

/** What a person may do with a project's life (guard_project and RLS enforce it). */
export function projectPermissions(
  actor: Actor,
  project: ProjectParties & { status: ProjectStatus },
): ProjectPermissions {
  const registering = isRegisteringDelegate(actor, project);
  const secretariat = actor.role === "secretariat";
  return {
    submit: registering && (project.status === "draft" || project.status === "rejected"),
    withdraw: isProjectParty(actor, project) && project.status === "submitted",
    cancel:
      (registering || secretariat) &&
      (project.status === "draft" ||
        project.status === "submitted" ||
        project.status === "approved"),
    decide: secretariat && project.status === "submitted",
  };
}

/** Who may register: delegates for their government, sponsors (as drafts) for their organisation. */
export function canRegisterProjects(role: Role): boolean {
  return reaches(role, "registerProjects");
}

/* Milestones ------------------------------------------------------------------------------------------- */

/** What of a milestone's project decides who edits it. */
export interface ProjectScope extends ProjectParties {
  status: string;
}

/**
 * Rule 4 of docs/security-model.md: the project's sponsor, the delegates of its registering government and (once it is past draft)
 * the secretariat edit its milestones; observers and everyone else read. Mirrors
 * private.can_edit_project().
 */
export function canEditMilestones(actor: Actor, project: ProjectScope): boolean {
  if (actor.role === "secretariat") return project.status !== "draft";
  return isProjectParty(actor, project);
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

/** Why a move is refused, as a message for the person who tried it (null when it is allowed). */
export function moveRefusal(
  actor: Actor,
  project: ProjectScope,
  from: MilestoneStatus,
  to: MilestoneStatus,
): string | null {
  if (from === to) return msg("refusals.alreadyThere", { status: to });
  if (!canEditMilestones(actor, project)) return REFUSALS.moveMilestone;
  if (isClosed(from) && actor.role !== "secretariat") {
    return msg("refusals.onlySecretariatReopens", { status: from });
  }
  return null;
}

/** Whether the actor may move any card on the board at all (observers only look). */
export function movesAnyMilestone(actor: Pick<Actor, "role">): boolean {
  return actor.role !== "observer";
}

/* Pledges and payments ----------------------------------------------------------------------------- */

/** A pledge's own government's delegates act on it (commit, amend, withdraw). */
export function actsOnPledge(actor: Actor, pledge: { memberId: string }): boolean {
  return actor.role === "delegate" && actor.memberId !== null && actor.memberId === pledge.memberId;
}

/** The secretariat sees every government's tranches and payments; a delegate, their own government's. */
export function seesOwnPaymentsOnly(actor: Pick<Actor, "role">): boolean {
  return actor.role !== "secretariat";
}

/* Shared items: technology offers, requests, national actions (rule 8) ------------------------------ */

/** A delegate of the item's own government: sees it whatever its audience, edits it, chooses its audience. */
export function ownsItem(actor: Actor, item: Pick<ItemAudience, "ownerMemberId">): boolean {
  return (
    actor.role === "delegate" && actor.memberId !== null && actor.memberId === item.ownerMemberId
  );
}

/**
 * Whether `actor` (a member of the item's partnership) may see the item. Mirrors private.may_see_item(): the
 * owning government always; `partnership` every government's delegates and the secretariat; `chosen` the listed
 * governments' delegates, and the secretariat when ticked; `private` nobody else. Sponsors and observers never.
 */
export function maySeeItem(actor: Actor, item: ItemAudience): boolean {
  if (ownsItem(actor, item)) return true;
  switch (item.audience) {
    case "partnership":
      return actor.role === "delegate" || actor.role === "secretariat";
    case "chosen":
      return actor.role === "secretariat"
        ? item.includesSecretariat
        : actor.role === "delegate" &&
            actor.memberId !== null &&
            item.memberIds.includes(actor.memberId);
    case "private":
      return false;
  }
}

/** The two governments of an expression of interest: the item's, and the one that answered it. */
export interface InterestParties {
  ownerMemberId: string;
  memberId: string;
  status: InterestStatus;
}

/** Which side of the conversation `actor` is on, if any. */
export function interestSide(
  actor: Actor,
  interest: InterestParties,
): "owner" | "interested" | null {
  if (actor.role !== "delegate" || actor.memberId === null) return null;
  if (actor.memberId === interest.ownerMemberId) return "owner";
  if (actor.memberId === interest.memberId) return "interested";
  return null;
}

/**
 * Where `actor` may move an expression of interest (private.guard_interest says the same): the item's government
 * takes it into talks, records the agreement or declines; the interested government may only decline (withdraw).
 */
export function interestMoves(actor: Actor, interest: InterestParties): InterestStatus[] {
  const side = interestSide(actor, interest);
  const next = INTEREST_TRANSITIONS[interest.status];
  if (side === "owner") return [...next];
  if (side === "interested") return next.filter((status) => status === "declined");
  return [];
}

export function canMoveInterest(
  actor: Actor,
  interest: InterestParties,
  to: InterestStatus,
): boolean {
  return interestMoves(actor, interest).includes(to);
}
