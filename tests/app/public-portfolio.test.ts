/*
 * The public portfolio (issue 16; ADRs 134–136, docs/open-data.md) on both engines, called as a browser would:
 * nothing of an unpublished partnership is reachable through any public URL; once published, no draft, submitted,
 * rejected, completed or cancelled project, no draft, withdrawn or conditional pledge, and nothing of a project its
 * government keeps off is in the page, the JSON, the CSV or the IATI file — whoever asks, signed in or not. The
 * secretariat's publish control and the government's opt-out are audited; the open data pages, carries its
 * licence, and answers conditional requests with 304.
 */
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { codelistErrors, readXml, schemaErrors } from "../support/iati-standard";
import { ids } from "../support/rls";

process.env.JWT_SECRET = "public-portfolio-secret-public-portfolio-secret";
const { getAuth } = await import("~/auth/auth.server");
const pageRoute = await import("~/routes/public.$slug._index");
const jsonRoute = await import("~/routes/public.$slug.projects[.]json");
const csvRoute = await import("~/routes/public.$slug.projects[.]csv");
const iatiRoute = await import("~/routes/public.$slug.iati[.]xml");
const publicationRoute = await import("~/routes/p.$slug.publication");
const keepOffRoute = await import("~/routes/p.$slug.projects.$projectId.public");

const slug = "critical-minerals";
const PILBARA = ids.project(2);
const users = {
  secretariat: "secretariat@demo.lodestone.example",
  jp: "delegate.jp@demo.lodestone.example",
  au: "delegate.au@demo.lodestone.example",
  sponsor: "sponsor@demo.lodestone.example",
};

type Loader = (args: never) => Promise<Response> | Response;
async function call(loader: Loader, request: Request, params: Record<string, string>) {
  try {
    return await loader({ request, params, context: {} } as never);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe.each(engines)("the public portfolio on %s", (engine) => {
  let handle: TestDatabase;
  const cookies = new Map<string, string>();
  /** Every id and name that must never be public, read as the owner from the seed. */
  let secret: { ids: string[]; names: string[] };

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
    (globalThis as { __lodestoneAuth?: unknown }).__lodestoneAuth = undefined;
    const projects = await handle.db.query<{ id: string; name: string }>(
      "select id, name from public.projects where partnership_id = $1 and status <> 'approved'",
      [ids.cm],
    );
    const pledges = await handle.db.query<{ id: string }>(
      `select id from public.pledges where partnership_id = $1
          and (status not in ('committed', 'disbursing', 'fulfilled') or cofunding_rule is not null
               or project_id in (select id from public.projects where status <> 'approved'))`,
      [ids.cm],
    );
    const other = await handle.db.query<{ id: string; name: string }>(
      "select id, name from public.projects where partnership_id <> $1",
      [ids.cm],
    );
    secret = {
      ids: [...projects, ...pledges, ...other].map((row) => row.id),
      names: [...projects, ...other].map((row) => row.name),
    };
  });
  afterAll(() => handle.dispose());

  async function cookieFor(email: string | null) {
    if (!email) return "";
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

  /** Every public URL, as `who` (null: signed out), with its status and body text. */
  async function everyPublicUrl(who: string | null, partnership = slug) {
    const cookie = await cookieFor(who);
    const get = async (loader: Loader, path: string) => {
      const response = await call(
        loader,
        requestWithCookie(cookie, `http://localhost/public/${partnership}${path}`),
        { slug: partnership },
      );
      return { path, status: response.status, text: await response.text() };
    };
    return Promise.all([
      get(pageRoute.loader as Loader, ""),
      get(jsonRoute.loader as Loader, "/projects.json"),
      get(csvRoute.loader as Loader, "/projects.csv"),
      get(iatiRoute.loader as Loader, "/iati.xml"),
    ]);
  }

  const setPublished = (published: boolean) =>
    handle.db.query("update public.partnerships set is_published = $2 where id = $1", [
      ids.cm,
      published,
    ]);

  async function post(loader: Loader, who: string, path: string, form: Record<string, string>) {
    const request = new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { Cookie: await cookieFor(who) },
      body: new URLSearchParams(form),
    });
    const params = Object.fromEntries(
      Object.entries({ slug, projectId: path.split("/")[4] ?? "" }).filter(([, v]) => v),
    );
    return call(loader, request, params);
  }

  it("answers 404 on every public URL while the partnership does not publish, signed in or not", async () => {
    for (const who of [null, users.secretariat, users.jp]) {
      for (const response of await everyPublicUrl(who)) {
        expect([response.path, response.status]).toEqual([response.path, 404]);
        expect(response.text).not.toContain("Pilbara");
      }
    }
    for (const response of await everyPublicUrl(null, "no-such-partnership")) {
      expect(response.status).toBe(404);
    }
  });

  it("shows only approved projects and their firm unconditional money once published, to anyone", async () => {
    await setPublished(true);
    try {
      for (const who of [null, users.jp, users.secretariat]) {
        const responses = await everyPublicUrl(who);
        for (const response of responses) {
          expect([response.path, response.status]).toEqual([response.path, 200]);
          for (const id of secret.ids) expect(response.text).not.toContain(id);
          for (const name of secret.names) expect(response.text).not.toContain(name);
          expect(response.text).toContain("Pilbara Rare Earth Separation Plant");
        }
        const [, json, csv, iati] = responses;
        const body = JSON.parse(json?.text ?? "{}") as {
          licence: { id: string };
          total: number;
          projects: Array<{ id: string; committed_funding: unknown[] }>;
        };
        expect(body.licence.id).toBe("CC-BY-4.0");
        const approved = await handle.db.query<{ id: string }>(
          "select id from public.projects where partnership_id = $1 and status = 'approved' order by name, id",
          [ids.cm],
        );
        expect(body.total).toBe(approved.length);
        expect(body.projects.map((p) => p.id)).toEqual(approved.map((p) => p.id));
        expect(csv?.text.split("\r\n")[0]).toMatch(/^id,name,host_country,.*,licence$/);
        expect(csv?.text.split("\r\n").filter(Boolean)).toHaveLength(approved.length + 1);
        expect(schemaErrors(iati?.text ?? "")).toBe("");
        expect(codelistErrors(readXml(iati?.text ?? ""))).toEqual([]);
      }
    } finally {
      await setPublished(false);
    }
  });

  it("lets the secretariat publish and withdraw, audited, and nobody else", async () => {
    const path = `/p/${slug}/publication`;
    const delegate = await post(publicationRoute.action as Loader, users.jp, path, {
      published: "true",
    });
    expect(delegate.status).toBe(403);
    const bad = await post(publicationRoute.action as Loader, users.secretariat, path, {
      published: "maybe",
    });
    expect(bad.status).toBe(400);
    const on = await post(publicationRoute.action as Loader, users.secretariat, path, {
      published: "true",
    });
    expect(on.status).toBe(200);
    expect((await everyPublicUrl(null)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const off = await post(publicationRoute.action as Loader, users.secretariat, path, {
      published: "false",
    });
    expect(off.status).toBe(200);
    expect((await everyPublicUrl(null)).map((r) => r.status)).toEqual([404, 404, 404, 404]);
    const trail = await handle.db.query<{ published: string; actor: string }>(
      `select after ->> 'is_published' as published, actor_id::text as actor from public.audit_events
        where table_name = 'partnerships' and row_id = $1
          and (before ->> 'is_published') is distinct from (after ->> 'is_published') order by id`,
      [ids.cm],
    );
    expect(trail.slice(-2).map((e) => e.published)).toEqual(["true", "false"]);
    const [secretariat] = await handle.db.query<{ id: string }>(
      "select id::text from auth.users where email = $1",
      [users.secretariat],
    );
    expect(trail.slice(-2).every((e) => e.actor === secretariat?.id)).toBe(true);
  });

  it("lets only the registering government keep its project off every public URL, audited", async () => {
    await setPublished(true);
    const path = `/p/${slug}/projects/${PILBARA}/public`;
    try {
      for (const who of [users.secretariat, users.sponsor, users.au]) {
        const refused = await post(keepOffRoute.action as Loader, who, path, { keptOff: "true" });
        expect([who, refused.status, refused.headers.get("Location")]).toEqual([who, 403, null]);
      }
      const done = await post(keepOffRoute.action as Loader, users.jp, path, { keptOff: "true" });
      expect(done.status).toBe(302);
      const pledges = await handle.db.query<{ id: string }>(
        "select id from public.pledges where project_id = $1",
        [PILBARA],
      );
      for (const response of await everyPublicUrl(null)) {
        expect(response.status).toBe(200);
        expect(response.text).not.toContain(PILBARA);
        expect(response.text).not.toContain("Pilbara Rare Earth Separation Plant");
        for (const pledge of pledges) expect(response.text).not.toContain(pledge.id);
      }
      const [event] = await handle.db.query<{ before: string; after: string }>(
        `select before ->> 'kept_off_public' as before, after ->> 'kept_off_public' as after
           from public.audit_events where table_name = 'projects' and row_id = $1 order by id desc limit 1`,
        [PILBARA],
      );
      expect(event).toEqual({ before: "false", after: "true" });
      const back = await post(keepOffRoute.action as Loader, users.jp, path, { keptOff: "false" });
      expect(back.status).toBe(302);
      const [page] = await everyPublicUrl(null);
      expect(page?.text).toContain("Pilbara Rare Earth Separation Plant");
    } finally {
      await handle.db.query("update public.projects set kept_off_public = false where id = $1", [
        PILBARA,
      ]);
      await setPublished(false);
    }
  });

  it("pages the open data, names the pages and the licence, and answers 304 to a matching ETag", async () => {
    await setPublished(true);
    try {
      const get = (path: string, headers: Record<string, string> = {}) =>
        call(
          jsonRoute.loader as Loader,
          new Request(`http://localhost/public/${slug}/projects.json${path}`, { headers }),
          { slug },
        );
      const first = await get("?per_page=2");
      expect(first.status).toBe(200);
      const body = (await first.json()) as {
        page: number;
        per_page: number;
        total: number;
        projects: unknown[];
        links: { next: string | null; prev: string | null };
      };
      expect(body).toMatchObject({ page: 1, per_page: 2 });
      expect(body.projects).toHaveLength(2);
      expect(body.links.prev).toBeNull();
      expect(body.links.next).toContain("page=2&per_page=2");
      expect(first.headers.get("Link")).toMatch(/rel="next".*rel="license"/);
      expect(first.headers.get("Cache-Control")).toBe("public, no-cache");
      expect(first.headers.get("Last-Modified")).toMatch(/GMT$/);
      const etag = first.headers.get("ETag") ?? "";
      expect(etag).toMatch(/^"[\w-]{32}"$/);

      const again = await get("?per_page=2", { "If-None-Match": `"other", ${etag}` });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("ETag")).toBe(etag);
      const stale = await get("?per_page=2", { "If-None-Match": '"stale"' });
      expect(stale.status).toBe(200);

      const second = (await (await get("?page=2&per_page=2")).json()) as { projects: unknown[] };
      expect(second.projects).not.toEqual(body.projects);
      const beyond = (await (await get(`?page=99&per_page=2`)).json()) as { projects: unknown[] };
      expect(beyond.projects).toEqual([]);
      for (const bad of ["?page=0", "?per_page=201", "?page=abc", "?per_page=1.5"]) {
        const refused = await get(bad);
        expect([bad, refused.status]).toEqual([bad, 400]);
      }

      // A change anon can see changes the ETag.
      const whole = await get("");
      const wholeEtag = whole.headers.get("ETag") ?? "";
      expect((await get("", { "If-None-Match": wholeEtag })).status).toBe(304);
      await handle.db.query("update public.projects set name = name || ' II' where id = $1", [
        PILBARA,
      ]);
      const changed = await get("", { "If-None-Match": wholeEtag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("ETag")).not.toBe(wholeEtag);
    } finally {
      await handle.db.query(
        "update public.projects set name = regexp_replace(name, ' II$', '') where id = $1",
        [PILBARA],
      );
      await setPublished(false);
    }
  });
});
