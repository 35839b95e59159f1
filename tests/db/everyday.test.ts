/*
 * Everyday use (issue 12) on both engines, as real users under RLS: revising a draft or rejected project
 * (outputs included) against its version, a registration fixed from submission on, the secretariat taking a
 * decision back within its window (and the window SQL and TypeScript share), a draft pledge's terms edited
 * until committed, a withdrawn pledge's unpaid tranches cancelled, and evidence asked for when completing a
 * milestone releases money.
 */
import type { MemberContext } from "~/auth/auth.server";
import { DECISION_UNDO_MINUTES } from "~/domain/decisions";
import type { ProjectInput } from "~/domain/projects/registration";
import { msg } from "~/i18n/message";
import { moveMilestone } from "~/models/milestones.server";
import { editDraftPledge, getDraftPledgeTerms } from "~/models/pledge-drafts.server";
import { editProject, undoDecision } from "~/models/project-edits.server";
import { commitPledge, withdrawPledge } from "~/models/pledges.server";
import { changeProjectStatus } from "~/models/projects.server";
import { listReleases } from "~/models/releases.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids, type DemoUser } from "../support/rls";

const fields = (overrides: Partial<ProjectInput> = {}): ProjectInput => ({
  name: "Darwin Heavy Rare Earths Refinery (revised)",
  segment: "refining",
  minerals: ["Dy", "Tb"],
  hostCountry: "AU",
  latitude: "-12.4634",
  longitude: "130.8456",
  stage: "feasibility",
  capexMinor: "61000000000",
  fundingSoughtMinor: "21000000000",
  currency: "AUD",
  esgNotes: "Cyclone design criteria agreed with the territory.",
  registeringMemberId: ids.member.JP,
  sponsorOrganisationId: ids.sponsor.austral,
  ...overrides,
});

describe.each(engines)("everyday use on %s", (engine) => {
  let handle: TestDatabase;
  const as: Partial<Record<DemoUser, MemberContext>> = {};
  const ctx = (user: DemoUser) => {
    const context = as[user];
    if (!context) throw new Error(`no context for ${user}`);
    return context;
  };
  const project = async (id: string) => {
    const [row] = await handle.db.query<{ name: string; status: string; version: number }>(
      "select name, status, version from public.projects where id = $1",
      [id],
    );
    if (!row) throw new Error("no project");
    return row;
  };

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    for (const user of ["sponsor", "sponsorNorthern", "delegateJp", "secretariat"] as const) {
      as[user] = await memberContext(handle.db, user);
    }
  });
  afterAll(() => handle.dispose());

  it("revises a draft project and its outputs against the version seen, and refuses a stale one", async () => {
    const before = await project(ids.project(3));
    const outcome = await editProject(ctx("delegateJp"), {
      projectId: ids.project(3),
      version: before.version,
      fields: fields(),
      outputs: [{ group: "rare_earths:refining", capacity: "1200", firstYear: 2029 }],
      submit: false,
    });
    expect(outcome).toMatchObject({ ok: true, status: "draft", version: before.version + 1 });
    expect((await project(ids.project(3))).name).toBe(
      "Darwin Heavy Rare Earths Refinery (revised)",
    );
    const outputs = await handle.db.query<{ capacity: string }>(
      "select capacity_per_year::text as capacity from public.project_outputs where project_id = $1",
      [ids.project(3)],
    );
    expect(outputs.map((o) => Number(o.capacity))).toEqual([1200]);
    const events = await handle.db.query<{ n: number }>(
      `select count(*)::int as n from public.audit_events
        where table_name = 'projects' and row_id = $1 and action = 'update'`,
      [ids.project(3)],
    );
    expect(events[0]?.n).toBeGreaterThan(0);

    const stale = await editProject(ctx("sponsor"), {
      projectId: ids.project(3),
      version: before.version,
      fields: fields({ name: "Someone else's name" }),
      outputs: [],
      submit: false,
    });
    expect(stale).toMatchObject({
      ok: false,
      status: 409,
      message: msg("everyday.edit.staleProject", { version: before.version + 1 }),
    });
    expect((await project(ids.project(3))).name).toBe(
      "Darwin Heavy Rare Earths Refinery (revised)",
    );
  });

  it("lets a rejected project's sponsor revise it, and only its government resubmit it", async () => {
    const before = await project(ids.project(8));
    const sonora = fields({
      name: "Sonora Lithium Clay Project",
      segment: "mining",
      minerals: ["lithium"],
      hostCountry: "MX",
      currency: "USD",
      registeringMemberId: ids.member.MX,
      sponsorOrganisationId: ids.sponsor.northern,
      esgNotes: "Water-use permit granted in October.",
    });
    const bySponsor = await editProject(ctx("sponsorNorthern"), {
      projectId: ids.project(8),
      version: before.version,
      fields: sonora,
      outputs: [],
      submit: true,
    });
    expect(bySponsor).toMatchObject({ ok: false, status: 403 });
    const saved = await editProject(ctx("sponsorNorthern"), {
      projectId: ids.project(8),
      version: before.version,
      fields: sonora,
      outputs: [],
      submit: false,
    });
    expect(saved).toMatchObject({ ok: true, status: "rejected" });
  });

  it("refuses to revise a project under review", async () => {
    const bécancour = await project(ids.project(6));
    const outcome = await editProject(ctx("sponsorNorthern"), {
      projectId: ids.project(6),
      version: bécancour.version,
      fields: fields({ registeringMemberId: ids.member.CA }),
      outputs: [],
      submit: false,
    });
    expect(outcome).toMatchObject({ ok: false, status: 422 });
    expect((await project(ids.project(6))).name).toBe(bécancour.name);
  });

  it("states the undo window once: the database's equals the interface's", async () => {
    const [row] = await handle.db.query<{ minutes: number }>(
      "select (extract(epoch from private.decision_undo_window()) / 60)::int as minutes",
    );
    expect(row?.minutes).toBe(DECISION_UNDO_MINUTES);
  });

  it("lets the secretariat take back a decision it just made, but not an old one", async () => {
    const bécancour = await project(ids.project(6));
    const approved = await changeProjectStatus(ctx("secretariat"), {
      projectId: ids.project(6),
      version: bécancour.version,
      change: "approve",
      reason: "Meets the criteria.",
    });
    if (!approved.ok) throw new Error(approved.message);
    const [decided] = await handle.db.query<{ decidedAt: Date | null }>(
      `select decided_at as "decidedAt" from public.projects where id = $1`,
      [ids.project(6)],
    );
    expect(decided?.decidedAt).toBeInstanceOf(Date);
    const undone = await undoDecision(ctx("secretariat"), {
      projectId: ids.project(6),
      version: approved.project.version,
    });
    expect(undone).toMatchObject({ ok: true, status: "submitted" });
    const [after] = await handle.db.query<{ reason: string | null; decidedAt: Date | null }>(
      `select decision_reason as reason, decided_at as "decidedAt" from public.projects where id = $1`,
      [ids.project(6)],
    );
    expect(after).toEqual({ reason: null, decidedAt: null });

    const kalgoorlie = await project(ids.project(1));
    const old = await undoDecision(ctx("secretariat"), {
      projectId: ids.project(1),
      version: kalgoorlie.version,
    });
    expect(old).toMatchObject({ ok: false, status: 422, message: msg("everyday.db.undoWindow") });
    const byDelegate = await undoDecision(ctx("delegateJp"), {
      projectId: ids.project(2),
      version: (await project(ids.project(2))).version,
    });
    expect(byDelegate.ok).toBe(false);
  });

  it("edits a draft pledge's terms and tranches until it is committed", async () => {
    const draft = await getDraftPledgeTerms(ctx("delegateJp"), ids.pledge(3));
    if (!draft) throw new Error("no draft");
    const terms = {
      projectId: draft.projectId,
      amountMinor: 900000000n,
      currency: "JPY",
      instrument: "loan" as const,
      conditions: "Subject to cabinet approval in March.",
      rule: { kind: "min_other_members" as const, n: 1 },
      tranches: [
        { amountMinor: 400000000n, dueDate: "2027-06-30", milestoneId: null },
        { amountMinor: 500000000n, dueDate: "2027-12-31", milestoneId: null },
      ],
    };
    const edited = await editDraftPledge(ctx("delegateJp"), ids.pledge(3), draft.version, terms);
    expect(edited).toMatchObject({ ok: true, version: draft.version + 1 });
    const now = await getDraftPledgeTerms(ctx("delegateJp"), ids.pledge(3));
    expect(now).toMatchObject({
      amountMinor: "900000000",
      instrument: "loan",
      conditions: "Subject to cabinet approval in March.",
      cofundingRule: { kind: "min_other_members", n: 1 },
    });
    expect(now?.tranches.map((t) => t.amountMinor)).toEqual(["400000000", "500000000"]);

    const stale = await editDraftPledge(ctx("delegateJp"), ids.pledge(3), draft.version, terms);
    expect(stale).toMatchObject({ ok: false, status: 409 });
    const notMine = await editDraftPledge(ctx("sponsor"), ids.pledge(3), draft.version + 1, terms);
    expect(notMine).toMatchObject({ ok: false, status: 404 });

    // Committed, the terms are fixed.
    const committed = await editDraftPledge(ctx("delegateJp"), ids.pledge(1), 1, terms);
    expect(committed.ok).toBe(false);
  });

  it("asks for evidence before a milestone releases money, and a withdrawal cancels the unpaid tranches", async () => {
    // Japan's committed Pilbara pledge (01): completing milestone 05 requests its tranche 01 (the issue's
    // JP¥1,000,000,000), tranche 02 stays scheduled; withdrawing then cancels both unpaid states.
    const releases = await handle.db.transaction((tx) => listReleases(tx, [ids.milestone(5)]));
    expect(releases.get(ids.milestone(5))).toEqual([
      { memberCode: "JP", amountMinor: "1000000000", currency: "JPY" },
      { memberCode: "US", amountMinor: "2500000000", currency: "USD" },
    ]);
    const [milestone] = await handle.db.query<{ version: number }>(
      "select version from public.milestones where id = $1",
      [ids.milestone(5)],
    );
    const withoutEvidence = await moveMilestone(ctx("sponsor"), {
      milestoneId: ids.milestone(5),
      version: milestone?.version ?? 0,
      status: "done",
    });
    expect(withoutEvidence).toMatchObject({
      ok: false,
      status: 422,
      message: msg("everyday.evidence.required"),
    });
    const withEvidence = await moveMilestone(ctx("sponsor"), {
      milestoneId: ids.milestone(5),
      version: milestone?.version ?? 0,
      status: "done",
      note: "Commissioning certificate signed by the state inspector.",
      evidenceUrl: "https://example.org/certificate.pdf",
    });
    expect(withEvidence.ok).toBe(true);
    const [update] = await handle.db.query<{ note: string; url: string; change: string }>(
      `select note, evidence_url as url, status_change as change from public.milestone_updates
        where milestone_id = $1 order by created_at desc limit 1`,
      [ids.milestone(5)],
    );
    expect(update).toEqual({
      note: "Commissioning certificate signed by the state inspector.",
      url: "https://example.org/certificate.pdf",
      change: "done",
    });

    const tranches = async () =>
      handle.db.query<{ id: string; status: string }>(
        "select id, status from public.tranches where pledge_id = $1 order by id",
        [ids.pledge(1)],
      );
    expect(await tranches()).toEqual([
      { id: ids.tranche(1), status: "requested" },
      { id: ids.tranche(2), status: "scheduled" },
    ]);
    const withdrawn = await withdrawPledge(ctx("delegateJp"), ids.pledge(1), "Budget reallocated.");
    expect(withdrawn.ok).toBe(true);
    expect(await tranches()).toEqual([
      { id: ids.tranche(1), status: "cancelled" },
      { id: ids.tranche(2), status: "cancelled" },
    ]);
    const outcome = await commitPledge(ctx("delegateJp"), ids.pledge(1), 99);
    expect(outcome.ok).toBe(false);
  });
});
