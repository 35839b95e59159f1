/* The one mapping from SQLSTATEs to refusals and HTTP statuses (docs/decisions/013-*.md). */
import { asSentence, refusalOf } from "~/db/errors";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("database refusals", () => {
  it("maps each SQLSTATE of ADR 013 to its kind and status", () => {
    const cases = [
      ["P0002", "not-found", 404],
      ["23503", "not-found", 404],
      ["PT409", "conflict", 409],
      ["42501", "forbidden", 403],
      ["PT402", "read-only", 402],
      ["P0001", "invalid", 422],
      ["23514", "invalid", 422],
      ["22P02", "invalid", 422],
    ] as const;
    for (const [code, kind, status] of cases) {
      expect(refusalOf(pgError(code, "Refused"))).toMatchObject({ kind, status, code });
    }
  });

  it("leaves anything else to be rethrown", () => {
    expect(refusalOf(pgError("23505", "duplicate key"))).toBeNull();
    expect(refusalOf(pgError("EPERM", "not a SQLSTATE"))).toBeNull();
    expect(refusalOf(new Error("plain"))).toBeNull();
    expect(refusalOf("text")).toBeNull();
  });

  it("keeps the database's own words as a sentence, but not Postgres's row-level-security words", () => {
    expect(
      refusalOf(pgError("42501", "Only the secretariat reopens a done milestone"))?.message,
    ).toBe("Only the secretariat reopens a done milestone.");
    const rls = 'new row violates row-level security policy for table "milestones"';
    expect(refusalOf(pgError("42501", rls))?.message).toBeNull();
    expect(refusalOf(pgError("P0001", ""))?.message).toBeNull();
    expect(asSentence(" Done already! ")).toBe("Done already!");
  });
});
