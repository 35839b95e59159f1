/*
 * The CSV resource routes, called as a browser would (signed-in cookie), export exactly what RLS lets the
 * caller see: a government's drafts only to its own delegates.
 */
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";

process.env.JWT_SECRET = "funding-exports-secret-funding-exports-secret";
const { getAuth } = await import("~/auth/auth.server");
const pledgesCsv = await import("~/routes/p.$slug.pledges.csv");
const portfolioCsv = await import("~/routes/p.$slug.portfolio.$view.csv");

async function cookieFor(email: string) {
  const result = await (
    await getAuth()
  ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
  if (!result.ok) throw new Error(`could not sign in ${email}`);
  return cookieHeaderFrom(result.headers);
}

async function csv(
  route: { loader: (args: never) => Promise<Response> },
  email: string,
  url: string,
  params: Record<string, string>,
) {
  const request = requestWithCookie(await cookieFor(email), url);
  const response = await route.loader({ request, params, context: {} } as never);
  return {
    status: response.status,
    type: response.headers.get("Content-Type"),
    text: await response.text(),
  };
}

describe("CSV exports respect row-level security", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  const slug = "critical-minerals";
  const JP_DRAFT = "9a000000-0000-4000-8000-000000000003";

  it("exports Japan's draft pledge to Japan's delegate only", async () => {
    const url = `http://localhost/p/${slug}/pledges/csv`;
    const japan = await csv(pledgesCsv, "delegate.jp@demo.lodestone.example", url, { slug });
    expect(japan.status).toBe(200);
    expect(japan.type).toBe("text/csv; charset=utf-8");
    expect(japan.text).toContain(JP_DRAFT);
    expect(japan.text).toContain("draft: your government only");
    for (const email of [
      "delegate.au@demo.lodestone.example",
      "secretariat@demo.lodestone.example",
      "observer@demo.lodestone.example",
      "sponsor@demo.lodestone.example",
    ]) {
      const other = await csv(pledgesCsv, email, url, { slug });
      expect(other.status).toBe(200);
      expect(other.text).not.toContain(JP_DRAFT);
    }
    const observer = await csv(pledgesCsv, "observer@demo.lodestone.example", url, { slug });
    expect(observer.text).not.toMatch(/,Draft,/);
  });

  it("exports the portfolio's draft column only with the viewer's own drafts", async () => {
    const url = `http://localhost/p/${slug}/portfolio/governments/csv`;
    const params = { slug, view: "governments" };
    const japan = await csv(portfolioCsv, "delegate.jp@demo.lodestone.example", url, params);
    expect(japan.text).toMatch(/\r\nJapan,[\d.]+,5216000\.00,/);
    const secretariat = await csv(portfolioCsv, "secretariat@demo.lodestone.example", url, params);
    expect(secretariat.text).toMatch(/\r\nJapan,[\d.]+,0\.00,/);
    expect(secretariat.text).toMatch(/\r\nAustralia,[\d.]+,0\.00,/);
  });

  it("answers 404 for an unknown view and for a partnership the caller is not in", async () => {
    const status = async (params: Record<string, string>) =>
      csv(portfolioCsv, "delegate.jp@demo.lodestone.example", "http://localhost/x", params).then(
        (r) => r.status,
        (thrown: Response) => thrown.status,
      );
    expect(await status({ slug, view: "nonsense" })).toBe(404);
    expect(await status({ slug: "pacific-battery", view: "segments" })).toBe(404);
  });
});
