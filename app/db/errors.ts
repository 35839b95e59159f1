/*
 * Database errors, and the one mapping from their SQLSTATEs to what they mean for a person and the HTTP status
 * that says so (docs/decisions/013-*.md). Models turn a refusal into their own outcome with the sentence of
 * their operation (app/domain/refusals.ts); anything not in the table is a real error and is rethrown.
 */

/** The SQLSTATE and message of an error raised by Postgres, from either engine's error class. */
export function databaseError(error: unknown): { code: string; message: string } | null {
  if (error && typeof error === "object" && "code" in error && typeof error.code === "string") {
    const message = "message" in error && typeof error.message === "string" ? error.message : "";
    return /^[0-9A-Z]{5}$/.test(error.code) ? { code: error.code, message } : null;
  }
  return null;
}

/** What a refused database call means for the person who made it. */
export type RefusalKind = "not-found" | "conflict" | "forbidden" | "read-only" | "invalid";

export const REFUSAL_STATUS = {
  "not-found": 404,
  conflict: 409,
  forbidden: 403,
  "read-only": 402,
  invalid: 422,
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
  // raise_exception (an invalid state), check_violation, and values the column cannot hold.
  P0001: "invalid",
  "23514": "invalid",
  "22P02": "invalid",
  "22008": "invalid",
  "22003": "invalid",
};

/** A refusal; its status follows from its kind, so narrowing the kind narrows the status. */
export type Refusal = {
  [Kind in RefusalKind]: {
    kind: Kind;
    status: (typeof REFUSAL_STATUS)[Kind];
    code: string;
    /**
     * The database's own words as a sentence (guard triggers and the state-changing functions explain
     * themselves), or null when they are Postgres's generic row-level-security words: the model then says
     * who may, in its own sentence.
     */
    message: string | null;
  };
}[RefusalKind];

/** The refusal an error stands for, or null when it is not an expected refusal (rethrow it). */
export function refusalOf(error: unknown): Refusal | null {
  const failure = databaseError(error);
  const kind = failure ? KIND_OF_SQLSTATE[failure.code] : undefined;
  if (!failure || !kind) return null;
  const generic = !failure.message.trim() || /row-level security/.test(failure.message);
  return {
    kind,
    status: REFUSAL_STATUS[kind],
    code: failure.code,
    message: generic ? null : asSentence(failure.message),
  } as Refusal;
}

/** A database message as a sentence for a person. */
export function asSentence(message: string): string {
  const text = message.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
