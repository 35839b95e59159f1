/*
 * The one mapping from SQLSTATEs to refusals and HTTP statuses (docs/decisions/013-*.md, 067-*.md), and from
 * the database's own sentences to messages a person reads in their language (ADR 090).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { databaseMessage, OPERATOR_SENTENCES, refusalAsResponse, refusalOf } from "~/db/errors";
import { getT, translate } from "~/i18n/i18n.server";
import { msg, parseMessage } from "~/i18n/message";
import { LANGUAGES } from "~/i18n/config";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

/** Every `raise exception '…'` of the migrations, with its `%` placeholders filled as Postgres would. */
function raisedSentences(): string[] {
  const folder = path.resolve(__dirname, "../../supabase/migrations");
  const sentences = new Set<string>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".sql"))) {
    const sql = readFileSync(path.join(folder, file), "utf8");
    for (const match of sql.matchAll(/raise exception\s+'((?:[^']|'')*)'/g)) {
      const text = (match[1] ?? "").replace(/''/g, "'");
      // A placeholder stands for a status, an id, a currency or a number: a plausible one of each.
      sentences.add(
        text
          .replace(/^(An offer or request cannot go) from % to %/, "$1 from agreed to in talks")
          .replace(/^(An expression of interest cannot go) from % to %/, "$1 from sent to agreed")
          .replace(/from % to %/, "from approved to draft")
          .replace(/version % is current, % was expected/, "version 3 is current, 2 was expected")
          .replace(/\((this one is) %\)/, "($1 committed)")
          .replace(/currency \(%\)/, "currency (USD)")
          .replace(/\(% minor units\)/, "(500 minor units)")
          .replace(/^(Pledge|Milestone) %/, "$1 9a000000-0000-4000-8000-000000000001")
          .replace(/has no % % figures/, "has no rare earths mining figures")
          .replace(/gives % % quantities/, "gives rare earths mining quantities")
          .replace(/reopens a % milestone/, "reopens a in progress milestone")
          .replace(/%/g, "committed"),
      );
    }
  }
  return [...sentences];
}

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

  it("turns the database's own words into a message, but not Postgres's generic words", () => {
    expect(
      refusalOf(pgError("42501", "Only the secretariat reopens a done milestone"))?.message,
    ).toBe(msg("database.secretariatReopens", { status: "done" }));
    const rls = 'new row violates row-level security policy for table "milestones"';
    expect(refusalOf(pgError("42501", rls))?.message).toBeNull();
    expect(refusalOf(pgError("P0001", ""))?.message).toBeNull();
    expect(
      refusalOf(pgError("22P02", 'invalid input syntax for type uuid: "x"'))?.message,
    ).toBeNull();
  });

  it("has a message for every sentence the migrations raise", () => {
    const sentences = raisedSentences();
    expect(sentences.length).toBeGreaterThan(40);
    const unmapped = sentences.filter(
      (sentence) =>
        databaseMessage(sentence) === null &&
        !OPERATOR_SENTENCES.some((pattern) => pattern.test(sentence)),
    );
    expect(unmapped).toEqual([]);
  });

  it("reads each of them in every language, statuses as words", () => {
    for (const sentence of raisedSentences()) {
      const message = databaseMessage(sentence);
      if (!message) continue;
      const key = parseMessage(message)?.key ?? "";
      for (const language of LANGUAGES) {
        const text = translate(language, message);
        expect(text, `${key} in ${language}`).not.toBe(message);
        expect(text, `${key} in ${language}`).not.toMatch(/\$t\(|\{\{|_/);
        expect(getT(language)(key as never)).not.toBe(key);
      }
    }
    expect(translate("en", msg("database.secretariatReopens", { status: "in_progress" }))).toBe(
      "Only the secretariat reopens a milestone that is “In progress”.",
    );
    expect(translate("fr", msg("database.secretariatReopens", { status: "done" }))).toContain(
      "« Terminé »",
    );
    expect(translate("ja", msg("database.secretariatReopens", { status: "done" }))).toContain(
      "「完了」",
    );
  });

  it("answers a data exception or a lapsed partnership as a Response models still recognise", async () => {
    const nul = pgError("22021", 'invalid byte sequence for encoding "UTF8": 0x00');
    const answer = refusalAsResponse(nul);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).status).toBe(400);
    const body = await (answer as Response).text();
    expect(parseMessage(body)?.key).toBe("input.valueNotStorable");
    expect(translate("en", body)).toMatch(
      /^A value in the request cannot be stored \(invalid byte/,
    );
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
