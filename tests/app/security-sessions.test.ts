/*
 * Attack (issue 17, item 3): keep using a session cookie after its session ended. The access token inside
 * is still unexpired, so only the per-request session check (ADR 061) can refuse it. Sign-out, a password
 * reset and revoking the account end every session of the user at once, with either identity adapter.
 */
import type { AuthAdapter } from "~/auth/adapter.server";
import { createLocalAdapter } from "~/auth/local-adapter.server";
import { createOutboxMailer } from "~/auth/mailer.server";
import { createSupabaseAdapter } from "~/auth/supabase-adapter.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { startFakeGoTrue, type FakeGoTrue } from "../support/gotrue";

const secret = "sessions-test-secret-sessions-test-secret-ses";
const site = "http://localhost/";

async function signedIn(auth: AuthAdapter, email: string, password: string) {
  const result = await auth.signInWithPassword(new Request(site), email, password);
  if (!result.ok) throw new Error(`could not sign in ${email}`);
  return { cookie: cookieHeaderFrom(result.headers), claims: result.claims };
}

const stillSignedIn = async (auth: AuthAdapter, cookie: string) =>
  (await auth.getClaims(requestWithCookie(cookie))).claims !== null;

describe.each(engines)("local sessions on %s", (engine) => {
  let handle: TestDatabase;
  let auth: AuthAdapter;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    auth = createLocalAdapter(handle.db, secret, createOutboxMailer(handle.db));
  });
  afterAll(() => handle.dispose());

  it("refuses the old cookie right after sign-out, in every browser the person used", async () => {
    const laptop = await signedIn(auth, "observer@demo.lodestone.example", "lodestone-demo");
    const phone = await signedIn(auth, "observer@demo.lodestone.example", "lodestone-demo");
    expect(laptop.claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(await stillSignedIn(auth, laptop.cookie)).toBe(true);

    const cleared = await auth.signOut(requestWithCookie(laptop.cookie, site, "POST"));
    expect(cleared.get("Set-Cookie")).toMatch(/Max-Age=0/i);
    expect(await stillSignedIn(auth, laptop.cookie)).toBe(false);
    expect(await stillSignedIn(auth, phone.cookie)).toBe(false);
  });

  it("ends every earlier session when the password is reset", async () => {
    const email = "delegate.us@demo.lodestone.example";
    const before = await signedIn(auth, email, "lodestone-demo");
    await auth.sendPasswordReset(email, "http://localhost", "en");
    const [mail] = await handle.db.query<{ link: string }>(
      "select link from private.dev_outbox where to_email = $1 order by id desc limit 1",
      [email],
    );
    const token = new URL(mail?.link ?? "http://x/").searchParams.get("token") ?? "";
    const reset = await auth.resetPassword(new Request(site), token, "a new long password");
    expect(reset.ok).toBe(true);
    expect(await stillSignedIn(auth, before.cookie)).toBe(false);
    if (reset.ok) expect(await stillSignedIn(auth, cookieHeaderFrom(reset.headers))).toBe(true);
  });

  it("ends every session of an account that is banned or deleted", async () => {
    const banned = await signedIn(auth, "delegate.au@demo.lodestone.example", "lodestone-demo");
    await handle.db.query(
      "update auth.users set banned_until = now() + interval '1 day' where id = $1",
      [banned.claims.sub],
    );
    expect(await stillSignedIn(auth, banned.cookie)).toBe(false);

    const deleted = await signedIn(auth, "sponsor@demo.lodestone.example", "lodestone-demo");
    await handle.db.query("update auth.users set deleted_at = now() where id = $1", [
      deleted.claims.sub,
    ]);
    expect(await stillSignedIn(auth, deleted.cookie)).toBe(false);
  });
});

describe("Supabase sessions, at Supabase Auth's HTTP boundary", () => {
  const id = "2c9a7b3e-5d4f-4e6a-8b1c-0d9e8f7a6b5c";
  const email = "delegate@ministry.example";
  const password = "correct horse battery staple";
  let project: TestDatabase;
  let gotrue: FakeGoTrue;
  let auth: AuthAdapter;
  beforeAll(async () => {
    project = await createTestDatabase("pglite");
    await project.db.query("insert into auth.users (id, email) values ($1, $2)", [id, email]);
    gotrue = await startFakeGoTrue(secret, [{ id, email, password }], project.db);
    auth = createSupabaseAdapter({
      url: gotrue.url,
      anonKey: "anon-key",
      jwtSecret: secret,
      db: project.db,
    });
  });
  afterAll(async () => {
    await gotrue.close();
    await project.dispose();
  });

  it("refuses the old cookie after sign-out although Supabase's access token is unexpired", async () => {
    const laptop = await signedIn(auth, email, password);
    const phone = await signedIn(auth, email, password);
    expect(laptop.claims.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await stillSignedIn(auth, laptop.cookie)).toBe(true);
    await auth.signOut(requestWithCookie(laptop.cookie, site, "POST"));
    expect(gotrue.requests.at(-1)?.path).toBe("/auth/v1/logout?scope=global");
    expect(await stillSignedIn(auth, laptop.cookie)).toBe(false);
    expect(await stillSignedIn(auth, phone.cookie)).toBe(false);
  });

  it("refuses the cookie of a banned account", async () => {
    const session = await signedIn(auth, email, password);
    await project.db.query(
      "update auth.users set banned_until = now() + interval '1 day' where id = $1",
      [id],
    );
    expect(await stillSignedIn(auth, session.cookie)).toBe(false);
    await project.db.query("update auth.users set banned_until = null where id = $1", [id]);
  });
});
