/*
 * Test data made through the app's own forms: HTTP posts from Playwright's APIRequestContext, signed in as the
 * person who would do it, no browser. A test that changes state makes its own projects, milestones, pledges and
 * people here first, so no test depends on another's leftovers and the suite runs in parallel, in any order.
 * Read-only tests may use the seed; nothing here changes a seed row.
 */
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import type { MilestoneStatus } from "~/domain/milestones";
import { addDays, isoToday } from "../../support/seed-dates";
import type { Role } from "./accounts";
import { loaderData, submitForm } from "./remix";
import { latestMailLink } from "./session";

export const PARTNERSHIP = "/p/critical-minerals";

/** Seed ids (supabase/seed.sql) the factories name. */
export const GOVERNMENTS = {
  AU: "b1000000-0000-4000-8000-000000000001",
  DE: "b1000000-0000-4000-8000-000000000005",
  US: "b1000000-0000-4000-8000-000000000011",
} as const;
/** Austral Rare Earths Ltd: the organisation of the demo sponsor (sponsor@demo.lodestone.example). */
export const AUSTRAL_RARE_EARTHS = "c1000000-0000-4000-8000-000000000001";

/**
 * Where every project made here is: no seed project is in Norway and no read-only test filters on it, so the
 * seed's filtered views (the board's Japan filter, the magnets list) never see test projects, and a test can
 * narrow the board to test projects with `?host=NO`.
 */
export const TEST_HOST_COUNTRY = "NO";

/** A person made for one test (invited and joined through the app), with their signed-in session. */
export interface Person {
  email: string;
  /** The display name they gave when they joined (ADR 092). */
  name: string;
  password: string;
  storageState: Awaited<ReturnType<APIRequestContext["storageState"]>>;
}

export type Who = Role | Person;

export interface Milestone {
  id: string;
  title: string;
  dueDate: string;
  status: MilestoneStatus;
  version: number;
}

export interface Project {
  id: string;
  name: string;
  /** The project's page. */
  url: string;
  milestones: Milestone[];
}

export interface Tranche {
  id: string;
  amountMinor: string;
  dueDate: string;
  status: "scheduled" | "requested" | "paid";
  milestoneId: string | null;
}

export interface Pledge {
  id: string;
  /** The pledge's page. */
  url: string;
  version: number;
  status: string;
  tranches: Tranche[];
}

/** A name no other test (or run against the same database) uses: `label` and a short random suffix. */
export function uniqueName(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

function idAtEnd(path: string | null, what: string): string {
  const id = /\/([0-9a-f-]{36})(?:\?|$)/.exec(path ?? "")?.[1];
  if (!id) throw new Error(`${what}: expected a redirect to the new record, got ${path}`);
  return id;
}

interface ProjectLoader {
  project: { id: string; name: string; status: string; version: number };
}
interface ProjectOverviewLoader {
  milestones: Milestone[];
}
interface PledgeLoader {
  pledge: { id: string; version: number; status: string };
  tranches: Tranche[];
}

export function factories(
  apiAs: (who: Who) => Promise<APIRequestContext>,
  anonymousApi: () => Promise<APIRequestContext>,
) {
  async function projectVersion(id: string): Promise<number> {
    const { project } = await loaderData<ProjectLoader>(
      await apiAs("secretariat"),
      `${PARTNERSHIP}/projects/${id}`,
      "routes/p.$slug.projects.$projectId",
    );
    return project.version;
  }

  async function milestonesOf(projectId: string): Promise<Milestone[]> {
    const { milestones } = await loaderData<ProjectOverviewLoader>(
      await apiAs("delegateAU"),
      `${PARTNERSHIP}/projects/${projectId}`,
      "routes/p.$slug.projects.$projectId._index",
    );
    return milestones.map(({ id, title, dueDate, status, version }) => ({
      id,
      title,
      dueDate,
      status,
      version,
    }));
  }

  async function pledgeOf(who: Who, id: string): Promise<Pledge> {
    const { pledge, tranches } = await loaderData<PledgeLoader>(
      await apiAs(who),
      `${PARTNERSHIP}/pledges/${id}`,
      "routes/p.$slug.pledges.$pledgeId",
    );
    return {
      id,
      url: `${PARTNERSHIP}/pledges/${id}`,
      version: pledge.version,
      status: pledge.status,
      tranches,
    };
  }

  return {
    /**
     * A project registered by Australia's delegate, sponsored by Austral Rare Earths (so the demo sponsor edits
     * it too), in Norway, submitted for review and approved by the secretariat, or left `submitted`, or `rejected`
     * with `reason`; then its milestones, added by the registering delegate. Funding figures are in USD, the
     * reporting currency, so no FX rate is needed.
     */
    async project(
      options: {
        name?: string;
        status?: "submitted" | "approved" | "rejected";
        reason?: string;
        segment?: "mining" | "refining" | "recycling";
        fundingSought?: string;
        milestones?: Array<{ title: string; dueDate?: string; status?: MilestoneStatus }>;
      } = {},
    ): Promise<Project> {
      const name = options.name ?? uniqueName("Test Project");
      const registered = await submitForm(
        await apiAs("delegateAU"),
        `${PARTNERSHIP}/projects/new`,
        "routes/p.$slug.projects.new",
        {
          intent: "submit",
          name,
          segment: options.segment ?? "recycling",
          minerals: ["cobalt", "nickel"],
          stage: "feasibility",
          hostCountry: TEST_HOST_COUNTRY,
          currency: "USD",
          fundingSought: options.fundingSought ?? "100,000,000",
          registeringMemberId: GOVERNMENTS.AU,
          sponsorOrganisationId: AUSTRAL_RARE_EARTHS,
        },
      );
      const id = idAtEnd(registered.redirect, `Registering “${name}”`);
      const status = options.status ?? "approved";
      if (status !== "submitted") {
        await submitForm(
          await apiAs("secretariat"),
          `${PARTNERSHIP}/review`,
          "routes/p.$slug.review",
          {
            projectId: id,
            version: String(await projectVersion(id)),
            decision: status === "approved" ? "approve" : "reject",
            reason: options.reason,
          },
        );
      }
      for (const [index, milestone] of (options.milestones ?? []).entries()) {
        await submitForm(
          await apiAs("delegateAU"),
          `${PARTNERSHIP}/projects/${id}`,
          "routes/p.$slug.projects.$projectId._index",
          {
            intent: "add-milestone",
            title: milestone.title,
            dueDate: milestone.dueDate ?? addDays(isoToday(), 90 + 30 * index),
            status: milestone.status ?? "planned",
          },
        );
      }
      const milestones = options.milestones?.length ? await milestonesOf(id) : [];
      return { id, name, url: `${PARTNERSHIP}/projects/${id}`, milestones };
    },

    /**
     * A pledge drafted by a government's delegate, and committed unless `commit: false`. One tranche of the whole
     * amount unless `tranches` says otherwise.
     */
    async pledge(options: {
      by: Extract<Role, `delegate${string}`>;
      project: Project;
      amount: string;
      currency?: string;
      instrument?: string;
      tranches?: Array<{ amount: string; dueDate?: string; milestone?: Milestone }>;
      minOtherMembers?: number;
      commit?: boolean;
    }): Promise<Pledge> {
      const api = await apiAs(options.by);
      const tranches = options.tranches ?? [{ amount: options.amount }];
      const values: Record<string, string> = {
        projectId: options.project.id,
        amount: options.amount,
        currency: options.currency ?? "USD",
        instrument: options.instrument ?? "grant",
        ruleKind: options.minOtherMembers ? "min_other_members" : "none",
        ruleMembers: options.minOtherMembers ? String(options.minOtherMembers) : "",
      };
      tranches.forEach((tranche, index) => {
        values[`tranches.${index}.amount`] = tranche.amount;
        values[`tranches.${index}.dueDate`] = tranche.dueDate ?? addDays(isoToday(), 180);
        values[`tranches.${index}.milestoneId`] = tranche.milestone?.id ?? "";
      });
      const drafted = await submitForm(
        api,
        `${PARTNERSHIP}/pledges/new`,
        "routes/p.$slug.pledges.new",
        values,
      );
      const id = idAtEnd(drafted.redirect, `Pledging to “${options.project.name}”`);
      let pledge = await pledgeOf(options.by, id);
      if (options.commit !== false) {
        await submitForm(api, pledge.url, "routes/p.$slug.pledges.$pledgeId", {
          intent: "commit",
          version: String(pledge.version),
        });
        pledge = await pledgeOf(options.by, id);
        if (pledge.status !== "committed") {
          throw new Error(
            `Committing the pledge to “${options.project.name}” left it ${pledge.status}.`,
          );
        }
      }
      return pledge;
    },

    /** Moves a milestone as `who` would on the board; returns it with its new status and version. */
    async moveMilestone(who: Who, milestone: Milestone, status: MilestoneStatus) {
      const { data } = await submitForm<{ ok: boolean; milestone: Milestone }>(
        await apiAs(who),
        `${PARTNERSHIP}/board`,
        "routes/p.$slug.board",
        {
          intent: "move",
          milestoneId: milestone.id,
          version: String(milestone.version),
          status,
          // Done releases money when a tranche depends on it: the move then carries evidence (ADR 111).
          ...(status === "done" ? { note: "Completion certified by the test." } : {}),
        },
      );
      if (!data?.ok) throw new Error(`Moving “${milestone.title}” was refused.`);
      return { ...milestone, status: data.milestone.status, version: data.milestone.version };
    },

    /** The pledge as `who` sees it now (its tranches' states included). */
    pledgeAsSeenBy: pledgeOf,

    /** A bank transfer the secretariat records for a requested tranche. */
    async recordTransfer(options: {
      tranche: Tranche;
      amount: string;
      reference: string;
      paidOn?: string;
    }) {
      await submitForm(
        await apiAs("secretariat"),
        `${PARTNERSHIP}/payments`,
        "routes/p.$slug.payments",
        {
          intent: "record-transfer",
          trancheId: options.tranche.id,
          reference: options.reference,
          paidOn: options.paidOn ?? isoToday(),
          amount: options.amount,
        },
      );
    },

    /**
     * A new person of the partnership, invited by the secretariat and joined through the e-mailed link with a
     * password of their own: for a test that signs out, changes a password or loses its access, so no shared
     * session is touched.
     */
    async person(
      role: "observer" | "delegate",
      options: { government?: keyof typeof GOVERNMENTS } = {},
    ): Promise<Person> {
      const id = randomUUID().slice(0, 8);
      const email = `${role}.${id}@e2e.lodestone.example`;
      const name = `E2E ${role} ${id}`;
      const password = `a password for ${email}`;
      const secretariat = await apiAs("secretariat");
      await submitForm(secretariat, `${PARTNERSHIP}/people`, "routes/p.$slug.people", {
        intent: "invite",
        email,
        role,
        memberId: role === "delegate" ? GOVERNMENTS[options.government ?? "DE"] : undefined,
        language: "en",
      });
      const link = await latestMailLink(secretariat, email);
      const api = await anonymousApi();
      const joined = await submitForm(api, new URL(link).pathname, "routes/invitations.$token", {
        displayName: name,
        organisation: "E2E Ministry",
        password,
        confirmPassword: password,
      });
      if (joined.redirect !== PARTNERSHIP) {
        throw new Error(`Joining as ${email} went to ${joined.redirect}, not ${PARTNERSHIP}.`);
      }
      return { email, name, password, storageState: await api.storageState() };
    },
  };
}

export type Factories = ReturnType<typeof factories>;
