/*
 * The routes read the day from the one server clock (app/utils/clock.server.ts). With the process's clock
 * set 500 days ahead (Vitest's fake Date; tests/db/time-travel.test.ts covers one and two years on both
 * engines) and the seed loaded as of that day, the overview, the board and the billing page answer as on
 * the seed's reference day (ADR 050). One database per file: the auth adapter keeps the first one.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { provideDatabase } from "~/db/database.server";
import { addDays } from "~/utils/dates";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ids } from "../support/rls";
import { isoToday, seedDate } from "../support/seed-dates";

process.env.JWT_SECRET = "time-travel-test-secret-time-travel-test-secret";
const { getAuth } = await import("~/auth/auth.server");
const overview = await import("~/routes/p.$slug._index");
const board = await import("~/routes/p.$slug.board");
const billing = await import("~/routes/p.$slug.billing");

async function signIn(email: string): Promise<string> {
  const result = await (
    await getAuth()
  ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
  if (!result.ok) throw new Error(`could not sign in ${email}`);
  return cookieHeaderFrom(result.headers);
}

async function load<T>(
  module: { loader: (args: LoaderFunctionArgs) => Promise<Response> },
  cookie: string,
  slug: string,
  path: string,
): Promise<T> {
  const response = await module.loader({
    request: requestWithCookie(cookie, `http://localhost/p/${slug}${path}`),
    params: { slug },
    context: { clientIp: "127.0.0.1" },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe("the pages with the clock 500 days ahead", () => {
  const today = addDays(isoToday(), 500);
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true, today });
    provideDatabase(handle.db);
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(new Date(`${today}T12:00:00Z`));
  });
  afterAll(async () => {
    vi.useRealTimers();
    await handle.dispose();
  });

  it("counts the overview's overdue milestones as of the clock's day", async () => {
    const cookie = await signIn("secretariat@demo.lodestone.example");
    const data = await load<{ overview: { milestonesAtRisk: number; milestonesOverdue: number } }>(
      overview,
      cookie,
      "critical-minerals",
      "",
    );
    expect(data.overview).toMatchObject({ milestonesAtRisk: 2, milestonesOverdue: 3 });
  });

  it("shows the board's attention filter as of the clock's day", async () => {
    const cookie = await signIn("observer@demo.lodestone.example");
    const data = await load<{
      board: { today: string; overdue: number; columns: Array<{ cards: Array<{ id: string }> }> };
    }>(board, cookie, "critical-minerals", "/board?attention=1");
    expect(data.board.today).toBe(today);
    expect(data.board.overdue).toBe(3);
    expect(
      data.board.columns
        .flatMap((column) => column.cards)
        .map((card) => card.id)
        .sort(),
    ).toEqual([9, 12, 16, 19].map((n) => ids.milestone(n)).sort());
  });

  it("counts the trial's days left from the clock", async () => {
    const cookie = await signIn("secretariat@pacific.lodestone.example");
    const data = await load<{ billing: { trialDaysLeft: number; trialEndsAt: string } }>(
      billing,
      cookie,
      "pacific-battery",
      "/billing",
    );
    expect(data.billing.trialDaysLeft).toBe(30);
    expect(data.billing.trialEndsAt.slice(0, 10)).toBe(seedDate("2026-12-30", today));
  });
});
