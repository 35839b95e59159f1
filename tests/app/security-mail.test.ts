/*
 * Issue 17, item 1, in production: local sign-in on a real database sends its mail through SMTP (here a real
 * SMTP server on the loopback address) and /dev/outbox does not exist, signed in or not.
 */
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const sink: SmtpSink = await startSmtpSink();
Object.assign(process.env, {
  NODE_ENV: "production",
  AUTH_MODE: "local",
  // A real database, as the configuration sees it; the test hands the app its own below.
  DATABASE_URL: "postgres://lodestone@db.internal:5432/lodestone",
  SMTP_URL: sink.url,
  MAIL_FROM: "Lodestone <no-reply@lodestone.example>",
  JWT_SECRET: "smtp-test-secret-smtp-test-secret-smtp-test",
});
const { getAuth } = await import("~/auth/auth.server");
const forgotPassword = await import("~/routes/forgot-password");
const resetPassword = await import("~/routes/reset-password");
const outbox = await import("~/routes/dev.outbox");

const person = "delegate.jp@demo.lodestone.example";

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const result = await promise;
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("mail in production with local sign-in", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(async () => {
    await handle.dispose();
    await sink.close();
  });

  it("sends the reset link through SMTP, keeps nothing in the outbox, and the link works", async () => {
    await forgotPassword.action({
      request: new Request("http://localhost/forgot-password", {
        method: "POST",
        body: new URLSearchParams({ email: person }),
      }),
      params: {},
      context: { clientIp: "127.0.0.1" },
    });
    const mail = await sink.next(person);
    expect(mail.from).toBe("no-reply@lodestone.example");
    expect(mail.text).toMatch(/^Subject: Reset your Lodestone password/m);
    const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    expect(await handle.db.query("select 1 from private.dev_outbox")).toHaveLength(0);

    const reset = await resetPassword
      .action({
        request: new Request("http://localhost/reset-password", {
          method: "POST",
          body: new URLSearchParams({
            token: token ?? "",
            password: "a brand new password",
            confirmPassword: "a brand new password",
          }),
        }),
        params: {},
        context: { clientIp: "127.0.0.1" },
      })
      .catch((thrown: unknown) => thrown);
    expect(reset).toBeInstanceOf(Response);
    expect((reset as Response).headers.get("Location")).toBe("/p");
  });

  it("has no /dev/outbox, for visitors and signed-in users alike", async () => {
    const request = new Request("http://localhost/dev/outbox");
    expect(
      await statusOf(outbox.loader({ request, params: {}, context: { clientIp: "127.0.0.1" } })),
    ).toBe(404);
    const signedIn = await (
      await getAuth()
    ).signInWithPassword(
      new Request("http://localhost/"),
      "secretariat@demo.lodestone.example",
      "lodestone-demo",
    );
    if (!signedIn.ok) throw new Error("sign-in failed");
    const withCookie = requestWithCookie(
      cookieHeaderFrom(signedIn.headers),
      "http://localhost/dev/outbox",
    );
    expect(
      await statusOf(
        outbox.loader({ request: withCookie, params: {}, context: { clientIp: "127.0.0.1" } }),
      ),
    ).toBe(404);
  });
});
