/*
 * Discussions where people expect them (issue 14): on a milestone, under its project's page, and on a pledge,
 * called as a browser would (signed-in cookie, real form posts) on both engines. A milestone's thread is open
 * to whoever sees the project; a draft pledge's thread exists only for its own government (ADR 140): another
 * government gets the same 404 as for a pledge that does not exist, for the page and for a post. A mention
 * leads its recipient to the thread it was made in. Documents attach to both the same way, and the project's
 * documents list gathers those its reader may see.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { provideDatabase } from "~/db/database.server";
import { runAsUser } from "~/db/rls.server";
import { listNotifications } from "~/notifications/read.server";
import { notificationLink } from "~/notifications/present";
import { cookieHeaderFrom } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { claimsFor, demoUsers, ids } from "../support/rls";

process.env.JWT_SECRET = "discussions-app-test-secret-discussions-app";
// Documents' bytes go to a folder of this run's own (the local storage adapter, under DATA_DIR).
const dataDir = mkdtempSync(path.join(tmpdir(), "lodestone-discussions-"));
process.env.DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const { getAuth } = await import("~/auth/auth.server");
const milestonePage = await import("~/routes/p.$slug.projects.$projectId.milestones.$milestoneId");
const pledgeDiscussion = await import("~/routes/p.$slug.pledges.$pledgeId_.discussion");
const projectDocuments = await import("~/routes/p.$slug.projects.$projectId.documents");

const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

const slug = "critical-minerals";
const base = `http://localhost/p/${slug}`;
const project = ids.project(1); // Kalgoorlie, approved
const milestone = ids.milestone(2); // its EPC contract
const draftPledge = ids.pledge(3); // Japan's draft equity pledge to Kalgoorlie

type Route = {
  loader: (args: never) => Promise<Response>;
  action: (args: never) => Promise<Response>;
};

async function cookieFor(email: string) {
  const result = await (
    await getAuth()
  ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
  if (!result.ok) throw new Error(`could not sign in ${email}`);
  return cookieHeaderFrom(result.headers);
}

/** What Remix would answer: the returned or thrown Response. */
async function answer(run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    return result instanceof Response ? result : new Response(JSON.stringify(result));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function load(route: Route, email: string, url: string, params: Record<string, string>) {
  const request = new Request(url, { headers: { Cookie: await cookieFor(email) } });
  return answer(() => route.loader({ request, params: { slug, ...params }, context: {} } as never));
}

async function upload(
  route: Route,
  email: string,
  url: string,
  params: Record<string, string>,
  name: string,
) {
  const body = new FormData();
  body.set("intent", "upload");
  body.set("file", new File([PDF], name, { type: "application/pdf" }));
  const request = new Request(url, {
    method: "POST",
    headers: { Cookie: await cookieFor(email) },
    body,
  });
  return answer(() => route.action({ request, params: { slug, ...params }, context: {} } as never));
}

type Listed = { documents: { documents: Array<{ name: string }> } };
const names = (data: Listed) => data.documents.documents.map((d) => d.name);

async function post(
  route: Route,
  email: string,
  url: string,
  params: Record<string, string>,
  fields: Array<[string, string]>,
) {
  const request = new Request(url, {
    method: "POST",
    headers: {
      Cookie: await cookieFor(email),
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
  return answer(() => route.action({ request, params: { slug, ...params }, context: {} } as never));
}

describe.each(engines)("discussions on milestones and pledges on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
    (globalThis as { __lodestoneAuth?: unknown }).__lodestoneAuth = undefined;
  });
  afterAll(() => handle.dispose());

  it("posts on a milestone, shows it to the project's readers, and leads the mentioned one to it", async () => {
    const url = `${base}/projects/${project}/milestones/${milestone}`;
    const params = { projectId: project, milestoneId: milestone };
    const posted = await post(milestonePage, demoUsers.secretariat.email, url, params, [
      ["intent", "post"],
      ["body", "Is the EPC tender still on time?"],
      ["mention", demoUsers.delegateAu.id],
    ]);
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toMatch(
      new RegExp(`^/p/${slug}/projects/${project}/milestones/${milestone}#comment-[0-9a-f-]{36}$`),
    );

    const seen = await load(milestonePage, demoUsers.observer.email, url, params);
    expect(seen.status).toBe(200);
    const data = (await seen.json()) as {
      milestone: { id: string };
      discussion: { comments: Array<{ body: string }> };
    };
    expect(data.milestone.id).toBe(milestone);
    expect(data.discussion.comments.map((c) => c.body)).toEqual([
      "Is the EPC tender still on time?",
    ]);

    const inbox = await runAsUser(handle.db, claimsFor("delegateAu"), (tx) =>
      listNotifications(tx, { partnershipId: ids.cm, limit: 50 }),
    );
    expect(inbox.filter((n) => n.category === "mentions").map(notificationLink)).toEqual([
      `/p/${slug}/projects/${project}/milestones/${milestone}`,
    ]);
  });

  it("answers 404 for a milestone under another project's address, to the page and to a post", async () => {
    const other = ids.project(2);
    const url = `${base}/projects/${other}/milestones/${milestone}`;
    const params = { projectId: other, milestoneId: milestone };
    expect((await load(milestonePage, demoUsers.secretariat.email, url, params)).status).toBe(404);
    const refused = await post(milestonePage, demoUsers.secretariat.email, url, params, [
      ["intent", "post"],
      ["body", "Posted through the wrong project's address."],
    ]);
    expect(refused.status).toBe(404);
  });

  it("keeps a draft pledge's thread to its own government: 404 for another's page and post", async () => {
    const url = `${base}/pledges/${draftPledge}/discussion`;
    const params = { pledgeId: draftPledge };
    const own = await post(pledgeDiscussion, demoUsers.delegateJp.email, url, params, [
      ["intent", "post"],
      ["body", "Cabinet meets on Thursday."],
    ]);
    expect(own.status).toBe(302);
    const mine = await load(pledgeDiscussion, demoUsers.delegateJp.email, url, params);
    expect(mine.status).toBe(200);
    const data = (await mine.json()) as { discussion: { comments: Array<{ body: string }> } };
    expect(data.discussion.comments.map((c) => c.body)).toEqual(["Cabinet meets on Thursday."]);

    for (const outsider of [demoUsers.delegateAu, demoUsers.secretariat, demoUsers.observer]) {
      expect((await load(pledgeDiscussion, outsider.email, url, params)).status).toBe(404);
    }
    const before = await handle.db.query("select count(*)::int as n from public.comments");
    const refused = await post(pledgeDiscussion, demoUsers.delegateAu.email, url, params, [
      ["intent", "post"],
      ["body", "What is Japan planning?"],
    ]);
    expect(refused.status).toBe(404);
    expect(await handle.db.query("select count(*)::int as n from public.comments")).toEqual(before);
  });

  it("attaches documents to a milestone and to a draft pledge, each as private as its subject", async () => {
    const milestoneUrl = `${base}/projects/${project}/milestones/${milestone}`;
    const milestoneParams = { projectId: project, milestoneId: milestone };
    const sent = await upload(
      milestonePage,
      demoUsers.sponsor.email,
      milestoneUrl,
      milestoneParams,
      "EPC tender.pdf",
    );
    expect(sent.status).toBe(200);
    expect(((await sent.json()) as { upload: { ok: boolean } }).upload.ok).toBe(true);
    const onMilestone = await load(
      milestonePage,
      demoUsers.observer.email,
      milestoneUrl,
      milestoneParams,
    );
    expect(names((await onMilestone.json()) as Listed)).toEqual(["EPC tender.pdf"]);

    const pledgeUrl = `${base}/pledges/${draftPledge}/discussion`;
    const pledgeParams = { pledgeId: draftPledge };
    const own = await upload(
      pledgeDiscussion,
      demoUsers.delegateJp.email,
      pledgeUrl,
      pledgeParams,
      "Cabinet memo.pdf",
    );
    expect(own.status).toBe(200);
    const mine = await load(pledgeDiscussion, demoUsers.delegateJp.email, pledgeUrl, pledgeParams);
    expect(names((await mine.json()) as Listed)).toEqual(["Cabinet memo.pdf"]);
    // Another government cannot attach to the draft: the same 404 as for a pledge that does not exist.
    const refused = await upload(
      pledgeDiscussion,
      demoUsers.delegateAu.email,
      pledgeUrl,
      pledgeParams,
      "Guess.pdf",
    );
    expect(refused.status).toBe(404);

    // The project's documents gather its milestones' and pledges' that the reader may see: the draft
    // pledge's memo for Japan only.
    const documentsUrl = `${base}/projects/${project}/documents`;
    const listed = async (email: string) => {
      const page = await load(projectDocuments, email, documentsUrl, { projectId: project });
      return ((await page.json()) as { documents: Array<{ name: string }> }).documents.map(
        (d) => d.name,
      );
    };
    expect(await listed(demoUsers.delegateJp.email)).toEqual([
      "Cabinet memo.pdf",
      "EPC tender.pdf",
    ]);
    for (const other of [demoUsers.delegateAu, demoUsers.secretariat, demoUsers.observer]) {
      expect(await listed(other.email)).toEqual(["EPC tender.pdf"]);
    }
  });
});
