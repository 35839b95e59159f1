import {
  partnershipShouldRevalidate,
  projectShouldRevalidate,
  rootShouldRevalidate,
} from "~/utils/revalidation";

const params = { slug: "cm", projectId: "p1" };
const args = (formAction: string | undefined, next = params, defaultShouldRevalidate = true) => ({
  formAction,
  currentParams: params,
  nextParams: next,
  defaultShouldRevalidate,
});

describe("layouts reload only when what they show can have changed (ADR 073)", () => {
  it("keeps the root's user and partnerships across navigation, filters, moves and live refreshes", () => {
    expect(rootShouldRevalidate(args(undefined))).toBe(false);
    expect(rootShouldRevalidate(args("/p/cm/board"))).toBe(false);
    expect(rootShouldRevalidate(args("/p/cm/projects/p1?index"))).toBe(false);
    for (const action of [
      "/sign-out",
      "/sign-in",
      "/p",
      "/p/cm/people",
      "/p/cm/billing",
      "/invitations/x",
    ]) {
      expect(rootShouldRevalidate(args(action))).toBe(true);
    }
    // Remix's own "no" stands.
    expect(rootShouldRevalidate(args("/sign-out", params, false))).toBe(false);
  });

  it("reloads the partnership's layout for another partnership, or a change of people or billing", () => {
    expect(partnershipShouldRevalidate(args(undefined))).toBe(false);
    expect(partnershipShouldRevalidate(args("/p/cm/board"))).toBe(false);
    expect(partnershipShouldRevalidate(args(undefined, { ...params, slug: "pb" }))).toBe(true);
    expect(partnershipShouldRevalidate(args("/p/cm/billing"))).toBe(true);
  });

  it("reloads the project's layout for its own actions, its pledges, live refreshes and another project", () => {
    expect(projectShouldRevalidate(args("/p/cm/projects/p1?index"))).toBe(false);
    expect(projectShouldRevalidate(args("/p/cm/projects/p1/supply"))).toBe(false);
    expect(projectShouldRevalidate(args("/p/cm/projects/p1"))).toBe(true);
    expect(projectShouldRevalidate(args("/p/cm/projects/p1/pledges"))).toBe(true);
    expect(projectShouldRevalidate(args(undefined))).toBe(true);
    expect(
      projectShouldRevalidate(args("/p/cm/projects/p2?index", { ...params, projectId: "p2" })),
    ).toBe(true);
  });
});
