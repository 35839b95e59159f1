/*
 * The rules of everyday use (ADR 110, 111): what may still be edited, how long a decision can be taken back,
 * when money needs evidence, and when a requested tranche is overdue (today is an input, never the clock).
 */
import {
  canUndoDecision,
  DECISION_UNDO_MINUTES,
  isTrancheOverdue,
  isUnpaid,
  needsEvidence,
  undoDeadline,
} from "~/domain/decisions";
import {
  canEditPledgeTerms,
  isEditableProjectStatus,
  projectEditPermissions,
} from "~/domain/edits";
import type { Actor } from "~/domain/permissions";
import { PROJECT_STATUSES } from "~/domain/projects/vocabulary";

const JP = "b1000000-0000-4000-8000-000000000007";
const AUSTRAL = "c1000000-0000-4000-8000-000000000001";
const actor = (role: Actor["role"], extra: Partial<Actor> = {}): Actor => ({
  role,
  memberId: null,
  sponsorOrganisationId: null,
  ...extra,
});
const delegateJp = actor("delegate", { memberId: JP });
const sponsor = actor("sponsor", { sponsorOrganisationId: AUSTRAL });
const project = (status: (typeof PROJECT_STATUSES)[number]) => ({
  status,
  registeringMemberId: JP,
  sponsorOrganisationId: AUSTRAL,
});

describe("what may still be edited", () => {
  it("a project's registration while it is a draft or rejected, never once submitted", () => {
    expect(PROJECT_STATUSES.filter(isEditableProjectStatus)).toEqual(["draft", "rejected"]);
  });

  it("by its own parties; only the registering government sends it back", () => {
    expect(projectEditPermissions(delegateJp, project("rejected"))).toEqual({
      edit: true,
      submit: true,
    });
    expect(projectEditPermissions(sponsor, project("draft"))).toEqual({
      edit: true,
      submit: false,
    });
    expect(projectEditPermissions(sponsor, project("submitted")).edit).toBe(false);
    expect(projectEditPermissions(actor("secretariat"), project("rejected")).edit).toBe(false);
    expect(
      projectEditPermissions(actor("delegate", { memberId: "other" }), project("draft")).edit,
    ).toBe(false);
  });

  it("a pledge's terms while it is a draft, by its own government's delegates", () => {
    expect(canEditPledgeTerms(delegateJp, { memberId: JP, status: "draft" })).toBe(true);
    expect(canEditPledgeTerms(delegateJp, { memberId: JP, status: "committed" })).toBe(false);
    expect(canEditPledgeTerms(actor("secretariat"), { memberId: JP, status: "draft" })).toBe(false);
  });
});

describe("taking a decision back", () => {
  const decidedAt = new Date("2026-11-30T10:00:00Z");
  const at = (minutes: number) => new Date(decidedAt.getTime() + minutes * 60_000);

  it("is open to the secretariat for the window, then closes", () => {
    const approved = { status: "approved" as const, decidedAt };
    expect(undoDeadline(decidedAt)).toEqual(at(DECISION_UNDO_MINUTES));
    expect(canUndoDecision(actor("secretariat"), approved, at(DECISION_UNDO_MINUTES - 1))).toBe(
      true,
    );
    expect(canUndoDecision(actor("secretariat"), approved, at(DECISION_UNDO_MINUTES))).toBe(false);
    expect(canUndoDecision(delegateJp, approved, at(1))).toBe(false);
  });

  it("needs a decision with its time: not a submitted project, nor one decided before times were kept", () => {
    expect(canUndoDecision(actor("secretariat"), { status: "submitted", decidedAt }, at(1))).toBe(
      false,
    );
    expect(
      canUndoDecision(actor("secretariat"), { status: "rejected", decidedAt: null }, at(1)),
    ).toBe(false);
  });
});

describe("money and tranches", () => {
  it("asks for evidence only when money depends on the milestone", () => {
    expect(needsEvidence([])).toBe(false);
    expect(needsEvidence([{ memberCode: "JP", amountMinor: "1000000000", currency: "JPY" }])).toBe(
      true,
    );
  });

  it("flags a requested tranche overdue from the day after it was due, as of the day given", () => {
    const tranche = { status: "requested", dueDate: "2026-06-30" };
    expect(isTrancheOverdue(tranche, "2026-06-30")).toBe(false);
    expect(isTrancheOverdue(tranche, "2026-07-01")).toBe(true);
    expect(isTrancheOverdue({ ...tranche, status: "scheduled" }, "2027-01-01")).toBe(false);
    expect(isTrancheOverdue({ ...tranche, status: "cancelled" }, "2027-01-01")).toBe(false);
  });

  it("counts scheduled and requested tranches as unpaid, never paid or cancelled ones", () => {
    expect(
      ["scheduled", "requested", "paid", "cancelled"].filter((status) => isUnpaid({ status })),
    ).toEqual(["scheduled", "requested"]);
  });
});
