import { createLocalAdapter } from "~/auth/local-adapter.server";
import { createOutboxMailer } from "~/auth/mailer.server";
import { createSupabaseAdapter } from "~/auth/supabase-adapter.server";
import { signAccessToken } from "~/auth/jwt.server";
import {
  clearSignInFailures,
  reserveSignInAttempt,
  SIGN_IN_LIMITS,
} from "~/auth/rate-limit.server";
import type { Claims } from "~/db/rls.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { startFakeGoTrue, type FakeGoTrue } from "../support/gotrue";

const secret = "test-jwt-secret-test-jwt-secret-test-jwt-secret";
const DEMO_PASSWORD = "lodestone-demo";
const secretariat = "secretariat@demo.lodestone.example";

function claimShape(claims: Claims) {
  return Object.fromEntries(
    Object.entries(claims).map(([key, value]) => [
      key,
      Array.isArray(value) ? "array" : typeof value,
    ]),
  );
}

describe.each(engines)("local sign-in on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  it("signs in with the demo password and reads the same claims back from the cookie", async () => {
    const auth = createLocalAdapter(handle.db, secret, createOutboxMailer(handle.db));
    const result = await auth.signInWithPassword(
      new Request("http://localhost/sign-in"),
      secretariat,
      DEMO_PASSWORD,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const setCookie = result.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const { claims } = await auth.getClaims(requestWithCookie(cookieHeaderFrom(result.headers)));
    expect(claims).toEqual(result.claims);
    expect(claims?.email).toBe(secretariat);
  });

  it("marks the cookie Secure when served over https", async () => {
    const auth = createLocalAdapter(handle.db, secret, createOutboxMailer(handle.db));
    const result = await auth.signInWithPassword(
      new Request("https://lodestone.example/sign-in"),
      secretariat,
      DEMO_PASSWORD,
    );
    expect(result.ok && result.headers.get("Set-Cookie")).toMatch(/Secure/);
  });

  it("refuses a wrong password and an unknown address alike", async () => {
    const auth = createLocalAdapter(handle.db, secret, createOutboxMailer(handle.db));
    const request = new Request("http://localhost/sign-in");
    expect(await auth.signInWithPassword(request, secretariat, "wrong-password")).toEqual({
      ok: false,
    });
    expect(await auth.signInWithPassword(request, "nobody@example.test", DEMO_PASSWORD)).toEqual({
      ok: false,
    });
  });

  it("refreshes an expired access token from the session and ends it on sign-out", async () => {
    const auth = createLocalAdapter(handle.db, secret, createOutboxMailer(handle.db));
    const signedIn = await auth.signInWithPassword(
      new Request("http://localhost/"),
      secretariat,
      DEMO_PASSWORD,
    );
    if (!signedIn.ok) throw new Error("sign-in failed");
    const cookie = cookieHeaderFrom(signedIn.headers);
    // Swap in an access token that expired an hour ago, keeping the refresh token.
    const { createCookie } = await import("@remix-run/node");
    const sessionCookie = createCookie("lodestone_session", { secrets: [secret] });
    const value = await sessionCookie.parse(cookie);
    const expired = await signAccessToken({ id: signedIn.claims.sub, email: secretariat }, secret, {
      issuer: "lodestone",
      sessionId: signedIn.claims.session_id ?? "",
      now: Date.now() - 2 * 3600 * 1000,
    });
    const expiredCookie =
      (await sessionCookie.serialize({ ...value, access: expired.token })).split(";")[0] ?? "";
    const refreshed = await auth.getClaims(requestWithCookie(expiredCookie));
    expect(refreshed.claims?.sub).toBe(signedIn.claims.sub);
    expect(refreshed.claims?.exp).toBeGreaterThan(Date.now() / 1000);
    expect(refreshed.headers.get("Set-Cookie")).toMatch(/^lodestone_session=/);

    const signOutHeaders = await auth.signOut(requestWithCookie(expiredCookie));
    expect(signOutHeaders.get("Set-Cookie")).toMatch(/Max-Age=0/i);
    const afterSignOut = await auth.getClaims(requestWithCookie(expiredCookie));
    expect(afterSignOut.claims).toBeNull();
  });

  it("ignores a session cookie signed with another secret", async () => {
    const auth = createLocalAdapter(handle.db, secret, createOutboxMailer(handle.db));
    const signedIn = await auth.signInWithPassword(
      new Request("http://localhost/"),
      secretariat,
      DEMO_PASSWORD,
    );
    if (!signedIn.ok) throw new Error("sign-in failed");
    const other = createLocalAdapter(
      handle.db,
      "a-different-secret-a-different-secret-1234",
      createOutboxMailer(handle.db),
    );
    const { claims } = await other.getClaims(requestWithCookie(cookieHeaderFrom(signedIn.headers)));
    expect(claims).toBeNull();
  });

  it("throttles an account after repeated failures and lets it in again when the window passes", async () => {
    const account = "throttled@example.test";
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount; attempt++) {
      expect((await reserveSignInAttempt(handle.db, account, "198.51.100.1")).allowed).toBe(true);
    }
    const blocked = await reserveSignInAttempt(handle.db, account, "198.51.100.2");
    expect(blocked.allowed).toBe(false);
    if (!blocked.allowed) {
      expect(blocked.retryAfterSeconds).toBeGreaterThan(SIGN_IN_LIMITS.windowMinutes * 60 - 30);
      expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowMinutes * 60);
    }
    await handle.db.query(
      "update private.sign_in_attempts set attempted_at = now() - interval '16 minutes' where account = $1",
      [account],
    );
    expect((await reserveSignInAttempt(handle.db, account, "198.51.100.2")).allowed).toBe(true);
  });

  it("throttles an IP that tries many accounts, and a success clears the account's failures", async () => {
    const ip = "203.0.113.9";
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perIp; attempt++) {
      expect(
        (await reserveSignInAttempt(handle.db, `guess${attempt}@example.test`, ip)).allowed,
      ).toBe(true);
    }
    expect((await reserveSignInAttempt(handle.db, "fresh@example.test", ip)).allowed).toBe(false);
    expect(
      (await reserveSignInAttempt(handle.db, "fresh@example.test", "203.0.113.10")).allowed,
    ).toBe(true);

    const account = "forgetful@example.test";
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount - 1; attempt++) {
      await reserveSignInAttempt(handle.db, account, "192.0.2.1");
    }
    // The fifth attempt has the right password.
    await reserveSignInAttempt(handle.db, account, "192.0.2.1");
    await clearSignInFailures(handle.db, account);
    expect((await reserveSignInAttempt(handle.db, account, "192.0.2.1")).allowed).toBe(true);
    expect((await reserveSignInAttempt(handle.db, account, "192.0.2.1")).allowed).toBe(true);
  });
});

describe("Supabase Auth adapter, at its HTTP boundary", () => {
  const email = "delegate@ministry.example";
  const password = "correct horse battery staple";
  const id = "8d3c6f1e-2b4a-4c5d-9e8f-7a6b5c4d3e2f";
  let project: TestDatabase;
  let gotrue: FakeGoTrue;
  beforeAll(async () => {
    // The project's Postgres, where Supabase Auth keeps auth.users and auth.sessions.
    project = await createTestDatabase("pglite");
    await project.db.query("insert into auth.users (id, email) values ($1, $2)", [id, email]);
  });
  afterAll(() => project.dispose());
  beforeEach(async () => {
    gotrue = await startFakeGoTrue(secret, [{ id, email, password }], project.db);
  });
  afterEach(() => gotrue.close());

  const adapter = () =>
    createSupabaseAdapter({
      url: gotrue.url,
      anonKey: "anon-key",
      serviceRoleKey: "service-key",
      jwtSecret: secret,
      db: project.db,
    });

  it("signs in through GoTrue and yields claims of the same shape as the local adapter", async () => {
    const result = await adapter().signInWithPassword(
      new Request("http://localhost/sign-in"),
      email,
      password,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(gotrue.requests[0]).toMatchObject({
      method: "POST",
      path: "/auth/v1/token?grant_type=password",
    });
    const local = await signAccessToken({ id: "x", email: "y" }, secret, {
      issuer: "lodestone",
      sessionId: "0b7d5e8a-3c2f-4d1e-9b6a-5f4e3d2c1b0a",
    });
    expect(claimShape(result.claims)).toEqual(claimShape(local.claims));
    expect(result.claims).toMatchObject({ email, role: "authenticated", aud: "authenticated" });

    const cookie = cookieHeaderFrom(result.headers);
    expect(cookie).toMatch(/sb-127-auth-token/);
    const again = await adapter().getClaims(requestWithCookie(cookie));
    expect(again.claims).toEqual(result.claims);
  });

  it("refuses wrong credentials", async () => {
    const result = await adapter().signInWithPassword(
      new Request("http://localhost/"),
      email,
      "wrong",
    );
    expect(result).toEqual({ ok: false });
  });

  it("refreshes an expired session through GoTrue and sets the new cookies", async () => {
    gotrue.expireAfter(-60);
    const first = await adapter()
      .signInWithPassword(new Request("http://localhost/"), email, password)
      .catch((error: unknown) => error);
    // GoTrue handed out an already-expired token: the adapter refuses to trust it.
    expect(first).toBeInstanceOf(Error);
    gotrue.expireAfter(3600);
    const signedIn = await adapter().signInWithPassword(
      new Request("http://localhost/"),
      email,
      password,
    );
    if (!signedIn.ok) throw new Error("sign-in failed");
    const cookie = cookieHeaderFrom(signedIn.headers);
    // Make the stored session look expired so supabase-js refreshes it.
    const [name, value] = cookie.split("=") as [string, string];
    const session = JSON.parse(Buffer.from(value.replace(/^base64-/, ""), "base64url").toString());
    session.expires_at = Math.floor(Date.now() / 1000) - 10;
    const stale = `${name}=base64-${Buffer.from(JSON.stringify(session)).toString("base64url")}`;
    const refreshed = await adapter().getClaims(requestWithCookie(stale));
    expect(gotrue.requests.some((r) => r.path === "/auth/v1/token?grant_type=refresh_token")).toBe(
      true,
    );
    expect(refreshed.claims?.email).toBe(email);
    expect(refreshed.headers.getSetCookie().join()).toMatch(/sb-127-auth-token=/);
  });

  it("treats a session whose token was signed with another secret as signed out", async () => {
    gotrue.signWith("a-foreign-secret-a-foreign-secret-a-foreign");
    const signIn = await adapter()
      .signInWithPassword(new Request("http://localhost/"), email, password)
      .catch((error: unknown) => error);
    expect(signIn).toBeInstanceOf(Error);
  });

  it("creates an invitee's account and sends Supabase's invitation mail through the admin API", async () => {
    const id = await adapter().createUser("new.person@ministry.example", "a long enough password");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await adapter().sendInvitation({
      email: "invitee@ministry.example",
      link: "https://lodestone.example/invitations/abc",
      partnershipName: "Critical Minerals Ministerial",
      role: "observer",
      hasAccount: false,
      language: "en",
    });
    const invite = gotrue.requests.find((r) => r.path.startsWith("/auth/v1/invite"));
    expect(invite?.path).toContain(
      "redirect_to=https%3A%2F%2Flodestone.example%2Finvitations%2Fabc",
    );
    expect(invite?.body).toMatchObject({ email: "invitee@ministry.example" });
  });
});
