/*
 * Database errors, and the one mapping from their SQLSTATEs to what they mean for a person and the HTTP status
 * that says so (docs/decisions/013-*.md). Models turn a refusal into their own outcome with the sentence of
 * their operation (app/domain/refusals.ts); anything not in the table is a real error and is rethrown. A data
 * exception (class 22: a value no column can hold) that no model handled becomes a 400 where the member's
 * transaction fails (refusalAsResponse), the last line of defence behind the forms (docs/decisions/067-*.md).
 */
import { INPUT_MESSAGES } from "~/forms/messages";

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
  const kind = failure ? kindOf(failure.code) : undefined;
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
      ? new Response(failure.message, {
          status: refusal.status,
          statusText: "Read-only partnership",
        })
      : new Response(INPUT_MESSAGES.valueNotStorable(failure.message), {
          status: refusal.status,
          statusText: "Bad Request",
        });
  return Object.assign(response, failure);
}
