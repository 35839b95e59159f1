/*
 * The portfolio page's per-project reads skip drafts in their index ranges (ADR 173): the milestones at risk
 * and the largest gaps say "not a draft" so partial indexes without drafts serve them, and the milestones'
 * count names the open statuses so each is a range of the counts' key. Each is compared here with the
 * statement it replaces, for every member of the partnership, on both engines: the same rows in the same
 * order, the same count. A draft with an at-risk, overdue milestone and a funding gap, and a live project
 * without a location, make the comparison mean something.
 */
import type { Queryable } from "~/db/engine.server";
import { runAsUser } from "~/db/rls.server";
import { getPortfolio } from "~/models/portfolio.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { claimsFor, ids, type DemoUser } from "../support/rls";

const LIVE = ["submitted", "approved", "completed"];

/** The milestones at risk before ADR 173: the same ranges, drafts included in them. */
const OLD_MILESTONES = `select ms.id from public.milestones ms join public.projects pr on pr.id = ms.project_id
   where ms.partnership_id = $1 and pr.status = any($3::text[])
     and (ms.status in ('at_risk', 'delayed')
          or (ms.due_date < $2::date and ms.status in ('planned', 'in_progress')))
   order by ms.due_date, ms.id`;

/** Their count before ADR 173. */
const OLD_COUNT = `select coalesce(sum(c.milestones), 0)::int as count from public.milestone_counts c
   where c.partnership_id = $1 and c.project_status = any($3::text[])
     and (c.status in ('at_risk', 'delayed')
          or (c.due_date < $2::date and c.status not in ('done', 'cancelled')))`;

/** The largest gaps before ADR 173 (drafts left to the project's status). */
const OLD_GAPS = `select p.id, f.committed_minor::text as committed, f.triggered_minor::text as triggered,
     f.pending_minor::text as pending, coalesce(f.sought_minor, 0)::text as sought,
     coalesce(d.drafts_minor, 0)::text as drafts
   from public.project_funding f
   join public.projects p on p.id = f.project_id and p.partnership_id = $1
   left join public.project_draft_funding d on d.project_id = f.project_id and d.member_id = $3
  where f.partnership_id = $1 and p.status = any($2::text[])
  order by (coalesce(f.sought_minor, 0) - f.committed_minor - f.triggered_minor) desc, p.name, p.id`;

/** The names of the live projects without a location, as plainly as they can be asked for. */
const UNPLACED = `select p.name from public.projects p
   where p.partnership_id = $1 and p.status = any($2::text[]) and (p.latitude is null or p.longitude is null)
   order by p.name, p.id`;

const users: DemoUser[] = [
  "secretariat",
  "delegateJp",
  "delegateAu",
  "delegateUs",
  "sponsor",
  "observer",
];

describe.each(engines)("the portfolio's reads on %s", (engine) => {
  let handle: TestDatabase;

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    // Japan's draft Darwin refinery (project 03): its scoping study at risk and overdue, a funding gap. A live
    // project (05) without a location. Written as the owner: no trigger or policy is being tested here.
    await handle.db.query(
      `update public.milestones set status = 'at_risk', due_date = $2::date - 30 where id = $1`,
      [ids.milestone(7), handle.today],
    );
    await handle.db.query(
      "update public.projects set latitude = null, longitude = null where id = $1",
      [ids.project(5)],
    );
  });
  afterAll(() => handle.dispose());

  /** The old statements' answers as `user` sees them. */
  function oldReads(user: DemoUser, memberId: string | null) {
    return runAsUser(handle.db, claimsFor(user), async (tx: Queryable) => ({
      milestones: await tx.query<{ id: string }>(OLD_MILESTONES, [ids.cm, handle.today, LIVE]),
      count: (await tx.query<{ count: number }>(OLD_COUNT, [ids.cm, handle.today, LIVE]))[0]?.count,
      gaps: await tx.query<Record<string, string>>(OLD_GAPS, [ids.cm, LIVE, memberId]),
      unplaced: await tx.query<{ name: string }>(UNPLACED, [ids.cm, LIVE]),
    }));
  }

  it("the fixture has a draft at risk, a draft with a gap, and a live project off the map", async () => {
    const [draft] = await handle.db.query<{ atRisk: boolean; funded: boolean; unplaced: number }>(
      `select exists (select 1 from public.milestones where project_id = $1 and status = 'at_risk') as "atRisk",
              exists (select 1 from public.project_funding where project_id = $1 and project_is_draft) as funded,
              (select count(*)::int from public.projects
                where partnership_id = $2 and status = any($3::text[]) and latitude is null) as unplaced`,
      [ids.project(3), ids.cm, LIVE],
    );
    expect(draft).toEqual({ atRisk: true, funded: true, unplaced: 1 });
  });

  it.each(users)(
    "shows %s the milestones, gaps and unplaced names the old statements did",
    async (user) => {
      const context = await memberContext(handle.db, user);
      const old = await oldReads(user, context.membership.memberId);
      for (const limit of [2, undefined]) {
        const portfolio = await getPortfolio(context, handle.today, { limit });
        const cut = <Row>(rows: Row[]) => rows.slice(0, limit ?? rows.length);
        expect(portfolio.milestonesAtRisk.map((row) => row.id)).toEqual(
          cut(old.milestones).map((r) => r.id),
        );
        expect(portfolio.counts.milestonesAtRisk).toBe(old.count);
        expect(
          portfolio.gaps.map(({ id, committed, triggered, pending, sought, drafts }) => ({
            id,
            committed,
            triggered,
            pending,
            sought,
            drafts,
          })),
        ).toEqual(cut(old.gaps));
        expect(portfolio.map.unplaced).toEqual(cut(old.unplaced).map((row) => row.name));
      }
      // Not vacuous: every member sees milestones at risk, gaps and the project off the map.
      expect(old.milestones.length).toBeGreaterThan(2);
      expect(old.count).toBe(old.milestones.length);
      expect(old.gaps.length).toBeGreaterThan(2);
      expect(old.unplaced.map((row) => row.name)).toEqual(["James Bay Spodumene Mine"]);
    },
  );

  it("never lists the draft's milestone or gap, even to its own government", async () => {
    const portfolio = await getPortfolio(
      await memberContext(handle.db, "delegateJp"),
      handle.today,
    );
    expect(portfolio.milestonesAtRisk.map((row) => row.id)).not.toContain(ids.milestone(7));
    expect(portfolio.gaps.map((row) => row.id)).not.toContain(ids.project(3));
  });
});
