/*
 * Attack (issue 17, item 1): in the embedded demo, ask for a password reset for someone else's address and
 * read the link from /dev/outbox without signing in. The outbox must send a visitor to sign in instead.
 */
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";

process.env.JWT_SECRET = "outbox-test-secret-outbox-test-secret-outbox";
const { getAuth } = await import("~/auth/auth.server");
const forgotPassword = await import("~/routes/forgot-password");
const outbox = await import("~/routes/dev.outbox");

const victim = "secretariat@demo.lodestone.example";

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  const outcome = await promise.then(
    (value) => value,
    (thrown: unknown) => thrown,
  );
  if (!(outcome instanceof Response)) throw new Error("expected a thrown response");
  return outcome;
}

describe("the outbox of the embedded demo", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  it("sends a visitor who is not signed in to sign-in, showing no reset link", async () => {
    await forgotPassword.action({
      request: new Request("http://localhost/forgot-password", {
        method: "POST",
        body: new URLSearchParams({ email: victim }),
      }),
      params: {},
      context: { clientIp: "127.0.0.1" },
    });
    const [mail] = await handle.db.query<{ link: string }>(
      "select link from private.dev_outbox where to_email = $1",
      [victim],
    );
    expect(mail?.link).toMatch(/\/reset-password\?token=/);

    const answer = await thrownBy(
      outbox.loader({
        request: new Request("http://localhost/dev/outbox"),
        params: {},
        context: { clientIp: "127.0.0.1" },
      }),
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/sign-in?redirectTo=%2Fdev%2Foutbox");
    expect(await answer.text()).not.toContain("reset-password");
  });

  it("shows the mail to a signed-in user", async () => {
    const signedIn = await (
      await getAuth()
    ).signInWithPassword(new Request("http://localhost/"), victim, "lodestone-demo");
    if (!signedIn.ok) throw new Error("sign-in failed");
    const response = await outbox.loader({
      request: requestWithCookie(cookieHeaderFrom(signedIn.headers), "http://localhost/dev/outbox"),
      params: {},
      context: { clientIp: "127.0.0.1" },
    });
    const { messages } = (await response.json()) as { messages: Array<{ to_email: string }> };
    expect(messages.map((message) => message.to_email)).toContain(victim);
  });
});
