/* The one mapping from SQLSTATEs to refusals and HTTP statuses (docs/decisions/013-*.md, 067-*.md). */
import { asSentence, refusalAsResponse, refusalOf } from "~/db/errors";

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
      // Class 22, data exception: a value no column holds is a malformed request, whatever the code.
      ["22P02", "malformed", 400],
      ["22008", "malformed", 400],
      ["22003", "malformed", 400],
      ["22021", "malformed", 400],
      ["22001", "malformed", 400],
      ["22007", "malformed", 400],
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

  it("answers a data exception or a lapsed partnership as a Response models still recognise", async () => {
    const nul = pgError("22021", 'invalid byte sequence for encoding "UTF8": 0x00');
    const answer = refusalAsResponse(nul);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(400);
    expect(await (answer as Response).text()).toMatch(/^A value in the request cannot be stored/);
    expect(refusalOf(answer)).toMatchObject({ kind: "malformed", code: "22021" });

    const lapsed = refusalAsResponse(
      pgError("PT402", "This partnership's subscription has lapsed"),
    );
    expect((lapsed as Response).status).toBe(402);
    expect(refusalOf(lapsed)).toMatchObject({ kind: "read-only" });

    // Everything else is left to its own handling: refusals for the models, real errors for the 500 page.
    for (const error of [
      pgError("42501", "denied"),
      pgError("23505", "duplicate"),
      new Error("x"),
    ]) {
      expect(refusalAsResponse(error)).toBe(error);
    }
  });
});
