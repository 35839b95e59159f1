/* What a person is told when something they tried is refused (app/domain/refusals.ts, app/db/errors.ts). */
export const refusals = {
  milestoneNotFound:
    "That milestone was not found. It may have been removed; the page shows the current state.",
  moveMilestone:
    "Only the project’s sponsor, the delegates of its registering government and the secretariat move its milestones.",
  addMilestone:
    "Only the project’s sponsor, its registering government and the secretariat add milestones.",
  editMilestone:
    "Only the project’s sponsor, its registering government and the secretariat edit its milestones.",
  postUpdate:
    "Only the project’s sponsor, its registering government and the secretariat post updates.",
  alreadyThere: "This milestone is already “$t(vocabulary.milestoneStatus.{{status}})”.",
  onlySecretariatReopens:
    "This milestone is “$t(vocabulary.milestoneStatus.{{status}})”: only the secretariat reopens it.",
  projectNotFound: "That project was not found.",
  changeProject: "Your role does not let you change this project.",
  sponsorSubmits:
    "A sponsor saves the project as a draft; the registering government’s delegates submit it for review.",
  sponsorRegisters:
    "The project could not be saved for your organisation with that government. Choose a government of this partnership.",
  delegateRegisters: "You can register projects for your own government only.",
  pledgeNotFound: "That pledge was not found.",
  pledgeChanged: "Someone changed this pledge since you opened it. Reload the page and try again.",
  pledgeForOwnGovernment: "Only a government’s delegates pledge for it.",
  changePledge: "Only the pledging government’s delegates change this pledge.",
  pledgeRefused: "The pledge was refused.",
  pledgeToApprovedProject: "Choose an approved project: only those can receive pledges.",
  trancheMilestone: "Choose one of this project’s milestones.",
  trancheNotFound: "That tranche was not found.",
  recordPayments: "Only the secretariat records payments on committed pledges.",
  saveRates: "Only the secretariat saves FX rates.",
  unknownParty: "That government or organisation is not in this partnership.",
  alreadyMember: "This person is already an active member.",
  membershipNotFound: "That membership was not found.",
  invalidValue: "A value was not accepted. Check what you entered and try again.",
  iatiScope:
    "Ask for scope=partnership (every pledge you may see) or scope=government (your government’s pledges only).",
  iatiNoGovernment: "The secretariat reports for no government: export the partnership’s file.",
  iatiNothingToReport:
    "There is nothing to report yet: the IATI file lists approved projects (with your government’s pledges, in your government’s file).",
  iatiMissingIdentifiers:
    "No IATI organisation identifier is recorded for {{governments}}: the secretariat records it, then the file reports their projects.",
  publish: "Only the secretariat publishes the partnership or takes it off the public web.",
  keepOffPublic:
    "Only the government that registered this project may keep it off the public page.",
  publicProjectNotFound: "That project was not found.",
  publicPage: "Ask for page=1 or more and per_page from 1 to 200.",
  keepOffChoice: "Choose to keep the project off the public page or to list it.",
  publishChoice: "Choose to publish the portfolio or to take it off the public web.",
  reportSince: "Choose a date as YYYY-MM-DD for “since”.",
  refusedValue: "The value was not accepted: {{reason}}",
  conflictSame:
    "Someone else already moved “{{title}}” to $t(vocabulary.milestoneStatus.{{now}}) a moment ago. The board shows the current state.",
  conflictOther:
    "Someone moved “{{title}}” to $t(vocabulary.milestoneStatus.{{now}}) a moment ago, so it was not moved to $t(vocabulary.milestoneStatus.{{attempted}}). The board shows the current state.",
  staleEdit:
    "Someone changed “{{title}}” while you were editing it (it is now $t(vocabulary.milestoneStatus.{{now}})). Its current details are shown; make your change again if it is still needed.",
  staleUpdate:
    "Someone changed “{{title}}” a moment ago (it is now $t(vocabulary.milestoneStatus.{{now}})), so your update was not posted. Check the new state; your note is still in the form.",
  staleProject:
    "Someone changed “{{name}}” a moment ago (it is now $t(vocabulary.projectStatus.{{now}})). The page shows its current state.",
};

/*
 * The database's own sentences (raise exception in supabase/migrations), each as a person reads it
 * (app/db/errors.ts maps one to the other; tests/unit/errors.test.ts checks every sentence has its key).
 */
export const database = {
  lastSecretariat:
    "The last active secretariat membership of a partnership cannot be revoked or removed.",
  projectStartsAs:
    "A new project starts as “$t(vocabulary.projectStatus.draft)” or “$t(vocabulary.projectStatus.submitted)”, not “$t(vocabulary.projectStatus.{{status}})”.",
  secretariatDecides: "Only the secretariat records a decision on a project.",
  secretariatMovesProject:
    "Only the secretariat may move a project from “$t(vocabulary.projectStatus.{{from}})” to “$t(vocabulary.projectStatus.{{to}})”.",
  partiesSubmit: "The project’s own government or sponsor submits it, not the secretariat.",
  delegatesSubmit: "The registering government’s delegates submit a project for review.",
  partiesWithdraw:
    "The project’s own government or sponsor withdraws it from review, not the secretariat.",
  whoCancels: "Only the registering government or the secretariat may cancel a project.",
  projectTransition:
    "A project cannot go from “$t(vocabulary.projectStatus.{{from}})” to “$t(vocabulary.projectStatus.{{to}})”.",
  ruleCurrency:
    "A minimum co-funding rule is stated in the partnership’s reporting currency ({{currency}}).",
  pledgeClosed:
    "A pledge that is “$t(vocabulary.pledgeStatus.{{status}})” is closed and cannot change.",
  pledgeTransition:
    "A pledge cannot go from “$t(vocabulary.pledgeStatus.{{from}})” to “$t(vocabulary.pledgeStatus.{{to}})”.",
  pledgeStatusByPayment:
    "A pledge becomes “$t(vocabulary.pledgeStatus.{{status}})” when its tranches are paid, not by hand.",
  disbursingWithdraw:
    "A pledge that is “$t(vocabulary.pledgeStatus.disbursing)” cannot be withdrawn by hand; ask the secretariat.",
  commitApprovedOnly: "Only pledges to approved projects can be committed.",
  withdrawReason: "Withdrawing a pledge needs a reason.",
  withdrawReasonSet: "The withdrawal reason is set when the pledge is withdrawn.",
  termsFixed: "The terms of a committed pledge are fixed; only its amount changes, by amendment.",
  amountByAmendment: "A committed pledge’s amount changes only through a recorded amendment.",
  amendCommittedOnly:
    "Only a committed pledge is amended (this one is “$t(vocabulary.pledgeStatus.{{status}})”).",
  amendDraftDirectly:
    "Only a committed pledge is amended; edit a draft directly (this one is “$t(vocabulary.pledgeStatus.{{status}})”).",
  paidTranche: "A paid tranche cannot change.",
  trancheMilestone: "A tranche is released by a milestone of its own pledge’s project.",
  tranchesOfPledge:
    "Tranches of a pledge that is “$t(vocabulary.pledgeStatus.{{status}})” are not requested or paid.",
  secretariatPays: "Only the secretariat records a payment.",
  pledgeNotFound: "That pledge was not found.",
  pledgeChanged: "Someone else changed this pledge since you opened it.",
  commitDraftOnly:
    "Only a draft pledge can be committed (this one is “$t(vocabulary.pledgeStatus.{{status}})”).",
  delegatesCommit: "Only the pledging government’s delegates commit its pledges.",
  cannotWithdraw: "A pledge that is “$t(vocabulary.pledgeStatus.{{status}})” cannot be withdrawn.",
  delegatesWithdraw: "Only the pledging government’s delegates withdraw its pledges.",
  amendmentReason: "An amendment needs a reason.",
  amendedPositive: "The amended amount must be positive.",
  amendedSame: "The amended amount equals the current amount.",
  delegatesAmend: "Only the pledging government’s delegates amend its pledges.",
  milestoneNotFound: "That milestone was not found.",
  milestoneChanged: "Someone else changed this milestone since you opened it.",
  cannotComplete:
    "A milestone that is “$t(vocabulary.milestoneStatus.{{status}})” cannot be completed.",
  whoCompletes:
    "Only the project’s sponsor, its registering government or the secretariat complete its milestones.",
  secretariatReopens:
    "Only the secretariat reopens a milestone that is “$t(vocabulary.milestoneStatus.{{status}})”.",
  paymentCurrency: "A payment is in its pledge’s currency ({{currency}}).",
  stripeRecords: "Stripe payments are recorded by Stripe’s webhook, not by hand.",
  requestedOnly:
    "Only a requested tranche takes a payment (this one is “$t(vocabulary.trancheStatus.{{status}})”).",
  paymentFuture: "A payment cannot be dated in the future.",
  paymentTooMuch: "The payment is more than is still due on this tranche.",
  readOnly:
    "This partnership’s subscription has lapsed: Lodestone is read-only until the secretariat renews it.",
  noReferenceFigures:
    "The reference data has no figures for $t(vocabulary.mineral.{{mineral}}) ($t(vocabulary.supplyStage.{{stage}})) to measure this against.",
  referenceGivesQuantities:
    "The reference data gives quantities by country for $t(vocabulary.mineral.{{mineral}}) ($t(vocabulary.supplyStage.{{stage}})): its world total is their sum.",
  itemNotFound: "That item was not found.",
  itemTransition:
    "An offer or request cannot go from “$t(sharing.technologyStatus.{{from}})” to “$t(sharing.technologyStatus.{{to}})”.",
  itemContact: "The contact must be one of the owning government’s active delegates.",
  offerNotFound: "That offer or request was not found.",
  interestInTechnology: "Interest is expressed in technology offers and requests.",
  itemClosed: "This item is closed: it takes no more expressions of interest.",
  interestTransition:
    "An expression of interest cannot go from “$t(sharing.interestStatus.{{from}})” to “$t(sharing.interestStatus.{{to}})”.",
  termsWithAgreement: "The terms and date are recorded with the agreement.",
  agreementNeedsTerms: "An agreement records a summary of its terms and the date it was reached.",
  ownerMovesInterest:
    "Only the item’s own government moves this conversation on; you may withdraw your interest.",
  actionNotFound: "That national action was not found.",
};
