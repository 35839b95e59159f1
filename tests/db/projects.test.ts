/*
 * Projects' model functions on both engines, as real users under RLS: registration (delegates for their
 * government, sponsors as drafts), the review's decisions with optimistic concurrency, the list's filters,
 * sort, search and paging, the CSV rows, the capital stack with dated FX and the project's audit history.
 */
import type { MemberContext } from "~/auth/auth.server";
import { ProjectSchema } from "~/domain/projects/registration";
import { REFUSALS } from "~/domain/refusals";
import { msg } from "~/i18n/message";
import { parseProjectFilters } from "~/domain/projects/filters";
import { getProjectHistory, readsHistory } from "~/models/audit-history.server";
import { getCapitalStack } from "~/models/capital-stack.server";
import { moveMilestone } from "~/models/milestones.server";
import {
  changeProjectStatus,
  exportProjects,
  getProject,
  listProjects,
  listRecentDecisions,
  listReviewQueue,
  registerProject,
} from "~/models/projects.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids, rolledBack, type DemoUser } from "../support/rls";
import { seedDate } from "../support/seed-dates";

const filters = (query = "") => parseProjectFilters(new URLSearchParams(query));

const input = (overrides: Record<string, unknown> = {}) =>
  ProjectSchema.parse({
    name: "Mount Weld Heavy Rare Earths",
    segment: "refining",
    minerals: ["Dy", "Tb"],
    stage: "concept",
    hostCountry: "AU",
    latitude: "-28.862",
    longitude: "122.551",
    currency: "AUD",
    capex: "900,000,000",
    fundingSought: "300,000,000",
    esgNotes: "Baseline water study commissioned.",
    registeringMemberId: ids.member.AU,
    sponsorOrganisationId: ids.sponsor.austral,
    ...overrides,
  });

describe.each(engines)("projects on %s", (engine) => {
  let handle: TestDatabase;
  const as: Partial<Record<DemoUser, MemberContext>> = {};
  const ctx = (user: DemoUser) => as[user] as MemberContext;

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    for (const user of [
      "sponsor",
      "delegateAu",
      "delegateJp",
      "secretariat",
      "observer",
    ] as const) {
      as[user] = await memberContext(handle.db, user);
    }
  });
  afterAll(() => handle.dispose());

  describe("registration", () => {
    it("lets a delegate register for their own government, straight to review", async () => {
      const outcome = await registerProject(ctx("delegateAu"), input(), "submit");
      expect(outcome).toMatchObject({ ok: true, status: "submitted" });
      const project = outcome.ok ? await getProject(ctx("secretariat"), outcome.id) : null;
      expect(project).toMatchObject({
        registeringMemberName: "Australia",
        sponsorOrganisationName: "Austral Rare Earths Ltd",
        fundingSoughtMinor: "30000000000",
        minerals: ["Dy", "Tb"],
        latitude: "-28.862",
      });
    });

    it("registers for the delegate's own government whatever the form said", async () => {
      const outcome = await registerProject(
        ctx("delegateAu"),
        input({ name: "Forged government", registeringMemberId: ids.member.JP }),
        "draft",
      );
      const project = outcome.ok ? await getProject(ctx("delegateAu"), outcome.id) : null;
      expect(project?.registeringMemberName).toBe("Australia");
    });

    it("lets a sponsor draft for its organisation, visible to it and to the government it names only", async () => {
      const outcome = await registerProject(
        ctx("sponsor"),
        input({
          name: "Sponsor's draft",
          registeringMemberId: ids.member.JP,
          sponsorOrganisationId: "",
        }),
        "draft",
      );
      expect(outcome).toMatchObject({ ok: true, status: "draft" });
      if (!outcome.ok) return;
      expect((await getProject(ctx("sponsor"), outcome.id))?.sponsorOrganisationName).toBe(
        "Austral Rare Earths Ltd",
      );
      expect(await getProject(ctx("delegateJp"), outcome.id)).not.toBeNull();
      expect(await getProject(ctx("delegateAu"), outcome.id)).toBeNull();
      expect(await getProject(ctx("secretariat"), outcome.id)).toBeNull();

      // The sponsor cannot submit it; the registering government can.
      const project = await getProject(ctx("delegateJp"), outcome.id);
      const bySponsor = await changeProjectStatus(ctx("sponsor"), {
        projectId: outcome.id,
        version: project?.version ?? 0,
        change: "submit",
      });
      expect(bySponsor).toMatchObject({
        ok: false,
        status: 403,
        message: msg("database.delegatesSubmit"),
      });
      const byGovernment = await changeProjectStatus(ctx("delegateJp"), {
        projectId: outcome.id,
        version: project?.version ?? 0,
        change: "submit",
      });
      expect(byGovernment).toMatchObject({ ok: true, project: { status: "submitted" } });
    });

    it("does not let a sponsor submit at registration, nor an observer register", async () => {
      expect(await registerProject(ctx("sponsor"), input(), "submit")).toMatchObject({
        ok: false,
        errors: { form: REFUSALS.sponsorSubmits },
      });
      await expect(registerProject(ctx("observer"), input(), "draft")).resolves.toMatchObject({
        ok: false,
      });
    });
  });

  describe("the secretariat's review", () => {
    it("approves against the version it saw; a stale decision is refused", async () => {
      const queue = await listReviewQueue(ctx("secretariat"), 1);
      const becancour = queue.rows.find((row) => row.id === ids.project(6));
      expect(becancour).toBeDefined();
      const version = becancour?.version ?? 0;
      const approved = await changeProjectStatus(ctx("secretariat"), {
        projectId: ids.project(6),
        version,
        change: "approve",
        reason: null,
      });
      expect(approved).toMatchObject({
        ok: true,
        project: { status: "approved", version: version + 1 },
      });
      const again = await changeProjectStatus(ctx("secretariat"), {
        projectId: ids.project(6),
        version,
        change: "reject",
        reason: "Too late.",
      });
      expect(again).toMatchObject({ ok: false, status: 409 });
      const decisions = await listRecentDecisions(ctx("secretariat"));
      expect(decisions[0]).toMatchObject({
        projectId: ids.project(6),
        decision: "approved",
        decidedBy: "Amara Okafor",
      });
    });

    it("records a rejection's reason, which the sponsor and the registering government read", async () => {
      const registered = await registerProject(
        ctx("delegateAu"),
        input({ name: "To be rejected" }),
        "submit",
      );
      if (!registered.ok) throw new Error("not registered");
      const rejected = await changeProjectStatus(ctx("secretariat"), {
        projectId: registered.id,
        version: 1,
        change: "reject",
        reason: "Tailings plan missing.",
      });
      expect(rejected).toMatchObject({ ok: true, project: { status: "rejected" } });
      for (const user of ["sponsor", "delegateAu"] as const) {
        expect(await getProject(ctx(user), registered.id)).toMatchObject({
          status: "rejected",
          decisionReason: "Tailings plan missing.",
        });
      }
    });

    it("refuses a decision from anyone but the secretariat", async () => {
      const registered = await registerProject(
        ctx("delegateAu"),
        input({ name: "Self-approved?" }),
        "submit",
      );
      if (!registered.ok) throw new Error("not registered");
      const outcome = await changeProjectStatus(ctx("delegateAu"), {
        projectId: registered.id,
        version: 1,
        change: "approve",
        reason: null,
      });
      expect(outcome).toMatchObject({ ok: false, status: 403 });
    });
  });

  describe("the list", () => {
    it("shows drafts only to their government and sponsor", async () => {
      const names = async (user: DemoUser) =>
        (await listProjects(ctx(user), filters("status=draft"))).rows.map((row) => row.name);
      expect(await names("delegateJp")).toContain("Darwin Heavy Rare Earths Refinery");
      expect(await names("sponsor")).toContain("Darwin Heavy Rare Earths Refinery");
      expect(await names("observer")).toEqual([]);
      expect(await names("secretariat")).toEqual([]);
    });

    it("filters by segment, mineral, stage, host, status, government and sponsor, and searches by name", async () => {
      const count = async (query: string) =>
        (await listProjects(ctx("observer"), filters(query))).total;
      expect(await count("segment=magnets")).toBe(3);
      expect(await count("mineral=lithium")).toBe(3);
      expect(await count("stage=construction")).toBe(5);
      expect(await count("host=CA")).toBe(2);
      expect(await count("status=approved")).toBeGreaterThanOrEqual(7);
      // Pilbara, Kitakyushu, and the sponsor's draft Japan submitted above.
      expect(await count(`member=${ids.member.JP}`)).toBe(3);
      expect(await count(`sponsor=${ids.sponsor.meridian}`)).toBe(3);
      expect(await count("q=LITHIUM")).toBe(2);
      expect(await count("q=100%25")).toBe(0);
      expect(await count("q=_")).toBe(0);
    });

    it("sorts on the server and pages 25 at a time", async () => {
      for (let i = 0; i < 30; i += 1) {
        await registerProject(
          ctx("delegateAu"),
          input({ name: `Paging test ${String(i).padStart(2, "0")}` }),
          "submit",
        );
      }
      const first = await listProjects(ctx("observer"), filters("q=Paging test"));
      expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2 });
      expect(first.rows).toHaveLength(25);
      expect(first.rows[0]?.name).toBe("Paging test 00");
      const second = await listProjects(ctx("observer"), filters("q=Paging test&page=2"));
      expect(second.rows.map((row) => row.name)).toEqual([
        "Paging test 25",
        "Paging test 26",
        "Paging test 27",
        "Paging test 28",
        "Paging test 29",
      ]);
      const beyond = await listProjects(ctx("observer"), filters("q=Paging test&page=9"));
      expect(beyond.page).toBe(2);
      const descending = await listProjects(ctx("observer"), filters("q=Paging test&sort=-name"));
      expect(descending.rows[0]?.name).toBe("Paging test 29");
      const order = ["concept", "feasibility", "construction", "production"];
      const stages = (await listProjects(ctx("observer"), filters("sort=stage&page=2"))).rows.map(
        (row) => order.indexOf(row.stage),
      );
      expect(stages).toEqual([...stages].sort((a, b) => a - b));
      expect(stages.at(-1)).toBe(3);
    });

    it("exports every matching row under the same filters and RLS", async () => {
      const rows = await exportProjects(ctx("observer"), filters("q=Paging test&page=2"));
      expect(rows).toHaveLength(30);
      expect(await exportProjects(ctx("observer"), filters("status=draft"))).toEqual([]);
    });
  });

  describe("the capital stack", () => {
    const kalgoorlie = {
      id: ids.project(1),
      partnershipId: ids.cm,
      currency: "AUD",
      fundingSoughtMinor: "40000000000",
    };

    // Two other governments commit US$1m each: Australia's pledge (conditional on two others) then counts.
    const twoOthersCommit = `insert into public.pledges (partnership_id, project_id, member_id, amount_minor,
        currency, instrument, status, committed_at)
      values ('${ids.cm}', '${ids.project(1)}', '${ids.member.JP}', 100000000, 'USD', 'grant', 'committed', now()),
             ('${ids.cm}', '${ids.project(1)}', '${ids.member.US}', 100000000, 'USD', 'loan', 'committed', now())`;

    it("leaves out a conditional pledge whose rule does not hold yet, as the Pledges tab does", async () => {
      const stack = await rolledBack(handle.db, "delegateAu", (tx) =>
        getCapitalStack(tx, kalgoorlie, "USD", handle.today),
      );
      expect(stack.pledged).toEqual([]);
      expect(stack.project).toMatchObject({ committedMinor: "0", gapMinor: "40000000000" });
    });

    it("sums the pledges that count, in AUD and in USD at the dated rate", async () => {
      const stack = await rolledBack(
        handle.db,
        "delegateAu",
        (tx) => getCapitalStack(tx, kalgoorlie, "USD", handle.today),
        twoOthersCommit,
      );
      expect(stack.pledged).toEqual([
        { currency: "AUD", minor: "5000000000", count: 1 },
        { currency: "USD", minor: "200000000", count: 2 },
      ]);
      expect(stack.reporting).toMatchObject({
        currency: "USD",
        soughtMinor: "26160000000",
        committedMinor: "3470000000",
        complete: true,
      });
      expect(stack.onDate).toBe(handle.today);
      expect(stack.rates).toEqual([
        { currency: "AUD", rate: "0.6540000000", asOf: seedDate("2026-11-20", handle.today) },
      ]);
    });

    it("never counts a draft pledge, even for the government that drafted it", async () => {
      const stack = await rolledBack(
        handle.db,
        "delegateJp",
        (tx) => getCapitalStack(tx, kalgoorlie, "USD", handle.today),
        twoOthersCommit,
      );
      expect(stack.pledgeCount).toBe(3);
      expect(stack.pledged.map((group) => group.currency)).not.toContain("JPY");
    });

    it("says so when a rate is missing instead of guessing", async () => {
      const stack = await rolledBack(
        handle.db,
        "delegateAu",
        (tx) => getCapitalStack(tx, kalgoorlie, "USD", handle.today),
        `delete from public.fx_rates where currency = 'AUD'`,
      );
      expect(stack.missingRates).toEqual(["AUD"]);
      expect(stack.reporting).toMatchObject({
        soughtMinor: null,
        committedMinor: "0",
        complete: false,
      });
    });
  });

  describe("history", () => {
    it("shows who moved a milestone, what changed and when, to those who read the trail", async () => {
      const [row] = await handle.db.query<{ version: number }>(
        "select version from public.milestones where id = $1",
        [ids.milestone(5)],
      );
      await moveMilestone(ctx("sponsor"), {
        milestoneId: ids.milestone(5),
        version: row?.version ?? 0,
        status: "at_risk",
      });
      const history = await getProjectHistory(ctx("delegateJp"), ids.project(2), null);
      const latest = history.events[0];
      expect(latest).toMatchObject({
        // The person's name (ADR 092), not their e-mail address.
        actor: "Grace Whitfield",
        action: "update",
        table: "milestones",
        subject: msg("history.subject.milestone", {
          title: "Pilot separation circuit commissioned",
        }),
      });
      expect(latest?.changes.find((change) => change.field === "status")).toEqual({
        field: "status",
        before: "in_progress",
        after: "at_risk",
      });
      expect(history.events.some((event) => event.table === "milestone_updates")).toBe(true);
      expect(history.events.some((event) => event.table === "projects")).toBe(true);
    });

    it("is read by the secretariat and delegates, not by sponsors or observers (ADR 012)", async () => {
      expect(readsHistory(ctx("secretariat"))).toBe(true);
      expect(readsHistory(ctx("delegateAu"))).toBe(true);
      expect(readsHistory(ctx("sponsor"))).toBe(false);
      expect((await getProjectHistory(ctx("observer"), ids.project(2), null)).events).toEqual([]);
      expect((await getProjectHistory(ctx("sponsor"), ids.project(2), null)).events).toEqual([]);
    });

    it("keeps a draft's history from other governments", async () => {
      expect((await getProjectHistory(ctx("delegateAu"), ids.project(3), null)).events).toEqual([]);
      expect(
        (await getProjectHistory(ctx("delegateJp"), ids.project(3), null)).events.length,
      ).toBeGreaterThan(0);
    });
  });
});
