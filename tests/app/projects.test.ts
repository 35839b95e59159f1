/*
 * Project routes called as a browser would (signed-in cookie, real form posts) against a real database:
 * registration keeps what was typed when refused, the CSV export follows the list's filters and RLS, the
 * review's decisions, the overview's forms, and 404 for projects a member may not see.
 */
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ids } from "../support/rls";
import { translate } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";

process.env.JWT_SECRET = "projects-app-test-secret-projects-app-test";
const { getAuth } = await import("~/auth/auth.server");
const registration = await import("~/routes/p.$slug.projects.new");
const csv = await import("~/routes/p.$slug.projects.csv");
const projectPage = await import("~/routes/p.$slug.projects.$projectId");
const overview = await import("~/routes/p.$slug.projects.$projectId._index");
const review = await import("~/routes/p.$slug.review");

const slug = "critical-minerals";
const base = `http://localhost/p/${slug}`;

async function cookieFor(who: string) {
  const result = await (
    await getAuth()
  ).signInWithPassword(
    new Request("http://localhost/"),
    `${who}@demo.lodestone.example`,
    "lodestone-demo",
  );
  if (!result.ok) throw new Error(`could not sign in ${who}`);
  return cookieHeaderFrom(result.headers);
}

async function post(
  route: { action: (args: never) => Promise<Response> },
  who: string,
  url: string,
  fields: Array<[string, string]>,
  params: Record<string, string> = {},
) {
  const request = new Request(url, {
    method: "POST",
    headers: { Cookie: await cookieFor(who), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  return route.action({ request, params: { slug, ...params }, context: {} } as never);
}

async function statusOf(promise: Promise<unknown>) {
  try {
    const result = await promise;
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("project routes over HTTP", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  describe("registration", () => {
    const good: Array<[string, string]> = [
      ["name", "Mount Weld Heavy Rare Earths"],
      ["segment", "refining"],
      ["minerals", "Dy"],
      ["minerals", "Tb"],
      ["stage", "concept"],
      ["hostCountry", "AU"],
      ["latitude", "-28.862"],
      ["longitude", "122.551"],
      ["currency", "AUD"],
      ["capex", "900,000,000"],
      ["fundingSought", "300,000,000"],
      ["esgNotes", ""],
      ["registeringMemberId", ids.member.AU],
      ["sponsorOrganisationId", ""],
    ];

    it("answers a bad post with field errors and everything that was typed", async () => {
      const response = await post(registration, "delegate.au", `${base}/projects/new`, [
        ["name", "Half-finished project"],
        ["segment", "refining"],
        ["minerals", "Dy"],
        ["minerals", "NdPr"],
        ["stage", ""],
        ["hostCountry", "AU"],
        ["latitude", "95"],
        ["longitude", ""],
        ["currency", "JPY"],
        ["capex", ""],
        ["fundingSought", "12.5"],
        ["registeringMemberId", ids.member.AU],
        ["intent", "submit"],
      ]);
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        errors: Record<string, string>;
        values: Record<string, unknown>;
      };
      expect(body.errors).toEqual({
        stage: msg("projects.schema.stage"),
        latitude: msg("projects.schema.latitude"),
        longitude: msg("projects.schema.bothCoordinates"),
        fundingSought: msg("money.noMinorUnit", { currency: "JPY" }),
      });
      expect(translate("en", body.errors.latitude ?? "")).toBe(
        "Enter a latitude in decimal degrees between -90 and 90, such as -30.749.",
      );
      expect(body.values).toMatchObject({
        name: "Half-finished project",
        minerals: ["Dy", "NdPr"],
        latitude: "95",
        fundingSought: "12.5",
      });
    });

    it("registers a valid project and sends the delegate to its page", async () => {
      const response = await post(registration, "delegate.au", `${base}/projects/new`, [
        ...good,
        ["intent", "submit"],
      ]);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(
        new RegExp(`^/p/${slug}/projects/[0-9a-f-]{36}$`),
      );
    });

    it("keeps the form for delegates and sponsors only", async () => {
      for (const [who, status] of [
        ["observer", 403],
        ["secretariat", 403],
        ["sponsor", 200],
      ] as const) {
        const loaderStatus = await statusOf(
          registration.loader({
            request: requestWithCookie(await cookieFor(who), `${base}/projects/new`),
            params: { slug },
            context: {},
          } as never),
        );
        expect(loaderStatus).toBe(status);
      }
    });
  });

  describe("the project page", () => {
    it("is a 404 for a draft the member may not see, and for an unknown id", async () => {
      for (const projectId of [ids.project(3), "not-a-uuid", ids.pbProject(1)]) {
        const status = await statusOf(
          projectPage.loader({
            request: requestWithCookie(
              await cookieFor("observer"),
              `${base}/projects/${projectId}`,
            ),
            params: { slug, projectId },
            context: {},
          } as never),
        );
        expect(status).toBe(404);
      }
    });

    it("returns a milestone update's field errors and keeps the note", async () => {
      const projectId = ids.project(1);
      const response = await post(
        overview,
        "sponsor",
        `${base}/projects/${projectId}?index`,
        [
          ["intent", "post-update"],
          ["milestoneId", ids.milestone(2)],
          ["version", "1"],
          ["note", "Tender evaluation finished."],
          ["statusChange", ""],
          ["evidenceUrl", "ftp://files.example/report"],
        ],
        { projectId },
      );
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        errors: Record<string, string>;
        values: Record<string, string>;
      };
      expect(body.errors.evidenceUrl).toBe(msg("milestones.schema.link"));
      expect(body.values.note).toBe("Tender evaluation finished.");
    });

    it("tells an observer they may not add milestones", async () => {
      const projectId = ids.project(1);
      const response = await post(
        overview,
        "observer",
        `${base}/projects/${projectId}?index`,
        [
          ["intent", "add-milestone"],
          ["title", "Observer's milestone"],
          ["dueDate", "2027-01-01"],
        ],
        { projectId },
      );
      expect(response.status).toBe(403);
    });
  });

  describe("the CSV export", () => {
    it("exports the list's filters under the member's RLS", async () => {
      const get = async (who: string, query: string) => {
        const response = await csv.loader({
          request: requestWithCookie(await cookieFor(who), `${base}/projects/csv${query}`),
          params: { slug },
          context: {},
        } as never);
        return {
          type: response.headers.get("Content-Type"),
          lines: (await response.text()).trim().split("\r\n"),
        };
      };
      const magnets = await get("observer", "?segment=magnets&sort=-name");
      expect(magnets.type).toBe("text/csv; charset=utf-8");
      expect(magnets.lines[0]).toMatch(/^project_id,name,segment,minerals,host_country/);
      expect(magnets.lines.slice(1).map((line) => line.split(",")[1])).toEqual([
        "Visakhapatnam Rare Earth Magnet Park",
        "Kitakyushu Sintered Magnet Line",
        "Gwangyang NdFeB Alloy Plant",
      ]);
      expect((await get("observer", "?status=draft")).lines).toHaveLength(1);
      const japan = await get("delegate.jp", "?status=draft");
      expect(japan.lines.join()).toContain("Darwin Heavy Rare Earths Refinery");
    });
  });

  describe("the review", () => {
    it("needs a reason to reject, then records the decision", async () => {
      const fields = (decision: string, reason: string): Array<[string, string]> => [
        ["projectId", ids.project(6)],
        ["version", "1"],
        ["decision", decision],
        ["reason", reason],
      ];
      const missing = await post(review, "secretariat", `${base}/review`, fields("reject", " "));
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as { errors: Record<string, string> }).errors.reason).toBe(
        msg("projects.schema.rejectReason"),
      );
      const [row] = await handle.db.query<{ version: number }>(
        "select version from public.projects where id = $1",
        [ids.project(6)],
      );
      const rejected = await post(review, "secretariat", `${base}/review`, [
        ["projectId", ids.project(6)],
        ["version", String(row?.version)],
        ["decision", "reject"],
        ["reason", "Hydro power contract not yet signed."],
      ]);
      expect(rejected.status).toBe(200);
      const stale = await post(review, "secretariat", `${base}/review`, [
        ["projectId", ids.project(6)],
        ["version", String(row?.version)],
        ["decision", "approve"],
        ["reason", ""],
      ]);
      expect(stale.status).toBe(409);
    });

    it("is for the secretariat only", async () => {
      const response = await statusOf(
        post(review, "delegate.au", `${base}/review`, [
          ["projectId", ids.project(6)],
          ["version", "1"],
          ["decision", "approve"],
        ]),
      );
      expect(response).toBe(403);
    });
  });
});
