/*
 * The board's rules, pure: when a milestone is late, who may move it where (rule 4 of
 * docs/security-model.md), and what a second mover is told.
 */
import fc from "fast-check";
import {
  daysLate,
  describeDue,
  isConflict,
  isOverdue,
  MILESTONE_STATUSES,
  MilestoneActionSchema,
  MilestoneUpdateSchema,
  MoveSchema,
  needsAttention,
  type MilestoneStatus,
} from "~/domain/milestones";
import {
  allowedMoves,
  canEditMilestones,
  canMove,
  moveRefusal,
  type Actor,
  type ProjectScope,
} from "~/domain/permissions";
import { conflictMessage } from "~/domain/refusals";
import { translate } from "~/i18n/i18n.server";

/** A message as an English and a Japanese reader read it. */
const en = (message: string | null) => translate("en", message ?? "");
const ja = (message: string | null) => translate("ja", message ?? "");

const AU = "b1000000-0000-4000-8000-000000000001";
const JP = "b1000000-0000-4000-8000-000000000007";
const AUSTRAL = "c1000000-0000-4000-8000-000000000001";
const NORTHERN = "c1000000-0000-4000-8000-000000000002";

const project: ProjectScope = {
  status: "approved",
  registeringMemberId: AU,
  sponsorOrganisationId: AUSTRAL,
};
const actors = {
  sponsor: { role: "sponsor", memberId: null, sponsorOrganisationId: AUSTRAL },
  otherSponsor: { role: "sponsor", memberId: null, sponsorOrganisationId: NORTHERN },
  registeringDelegate: { role: "delegate", memberId: AU, sponsorOrganisationId: null },
  otherDelegate: { role: "delegate", memberId: JP, sponsorOrganisationId: null },
  secretariat: { role: "secretariat", memberId: null, sponsorOrganisationId: null },
  observer: { role: "observer", memberId: null, sponsorOrganisationId: null },
} satisfies Record<string, Actor>;

describe("overdue and days late", () => {
  const today = "2026-11-27";
  it("is not late on its due date, one day late the day after", () => {
    expect(daysLate({ dueDate: "2026-11-27", status: "planned" }, today)).toBe(0);
    expect(daysLate({ dueDate: "2026-11-26", status: "planned" }, today)).toBe(1);
    expect(daysLate({ dueDate: "2026-12-15", status: "in_progress" }, today)).toBe(0);
    expect(isOverdue({ dueDate: "2026-11-27", status: "in_progress" }, today)).toBe(false);
    expect(isOverdue({ dueDate: "2026-11-26", status: "in_progress" }, today)).toBe(true);
  });

  it("flags an open milestone from its due date whatever status it was given", () => {
    for (const status of ["planned", "in_progress", "at_risk", "delayed"] as const) {
      expect(daysLate({ dueDate: "2026-10-30", status }, today)).toBe(28);
    }
  });

  it("never counts a done or cancelled milestone as late", () => {
    expect(daysLate({ dueDate: "2025-01-01", status: "done" }, today)).toBe(0);
    expect(daysLate({ dueDate: "2025-01-01", status: "cancelled" }, today)).toBe(0);
    expect(isOverdue({ dueDate: "2025-01-01", status: "done" }, today)).toBe(false);
  });

  it("counts only the open milestones past their due date", () => {
    const demo: Array<[string, MilestoneStatus]> = [
      ["2026-10-30", "at_risk"],
      ["2026-09-30", "delayed"],
      ["2026-11-13", "in_progress"],
      ["2026-08-31", "cancelled"],
      ["2026-12-15", "in_progress"],
    ];
    expect(demo.filter(([dueDate, status]) => isOverdue({ dueDate, status }, today))).toHaveLength(
      3,
    );
  });

  it("puts at risk, delayed and overdue milestones in the attention filter", () => {
    expect(needsAttention({ dueDate: "2027-01-01", status: "at_risk" }, today)).toBe(true);
    expect(needsAttention({ dueDate: "2027-01-01", status: "delayed" }, today)).toBe(true);
    expect(needsAttention({ dueDate: "2026-11-01", status: "planned" }, today)).toBe(true);
    expect(needsAttention({ dueDate: "2027-01-01", status: "planned" }, today)).toBe(false);
    expect(needsAttention({ dueDate: "2026-11-01", status: "done" }, today)).toBe(false);
  });

  it("describes the timing in words, in the reader's language", () => {
    const due = (dueDate: string, status: "planned" | "done" = "planned") =>
      en(describeDue({ dueDate, status }, today));
    expect(due("2026-11-24")).toBe("3 days late");
    expect(due("2026-11-26")).toBe("1 day late");
    expect(due("2026-11-27")).toBe("due today");
    expect(due("2026-11-28")).toBe("due tomorrow");
    expect(due("2026-12-02")).toBe("due in 5 days");
    expect(due("2026-11-02", "done")).toBe("Done");
    expect(translate("fr", describeDue({ dueDate: "2026-11-24", status: "planned" }, today))).toBe(
      "3 jours de retard",
    );
    expect(ja(describeDue({ dueDate: "2026-12-02", status: "planned" }, today))).toBe(
      "期限まで5日",
    );
  });

  it("agrees with itself: late days are never negative and grow one a day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: 4000 }),
        fc.constantFrom(...MILESTONE_STATUSES),
        (dueOffset, todayOffset, status) => {
          const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
          const milestone = { dueDate: day(dueOffset), status };
          const late = daysLate(milestone, day(todayOffset));
          expect(late).toBeGreaterThanOrEqual(0);
          if (status !== "done" && status !== "cancelled") {
            expect(late).toBe(Math.max(0, todayOffset - dueOffset));
          }
        },
      ),
    );
  });

  it("refuses a malformed date", () => {
    expect(() => daysLate({ dueDate: "27/11/2026", status: "planned" }, today)).toThrow(RangeError);
  });
});

describe("who may move a milestone (rule 4)", () => {
  it("lets the project's sponsor, its registering delegates and the secretariat edit", () => {
    expect(canEditMilestones(actors.sponsor, project)).toBe(true);
    expect(canEditMilestones(actors.registeringDelegate, project)).toBe(true);
    expect(canEditMilestones(actors.secretariat, project)).toBe(true);
  });

  it("refuses observers, other sponsors and other governments' delegates", () => {
    expect(canEditMilestones(actors.observer, project)).toBe(false);
    expect(canEditMilestones(actors.otherSponsor, project)).toBe(false);
    expect(canEditMilestones(actors.otherDelegate, project)).toBe(false);
    expect(canEditMilestones(actors.sponsor, { ...project, sponsorOrganisationId: null })).toBe(
      false,
    );
  });

  it("keeps the secretariat off drafts, which it cannot see", () => {
    expect(canEditMilestones(actors.secretariat, { ...project, status: "draft" })).toBe(false);
    expect(canEditMilestones(actors.sponsor, { ...project, status: "draft" })).toBe(true);
  });

  it("lets editors move an open milestone to any other status", () => {
    for (const actor of [actors.sponsor, actors.registeringDelegate, actors.secretariat]) {
      expect(allowedMoves(actor, project, "planned")).toEqual([
        "in_progress",
        "at_risk",
        "delayed",
        "done",
        "cancelled",
      ]);
      expect(allowedMoves(actor, project, "at_risk")).not.toContain("at_risk");
    }
  });

  it("reopens a done or cancelled milestone for the secretariat only", () => {
    for (const from of ["done", "cancelled"] as const) {
      expect(allowedMoves(actors.sponsor, project, from)).toEqual([]);
      expect(allowedMoves(actors.registeringDelegate, project, from)).toEqual([]);
      expect(allowedMoves(actors.secretariat, project, from)).toHaveLength(5);
      expect(en(moveRefusal(actors.sponsor, project, from, "in_progress"))).toMatch(
        /only the secretariat reopens it/,
      );
    }
  });

  it("gives an observer no move at all, with a reason", () => {
    for (const from of MILESTONE_STATUSES) {
      expect(allowedMoves(actors.observer, project, from)).toEqual([]);
    }
    expect(en(moveRefusal(actors.observer, project, "planned", "done"))).toMatch(
      /Only the project’s sponsor/,
    );
  });

  it("says why, and only when refused", () => {
    for (const actor of Object.values(actors)) {
      for (const from of MILESTONE_STATUSES) {
        for (const to of MILESTONE_STATUSES) {
          expect(moveRefusal(actor, project, from, to) === null).toBe(
            canMove(actor, project, from, to),
          );
        }
      }
    }
  });
});

describe("optimistic concurrency", () => {
  const current = {
    id: "m",
    title: "Pilot plant commissioned",
    status: "at_risk",
    version: 5,
  } as const;

  it("detects a conflict whenever the version moved on", () => {
    expect(isConflict(5, current)).toBe(false);
    expect(isConflict(4, current)).toBe(true);
    expect(isConflict(6, current)).toBe(true);
  });

  it("tells the second mover where the card is now and that the board shows it", () => {
    expect(en(conflictMessage(current, "done"))).toBe(
      "Someone moved “Pilot plant commissioned” to At risk a moment ago, so it was not moved to Done. The board shows the current state.",
    );
    expect(en(conflictMessage(current, "at_risk"))).toMatch(/already moved .* to At risk/);
    expect(ja(conflictMessage(current, "done"))).toBe(
      "「Pilot plant commissioned」は、直前に他の人が「リスクあり」に移動したため、「完了」には移動されませんでした。ボードには現在の状態が表示されています。",
    );
  });
});

describe("form schemas", () => {
  const id = "5a000000-0000-4000-8000-000000000002";

  it("accepts a move and coerces the version", () => {
    expect(
      MoveSchema.parse({ intent: "move", milestoneId: id, version: "3", status: "done" }),
    ).toEqual({
      intent: "move",
      milestoneId: id,
      version: 3,
      status: "done",
      note: null,
      evidenceUrl: null,
    });
  });

  it("carries the evidence of a move to Done: a note and an optional http(s) link (ADR 111)", () => {
    const move = { intent: "move", milestoneId: id, version: "3", status: "done" };
    expect(
      MoveSchema.parse({ ...move, note: " Certificate signed. ", evidenceUrl: "https://x.org/c" }),
    ).toMatchObject({ note: "Certificate signed.", evidenceUrl: "https://x.org/c" });
    expect(MoveSchema.safeParse({ ...move, note: "Signed.", evidenceUrl: "ftp://x" }).success).toBe(
      false,
    );
  });

  it("refuses an unknown status or a missing version", () => {
    expect(
      MoveSchema.safeParse({ intent: "move", milestoneId: id, version: "3", status: "paused" })
        .success,
    ).toBe(false);
    expect(MoveSchema.safeParse({ intent: "move", milestoneId: id, status: "done" }).success).toBe(
      false,
    );
  });

  it("takes an update with an optional status change and an optional http(s) evidence link", () => {
    const base = { milestoneId: id, version: "2", note: " Site visit done. " };
    expect(MilestoneUpdateSchema.parse({ ...base, statusChange: "", evidenceUrl: "" })).toEqual({
      milestoneId: id,
      version: 2,
      note: "Site visit done.",
      statusChange: null,
      evidenceUrl: null,
    });
    expect(
      MilestoneUpdateSchema.parse({
        ...base,
        statusChange: "at_risk",
        evidenceUrl: "https://x.example/r.pdf",
      }),
    ).toMatchObject({ statusChange: "at_risk", evidenceUrl: "https://x.example/r.pdf" });
    const bad = MilestoneUpdateSchema.safeParse({
      ...base,
      note: "  ",
      evidenceUrl: "javascript:alert(1)",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["evidenceUrl", "note"]);
  });

  it("tells the project page's forms apart by intent, each with its own schema", () => {
    const add = MilestoneActionSchema.parse({
      intent: "add-milestone",
      title: " Permit ",
      dueDate: "2027-03-01",
    });
    expect(add).toEqual({
      intent: "add-milestone",
      title: "Permit",
      dueDate: "2027-03-01",
      notes: null,
      status: "planned",
    });
    const edit = MilestoneActionSchema.safeParse({
      intent: "edit-milestone",
      title: "Permit",
      dueDate: "2027-03-01",
    });
    expect(edit.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
      "milestoneId",
      "version",
    ]);
    const update = MilestoneActionSchema.parse({
      intent: "post-update",
      milestoneId: id,
      version: "2",
      note: "Done.",
    });
    expect(update).toMatchObject({ intent: "post-update", version: 2, statusChange: null });
    expect(MilestoneActionSchema.safeParse({ intent: "delete", milestoneId: id }).success).toBe(
      false,
    );
  });
});
