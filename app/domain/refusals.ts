/*
 * What a person is told when something they tried is refused, in one place: the sentences the models put in
 * their outcomes (app/db/errors.ts says which kind of refusal a database error is; the model picks the
 * sentence of its operation here) and those of a change that lost a race. Shared by browser and server.
 */
import {
  MILESTONE_STATUS_LABELS,
  type MilestoneStatus,
  type VersionedMilestone,
} from "./milestones";

export const REFUSALS = {
  /* Milestones: the project's sponsor, its registering government and the secretariat edit them (rule 4). */
  milestoneNotFound:
    "That milestone was not found. It may have been removed; the page shows the current state.",
  moveMilestone:
    "Only the project's sponsor, the delegates of its registering government and the secretariat move its milestones.",
  addMilestone:
    "Only the project's sponsor, its registering government and the secretariat add milestones.",
  editMilestone:
    "Only the project's sponsor, its registering government and the secretariat edit its milestones.",
  postUpdate:
    "Only the project's sponsor, its registering government and the secretariat post updates.",

  /* Projects. */
  projectNotFound: "That project was not found.",
  changeProject: "Your role does not let you change this project.",
  sponsorSubmits:
    "A sponsor saves the project as a draft; the registering government's delegates submit it for review.",
  sponsorRegisters:
    "The project could not be saved for your organisation with that government. Choose a government of this partnership.",
  delegateRegisters: "You can register projects for your own government only.",

  /* Pledges. */
  pledgeNotFound: "That pledge was not found.",
  pledgeChanged: "Someone changed this pledge since you opened it. Reload the page and try again.",
  pledgeForOwnGovernment: "Only a government's delegates pledge for it.",
  changePledge: "Only the pledging government's delegates change this pledge.",
  pledgeRefused: "The pledge was refused.",
  pledgeToApprovedProject: "Choose an approved project: only those can receive pledges.",
  trancheMilestone: "Choose one of this project's milestones.",

  /* Payments. */
  trancheNotFound: "That tranche was not found.",
  recordPayments: "Only the secretariat records payments on committed pledges.",

  /* FX rates. */
  saveRates: "Only the secretariat saves FX rates.",

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
  unknownParty: "That government or organisation is not in this partnership.",
  alreadyMember: "This person is already an active member.",
  membershipNotFound: "That membership was not found.",
} as const;

/** A value the database's checks refused, in its own words. */
export function refusedValue(message: string): string {
  return `The database refused a value: ${message}`;
}

/* Changes that lost a race (optimistic concurrency, docs/decisions/013-*.md and 021-*.md) ------------------ */

/** What the second mover of a card is told, naming the state the board now shows. */
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

/** What someone whose milestone update (with a status change) lost a race is told. */
export function staleUpdateMessage(current: VersionedMilestone): string {
  return `Someone changed “${current.title}” a moment ago (it is now ${MILESTONE_STATUS_LABELS[current.status]}), so your update was not posted. Check the new state; your note is still in the form.`;
}

/** What someone whose change of a project's status lost a race is told. */
export function staleProjectMessage(current: { name: string; status: string }): string {
  return `Someone changed “${current.name}” a moment ago (it is now ${current.status}). The page shows its current state.`;
}
