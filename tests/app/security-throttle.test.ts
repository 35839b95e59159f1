/*
 * Attack (issue 17, item 4): fire 15 wrong-password sign-ins for one account at once. Counting after the
 * password check let 11–12 of them be checked against a limit of 5; counted atomically before it, exactly 5
 * passwords are checked and the other 10 are told to wait. Through the real sign-in path, on both engines.
 */
import { provideDatabase } from "~/db/database.server";
import { SIGN_IN_LIMITS } from "~/auth/rate-limit.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { msg } from "~/i18n/message";

process.env.JWT_SECRET = "throttle-test-secret-throttle-test-secret-thr";
const { signInWithPassword } = await import("~/auth/sign-in.server");

const ATTEMPTS = 15;

describe.each(engines)("sign-in throttle under concurrent guesses on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
    // The identity adapter is built once per process on the database it first sees: rebuild it on this one.
    delete (globalThis as { __lodestoneAuth?: unknown }).__lodestoneAuth;
  });
  afterAll(() => handle.dispose());

  it("checks at most the limit's number of passwords for one account", async () => {
    const victim = "secretariat@demo.lodestone.example";
    const outcomes = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, n) =>
        signInWithPassword(
          new Request("http://localhost/sign-in", { method: "POST" }),
          `198.51.100.${n + 1}`,
          victim,
          `wrong guess ${n}`,
        ),
      ),
    );
    const messages = outcomes.map((outcome) => (outcome.ok ? "signed in" : outcome.message));
    const checked = messages.filter((m) => m === msg("auth.signIn.noMatch"));
    const throttled = messages.filter((m) => m.startsWith("auth.signIn.tooMany "));
    expect(checked).toHaveLength(SIGN_IN_LIMITS.perAccount);
    expect(throttled).toHaveLength(ATTEMPTS - SIGN_IN_LIMITS.perAccount);
    const [recorded] = await handle.db.query<{ n: number }>(
      "select count(*)::int as n from private.sign_in_attempts where account = $1",
      [victim],
    );
    expect(recorded?.n).toBe(SIGN_IN_LIMITS.perAccount);
  });

  it("checks at most the limit's number of passwords from one IP across accounts", async () => {
    const ip = "203.0.113.77";
    const outcomes = await Promise.all(
      Array.from({ length: SIGN_IN_LIMITS.perIp + 10 }, (_, n) =>
        signInWithPassword(
          new Request("http://localhost/sign-in", { method: "POST" }),
          ip,
          `guess${n}@example.test`,
          "wrong",
        ),
      ),
    );
    const throttled = outcomes.filter(
      (outcome) => !outcome.ok && outcome.message.startsWith("auth.signIn.tooMany "),
    );
    expect(throttled).toHaveLength(10);
  });
});
