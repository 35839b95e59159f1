/*
 * The resilience exports, called as a browser would (signed-in cookie), on both engines: exactly the columns of
 * issue 19, computed under the caller's row-level security. A draft output of Japan never moves Australia's
 * numbers; it moves Japan's only in "with my drafts".
 */
import { provideDatabase } from "~/db/database.server";
import type { Database } from "~/db/engine.server";
import { runAsUser } from "~/db/rls.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { claimsFor, ids } from "../support/rls";

process.env.JWT_SECRET = "resilience-exports-secret-resilience-exports";
const { getAuth } = await import("~/auth/auth.server");
const groupsCsv = await import("~/routes/p.$slug.resilience[.]csv");
const countriesCsv = await import("~/routes/p.$slug.resilience-countries[.]csv");

const slug = "critical-minerals";
const AU = "delegate.au@demo.lodestone.example";
const JP = "delegate.jp@demo.lodestone.example";
const SECRETARIAT = "secretariat@demo.lodestone.example";

const GROUPS_HEADER =
  "mineral,stage,baseline_year,unit,world_total,baseline_top1_country,baseline_top1_share_pct," +
  "baseline_top3_share_pct,baseline_hhi,baseline_partner_share_pct,added_capacity,projected_top1_country," +
  "projected_top1_share_pct,projected_top3_share_pct,projected_hhi,projected_partner_share_pct";
const COUNTRIES_HEADER =
  "mineral,stage,country_iso2,baseline_quantity,added_capacity,projected_quantity,baseline_share_pct," +
  "projected_share_pct";

type Route = { loader: (args: never) => Promise<Response> };

describe.each(engines)("resilience exports on %s", (engine) => {
  let handle: TestDatabase;
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
    // The auth adapter holds the database it was made with: make a new one for this engine's database.
    (globalThis as { __lodestoneAuth?: unknown }).__lodestoneAuth = undefined;
  });
  afterAll(() => handle.dispose());

  async function cookieFor(email: string) {
    const known = cookies.get(email);
    if (known) return known;
    const result = await (
      await getAuth()
    ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
    if (!result.ok) throw new Error(`could not sign in ${email}`);
    const cookie = cookieHeaderFrom(result.headers);
    cookies.set(email, cookie);
    return cookie;
  }

  async function download(route: Route, email: string, query: string) {
    const path = route === groupsCsv ? "resilience.csv" : "resilience-countries.csv";
    const request = requestWithCookie(
      await cookieFor(email),
      `http://localhost/p/${slug}/${path}?${query}`,
    );
    const response = await route
      .loader({ request, params: { slug }, context: {} } as never)
      .catch((thrown: Response) => thrown);
    return { status: response.status, text: await response.text() };
  }

  const line = (text: string, prefix: string) =>
    text.split("\r\n").find((row) => row.startsWith(prefix)) ?? "";

  it("has exactly the columns of the issue, and every mineral × stage", async () => {
    const groups = await download(groupsCsv, AU, "horizon=2030&scenario=pipeline");
    expect(groups.status).toBe(200);
    const rows = groups.text.trimEnd().split("\r\n");
    expect(rows[0]).toBe(GROUPS_HEADER);
    expect(rows).toHaveLength(1 + 17);
    // Rare-earth refining in 2030, pipeline: Pilbara (AU, 3,000 t) and Lacq (FR, 500 t) on 80,805 t.
    expect(line(groups.text, "rare_earths,refining,")).toBe(
      "rare_earths,refining,2024,t magnet rare earth elements,80805,CN,91.28,96.95,8353.2,1.19,3500,CN,87.49,95.35,7687.0,5.29",
    );
    // Magnets: shares only, projected with the 2019 estimate of 189,000 t.
    expect(line(groups.text, "rare_earths,magnets,")).toMatch(
      /^rare_earths,magnets,2021,t sintered NdFeB,189000,CN,90\.00,90\.00,8100\.0,0\.00,8000,CN,86\.35,/,
    );
    const countries = await download(countriesCsv, AU, "horizon=2030&scenario=pipeline");
    expect(countries.text.split("\r\n")[0]).toBe(COUNTRIES_HEADER);
    // Namibia stays NA (James Bay adds 8,000 t in Canada: 2,700 / 243,380); withheld U.S. lithium stays empty.
    expect(line(countries.text, "lithium,mining,NA,")).toBe(
      "lithium,mining,NA,2700,0,2700,1.15,1.11",
    );
    expect(line(countries.text, "lithium,mining,US,")).toBe("lithium,mining,US,,0,,,");
    expect(line(countries.text, "rare_earths,refining,AU,")).toBe(
      "rare_earths,refining,AU,0,3000,3000,0.00,3.56",
    );
  });

  it("keeps Australia's numbers still when Japan adds and changes draft outputs", async () => {
    const queries = [
      "horizon=2030&scenario=funded",
      "horizon=2036&scenario=pipeline",
      "horizon=2036&scenario=with-my-drafts",
    ];
    const snapshot = (email: string) =>
      Promise.all(
        queries.flatMap((query) => [
          download(groupsCsv, email, query).then((r) => r.text),
          download(countriesCsv, email, query).then((r) => r.text),
        ]),
      );
    const australiaBefore = await snapshot(AU);
    const japanBefore = await snapshot(JP);

    await changeJapansDrafts(handle.db);

    expect(await snapshot(AU)).toEqual(australiaBefore);
    const japanAfter = await snapshot(JP);
    // Funded and pipeline are the same for Japan too; only "with my drafts" moves.
    expect(japanAfter.slice(0, 4)).toEqual(japanBefore.slice(0, 4));
    expect(japanAfter[4]).not.toEqual(japanBefore[4]);
    expect(japanAfter[5]).not.toEqual(japanBefore[5]);
    // Darwin's 1,200 t became 1,500 t, and a new 400 t output of Japan's draft counts in graphite refining.
    const refining = line(japanAfter[4] ?? "", "rare_earths,refining,").split(",");
    expect(refining[10]).toBe(String(3000 + 500 + 1500));
    expect(line(japanAfter[5] ?? "", "graphite,refining,AU,")).toBe(
      "graphite,refining,AU,0,400,400,0.00,0.02",
    );
  });

  it("shows Japan's own draft output only in Japan's “with my drafts”", async () => {
    const added = async (email: string, query: string) =>
      line((await download(groupsCsv, email, query)).text, "rare_earths,refining,").split(",")[10];
    expect(await added(JP, "horizon=2030&scenario=pipeline")).toBe("3500");
    expect(await added(JP, "horizon=2030&scenario=with-my-drafts")).not.toBe("3500");
    // Australia is a government too, with no drafts of its own: its "with my drafts" is the pipeline.
    expect(await added(AU, "horizon=2030&scenario=with-my-drafts")).toBe("3500");
    expect(await added(SECRETARIAT, "horizon=2030&scenario=pipeline")).toBe("3500");
  });

  it("refuses a wrong horizon or scenario with 400, and “with my drafts” to non-delegates with 403", async () => {
    const bad = await download(groupsCsv, AU, "horizon=2050");
    expect(bad).toEqual({ status: 400, text: "The horizon must be a year from 2024 to 2036." });
    expect((await download(countriesCsv, AU, "scenario=all")).status).toBe(400);
    const secretariat = await download(groupsCsv, SECRETARIAT, "scenario=with-my-drafts");
    expect(secretariat.status).toBe(403);
    expect(secretariat.text).toMatch(/for a government’s delegates/);
  });
});

/** Japan's delegate edits the Darwin draft's output and adds another one, committed. */
async function changeJapansDrafts(db: Database) {
  await runAsUser(db, claimsFor("delegateJp"), async (tx) => {
    await tx.query("update public.project_outputs set capacity_per_year = 1500 where id = $1", [
      ids.output(3),
    ]);
    await tx.query(
      `insert into public.project_outputs (partnership_id, project_id, mineral, stage, capacity_per_year,
         first_output_year) values ($1, $2, 'graphite', 'refining', 400, 2031)`,
      [ids.cm, ids.project(3)],
    );
  });
}
