/* Who may do what, pure: the rules the interface uses to offer only the controls a person can use. */
import {
  actorOf,
  actsOnPledge,
  canRegisterProjects,
  isProjectParty,
  projectPermissions,
  reaches,
  ROLES,
  ROLES_FOR,
  type Actor,
} from "~/domain/permissions";

const AU = "b1000000-0000-4000-8000-000000000001";
const JP = "b1000000-0000-4000-8000-000000000007";
const AUSTRAL = "c1000000-0000-4000-8000-000000000001";
const NORTHERN = "c1000000-0000-4000-8000-000000000002";

describe("project permissions (what the interface offers; the database decides)", () => {
  const project = {
    status: "draft",
    registeringMemberId: AU,
    sponsorOrganisationId: AUSTRAL,
  } as const;
  const delegate: Actor = { role: "delegate", memberId: AU, sponsorOrganisationId: null };
  const sponsor: Actor = { role: "sponsor", memberId: null, sponsorOrganisationId: AUSTRAL };
  const secretariat: Actor = {
    role: "secretariat",
    memberId: null,
    sponsorOrganisationId: null,
  };
  const observer: Actor = { role: "observer", memberId: null, sponsorOrganisationId: null };

  it("lets the registering government submit; the sponsor only drafts", () => {
    expect(projectPermissions(delegate, project).submit).toBe(true);
    expect(projectPermissions(sponsor, project).submit).toBe(false);
    expect(projectPermissions(delegate, { ...project, status: "rejected" }).submit).toBe(true);
  });

  it("lets the secretariat decide submitted projects, and nobody else", () => {
    const submitted = { ...project, status: "submitted" } as const;
    expect(projectPermissions(secretariat, submitted).decide).toBe(true);
    expect(projectPermissions(delegate, submitted).decide).toBe(false);
    expect(projectPermissions(sponsor, submitted).withdraw).toBe(true);
  });

  it("gives observers nothing", () => {
    expect(Object.values(projectPermissions(observer, { ...project, status: "approved" }))).toEqual(
      [false, false, false, false],
    );
  });
});

describe("a project's parties (who sees a draft and hears of its changes)", () => {
  const project = { registeringMemberId: AU, sponsorOrganisationId: AUSTRAL };
  const actor = (role: Actor["role"], memberId: string | null, sponsor: string | null): Actor => ({
    role,
    memberId,
    sponsorOrganisationId: sponsor,
  });

  it("are the registering government's delegates and the project's own sponsor", () => {
    expect(isProjectParty(actor("delegate", AU, null), project)).toBe(true);
    expect(isProjectParty(actor("sponsor", null, AUSTRAL), project)).toBe(true);
    expect(isProjectParty(actor("delegate", JP, null), project)).toBe(false);
    expect(isProjectParty(actor("sponsor", null, NORTHERN), project)).toBe(false);
    expect(isProjectParty(actor("secretariat", null, null), project)).toBe(false);
    expect(isProjectParty(actor("observer", null, null), project)).toBe(false);
  });

  it("never match on a missing government or organisation", () => {
    const orphan = { registeringMemberId: null, sponsorOrganisationId: null };
    expect(isProjectParty(actor("delegate", null, null), orphan)).toBe(false);
    expect(isProjectParty(actor("sponsor", null, null), orphan)).toBe(false);
    // A role decides, not the ids alone: a sponsor carrying a government's id is not its delegate.
    expect(isProjectParty(actor("sponsor", AU, null), project)).toBe(false);
  });

  it("come from a membership as the request's guard read it", () => {
    const membership = { ...actor("delegate", AU, null), memberName: "Australia" };
    expect(actorOf({ membership })).toEqual(actor("delegate", AU, null));
  });
});

describe("the parts of the partnership each role reaches", () => {
  it("keeps review, FX rates, people and billing for the secretariat", () => {
    for (const section of ["review", "fxRates", "people", "billing", "recordPayments"] as const) {
      expect(ROLES.filter((role) => reaches(role, section))).toEqual(["secretariat"]);
    }
  });

  it("lets delegates pledge, and delegates and sponsors register projects", () => {
    expect(ROLES.filter((role) => reaches(role, "pledge"))).toEqual(["delegate"]);
    expect(ROLES.filter(canRegisterProjects)).toEqual(["delegate", "sponsor"]);
    expect(ROLES_FOR.payments).toEqual(["secretariat", "delegate"]);
    expect(ROLES.filter((role) => reaches(role, "history"))).toEqual(["delegate", "secretariat"]);
  });

  it("lets a government's delegates act on its own pledges only", () => {
    const pledge = { memberId: AU };
    expect(
      actsOnPledge({ role: "delegate", memberId: AU, sponsorOrganisationId: null }, pledge),
    ).toBe(true);
    expect(
      actsOnPledge({ role: "delegate", memberId: JP, sponsorOrganisationId: null }, pledge),
    ).toBe(false);
    expect(
      actsOnPledge({ role: "secretariat", memberId: null, sponsorOrganisationId: null }, pledge),
    ).toBe(false);
  });
});
