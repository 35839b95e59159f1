/*
 * The board's model functions on both engines, as real users under RLS: the windowed board and its filters,
 * moves (optimistic concurrency, complete_milestone for done, who may reopen), edits and updates; and the
 * proof that app/domain/permissions.ts states exactly the rule the database enforces.
 */
import type { MemberContext } from "~/auth/auth.server";
import { MILESTONE_STATUSES, type MilestoneStatus } from "~/domain/milestones";
import { actorOf, canMove } from "~/domain/permissions";
import { parseBoardFilters } from "~/domain/projects/filters";
import { translate } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";
import { getBoard, getTimeline } from "~/models/board.server";
import {
  addMilestone,
  editMilestone,
  moveMilestone,
  postMilestoneUpdate,
} from "~/models/milestones.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids, rolledBack, type DemoUser } from "../support/rls";
import { seedDate } from "../support/seed-dates";

const filters = (query = "") => parseBoardFilters(new URLSearchParams(query));

describe.each(engines)("the board on %s", (engine) => {
  let handle: TestDatabase;
  const as: Partial<Record<DemoUser, MemberContext>> = {};
  const ctx = (user: DemoUser) => {
    const context = as[user];
    if (!context) throw new Error(`no context for ${user}`);
    return context;
  };
  const versionOf = async (milestone: string) => {
    const [row] = await handle.db.query<{ version: number; status: string }>(
      "select version, status from public.milestones where id = $1",
      [milestone],
    );
    return row ?? { version: 0, status: "gone" };
  };

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    for (const user of [
      "sponsor",
      "sponsorNorthern",
      "delegateAu",
      "delegateJp",
      "secretariat",
      "observer",
      "pacificSecretariat",
    ] as const) {
      as[user] = await memberContext(
        handle.db,
        user,
        user === "pacificSecretariat" ? "pacific-battery" : "critical-minerals",
      );
    }
  });
  afterAll(() => handle.dispose());

  describe("reading", () => {
    it("shows every approved project's milestones, one column per status, with overdue ones counted", async () => {
      const board = await getBoard(ctx("observer"), filters(), handle.today);
      expect(board.columns.map((column) => column.status)).toEqual([...MILESTONE_STATUSES]);
      expect(board.total).toBe(19);
      expect(board.columns.map((column) => column.total)).toEqual([6, 4, 2, 1, 6, 0]);
      // Open and past their due date on the load day: 09 (at risk), 12 (delayed), 16 (in progress).
      expect(board.overdue).toBe(3);
      expect(board.today).toBe(handle.today);
      const cards = board.columns.flatMap((column) => column.cards);
      expect(cards.map((card) => card.projectName)).not.toContain(
        "Darwin Heavy Rare Earths Refinery",
      );
      expect(cards.map((card) => card.projectName)).not.toContain("Bécancour Graphite Anode Plant");
      const planned = board.columns[0]?.cards.map((card) => card.dueDate) ?? [];
      expect(planned).toEqual([...planned].sort());
    });

    it("computes each card's moves from the member's role: observers none, sponsors their own", async () => {
      const observer = await getBoard(ctx("observer"), filters(), handle.today);
      expect(
        observer.columns.flatMap((c) => c.cards).every((card) => card.moves.length === 0),
      ).toBe(true);
      const sponsor = await getBoard(ctx("sponsor"), filters(), handle.today);
      const movable = sponsor.columns
        .flatMap((c) => c.cards)
        .filter((card) => card.moves.length > 0)
        .map((card) => card.projectName);
      expect(new Set(movable)).toEqual(
        new Set(["Kalgoorlie Basin Rare Earths Mine", "Pilbara Rare Earth Separation Plant"]),
      );
      const owners = sponsor.columns.flatMap((c) => c.cards).map((card) => card.owner);
      expect(owners).toContain("Austral Rare Earths Ltd");
    });

    it("filters by segment, mineral, host country, sponsor and attention", async () => {
      const total = async (query: string) =>
        (await getBoard(ctx("delegateAu"), filters(query), handle.today)).total;
      expect(await total("segment=magnets")).toBe(5);
      expect(await total("mineral=lithium")).toBe(3);
      expect(await total("host=CA")).toBe(3);
      expect(await total(`sponsor=${ids.sponsor.hokuyo}`)).toBe(5);
      const attention = await getBoard(ctx("delegateAu"), filters("attention=1"), handle.today);
      expect(
        attention.columns
          .flatMap((c) => c.cards)
          .map((card) => card.id)
          .sort(),
      ).toEqual([ids.milestone(9), ids.milestone(12), ids.milestone(16), ids.milestone(19)].sort());
    });

    it("is windowed: at most perColumn cards per column, totals intact", async () => {
      const board = await getBoard(
        ctx("secretariat"),
        { ...filters(), perColumn: 1 },
        handle.today,
      );
      expect(board.columns.map((c) => c.cards.length)).toEqual([1, 1, 1, 1, 1, 0]);
      expect(board.total).toBe(19);
    });

    it("keeps another partnership's board apart", async () => {
      const pacific = await getBoard(ctx("pacificSecretariat"), filters(), handle.today);
      expect(pacific.total).toBe(2);
      expect(pacific.columns.flatMap((c) => c.cards).map((card) => card.projectName)).toEqual([
        "Townsville Nickel-Cobalt Refinery",
        "Townsville Nickel-Cobalt Refinery",
      ]);
    });

    it("lays out the timeline a page of projects at a time", async () => {
      const timeline = await getTimeline(
        ctx("observer"),
        {
          segment: null,
          mineral: null,
          host: null,
          sponsor: null,
          from: null,
          months: 24,
          page: 1,
        },
        handle.today,
      );
      expect(timeline.today).toBe(handle.today);
      expect(timeline.total).toBe(7);
      const kalgoorlie = timeline.projects.find((p) => p.id === ids.project(1));
      expect(kalgoorlie?.milestones.map((m) => m.dueDate)).toEqual(
        ["2026-03-31", "2026-12-15", "2027-09-30"].map((day) => seedDate(day, handle.today)),
      );
    });
  });

  describe("moving a card", () => {
    it("moves with the version the person saw and bumps the version", async () => {
      const milestone = ids.milestone(3);
      const before = await versionOf(milestone);
      const outcome = await moveMilestone(ctx("sponsor"), {
        milestoneId: milestone,
        version: before.version,
        status: "in_progress",
      });
      expect(outcome).toMatchObject({
        ok: true,
        milestone: { status: "in_progress", version: before.version + 1 },
      });
      expect(await versionOf(milestone)).toEqual({
        version: before.version + 1,
        status: "in_progress",
      });
    });

    it("refuses the second of two moves made from the same version, with the fresh state", async () => {
      const milestone = ids.milestone(6);
      const { version } = await versionOf(milestone);
      const first = await moveMilestone(ctx("sponsor"), {
        milestoneId: milestone,
        version,
        status: "at_risk",
      });
      expect(first.ok).toBe(true);
      const second = await moveMilestone(ctx("delegateJp"), {
        milestoneId: milestone,
        version,
        status: "delayed",
      });
      expect(second).toMatchObject({
        ok: false,
        kind: "conflict",
        status: 409,
        current: { id: milestone, status: "at_risk", version: version + 1 },
      });
      expect(translate("en", second.ok ? "" : second.message)).toBe(
        "Someone moved “First commercial NdPr oxide” to At risk a moment ago, so it was not moved to Delayed. The board shows the current state.",
      );
      expect(await versionOf(milestone)).toEqual({ version: version + 1, status: "at_risk" });
    });

    it("reports a conflict on done too (complete_milestone's PT409)", async () => {
      const milestone = ids.milestone(20);
      const { version } = await versionOf(milestone);
      await moveMilestone(ctx("secretariat"), {
        milestoneId: milestone,
        version,
        status: "in_progress",
      });
      const late = await moveMilestone(ctx("secretariat"), {
        milestoneId: milestone,
        version,
        status: "done",
      });
      expect(late).toMatchObject({
        ok: false,
        kind: "conflict",
        current: { status: "in_progress" },
      });
    });

    it("completes through complete_milestone: dated, and releasing the tranches of live pledges", async () => {
      const milestone = ids.milestone(2);
      const { version } = await versionOf(milestone);
      const outcome = await moveMilestone(ctx("delegateAu"), {
        milestoneId: milestone,
        version,
        status: "done",
        // Money depends on it: the move carries its evidence (ADR 111).
        note: "Commissioning certificate signed.",
      });
      expect(outcome).toMatchObject({ ok: true, milestone: { status: "done" } });
      expect(outcome.ok && outcome.milestone.completedAt).toBeTruthy();
      const tranches = await handle.db.query<{ id: string; status: string }>(
        "select id, status from public.tranches where milestone_id = $1 order by id",
        [milestone],
      );
      expect(Object.fromEntries(tranches.map((t) => [t.id, t.status]))).toEqual({
        [ids.tranche(5)]: "scheduled", // a draft pledge's tranche waits
        [ids.tranche(6)]: "requested",
      });
    });

    it("refuses observers and other sponsors, changing nothing", async () => {
      const milestone = ids.milestone(5);
      const before = await versionOf(milestone);
      for (const user of ["observer", "sponsorNorthern"] as const) {
        const outcome = await moveMilestone(ctx(user), {
          milestoneId: milestone,
          version: before.version,
          status: "delayed",
        });
        expect(outcome).toMatchObject({ ok: false, kind: "refused", status: 403 });
      }
      expect(await versionOf(milestone)).toEqual(before);
    });

    it("lets only the secretariat reopen a done milestone", async () => {
      const milestone = ids.milestone(4);
      const { version } = await versionOf(milestone);
      const sponsor = await moveMilestone(ctx("sponsor"), {
        milestoneId: milestone,
        version,
        status: "in_progress",
      });
      expect(sponsor).toMatchObject({
        ok: false,
        status: 403,
        message: msg("database.secretariatReopens", { status: "done" }),
      });
      const secretariat = await moveMilestone(ctx("secretariat"), {
        milestoneId: milestone,
        version,
        status: "in_progress",
      });
      expect(secretariat).toMatchObject({
        ok: true,
        milestone: { status: "in_progress", completedAt: null },
      });
    });

    it("answers not found for a milestone of another partnership or a draft the member cannot see", async () => {
      for (const milestone of [ids.pbMilestone(1), ids.milestone(7)]) {
        const outcome = await moveMilestone(ctx("delegateAu"), {
          milestoneId: milestone,
          version: 1,
          status: "done",
        });
        expect(outcome).toMatchObject({ ok: false, status: 404 });
      }
    });
  });

  describe("the rule in TypeScript is the rule in the database", () => {
    const project = {
      status: "approved",
      registeringMemberId: ids.member.AU,
      sponsorOrganisationId: ids.sponsor.austral,
    };

    it("agrees for every role × from × to on Kalgoorlie's milestone", async () => {
      const milestone = ids.milestone(1);
      const users = [
        "sponsor",
        "sponsorNorthern",
        "delegateAu",
        "delegateJp",
        "secretariat",
        "observer",
      ] as const;
      const disagreements: string[] = [];
      for (const user of users) {
        for (const from of MILESTONE_STATUSES) {
          for (const to of MILESTONE_STATUSES) {
            if (from === to) continue;
            const database = await rolledBack(
              handle.db,
              user,
              async (tx) => {
                try {
                  const rows = await tx.query(
                    "update public.milestones set status = $2 where id = $1 returning id",
                    [milestone, to],
                  );
                  return rows.length === 1;
                } catch {
                  return false;
                }
              },
              `update public.milestones set status = '${from}' where id = '${milestone}'`,
            );
            const domain = canMove(
              actorOf(ctx(user)),
              project,
              from as MilestoneStatus,
              to as MilestoneStatus,
            );
            if (database !== domain)
              disagreements.push(`${user}: ${from} → ${to} db=${database} ts=${domain}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    });
  });

  describe("adding, editing and updating", () => {
    it("adds a milestone at the end for an editor, refuses an observer", async () => {
      const added = await addMilestone(ctx("sponsor"), ids.project(1), {
        title: "Offtake agreement signed",
        dueDate: "2027-05-31",
        notes: null,
        status: "planned",
      });
      expect(added).toMatchObject({
        ok: true,
        milestone: { title: "Offtake agreement signed", position: 3, version: 1 },
      });
      const refused = await addMilestone(ctx("observer"), ids.project(1), {
        title: "Nope",
        dueDate: "2027-05-31",
        notes: null,
        status: "planned",
      });
      expect(refused).toMatchObject({ ok: false, status: 403 });
    });

    it("edits against the version seen, and explains a stale edit", async () => {
      const milestone = ids.milestone(10);
      const { version } = await versionOf(milestone);
      const edited = await editMilestone(ctx("delegateJp"), {
        milestoneId: milestone,
        version,
        title: "Line 2 ramp-up to 3,000 t a year",
        dueDate: "2028-01-31",
        notes: "Moved after the furnace delay.",
      });
      expect(edited).toMatchObject({
        ok: true,
        milestone: { dueDate: "2028-01-31", version: version + 1 },
      });
      const stale = await editMilestone(ctx("secretariat"), {
        milestoneId: milestone,
        version,
        title: "Overwritten?",
        dueDate: "2027-01-01",
        notes: null,
      });
      expect(stale).toMatchObject({
        ok: false,
        kind: "conflict",
        current: { dueDate: "2028-01-31" },
      });
      expect(translate("en", stale.ok ? "" : stale.message)).toMatch(/while you were editing it/);
    });

    it("posts an update with a status change in one transaction, or nothing when the version moved", async () => {
      const milestone = ids.milestone(13);
      const count = async () =>
        (
          await handle.db.query<{ n: number }>(
            "select count(*)::int as n from public.milestone_updates where milestone_id = $1",
            [milestone],
          )
        )[0]?.n;
      const { version } = await versionOf(milestone);
      const posted = await postMilestoneUpdate(ctx("sponsorNorthern"), {
        milestoneId: milestone,
        version,
        note: "Pit dewatering started.",
        statusChange: "in_progress",
        evidenceUrl: "https://evidence.example/james-bay/dewatering.pdf",
      });
      expect(posted).toMatchObject({ ok: true, milestone: { status: "in_progress" } });
      expect(await count()).toBe(1);
      const stale = await postMilestoneUpdate(ctx("sponsorNorthern"), {
        milestoneId: milestone,
        version,
        note: "Second note from an old page.",
        statusChange: "at_risk",
        evidenceUrl: null,
      });
      expect(stale).toMatchObject({ ok: false, kind: "conflict" });
      expect(await count()).toBe(1);
      const noteOnly = await postMilestoneUpdate(ctx("sponsorNorthern"), {
        milestoneId: milestone,
        version,
        note: "A note needs no current version.",
        statusChange: null,
        evidenceUrl: null,
      });
      expect(noteOnly.ok).toBe(true);
      expect(await count()).toBe(2);
    });

    it("refuses an update from an observer", async () => {
      const outcome = await postMilestoneUpdate(ctx("observer"), {
        milestoneId: ids.milestone(5),
        version: 1,
        note: "Observed.",
        statusChange: null,
        evidenceUrl: null,
      });
      expect(outcome).toMatchObject({ ok: false, status: 403 });
    });
  });

  describe("the board's counts (ADR 072)", () => {
    /** What the whole board counts, straight from the milestones, as of the load day. */
    async function countedDirectly() {
      const rows = await handle.db.query<{
        status: MilestoneStatus;
        total: number;
        overdue: number;
      }>(
        `select m.status, count(*)::int as total,
                count(*) filter (where m.due_date < $2::date and m.status not in ('done', 'cancelled'))::int
                  as overdue
           from public.milestones m join public.projects p on p.id = m.project_id
          where m.partnership_id = $1 and p.status = 'approved' group by m.status`,
        [ids.cm, handle.today],
      );
      return MILESTONE_STATUSES.map((status) => ({
        status,
        total: rows.find((row) => row.status === status)?.total ?? 0,
        overdue: rows.find((row) => row.status === status)?.overdue ?? 0,
      }));
    }
    async function expectCountsKept() {
      const board = await getBoard(ctx("observer"), filters(), handle.today);
      const direct = await countedDirectly();
      expect(board.columns.map((column) => column.total)).toEqual(direct.map((row) => row.total));
      expect(board.overdue).toBe(direct.reduce((sum, row) => sum + row.overdue, 0));
    }

    it("keeps the whole board's counts as milestones and projects change", async () => {
      await expectCountsKept();
      // A submitted project approved brings its milestones; one moves, one is re-dated, one removed.
      await handle.db.exec(
        `update public.projects set status = 'approved' where id = '${ids.project(6)}';
         update public.milestones set status = 'at_risk'
          where id = (select id from public.milestones where project_id = '${ids.project(6)}' limit 1);
         update public.milestones set due_date = due_date - 400
          where id = (select id from public.milestones where project_id = '${ids.project(2)}'
                       and status not in ('done', 'cancelled') order by position limit 1);
         delete from public.milestones
          where id = (select id from public.milestones where project_id = '${ids.project(2)}'
                       order by position desc limit 1);`,
      );
      await expectCountsKept();
      // An approved project completed leaves the board with all of its milestones.
      await handle.db.exec(
        `update public.projects set status = 'completed' where id = '${ids.project(6)}';
         insert into public.milestones (partnership_id, project_id, title, due_date, status)
         values ('${ids.cm}', '${ids.project(2)}', 'Counted on arrival', '2030-01-31', 'planned');`,
      );
      await expectCountsKept();
    });
  });
});
