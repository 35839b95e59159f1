/*
 * Attack (issue 17, item 2) through the sign-in route itself: a redirectTo that a browser would follow
 * off-site, and one with CR/LF or non-ASCII that used to make the redirect throw (a 500).
 */
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";

process.env.JWT_SECRET = "redirect-test-secret-redirect-test-secret-red";
const { getAuth } = await import("~/auth/auth.server");
const signIn = await import("~/routes/sign-in");

const site = "http://localhost";
const context = { clientIp: "127.0.0.1" };

async function answer(promise: Promise<unknown>): Promise<Response> {
  const outcome = await promise.then(
    (value) => value,
    (thrown: unknown) => thrown,
  );
  if (!(outcome instanceof Response)) throw outcome;
  return outcome;
}

describe("sign-in's redirectTo", () => {
  let handle: TestDatabase;
  let cookie = "";
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
    const result = await (
      await getAuth()
    ).signInWithPassword(new Request(site), "observer@demo.lodestone.example", "lodestone-demo");
    if (!result.ok) throw new Error("sign-in failed");
    cookie = cookieHeaderFrom(result.headers);
  });
  afterAll(() => handle.dispose());

  it.each([
    ["a tab", "%2F%09%2Fevil.example"],
    ["a backslash", "%2F%5Cevil.example"],
    ["a newline", "%2F%0A%2Fevil.example"],
    ["two slashes", "%2F%2Fevil.example"],
  ])("keeps a signed-in visitor on the site when redirectTo hides %s", async (_, encoded) => {
    const response = await answer(
      signIn.loader({
        request: new Request(`${site}/sign-in?redirectTo=${encoded}`, {
          headers: { Cookie: cookie },
        }),
        params: {},
        context,
      }),
    );
    expect(response.status).toBe(302);
    const location = response.headers.get("Location") ?? "";
    expect(new URL(location, site).origin).toBe(site);
  });

  it("answers a redirect, not a 500, for CR/LF and non-ASCII", async () => {
    for (const encoded of ["%2Fp%0D%0ASet-Cookie%3A%20a%3Db", "%2Fp%2F%E6%97%A5%E6%9C%AC"]) {
      const response = await answer(
        signIn.loader({
          request: new Request(`${site}/sign-in?redirectTo=${encoded}`, {
            headers: { Cookie: cookie },
          }),
          params: {},
          context,
        }),
      );
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/p[\x21-\x7e]*$/);
    }
  });

  it("keeps the form's redirectTo on the site after a successful sign-in", async () => {
    const response = await answer(
      signIn.action({
        request: new Request(`${site}/sign-in`, {
          method: "POST",
          body: new URLSearchParams({
            email: "delegate.au@demo.lodestone.example",
            password: "lodestone-demo",
            redirectTo: "/\t/evil.example",
          }),
        }),
        params: {},
        context,
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/p");
  });
});
