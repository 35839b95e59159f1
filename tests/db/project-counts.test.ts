/*
 * The project list's counts (ADR 163) are kept per change by a trigger: after generated sequences of changes
 * to projects, the table equals the same counts grouped from the rows, on both engines; and the list's total
 * read from it equals the count of the rows each member may read, drafts of several parties present.
 */
import fc from "fast-check";
import type { Database } from "~/db/engine.server";
import { parseProjectFilters } from "~/domain/projects/filters";
import { PROJECT_STATUSES, SEGMENTS, STAGES } from "~/domain/projects/vocabulary";
import { listProjects } from "~/models/projects.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids, rolledBack, type DemoUser } from "../support/rls";

/** The counts as the trigger keeps them. */
const KEPT = `
  select partnership_id, segment, stage, status, registering_member_id, sponsor_organisation_id, projects
    from public.project_counts
   order by 1, 2, 3, 4, 5, 6`;

/** The same counts grouped from the projects (a draft's group names its two parties). */
const DIRECT = `
  select partnership_id, segment, stage, status,
         case when status = 'draft' then registering_member_id end as registering_member_id,
         case when status = 'draft' then sponsor_organisation_id end as sponsor_organisation_id,
         count(*)::int as projects
    from public.projects
   group by 1, 2, 3, 4, 5, 6
   order by 1, 2, 3, 4, 5, 6`;

const MEMBERS = [ids.member.JP, ids.member.AU, ids.member.CA] as const;
const SPONSORS = [ids.sponsor.austral, ids.sponsor.northern, ids.sponsor.meridian, null] as const;

type Change =
  | {
      kind: "register";
      segment: number;
      stage: number;
      draft: boolean;
      member: number;
      sponsor: number;
    }
  | { kind: "status"; project: number; status: number }
  | { kind: "segment"; project: number; segment: number }
  | { kind: "stage"; project: number; stage: number }
  | { kind: "registering"; project: number; member: number }
  | { kind: "sponsor"; project: number; sponsor: number }
  | { kind: "delete"; project: number };

const project = fc.nat({ max: 40 });
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant("register" as const),
    segment: fc.nat({ max: SEGMENTS.length - 1 }),
    stage: fc.nat({ max: STAGES.length - 1 }),
    draft: fc.boolean(),
    member: fc.nat({ max: MEMBERS.length - 1 }),
    sponsor: fc.nat({ max: SPONSORS.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("status" as const),
    project,
    status: fc.nat({ max: PROJECT_STATUSES.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("segment" as const),
    project,
    segment: fc.nat({ max: SEGMENTS.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("stage" as const),
    project,
    stage: fc.nat({ max: STAGES.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("registering" as const),
    project,
    member: fc.nat({ max: MEMBERS.length - 1 }),
  }),
  fc.record({
    kind: fc.constant("sponsor" as const),
    project,
    sponsor: fc.nat({ max: SPONSORS.length - 1 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), project }),
);

/** The project of the partnership at position `n` (by id, wrapping). */
async function nth(db: Database, n: number): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    "select id from public.projects where partnership_id = $1 order by id",
    [ids.cm],
  );
  return rows.length === 0 ? null : (rows[n % rows.length]?.id ?? null);
}

/** Applies one change as the owner; guards may refuse some (a status that cannot follow another): fine. */
async function apply(db: Database, change: Change): Promise<boolean> {
  const set = (column: string, value: unknown) =>
    nth(db, "project" in change ? change.project : 0).then((id) =>
      db.query(`update public.projects set ${column} = $2 where id = $1`, [id, value]),
    );
  try {
    switch (change.kind) {
      case "register":
        await db.query(
          `insert into public.projects (partnership_id, name, segment, minerals, host_country, stage, currency,
             status, registering_member_id, sponsor_organisation_id)
           values ($1, 'Generated ' || gen_random_uuid(), $2, '{lithium}', 'NO', $3, 'USD', $4, $5, $6)`,
          [
            ids.cm,
            SEGMENTS[change.segment],
            STAGES[change.stage],
            change.draft ? "draft" : "submitted",
            MEMBERS[change.member],
            SPONSORS[change.sponsor],
          ],
        );
        break;
      case "status":
        await set("status", PROJECT_STATUSES[change.status]);
        break;
      case "segment":
        await set("segment", SEGMENTS[change.segment]);
        break;
      case "stage":
        await set("stage", STAGES[change.stage]);
        break;
      case "registering":
        await set("registering_member_id", MEMBERS[change.member]);
        break;
      case "sponsor":
        await set("sponsor_organisation_id", SPONSORS[change.sponsor]);
        break;
      case "delete":
        await db.query("delete from public.projects where id = $1", [
          await nth(db, change.project),
        ]);
        break;
    }
    return true;
  } catch {
    return false;
  }
}

/** Who reads the list: both parties of drafts, parties of none, and a person with roles in two partnerships. */
const READERS: DemoUser[] = [
  "delegateJp",
  "delegateAu",
  "sponsor",
  "sponsorNorthern",
  "secretariat",
  "observer",
  "twoHats",
];

/** Every filter the counts answer: none, one of segment, stage and status, and each pair of them. */
const FILTERS = [
  "",
  ...SEGMENTS.map((s) => `segment=${s}`),
  ...STAGES.map((s) => `stage=${s}`),
  ...PROJECT_STATUSES.map((s) => `status=${s}`),
  ...SEGMENTS.flatMap((s) => [`segment=${s}&status=draft`, `segment=${s}&stage=feasibility`]),
  "stage=concept&status=draft",
  "segment=refining&stage=construction&status=approved",
];

describe.each(engines)("the project list's counts on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  it("are filled for the seed by the migration's backfill and the trigger", async () => {
    const kept = await handle.db.query(KEPT);
    expect(kept.length).toBeGreaterThan(5);
    expect(kept).toEqual(await handle.db.query(DIRECT));
    // Japan's Darwin draft, sponsored by Austral, is a group of its own that names both parties.
    expect(
      await handle.db.query(
        "select registering_member_id, sponsor_organisation_id, projects from public.project_counts where status = 'draft'",
      ),
    ).toEqual([
      {
        registering_member_id: ids.member.JP,
        sponsor_organisation_id: ids.sponsor.austral,
        projects: 1,
      },
    ]);
  });

  it("equal the counts grouped from the rows after generated sequences of changes", async () => {
    const applied = new Map<Change["kind"], number>();
    await fc.assert(
      fc.asyncProperty(fc.array(changeArb, { minLength: 5, maxLength: 15 }), async (changes) => {
        for (const change of changes) {
          if (await apply(handle.db, change)) {
            applied.set(change.kind, (applied.get(change.kind) ?? 0) + 1);
          }
        }
        expect(await handle.db.query(KEPT)).toEqual(await handle.db.query(DIRECT));
      }),
      { numRuns: 10, seed: 163 },
    );
    // Every kind of change went through at least once (a refused one changes nothing, which proves little).
    expect([...applied.keys()].sort()).toEqual([
      "delete",
      "register",
      "registering",
      "segment",
      "sponsor",
      "stage",
      "status",
    ]);
  });

  it("give every member the count of the projects it may read, other parties' drafts present", async () => {
    // Drafts of several governments and sponsors, one without a sponsor, beside the seed's Darwin draft.
    for (const [member, sponsor] of [
      [ids.member.AU, ids.sponsor.northern],
      [ids.member.CA, null],
      [ids.member.JP, ids.sponsor.meridian],
    ]) {
      await apply(handle.db, {
        kind: "register",
        segment: 1,
        stage: 0,
        draft: true,
        member: MEMBERS.indexOf(member as (typeof MEMBERS)[number]),
        sponsor: SPONSORS.indexOf(sponsor as (typeof SPONSORS)[number]),
      });
    }
    const [drafts] = await handle.db.query<{ parties: number; unsponsored: number }>(
      `select count(distinct (registering_member_id, sponsor_organisation_id))::int as parties,
              count(*) filter (where sponsor_organisation_id is null)::int as unsponsored
         from public.projects where partnership_id = $1 and status = 'draft'`,
      [ids.cm],
    );
    expect(drafts?.parties).toBeGreaterThan(2);
    expect(drafts?.unsponsored).toBeGreaterThan(0);
    for (const reader of READERS) {
      const context = await memberContext(handle.db, reader);
      for (const query of FILTERS) {
        const filters = parseProjectFilters(new URLSearchParams(query));
        const conditions = ["partnership_id = $1"];
        const params: unknown[] = [ids.cm];
        for (const column of ["segment", "stage", "status"] as const) {
          if (filters[column]) {
            params.push(filters[column]);
            conditions.push(`${column} = $${params.length}`);
          }
        }
        const [rows] = await rolledBack(handle.db, reader, (tx) =>
          tx.query<{ n: number }>(
            `select count(*)::int as n from public.projects where ${conditions.join(" and ")}`,
            params,
          ),
        );
        const page = await listProjects(context, filters);
        expect({ reader, query, total: page.total }).toEqual({ reader, query, total: rows?.n });
      }
    }
  });
});
