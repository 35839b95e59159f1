/*
 * Database errors, and the one mapping from their SQLSTATEs to what they mean for a person and the HTTP status
 * that says so (docs/decisions/013-*.md). Models turn a refusal into their own outcome with the sentence of
 * their operation (app/domain/refusals.ts); anything not in the table is a real error and is rethrown. A data
 * exception (class 22: a value no column can hold) that no model handled becomes a 400 where the member's
 * transaction fails (refusalAsResponse), the last line of defence behind the forms (docs/decisions/067-*.md).
 */
import { INPUT_MESSAGES } from "~/forms/messages";
import { msg, type MessageKey, type MessageValues } from "~/i18n/message";

/** The SQLSTATE and message of an error raised by Postgres, from either engine's error class. */
export function databaseError(error: unknown): { code: string; message: string } | null {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") {
    const message = "message" in error && typeof error.message === "string" ? error.message : "";
    return /^[0-9A-Z]{5}$/.test(error.code) ? { code: error.code, message } : null;
  }
  return null;
}

/** What a refused database call means for the person who made it. */
export type RefusalKind =
  "not-found" | "conflict" | "forbidden" | "read-only" | "invalid" | "malformed";

export const REFUSAL_STATUS = {
  "not-found": 404,
  conflict: 409,
  forbidden: 403,
  "read-only": 402,
  invalid: 422,
  malformed: 400,
} as const satisfies Record<RefusalKind, number>;

const KIND_OF_SQLSTATE: Record<string, RefusalKind> = {
  // no_data_found: the row does not exist or is not visible (the same answer, so drafts stay hidden).
  P0002: "not-found",
  // foreign_key_violation: what the row points at is not in the partnership.
  "23503": "not-found",
  // Optimistic concurrency: someone changed the row since the person read it.
  PT409: "conflict",
  // insufficient_privilege: row-level security, or a guard trigger saying who may.
  "42501": "forbidden",
  // The partnership's subscription lapsed: it is read-only (docs/decisions/041-*.md).
  PT402: "read-only",
  // raise_exception (an invalid state), check_violation.
  P0001: "invalid",
  "23514": "invalid",
};

/*
 * Class 22, data exception: a value the column cannot hold — a malformed uuid (22P02), a date out of range
 * (22008), a number out of range (22003), a NUL character (22021), text too long (22001)… The request was
 * malformed: a 400, whatever the exact code.
 */
const kindOf = (code: string): RefusalKind | undefined =>
  code.startsWith("22") ? "malformed" : KIND_OF_SQLSTATE[code];

/** A refusal; its status follows from its kind, so narrowing the kind narrows the status. */
export type Refusal = {
  [Kind in RefusalKind]: {
    kind: Kind;
    status: (typeof REFUSAL_STATUS)[Kind];
    code: string;
    /**
     * The database's own words as a message for a person (guard triggers and the state-changing functions
     * explain themselves; DATABASE_SENTENCES translates them), or null when they are Postgres's generic words
     * (row-level security, a malformed value): the model then says who may, or what failed, in its own.
     */
    message: string | null;
  };
}[RefusalKind];

/** The refusal an error stands for, or null when it is not an expected refusal (rethrow it). */
export function refusalOf(error: unknown): Refusal | null {
  const failure = databaseError(error);
  const kind = failure ? kindOf(failure.code) : undefined;
  if (!failure || !kind) return null;
  return {
    kind,
    status: REFUSAL_STATUS[kind],
    code: failure.code,
    message: databaseMessage(failure.message),
  } as Refusal;
}

/** What to tell a person about a refusal: the database's own words, else `fallback`. */
export function sentenceOf(refusal: Refusal, fallback: string): string {
  return refusal.message ?? fallback;
}

/* The database's sentences --------------------------------------------------------------------------- */

const status = (text: string | undefined) => (text ?? "").trim().replace(/ /g, "_");

/**
 * Every sentence our migrations raise (raise exception), as a catalogue message: the SQL speaks English to
 * psql and the logs; a person reads it in their language. `%` in the SQL is `(.+?)` here; statuses come as the
 * enum value. tests/unit/errors.test.ts reads the migrations and fails on a sentence this list does not match.
 */
export const DATABASE_SENTENCES: ReadonlyArray<
  readonly [RegExp, MessageKey, (match: RegExpExecArray) => MessageValues]
> = [
  [
    /^The last active secretariat membership of a partnership cannot be revoked or removed/,
    "database.lastSecretariat",
    () => ({}),
  ],
  [
    /^Only the registering government may keep its project off the public page/,
    "refusals.keepOffPublic",
    () => ({}),
  ],
  [
    /^A new project starts as draft or submitted, not (\w+)/,
    "database.projectStartsAs",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^Only the secretariat records a decision on a project/,
    "database.secretariatDecides",
    () => ({}),
  ],
  [
    /^Only the secretariat may move a project from (\w+) to (\w+)/,
    "database.secretariatMovesProject",
    (m) => ({ from: status(m[1]), to: status(m[2]) }),
  ],
  [
    /^The project's own government or sponsor submits it, not the secretariat/,
    "database.partiesSubmit",
    () => ({}),
  ],
  [
    /^The registering government's delegates submit a project for review/,
    "database.delegatesSubmit",
    () => ({}),
  ],
  [
    /^The project's own government or sponsor withdraws it from review, not the secretariat/,
    "database.partiesWithdraw",
    () => ({}),
  ],
  [
    /^Only the registering government or the secretariat may cancel a project/,
    "database.whoCancels",
    () => ({}),
  ],
  [
    /^A project cannot go from (\w+) to (\w+)/,
    "database.projectTransition",
    (m) => ({ from: status(m[1]), to: status(m[2]) }),
  ],
  [
    /^A minimum co-funding rule is stated in the partnership's reporting currency \((\w+)\)/,
    "database.ruleCurrency",
    (m) => ({ currency: m[1] ?? "" }),
  ],
  [
    /^A (\w+) pledge is closed and cannot change/,
    "database.pledgeClosed",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^A pledge cannot go from (\w+) to (\w+)/,
    "database.pledgeTransition",
    (m) => ({ from: status(m[1]), to: status(m[2]) }),
  ],
  [
    /^A pledge becomes (\w+) when its tranches are paid, not by hand/,
    "database.pledgeStatusByPayment",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^A pledge that is disbursing cannot be withdrawn by hand/,
    "database.disbursingWithdraw",
    () => ({}),
  ],
  [
    /^Only pledges to approved projects can be committed/,
    "database.commitApprovedOnly",
    () => ({}),
  ],
  [/^Withdrawing a pledge needs a reason/, "database.withdrawReason", () => ({})],
  [
    /^The withdrawal reason is set when the pledge is withdrawn/,
    "database.withdrawReasonSet",
    () => ({}),
  ],
  [/^The terms of a committed pledge are fixed/, "database.termsFixed", () => ({})],
  [
    /^A committed pledge's amount changes only through a recorded amendment/,
    "database.amountByAmendment",
    () => ({}),
  ],
  [
    /^Only a committed pledge is amended; edit a draft directly \(this one is (\w+)\)/,
    "database.amendDraftDirectly",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^Only a committed pledge is amended \(this one is (\w+)\)/,
    "database.amendCommittedOnly",
    (m) => ({ status: status(m[1]) }),
  ],
  [/^A paid tranche cannot change/, "database.paidTranche", () => ({})],
  [
    /^A tranche is released by a milestone of its own pledge's project/,
    "database.trancheMilestone",
    () => ({}),
  ],
  [
    /^Tranches of a (\w+) pledge are not requested or paid/,
    "database.tranchesOfPledge",
    (m) => ({ status: status(m[1]) }),
  ],
  [/^Only the secretariat records a payment/, "database.secretariatPays", () => ({})],
  [/^Pledge \S+ not found/, "database.pledgeNotFound", () => ({})],
  [/^Pledge \S+ was changed by someone else/, "database.pledgeChanged", () => ({})],
  [
    /^Only a draft pledge can be committed \(this one is (\w+)\)/,
    "database.commitDraftOnly",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^Only the pledging government's delegates commit its pledges/,
    "database.delegatesCommit",
    () => ({}),
  ],
  [
    /^A (\w+) pledge cannot be withdrawn/,
    "database.cannotWithdraw",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^Only the pledging government's delegates withdraw its pledges/,
    "database.delegatesWithdraw",
    () => ({}),
  ],
  [/^An amendment needs a reason/, "database.amendmentReason", () => ({})],
  [/^The amended amount must be positive/, "database.amendedPositive", () => ({})],
  [/^The amended amount equals the current amount/, "database.amendedSame", () => ({})],
  [
    /^Only the pledging government's delegates amend its pledges/,
    "database.delegatesAmend",
    () => ({}),
  ],
  [/^Milestone \S+ not found/, "database.milestoneNotFound", () => ({})],
  [/^Milestone \S+ was changed by someone else/, "database.milestoneChanged", () => ({})],
  [
    /^A (\w+) milestone cannot be completed/,
    "database.cannotComplete",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^Only the project's sponsor, its registering government or the secretariat complete its milestones/,
    "database.whoCompletes",
    () => ({}),
  ],
  [
    /^Only the secretariat reopens a ([\w ]+) milestone/,
    "database.secretariatReopens",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^A payment is in its pledge's currency \((\w+)\)/,
    "database.paymentCurrency",
    (m) => ({ currency: m[1] ?? "" }),
  ],
  [
    /^Stripe payments are recorded by Stripe's webhook, not by hand/,
    "database.stripeRecords",
    () => ({}),
  ],
  [
    /^Only a requested tranche takes a payment \(this one is (\w+)\)/,
    "database.requestedOnly",
    (m) => ({ status: status(m[1]) }),
  ],
  [/^A payment cannot be dated in the future/, "database.paymentFuture", () => ({})],
  [/^The payment is more than is still due on this tranche/, "database.paymentTooMuch", () => ({})],
  [/^That item was not found/, "sharingRefusals.itemGone", () => ({})],
  [
    /^An offer or request cannot go from (\w+(?: \w+)?) to (\w+(?: \w+)?)$/,
    "sharingRefusals.itemTransition",
    (m) => ({ from: status(m[1]), to: status(m[2]) }),
  ],
  [
    /^The contact is one of the owning government's active delegates/,
    "sharingRefusals.contactDelegate",
    () => ({}),
  ],
  [/^That offer or request was not found/, "sharingRefusals.technologyGone", () => ({})],
  [
    /^Interest is expressed in technology offers and requests/,
    "sharingRefusals.interestInTechnology",
    () => ({}),
  ],
  [
    /^This item is closed: it takes no more expressions of interest/,
    "sharingRefusals.itemClosed",
    () => ({}),
  ],
  [
    /^An expression of interest cannot go from (\w+(?: \w+)?) to (\w+(?: \w+)?)$/,
    "sharingRefusals.interestTransition",
    (m) => ({ from: status(m[1]), to: status(m[2]) }),
  ],
  [
    /^The terms and date are recorded with the agreement/,
    "sharingRefusals.termsWithAgreement",
    () => ({}),
  ],
  [
    /^An agreement records a summary of its terms and the date it was reached/,
    "sharingRefusals.agreementNeedsTerms",
    () => ({}),
  ],
  [
    /^Only the item's own government moves this conversation on; you may withdraw your interest/,
    "sharingRefusals.ownerMovesInterest",
    () => ({}),
  ],
  [/^That national action was not found/, "sharingRefusals.actionGone", () => ({})],
  [
    /^A project's registration is fixed once it is submitted \(this one is (\w+)\)/,
    "everyday.db.registrationFixed",
    (m) => ({ status: status(m[1]) }),
  ],
  [
    /^A decision can be taken back only within .+ of making it/,
    "everyday.db.undoWindow",
    () => ({}),
  ],
  [
    /^A pledge has been committed since the decision/,
    "everyday.db.pledgeSinceDecision",
    () => ({}),
  ],
  [/^A cancelled tranche cannot change/, "everyday.db.cancelledTranche", () => ({})],
  [
    /^A tranche is cancelled by withdrawing its pledge/,
    "everyday.db.cancelByWithdrawing",
    () => ({}),
  ],
  [
    /^Only the tranches of a withdrawn pledge are cancelled/,
    "everyday.db.cancelWithdrawnOnly",
    () => ({}),
  ],
  [/^This partnership's subscription has lapsed/, "database.readOnly", () => ({})],
  [
    /^The reference data has no ([\w ]+?) (mining|refining|magnets) figures to measure this against/,
    "database.noReferenceFigures",
    (m) => ({ mineral: status(m[1]), stage: m[2] ?? "" }),
  ],
  [/^That comment was not found/, "collaboration.refusals.commentNotFound", () => ({})],
  [/^A deleted comment cannot change/, "collaboration.refusals.deletedComment", () => ({})],
  [
    /^The person mentioned cannot see what this comment is about/,
    "collaboration.refusals.mentionOutsider",
    () => ({}),
  ],
  [
    /^The reference data gives ([\w ]+?) (mining|refining|magnets) quantities by country/,
    "database.referenceGivesQuantities",
    (m) => ({ mineral: status(m[1]), stage: m[2] ?? "" }),
  ],
];

/**
 * Sentences no person meets through the interface: the audit trail and the reference data refuse every
 * change, and only a programmer or an operator ever tries one. tests/unit/errors.test.ts lets these through.
 */
export const OPERATOR_SENTENCES: readonly RegExp[] = [
  /^audit_events is append-only/,
  /^Reference data is append-only/,
  /^sees_subject_as is asked by a signed-in user only/,
  // A migration's own check of its policies: it stops the migration, no request ever meets it.
  /^audit_events policy \S+ is not for authenticated alone/,
  // The co-funding engine's own invariants (ADR 071): a broken one is a bug to fix, not a refusal to explain.
  /^divide_round_half_even needs a positive denominator/,
  /^Pledge \S+ has a negative amount/,
  /^The co-funding rules did not settle \(engine bug\)/,
];

/** The message a database sentence stands for, or null when it is not one of ours. */
export function databaseMessage(text: string): string | null {
  const sentence = text.trim();
  if (!sentence || /row-level security/.test(sentence)) return null;
  for (const [pattern, key, values] of DATABASE_SENTENCES) {
    const match = pattern.exec(sentence);
    if (match) return msg(key, values(match));
  }
  return null;
}

/*
 * The refusals every request answers the same way, wherever they happen, as a Response the route's error
 * boundary explains: a write to a lapsed partnership (402, ADR 041) and a value no column can hold (400). The
 * Response keeps the error's `code` and `message`, so a model that catches database errors to show them on
 * its form still recognises it (refusalOf). Anything else is returned as it was.
 */
export function refusalAsResponse(error: unknown): unknown {
  const refusal = refusalOf(error);
  const failure = databaseError(error);
  if (!failure || (refusal?.kind !== "read-only" && refusal?.kind !== "malformed")) return error;
  if (error instanceof Response) return error;
  const response =
    refusal.kind === "read-only"
      ? new Response(msg("billing.readOnly"), {
          status: refusal.status,
          statusText: "Read-only partnership",
        })
      : new Response(INPUT_MESSAGES.valueNotStorable(failure.message), {
          status: refusal.status,
          statusText: "Bad Request",
        });
  return Object.assign(response, failure);
}
