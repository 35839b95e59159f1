/*
 * The project page and the list read fewer tables (ADR 170): the project's statement reads the partnership's
 * governments,
 * the pledges and releases take names and codes from there, the releases take their pledges from the capital
 * stack's read, the updates feed its titles from the milestones, and the list names its rows' parties from the
 * parties its filters read. Each is compared here with the join it
 * replaces, for every demo user and every project, on both engines: the same rows, in the same order, drafts
 * included (Japan's draft pledge 03 has a scheduled tranche on milestone 02 of project 01).
 */
import type { Queryable } from "~/db/engine.server";
import { readLivePledges } from "~/models/capital-stack.server";
import { listProjectMilestones, listProjectUpdates } from "~/models/milestones.server";
import { getProjectWithGovernments, listProjects, withPartyNames } from "~/models/projects.server";
import { parseProjectFilters } from "~/domain/projects/filters";
import { listReleases, withReleases } from "~/models/releases.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { demoUsers, ids, rolledBack, type DemoUser } from "../support/rls";

/** The project statement before ADR 170: one row, its government joined. */
const JOINED_PROJECT = `select p.id, p.name, p.segment, p.minerals, p.host_country as "hostCountry", p.stage,
    p.status, p.currency, p.funding_sought_minor as "fundingSoughtMinor", p.capex_minor as "capexMinor",
    p.registering_member_id as "registeringMemberId", mem.name as "registeringMemberName",
    p.sponsor_organisation_id as "sponsorOrganisationId", so.name as "sponsorOrganisationName",
    p.updated_at as "updatedAt", p.latitude, p.longitude, p.esg_notes as "esgNotes",
    p.decision_reason as "decisionReason", p.version, p.created_at as "createdAt", p.decided_at as "decidedAt",
    p.kept_off_public as "keptOffPublic"
  from public.projects p
  join public.members mem on mem.id = p.registering_member_id
  left join public.sponsor_organisations so on so.id = p.sponsor_organisation_id
  where p.id = $1 and p.partnership_id = $2`;

/** The updates feed before ADR 170: the milestones joined. */
const JOINED_UPDATES = `select u.id, u.milestone_id as "milestoneId", m.title as "milestoneTitle", u.note,
    u.status_change as "statusChange", u.evidence_url as "evidenceUrl",
    coalesce(pr.display_name, pr.email) as author, u.created_at as "createdAt"
  from (select * from public.milestone_updates where project_id = $1
         order by created_at desc, id desc limit 30) u
  join public.milestones m on m.id = u.milestone_id and m.project_id = u.project_id
  left join public.profiles pr on pr.id = u.created_by
  order by u.created_at desc, u.id desc`;

const users = Object.keys(demoUsers) as DemoUser[];

describe.each(engines)("the project page's reads on %s", (engine) => {
  let handle: TestDatabase;
  let projects: Array<{ id: string; partnershipId: string }>;

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    projects = await handle.db.query(
      `select id, partnership_id as "partnershipId" from public.projects order by id`,
    );
  });
  afterAll(() => handle.dispose());

  /** Every project as `user` sees it, the new reads beside the joins they replace. */
  async function compare(tx: Queryable, partnershipId: string, projectId: string) {
    const found = await getProjectWithGovernments(tx, partnershipId, projectId);
    const [joined = null] = await tx.query(JOINED_PROJECT, [projectId, partnershipId]);
    expect(found?.project ?? null).toEqual(joined);
    if (!found) return 0;
    const milestones = await listProjectMilestones(tx, projectId);
    const open = milestones.filter((m) => m.status !== "done" && m.status !== "cancelled");
    const before = await listReleases(
      tx,
      open.map((m) => m.id),
    );
    const expected = milestones.map((m) => ({ ...m, releases: before.get(m.id) ?? [] }));
    const pledges = await readLivePledges(tx, partnershipId, projectId);
    expect(await withReleases(tx, milestones, pledges, found.governments)).toEqual(expected);
    // Nothing read beforehand (a pledge committed, a government added since): read here, the same answer.
    expect(await withReleases(tx, milestones, [], new Map())).toEqual(expected);
    const updates = await tx.query(JOINED_UPDATES, [projectId]);
    const sorted = (rows: object[]) =>
      rows.map((row) => JSON.stringify(row, Object.keys(row).sort()));
    expect(sorted(await listProjectUpdates(tx, projectId, milestones))).toEqual(sorted(updates));
    expect(sorted(await listProjectUpdates(tx, projectId, []))).toEqual(sorted(updates));
    return [...before.values()].flat().length;
  }

  it.each(users)("shows %s the projects, releases and updates the joins showed", async (user) => {
    const releases = await rolledBack(handle.db, user, async (tx) => {
      let count = 0;
      for (const project of projects) count += await compare(tx, project.partnershipId, project.id);
      return count;
    });
    // The comparison is not vacuous: who sees the board sees releases (none for the revoked delegate).
    if (user === "revokedDelegateDe") expect(releases).toBe(0);
    if (user === "delegateJp" || user === "secretariat") expect(releases).toBeGreaterThan(0);
  });

  /** The list's rows before ADR 170: each joined to its government and sponsor. */
  const JOINED_LIST = `select p.id, mem.name as "registeringMemberName", so.name as "sponsorOrganisationName"
      from public.projects p
      join public.members mem on mem.id = p.registering_member_id
      left join public.sponsor_organisations so on so.id = p.sponsor_organisation_id
     where p.partnership_id = $1 order by p.updated_at desc, p.id limit 25`;

  it.each(users.filter((user) => user !== "revokedDelegateDe" && user !== "pacificSecretariat"))(
    "names %s's project list as the joins did",
    async (user) => {
      const page = await listProjects(
        await memberContext(handle.db, user),
        parseProjectFilters(new URLSearchParams("sort=-updated")),
      );
      const names = page.rows.map((row) => ({
        id: row.id,
        registeringMemberName: row.registeringMemberName,
        sponsorOrganisationName: row.sponsorOrganisationName,
      }));
      const joined = await rolledBack(handle.db, user, (tx) => tx.query(JOINED_LIST, [ids.cm]));
      expect(names).toEqual(joined);
      expect(names.length).toBeGreaterThan(0);
      // Parties not read beforehand (added since): read here, the same names.
      const unnamed = page.rows.map(
        ({ registeringMemberName: _m, sponsorOrganisationName: _s, ...row }) => row,
      );
      const named = await rolledBack(handle.db, user, (tx) =>
        withPartyNames(tx, unnamed, { members: [], sponsors: [] }),
      );
      expect(named).toEqual(page.rows);
    },
  );

  it("never releases a draft pledge's tranche, even to its own government", async () => {
    // Japan's draft pledge 03 and Australia's committed pledge 04 each have a scheduled tranche on milestone
    // 02 of project 01: only Australia's is released, for Japan's delegate too.
    const releases = await rolledBack(handle.db, "delegateJp", async (tx) => {
      const found = await getProjectWithGovernments(tx, ids.cm, ids.project(1));
      const milestones = await listProjectMilestones(tx, ids.project(1));
      const pledges = await readLivePledges(tx, ids.cm, ids.project(1));
      expect(pledges.map((pledge) => pledge.id)).not.toContain(ids.pledge(3));
      const listed = await withReleases(tx, milestones, pledges, found?.governments ?? new Map());
      return listed.find((m) => m.id === ids.milestone(2))?.releases;
    });
    expect(releases).toEqual([{ memberCode: "AU", amountMinor: "2000000000", currency: "AUD" }]);
  });
});
