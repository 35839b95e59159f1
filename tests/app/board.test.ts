/*
 * The board's loader, its move action and the event stream, called as a browser would (signed-in cookie,
 * real form posts) against a real database.
 */
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ids } from "../support/rls";
import { translate } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";

process.env.JWT_SECRET = "board-app-test-secret-board-app-test-secret";
const { getAuth } = await import("~/auth/auth.server");
const board = await import("~/routes/p.$slug.board");
const events = await import("~/routes/p.$slug.events");
const { getLiveHub } = await import("~/live/hub.server");

const slug = "critical-minerals";
const cookies = new Map<string, string>();
async function cookieFor(who: string) {
  const email = `${who}@demo.lodestone.example`;
  if (!cookies.has(email)) {
    const result = await (
      await getAuth()
    ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
    if (!result.ok) throw new Error(`could not sign in ${email}`);
    cookies.set(email, cookieHeaderFrom(result.headers));
  }
  return cookies.get(email) ?? "";
}

async function move(who: string, fields: Record<string, string | number>) {
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  const request = new Request(`http://localhost/p/${slug}/board`, {
    method: "POST",
    headers: { Cookie: await cookieFor(who), "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  const response = (await board.action({
    request,
    params: { slug },
    context: {},
  } as never)) as Response;
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function version(milestone: string, handle: TestDatabase) {
  const [row] = await handle.db.query<{ version: number }>(
    "select version from public.milestones where id = $1",
    [milestone],
  );
  return row?.version ?? 0;
}

describe("the board over HTTP", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  it("loads the filtered board for a member, and 404s for another partnership", async () => {
    const request = requestWithCookie(
      await cookieFor("delegate.au"),
      `http://localhost/p/${slug}/board?host=CA`,
    );
    const response = (await board.loader({
      request,
      params: { slug },
      context: {},
    } as never)) as Response;
    const data = (await response.json()) as { board: { total: number }; filters: { host: string } };
    expect(data.filters.host).toBe("CA");
    expect(data.board.total).toBe(3);
    const elsewhere = await board
      .loader({
        request: requestWithCookie(
          await cookieFor("delegate.au"),
          "http://localhost/p/pacific-battery/board",
        ),
        params: { slug: "pacific-battery" },
        context: {},
      } as never)
      .catch((thrown: Response) => thrown);
    expect((elsewhere as Response).status).toBe(404);
  });

  it("moves a card, then answers a second move from the same version with 409 and the fresh state", async () => {
    const milestone = ids.milestone(3);
    const seen = await version(milestone, handle);
    const first = await move("sponsor", {
      intent: "move",
      milestoneId: milestone,
      version: seen,
      status: "at_risk",
    });
    expect(first).toEqual({
      status: 200,
      body: {
        ok: true,
        milestone: {
          id: milestone,
          title: "First mixed rare earth concentrate shipped",
          status: "at_risk",
          version: seen + 1,
        },
      },
    });
    const second = await move("delegate.au", {
      intent: "move",
      milestoneId: milestone,
      version: seen,
      status: "in_progress",
    });
    expect(second.status).toBe(409);
    expect(translate("en", String(second.body.message))).toBe(
      "Someone moved “First mixed rare earth concentrate shipped” to At risk a moment ago, so it was not moved to In progress. The board shows the current state.",
    );
    expect(second.body).toMatchObject({
      ok: false,
      milestone: { status: "at_risk", version: seen + 1 },
    });
  });

  it("refuses a malformed move with field errors, and an observer's with 403", async () => {
    const bad = await move("sponsor", {
      intent: "move",
      milestoneId: ids.milestone(3),
      version: 1,
      status: "paused",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: { status: msg("milestones.schema.chooseMove") } });
    const observer = await move("observer", {
      intent: "move",
      milestoneId: ids.milestone(5),
      version: await version(ids.milestone(5), handle),
      status: "done",
    });
    expect(observer.status).toBe(403);
  });

  it("streams changes to a member and lets go of the listener when the browser leaves", async () => {
    const abort = new AbortController();
    const request = new Request(`http://localhost/p/${slug}/events`, {
      headers: { Cookie: await cookieFor("delegate.au") },
      signal: abort.signal,
    });
    const response = (await events.loader({
      request,
      params: { slug },
      context: {},
    } as never)) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const decoder = new TextDecoder();
    while (!text.includes("event: ready")) text += decoder.decode((await reader.read()).value);
    expect(getLiveHub().size()).toBe(1);

    await move("sponsor", {
      intent: "move",
      milestoneId: ids.milestone(6),
      version: await version(ids.milestone(6), handle),
      status: "in_progress",
    });
    while (!text.includes("event: change")) text += decoder.decode((await reader.read()).value);
    expect(text).toContain(`"id":"${ids.milestone(6)}"`);
    expect(text).not.toContain("partnership");

    abort.abort();
    while (!(await reader.read()).done);
    expect(getLiveHub().size()).toBe(0);
  });

  it("refuses the stream to someone who is not a member", async () => {
    const thrown = await events
      .loader({
        request: requestWithCookie(
          await cookieFor("delegate.au"),
          "http://localhost/p/pacific-battery/events",
        ),
        params: { slug: "pacific-battery" },
        context: {},
      } as never)
      .catch((error: Response) => error);
    expect((thrown as Response).status).toBe(404);
  });
});
