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
  itemNotFound: "That item was not found. It may have been removed, or it is not shared with you.",
  itemChanged: "Someone changed this item since you opened it. Reload the page and try again.",
  shareForOwnGovernment: "Only a government's delegates offer, request or report in its name.",
  changeItem: "Only the delegates of the item's own government change it or choose who sees it.",
  itemRefused: "The item was refused.",
  itemHasInterest:
    "Governments have answered this item, so it stays on the record: close it instead of removing it.",
  unknownAudience: "Choose governments of this partnership.",
  unknownContact: "Choose a contact from your government's active delegates.",

  /* Expressions of interest. */
  interestNotFound: "That expression of interest was not found.",
  interestChanged:
    "The other government moved this conversation on since you opened it. Reload the page to see where it stands.",
  expressInterest:
    "Only a government's delegates express interest, in items shared with their government.",
  ownItemInterest: "This is your own government's item: other governments express interest in it.",
  interestAlreadyOpen:
    "Your government already has an open conversation on this item: continue it there.",
  moveInterest:
    "Only the item's own government moves this conversation on; the other government may withdraw.",
  agreementInFuture: "The agreement cannot be dated after today.",

  /* Meetings. */
  meetingNotFound: "That meeting was not found.",
  meetingChanged:
    "Someone changed this meeting since you opened it. Reload the page and try again.",
  manageMeetings: "Only the secretariat records meetings and the actions presented at them.",
  presentUnseenAction: "Choose a national action that is shared with the secretariat.",

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
