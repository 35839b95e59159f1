/*
 * The ministerial report (/p/:slug/report, ADR 137) on both engines, called as a browser would: the "since" date is
 * an input (a bad one is a 400 with a sentence that keeps what was typed), milestones done are those completed in
 * the chosen period, and everything is as the viewer may see it — a draft is in its own government's report and in
 * nobody else's, and sponsors and observers are told they see no change history.
 */
import { provideDatabase } from "~/db/database.server";
import { translate } from "~/i18n/i18n.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { seedDate } from "../support/seed-dates";

process.env.JWT_SECRET = "ministerial-report-secret-ministerial-report";
const { getAuth } = await import("~/auth/auth.server");
const route = await import("~/routes/p.$slug.report");

const slug = "critical-minerals";
const DRAFT_PROJECT = "Darwin Heavy Rare Earths Refinery";
const users = {
  secretariat: "secretariat@demo.lodestone.example",
  jp: "delegate.jp@demo.lodestone.example",
  au: "delegate.au@demo.lodestone.example",
  observer: "observer@demo.lodestone.example",
  sponsor: "sponsor@demo.lodestone.example",
  pacific: "secretariat@pacific.lodestone.example",
};

type Json = {
  since: string;
  typed: string;
  sinceError: string | null;
  viewer: { role: string; government: string | null; organisation: string | null };
  report: {
    milestonesDone: Array<{ title: string }>;
    changes: Array<{ text: string }>;
    seesChanges: boolean;
    portfolio: { byGovernment: Array<{ label: string; drafts: string }> };
    ranking: unknown[];
    resilience: { groups: unknown[] } | null;
  };
};

describe.each(engines)("the ministerial report on %s", (engine) => {
  let handle: TestDatabase;
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
    (globalThis as { __lodestoneAuth?: unknown }).__lodestoneAuth = undefined;
  });
  afterAll(() => handle.dispose());

  async function open(email: string, query = "") {
    let cookie = cookies.get(email);
    if (!cookie) {
      const result = await (
        await getAuth()
      ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
      if (!result.ok) throw new Error(`could not sign in ${email}`);
      cookie = cookieHeaderFrom(result.headers);
      cookies.set(email, cookie);
    }
    const request = requestWithCookie(cookie, `http://localhost/p/${slug}/report${query}`);
    try {
      const response = await route.loader({ request, params: { slug }, context: {} } as never);
      return { status: response.status, body: (await response.json()) as Json };
    } catch (thrown) {
      if (thrown instanceof Response) return { status: thrown.status, body: null };
      throw thrown;
    }
  }

  it("lists the milestones completed since the chosen date, and only those", async () => {
    const since = seedDate("2026-07-01", handle.today);
    const { status, body } = await open(users.secretariat, `?since=${since}`);
    expect(status).toBe(200);
    expect(body?.since).toBe(since);
    expect(body?.report.milestonesDone.map((m) => m.title).sort()).toEqual([
      "Battery-grade hydroxide qualified",
      "Recovery circuit design frozen",
    ]);
    const earlier = await open(users.secretariat, `?since=${seedDate("2026-06-01", handle.today)}`);
    expect(earlier.body?.report.milestonesDone.map((m) => m.title)).toContain(
      "Line 1 presses installed",
    );
  });

  it("refuses a since date that is not a date or is in the future with a 400, keeping what was typed", async () => {
    for (const typed of ["yesterday", "2026-02-30", "9999-01-01"]) {
      const { status, body } = await open(users.secretariat, `?since=${typed}`);
      expect([typed, status]).toEqual([typed, 400]);
      expect(body?.typed).toBe(typed);
      expect(translate("en", body?.sinceError ?? "")).toMatch(/YYYY-MM-DD/);
    }
  });

  it("shows each viewer what they may see, and says whose view it is", async () => {
    const secretariat = await open(users.secretariat);
    const japan = await open(users.jp);
    const australia = await open(users.au);
    expect(secretariat.body?.viewer).toEqual({
      role: "secretariat",
      government: null,
      organisation: null,
    });
    expect(japan.body?.viewer).toEqual({
      role: "delegate",
      government: "Japan",
      organisation: null,
    });
    // Japan registered the draft: in Japan's change list, in nobody else's.
    const texts = (r: typeof japan) =>
      r.body?.report.changes.map((c) => translate("en", c.text)).join("\n") ?? "";
    expect(texts(japan)).toContain(DRAFT_PROJECT);
    expect(texts(secretariat)).not.toContain(DRAFT_PROJECT);
    expect(texts(australia)).not.toContain(DRAFT_PROJECT);
    expect(texts(secretariat)).toMatch(/was registered|→/);
    // Draft pledge amounts: only a government's own.
    const drafts = (r: typeof japan) =>
      (r.body?.report.portfolio.byGovernment ?? []).filter((row) => BigInt(row.drafts) > 0n);
    expect(drafts(secretariat)).toEqual([]);
    expect(drafts(australia).every((row) => row.label === "Australia")).toBe(true);
    expect(drafts(japan).every((row) => row.label === "Japan")).toBe(true);
    expect(drafts(japan).length).toBe(1);
    expect(secretariat.body?.report.resilience?.groups.length).toBeGreaterThan(0);
    expect(secretariat.body?.report.ranking.length).toBeGreaterThan(0);
  });

  it("tells sponsors and observers they see no change history, and keeps outsiders out", async () => {
    for (const who of [users.observer, users.sponsor]) {
      const { status, body } = await open(who);
      expect(status).toBe(200);
      expect(body?.report.seesChanges).toBe(false);
      expect(body?.report.changes).toEqual([]);
    }
    expect((await open(users.pacific)).status).toBe(404);
  });
});
