import { provideDatabase } from "~/db/database.server";
import { requestContext, type RequestLog } from "~/runtime/log.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";

process.env.JWT_SECRET = "guards-test-secret-guards-test-secret-guards";
const { getAuth, requireMember, requireUser } = await import("~/auth/auth.server");

async function signedInCookie(email: string) {
  const result = await (
    await getAuth()
  ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
  if (!result.ok) throw new Error(`could not sign in ${email}`);
  return cookieHeaderFrom(result.headers);
}

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("route guards", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  it("sends a visitor without a session to sign-in, keeping where they were going", async () => {
    const thrown = await requireUser(
      new Request("http://localhost/p/critical-minerals?tab=1"),
    ).catch((r) => r);
    expect(thrown).toBeInstanceOf(Response);
    expect(thrown.status).toBe(302);
    expect(thrown.headers.get("Location")).toBe(
      "/sign-in?redirectTo=%2Fp%2Fcritical-minerals%3Ftab%3D1",
    );
  });

  it("gives a member their partnership, role and government", async () => {
    const cookie = await signedInCookie("delegate.jp@demo.lodestone.example");
    const context = await requireMember(requestWithCookie(cookie), "critical-minerals");
    expect(context.partnership.name).toBe("Critical Minerals Ministerial");
    expect(context.membership).toMatchObject({ role: "delegate", memberCode: "JP" });
  });

  it("gives the member's unread notifications and whether the partnership publishes, read with it", async () => {
    const cookie = await signedInCookie("delegate.jp@demo.lodestone.example");
    const context = await requireMember(requestWithCookie(cookie), "critical-minerals");
    const { readInbox } = await import("~/models/notifications.server");
    expect(context.unread).toBe((await readInbox(context)).unread);
    const [row] = await handle.db.query<{ published: boolean }>(
      "select is_published as published from public.partnerships where slug = 'critical-minerals'",
    );
    expect(context.partnership.published).toBe(row?.published);
  });

  it("tells the request's log who is signed in, and in which partnership once they are let in", async () => {
    const cookie = await signedInCookie("delegate.jp@demo.lodestone.example");
    const entry: RequestLog = { requestId: "r1" };
    await requestContext.run(entry, () =>
      requireMember(requestWithCookie(cookie), "critical-minerals"),
    );
    expect(entry).toEqual({
      requestId: "r1",
      userId: "d0000000-0000-4000-8000-000000000002",
      partnership: "critical-minerals",
    });
    const refused: RequestLog = { requestId: "r2" };
    await requestContext.run(refused, () =>
      statusOf(requireMember(requestWithCookie(cookie), "pacific-battery")),
    );
    expect(refused).toEqual({ requestId: "r2", userId: "d0000000-0000-4000-8000-000000000002" });
  });

  it("answers 404 for another partnership and for one that does not exist alike", async () => {
    const cookie = await signedInCookie("delegate.jp@demo.lodestone.example");
    expect(await statusOf(requireMember(requestWithCookie(cookie), "pacific-battery"))).toBe(404);
    expect(await statusOf(requireMember(requestWithCookie(cookie), "no-such-partnership"))).toBe(
      404,
    );
  });

  it("answers 403 to a member whose role the page is not for", async () => {
    const cookie = await signedInCookie("observer@demo.lodestone.example");
    expect(
      await statusOf(
        requireMember(requestWithCookie(cookie), "critical-minerals", ["secretariat"]),
      ),
    ).toBe(403);
  });

  it("lets a person with roles in two partnerships into each with the right role", async () => {
    const cookie = await signedInCookie("two.hats@demo.lodestone.example");
    const minerals = await requireMember(requestWithCookie(cookie), "critical-minerals");
    const pacific = await requireMember(requestWithCookie(cookie), "pacific-battery");
    expect(minerals.membership.role).toBe("delegate");
    expect(pacific.membership.role).toBe("secretariat");
  });

  it("takes a revoked membership's access away on the very next request", async () => {
    const cookie = await signedInCookie("observer@demo.lodestone.example");
    expect(await statusOf(requireMember(requestWithCookie(cookie), "critical-minerals"))).toBe(200);
    await handle.db.query(
      `update public.memberships set status = 'revoked'
        where user_id = (select id from auth.users where email = 'observer@demo.lodestone.example')`,
    );
    expect(await statusOf(requireMember(requestWithCookie(cookie), "critical-minerals"))).toBe(404);
  });
});
