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

  /* Shared items: technology offers and requests, national actions (rule 8); interests; meetings. */
  itemNotFound: msg("sharingRefusals.itemNotFound"),
  itemChanged: msg("sharingRefusals.itemChanged"),
  shareForOwnGovernment: msg("sharingRefusals.shareForOwnGovernment"),
  changeItem: msg("sharingRefusals.changeItem"),
  itemRefused: msg("sharingRefusals.itemRefused"),
  itemHasInterest: msg("sharingRefusals.itemHasInterest"),
  unknownAudience: msg("sharingRefusals.unknownAudience"),
  unknownContact: msg("sharingRefusals.unknownContact"),
  interestNotFound: msg("sharingRefusals.interestNotFound"),
  interestChanged: msg("sharingRefusals.interestChanged"),
  expressInterest: msg("sharingRefusals.expressInterest"),
  ownItemInterest: msg("sharingRefusals.ownItemInterest"),
  interestAlreadyOpen: msg("sharingRefusals.interestAlreadyOpen"),
  moveInterest: msg("sharingRefusals.moveInterest"),
  agreementInFuture: msg("sharingRefusals.agreementInFuture"),
  meetingNotFound: msg("sharingRefusals.meetingNotFound"),
  meetingChanged: msg("sharingRefusals.meetingChanged"),
  manageMeetings: msg("sharingRefusals.manageMeetings"),
  presentUnseenAction: msg("sharingRefusals.presentUnseenAction"),

  /* People. */
  unknownParty: msg("refusals.unknownParty"),
  alreadyMember: msg("refusals.alreadyMember"),
  membershipNotFound: msg("refusals.membershipNotFound"),

  /* A value the database refused for a reason it did not put in words of its own. */
  invalidValue: msg("refusals.invalidValue"),

  /* The IATI export (docs/iati.md). */
  iatiScope: msg("refusals.iatiScope"),
  iatiNoGovernment: msg("refusals.iatiNoGovernment"),
  iatiNothingToReport: msg("refusals.iatiNothingToReport"),

  /* The public portfolio (docs/open-data.md). */
  publish: msg("refusals.publish"),
  keepOffPublic: msg("refusals.keepOffPublic"),
  publicProjectNotFound: msg("refusals.publicProjectNotFound"),
  publicPage: msg("refusals.publicPage"),
  keepOffChoice: msg("refusals.keepOffChoice"),
  publishChoice: msg("refusals.publishChoice"),
  reportSince: msg("refusals.reportSince"),
} as const;

/** Why an IATI file has no activity although there are projects to report. */
export function iatiMissingIdentifiers(governments: ReadonlyArray<string>): string {
  return msg("refusals.iatiMissingIdentifiers", { governments: governments.join(", ") });
}

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
