/*
 * What a person is told when something they tried is refused, in one place: the messages the models put in
 * their outcomes (app/db/errors.ts says which kind of refusal a database error is; the model picks the
 * message of its operation here) and those of a change that lost a race. Messages are catalogue keys with
 * their values (app/i18n/message.ts), translated where they are shown. Shared by browser and server.
 */
import { msg } from "~/i18n/message";
import type { MilestoneStatus, VersionedMilestone } from "./milestones";

export const REFUSALS = {
  /* Milestones: the project's sponsor, its registering government and the secretariat edit them (rule 4). */
  milestoneNotFound: msg("refusals.milestoneNotFound"),
  moveMilestone: msg("refusals.moveMilestone"),
  addMilestone: msg("refusals.addMilestone"),
  editMilestone: msg("refusals.editMilestone"),
  postUpdate: msg("refusals.postUpdate"),

  /* Projects. */
  projectNotFound: msg("refusals.projectNotFound"),
  changeProject: msg("refusals.changeProject"),
  sponsorSubmits: msg("refusals.sponsorSubmits"),
  sponsorRegisters: msg("refusals.sponsorRegisters"),
  delegateRegisters: msg("refusals.delegateRegisters"),

  /* Pledges. */
  pledgeNotFound: msg("refusals.pledgeNotFound"),
  pledgeChanged: msg("refusals.pledgeChanged"),
  pledgeForOwnGovernment: msg("refusals.pledgeForOwnGovernment"),
  changePledge: msg("refusals.changePledge"),
  pledgeRefused: msg("refusals.pledgeRefused"),
  pledgeToApprovedProject: msg("refusals.pledgeToApprovedProject"),
  trancheMilestone: msg("refusals.trancheMilestone"),

  /* Payments. */
  trancheNotFound: msg("refusals.trancheNotFound"),
  recordPayments: msg("refusals.recordPayments"),

  /* FX rates. */
  saveRates: msg("refusals.saveRates"),

  /* Shared items: technology offers and requests, national actions (rule 8). */
  itemNotFound: msg("refusals.itemNotFound"),
  itemChanged: msg("refusals.itemChanged"),
  shareForOwnGovernment: msg("refusals.shareForOwnGovernment"),
  changeItem: msg("refusals.changeItem"),
  itemRefused: msg("refusals.itemRefused"),
  itemHasInterest: msg("refusals.itemHasInterest"),
  unknownAudience: msg("refusals.unknownAudience"),
  unknownContact: msg("refusals.unknownContact"),

  /* Expressions of interest. */
  interestNotFound: msg("refusals.interestNotFound"),
  interestChanged: msg("refusals.interestChanged"),
  expressInterest: msg("refusals.expressInterest"),
  ownItemInterest: msg("refusals.ownItemInterest"),
  interestAlreadyOpen: msg("refusals.interestAlreadyOpen"),
  moveInterest: msg("refusals.moveInterest"),
  agreementInFuture: msg("refusals.agreementInFuture"),

  /* Meetings. */
  meetingNotFound: msg("refusals.meetingNotFound"),
  meetingChanged: msg("refusals.meetingChanged"),
  manageMeetings: msg("refusals.manageMeetings"),
  presentUnseenAction: msg("refusals.presentUnseenAction"),

  /* People. */
  unknownParty: msg("refusals.unknownParty"),
  alreadyMember: msg("refusals.alreadyMember"),
  membershipNotFound: msg("refusals.membershipNotFound"),

  /* A value the database refused for a reason it did not put in words of its own. */
  invalidValue: msg("refusals.invalidValue"),
} as const;

/* Changes that lost a race (optimistic concurrency, docs/decisions/013-*.md and 021-*.md) ------------------ */

/** What the second mover of a card is told, naming the state the board now shows. */
export function conflictMessage(current: VersionedMilestone, attempted: MilestoneStatus): string {
  return current.status === attempted
    ? msg("refusals.conflictSame", { title: current.title, now: current.status })
    : msg("refusals.conflictOther", {
        title: current.title,
        now: current.status,
        attempted,
      });
}

/** What someone whose edit of a milestone (not a move) lost a race is told. */
export function staleEditMessage(current: VersionedMilestone): string {
  return msg("refusals.staleEdit", { title: current.title, now: current.status });
}

/** What someone whose milestone update (with a status change) lost a race is told. */
export function staleUpdateMessage(current: VersionedMilestone): string {
  return msg("refusals.staleUpdate", { title: current.title, now: current.status });
}

/** What someone whose change of a project's status lost a race is told. */
export function staleProjectMessage(current: { name: string; status: string }): string {
  return msg("refusals.staleProject", { name: current.name, now: current.status });
}
