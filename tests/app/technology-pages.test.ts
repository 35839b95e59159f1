/*
 * The technology-sharing pages called as a browser would (signed-in cookie, real form posts): an offer the
 * United States shares with Japan and Canada reaches them and nobody else — not through the register, the
 * item's address, its history, the country page, the dashboard or any CSV export — and an audience change made
 * through the page takes effect on the very next request. The database rules behind it are proven on both
 * engines in tests/db/technology-rls.test.ts; this proves the pages read through them.
 */
import { provideDatabase } from "~/db/database.server";
import { PORTFOLIO_VIEWS } from "~/models/portfolio.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ids } from "../support/rls";

process.env.JWT_SECRET = "technology-pages-secret-technology-pages-secret";
const { getAuth } = await import("~/auth/auth.server");
const newOffer = await import("~/routes/p.$slug.technology.$kind.new");
const itemPage = await import("~/routes/p.$slug.technology.$kind.$itemId._index");
const register = await import("~/routes/p.$slug.technology.$kind._index");
const conversations = await import("~/routes/p.$slug.technology.conversations");
const countryPage = await import("~/routes/p.$slug.countries.$code");
const overview = await import("~/routes/p.$slug._index");
const EXPORTS = {
  projects: await import("~/routes/p.$slug.projects.csv"),
  pledges: await import("~/routes/p.$slug.pledges.csv"),
  portfolio: await import("~/routes/p.$slug.portfolio.$view.csv"),
  resilience: await import("~/routes/p.$slug.resilience[.]csv"),
  resilienceCountries: await import("~/routes/p.$slug.resilience-countries[.]csv"),
  fxRates: await import("~/routes/p.$slug.fx-rates.csv"),
};

const slug = "critical-minerals";
const TITLE = "Trap page: hydrogen decrepitation of NdFeB scrap";
const TERMS = "Trap page: royalty-free for Japan and Canada";
const MESSAGE = "Trap page: Canada would pilot it in Quebec";

const cookies = new Map<string, string>();
async function cookieFor(account: string) {
  const email = `${account}@demo.lodestone.example`;
  if (!cookies.has(email)) {
    const result = await (
      await getAuth()
    ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
    if (!result.ok) throw new Error(`could not sign in ${email}`);
    cookies.set(email, cookieHeaderFrom(result.headers));
  }
  return cookies.get(email) ?? "";
}

type Route = {
  loader?: (args: never) => Promise<Response>;
  action?: (args: never) => Promise<Response>;
};

/** A GET of `path` as `account`: its status and body (a thrown Response is an answer too). */
async function get(route: Route, account: string, path: string, params: Record<string, string>) {
  const request = requestWithCookie(await cookieFor(account), `http://localhost${path}`);
  try {
    const response = await route.loader!({ request, params, context: {} } as never);
    return { status: response.status, text: await response.text() };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: await thrown.text() };
    throw thrown;
  }
}

/** A form post of `fields` to `path` as `account` (repeated fields as lists). */
async function post(
  route: Route,
  account: string,
  path: string,
  params: Record<string, string>,
  fields: Record<string, string | string[]>,
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) body.append(key, one);
  }
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      Cookie: await cookieFor(account),
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body,
  });
  const response = await route.action!({ request, params, context: {} } as never);
  return {
    status: response.status,
    location: response.headers.get("Location"),
    text: response.status < 300 || response.status >= 400 ? await response.text() : "",
  };
}

/** Everyone who must not learn that the offer exists. */
const OUTSIDERS = ["delegate.au", "secretariat", "observer", "sponsor"] as const;

describe("the technology pages over HTTP", () => {
  let handle: TestDatabase;
  let offer = "";
  let offerPath = "";
  const params = () => ({ slug, kind: "offers", itemId: offer });

  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
    const created = await post(
      newOffer,
      "delegate.us",
      `/p/${slug}/technology/offers/new`,
      { slug, kind: "offers" },
      {
        intent: "create",
        title: TITLE,
        category: "recycling",
        minerals: ["NdPr", "Dy"],
        trl: "5",
        holderOrganisation: "Ames Laboratory",
        licensingTerms: TERMS,
        audience: "chosen",
        memberIds: [ids.member.JP, ids.member.CA],
      },
    );
    expect(created.status).toBe(302);
    offerPath = created.location ?? "";
    offer = /\/technology\/offers\/([0-9a-f-]{36})$/.exec(offerPath)?.[1] ?? "";
    expect(offer).not.toBe("");
    const interest = await post(itemPage, "two.hats", offerPath, params(), {
      intent: "interest",
      itemId: offer,
      message: MESSAGE,
    });
    expect(interest.status).toBe(200);
  });
  afterAll(() => handle.dispose());

  it("shows the offer, its terms and its conversation to the governments chosen", async () => {
    for (const account of ["delegate.us", "delegate.jp", "two.hats"]) {
      const page = await get(itemPage, account, offerPath, params());
      expect(page.status, account).toBe(200);
      expect(page.text).toContain(TITLE);
      expect(page.text).toContain(TERMS);
    }
    // Only the owner reads the list of governments it chose.
    const owner = JSON.parse((await get(itemPage, "delegate.us", offerPath, params())).text) as {
      item: { audienceList: Array<{ code: string }> | null };
    };
    expect(owner.item.audienceList?.map((g) => g.code).sort()).toEqual(["CA", "JP"]);
    const japan = JSON.parse((await get(itemPage, "delegate.jp", offerPath, params())).text) as {
      item: { audienceList: unknown };
    };
    expect(japan.item.audienceList).toBeNull();
  });

  it("answers 404 at its address to everyone else, and leaves it out of every page they read", async () => {
    for (const account of OUTSIDERS) {
      const page = await get(itemPage, account, offerPath, params());
      // Sponsors and observers have no register at all (403); the others are told it does not exist.
      expect([403, 404], account).toContain(page.status);
      expect(page.text).not.toContain(TITLE);
      const pages = [
        await get(register, account, `/p/${slug}/technology/offers`, { slug, kind: "offers" }),
        await get(conversations, account, `/p/${slug}/technology/conversations`, { slug }),
        await get(countryPage, account, `/p/${slug}/countries/US`, { slug, code: "US" }),
        await get(overview, account, `/p/${slug}`, { slug }),
      ];
      for (const { text } of pages) {
        expect(text, account).not.toContain(TITLE);
        expect(text, account).not.toContain(offer);
        expect(text, account).not.toContain(MESSAGE);
      }
    }
    // The country page of the United States shows it to Japan.
    const japan = await get(countryPage, "delegate.jp", `/p/${slug}/countries/US`, {
      slug,
      code: "US",
    });
    expect(japan.text).toContain(TITLE);
  });

  it("puts no shared item in any CSV export, whoever downloads it", async () => {
    const titles = await handle.db.query<{ title: string }>(
      `select title from public.technology_offers union all select title from public.technology_requests
       union all select title from public.national_actions`,
    );
    expect(titles.map((row) => row.title)).toContain(TITLE);
    for (const account of ["delegate.us", "delegate.jp", ...OUTSIDERS]) {
      const files = [
        await get(EXPORTS.projects, account, `/p/${slug}/projects.csv`, { slug }),
        await get(EXPORTS.pledges, account, `/p/${slug}/pledges/csv`, { slug }),
        await get(EXPORTS.resilience, account, `/p/${slug}/resilience.csv`, { slug }),
        await get(EXPORTS.resilienceCountries, account, `/p/${slug}/resilience-countries.csv`, {
          slug,
        }),
        await get(EXPORTS.fxRates, account, `/p/${slug}/fx-rates.csv`, { slug }),
        ...(await Promise.all(
          PORTFOLIO_VIEWS.map((view) =>
            get(EXPORTS.portfolio, account, `/p/${slug}/portfolio/${view}/csv`, { slug, view }),
          ),
        )),
      ];
      expect(files.some((file) => file.status === 200)).toBe(true);
      for (const file of files) {
        for (const { title } of titles) expect(file.text, account).not.toContain(title);
        expect(file.text).not.toContain(TERMS);
        expect(file.text).not.toContain(MESSAGE);
      }
    }
  });

  it("takes an audience change made on the page into account on the next request", async () => {
    const before = JSON.parse((await get(itemPage, "delegate.us", offerPath, params())).text) as {
      item: { audienceVersion: number };
    };
    // The United States takes Japan off the list and ticks the secretariat.
    const changed = await post(itemPage, "delegate.us", offerPath, params(), {
      intent: "audience",
      itemId: offer,
      version: String(before.item.audienceVersion),
      audience: "chosen",
      memberIds: [ids.member.CA],
      includesSecretariat: "on",
    });
    expect(changed.status).toBe(200);
    const japan = await get(itemPage, "delegate.jp", offerPath, params());
    expect(japan.status).toBe(404);
    const japanCountry = await get(countryPage, "delegate.jp", `/p/${slug}/countries/US`, {
      slug,
      code: "US",
    });
    expect(japanCountry.text).not.toContain(TITLE);
    const secretariat = await get(itemPage, "secretariat", offerPath, params());
    expect(secretariat.status).toBe(200);
    expect(secretariat.text).toContain(MESSAGE);
    // The same version again is a conflict, kept on the form (409), not a silent overwrite.
    const stale = await post(itemPage, "delegate.us", offerPath, params(), {
      intent: "audience",
      itemId: offer,
      version: String(before.item.audienceVersion),
      audience: "partnership",
    });
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.text)).toMatchObject({ intent: "audience" });
  });

  it("refuses bad input with the form's messages and what was typed, never a 500", async () => {
    const refused = await post(
      newOffer,
      "delegate.jp",
      `/p/${slug}/technology/offers/new`,
      {
        slug,
        kind: "offers",
      },
      {
        intent: "create",
        title: "Half-typed offer",
        trl: "12",
        audience: "chosen",
        minerals: ["unobtainium"],
      },
    );
    expect(refused.status).toBe(400);
    const body = JSON.parse(refused.text) as {
      errors: Record<string, string>;
      values: Record<string, unknown>;
    };
    expect(Object.keys(body.errors)).toEqual(
      expect.arrayContaining(["category", "minerals", "trl", "holderOrganisation"]),
    );
    expect(body.values.title).toBe("Half-typed offer");
    const notAKind = await get(register, "delegate.jp", `/p/${slug}/technology/gadgets`, {
      slug,
      kind: "gadgets",
    });
    expect(notAKind.status).toBe(404);
    const notAnId = await get(itemPage, "delegate.jp", `/p/${slug}/technology/offers/nope`, {
      slug,
      kind: "offers",
      itemId: "nope",
    });
    expect(notAnId.status).toBe(404);
  });
});
