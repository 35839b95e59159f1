/*
 * The traps around the matrix: forged ids, rows moved across partnerships, drafts read through joins,
 * aggregates, functions and the audit trail, revoked memberships, a person with roles in two partnerships,
 * and the state-changing functions (rules 3–7). Every case runs in a rolled-back transaction. The rules are
 * numbered as in docs/security-model.md, which names the tests that prove each one.
 */
import type { Queryable } from "~/db/engine.server";
import { runAsServiceRole } from "~/db/service-role.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { canEditMilestones, type Role } from "~/domain/permissions";
import {
  attempt,
  demoUsers,
  expectDenied,
  expectRows,
  ids,
  rolledBack,
  switchTo,
  type Actor,
} from "../support/rls";

type Row = Record<string, unknown>;
const one = async (tx: Queryable, sql: string, params: unknown[] = []) =>
  (await tx.query<Row>(sql, params))[0] ?? {};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error("expected the statement to fail"),
    (error: Error & { code?: string }) => error,
  );

describe.each(engines)("RLS traps on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  const as = <T>(actor: Actor, work: (tx: Queryable) => Promise<T>, setup?: string) =>
    rolledBack(handle.db, actor, work, setup);
  const count = async (actor: Actor, sql: string, params: unknown[] = []) =>
    as(actor, async (tx) =>
      Number((await one(tx, `select count(*) as n from (${sql}) q`, params)).n),
    );

  describe("forged ids on insert", () => {
    const insertPledge = `insert into public.pledges (partnership_id, project_id, member_id, amount_minor,
      currency, instrument) values ($1, $2, $3, 1000000, 'JPY', 'grant') returning id`;

    it("refuses a delegate pledging in another government's name", async () => {
      expectDenied(
        await attempt(handle.db, "delegateJp", insertPledge, [
          ids.cm,
          ids.project(2),
          ids.member.AU,
        ]),
      );
    });

    it("refuses a member of another partnership, with matching or mixed tenant ids", async () => {
      expectDenied(
        await attempt(handle.db, "delegateJp", insertPledge, [
          ids.pb,
          ids.pbProject(1),
          ids.member.pbJP,
        ]),
      );
      expectDenied(
        await attempt(handle.db, "delegateJp", insertPledge, [
          ids.cm,
          ids.project(2),
          ids.member.pbJP,
        ]),
        /row-level security|foreign key/,
      );
    });

    it("refuses registering a project for another government, or a milestone on another's project", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "delegateAu",
          `insert into public.projects (partnership_id, name, segment, minerals, host_country, stage, currency,
            registering_member_id) values ($1, 'Forged', 'mining', '{lithium}', 'AU', 'concept', 'AUD', $2)`,
          [ids.cm, ids.member.JP],
        ),
      );
      expectDenied(
        await attempt(
          handle.db,
          "sponsorNorthern",
          "insert into public.milestones (partnership_id, project_id, title, due_date) values ($1, $2, 'x', '2027-01-01')",
          [ids.cm, ids.project(2)],
        ),
      );
    });

    it("ignores client-supplied authorship and timestamps", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency,
            instrument, created_by) values ($1, $2, $3, 1, 'JPY', 'grant', $4)`,
          [ids.cm, ids.project(2), ids.member.JP, demoUsers.delegateAu.id],
        ),
        /permission denied/,
      );
      const row = await as("delegateJp", (tx) =>
        one(
          tx,
          `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument)
           values ($1, $2, $3, 1000, 'JPY', 'grant')
           returning created_by, version, created_at = now() as fresh, committed_at`,
          [ids.cm, ids.project(2), ids.member.JP],
        ),
      );
      expect(row).toEqual({
        created_by: demoUsers.delegateJp.id,
        version: 1,
        fresh: true,
        committed_at: null,
      });
      const service = await runAsServiceRole(handle.db, async (tx) => {
        const inserted = await one(
          tx,
          `insert into public.fx_rates (partnership_id, currency, rate, as_of, created_at, updated_at)
           values ($1, 'CHF', 1.1, '2026-11-20', '2000-01-01', '2000-01-01')
           returning created_at = now() as fresh, updated_at = now() as touched`,
          [ids.cm],
        );
        await tx.query("delete from public.fx_rates where currency = 'CHF'");
        return inserted;
      });
      expect(service).toEqual({ fresh: true, touched: true });
    });
  });

  describe("moving rows across partnerships or projects", () => {
    it("refuses to move a pledge, a member or a project into another partnership", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.pledges set partnership_id = $1 where id = $2",
          [ids.pb, ids.pledge(3)],
        ),
        /permission denied/,
      );
      // Secretariat of the Pacific forum and delegate in the Ministerial: still cannot carry a row across.
      expectDenied(
        await attempt(
          handle.db,
          "twoHats",
          "update public.members set partnership_id = $1 where id = $2",
          [ids.pb, ids.member.CA],
        ),
        /permission denied/,
      );
      expectDenied(
        await attempt(
          handle.db,
          "secretariat",
          "update public.projects set partnership_id = $1 where id = $2",
          [ids.pb, ids.project(2)],
        ),
        /permission denied/,
      );
    });

    it("lets a sponsor edit a milestone's status and notes but not move it to another project", async () => {
      expectRows(
        await attempt(
          handle.db,
          "sponsor",
          "update public.milestones set status = 'at_risk', notes = 'Pump failure.' where id = $1 returning id",
          [ids.milestone(5)],
        ),
        1,
      );
      // Austral runs both projects, and still cannot move the milestone between them.
      expectDenied(
        await attempt(
          handle.db,
          "sponsor",
          "update public.milestones set project_id = $1 where id = $2",
          [ids.project(1), ids.milestone(5)],
        ),
        /permission denied/,
      );
    });
  });

  describe("draft pledges stay with their government (rule 2)", () => {
    const p02Pledges = "select id from public.pledges where project_id = $1";

    it("hides drafts in joins and aggregates", async () => {
      const join = `select pl.id from public.projects p join public.pledges pl on pl.project_id = p.id
                    where p.id = $1`;
      // Project P02 has Japan's committed loan, the US loan, and Australia's draft.
      expect(await count("delegateJp", join, [ids.project(2)])).toBe(2);
      expect(await count("delegateAu", join, [ids.project(2)])).toBe(3);
      expect(await count("secretariat", join, [ids.project(2)])).toBe(2);
      expect(await count("sponsor", p02Pledges, [ids.project(2)])).toBe(2);
      const totals = await as("secretariat", (tx) =>
        one(
          tx,
          "select count(*)::int as n, count(*) filter (where status = 'draft')::int as drafts from public.pledges",
        ),
      );
      expect(totals).toEqual({ n: 10, drafts: 0 });
      expect(
        await count("sponsor", "select id from public.pledges where partnership_id = $1", [ids.cm]),
      ).toBe(9);
      expect(
        await count(
          "observer",
          "select t.id from public.tranches t join public.pledges p on p.id = t.pledge_id where p.status = 'draft'",
        ),
      ).toBe(0);
    });

    it("hides drafts behind the state-changing functions", async () => {
      for (const [actor, sql, params] of [
        ["delegateAu", "select * from public.commit_pledge($1, 1)", [ids.pledge(3)]],
        ["secretariat", "select * from public.withdraw_pledge($1, 'x')", [ids.pledge(3)]],
        ["observer", "select * from public.amend_pledge($1, 5, 'x')", [ids.pledge(3)]],
      ] as const) {
        const result = await attempt(handle.db, actor, sql, [...params]);
        expectDenied(result, /Pledge .* not found/);
      }
    });

    it("hides drafts in the audit trail, and through the policy helpers", async () => {
      const draftEvents = `select id from public.audit_events
        where (table_name = 'pledges' and (before ->> 'status' = 'draft' or after ->> 'status' = 'draft'))
           or (table_name = 'tranches' and (after ->> 'pledge_id')::uuid = $1)`;
      expect(await count("secretariat", draftEvents, [ids.pledge(3)])).toBe(0);
      // Australia sees only its own draft's insert; Japan its draft and the draft's tranche.
      expect(await count("delegateAu", draftEvents, [ids.pledge(3)])).toBe(1);
      expect(await count("delegateJp", draftEvents, [ids.pledge(3)])).toBe(2);
      // The policy helpers hide Japan's draft from Australia, as the policies do: it is among Japan's
      // private pledges, not Australia's.
      const privatePledge = "select id from private.my_private_pledge_ids() id where id = $1";
      expect(await count("delegateAu", privatePledge, [ids.pledge(3)])).toBe(0);
      expect(await count("delegateJp", privatePledge, [ids.pledge(3)])).toBe(1);
      expect(
        await count("delegateAu", "select 1 where private.can_see_pledge($1)", [ids.pledge(3)]),
      ).toBe(0);
    });

    it("keeps a draft's history hidden from the secretariat after it is committed", async () => {
      const seen = await as("delegateJp", async (tx) => {
        await one(tx, "select * from public.commit_pledge($1, 1)", [ids.pledge(3)]);
        await switchTo(tx, "secretariat");
        return tx.query<Row>(
          "select action, before ->> 'status' as before, after ->> 'status' as after from public.audit_events where row_id = $1",
          [ids.pledge(3)],
        );
      });
      expect(seen).toEqual([]);
    });
  });

  describe("revoked memberships", () => {
    it("give a revoked delegate nothing but their own membership row", async () => {
      const user = "revokedDelegateDe";
      expect(await count(user, "select id from public.partnerships")).toBe(0);
      expect(await count(user, "select id from public.projects")).toBe(0);
      expect(await count(user, "select id from public.pledges")).toBe(0);
      expect(await count(user, "select id from public.members")).toBe(0);
      expect(await count(user, "select id from public.memberships")).toBe(1);
      expectDenied(
        await attempt(
          handle.db,
          user,
          `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument)
           values ($1, $2, $3, 1000, 'EUR', 'grant')`,
          [ids.cm, ids.project(7), ids.member.DE],
        ),
      );
    });

    it("take effect at once: a delegate revoked mid-session loses the drafts", async () => {
      const seen = await as("secretariat", async (tx) => {
        await tx.query("update public.memberships set status = 'revoked' where id = $1", [
          ids.membership.delegateJp,
        ]);
        await switchTo(tx, "delegateJp");
        return tx.query("select id from public.pledges where member_id = $1", [ids.member.JP]);
      });
      // Japan's committed pledges are gone too: a revoked user is no longer a member.
      expect(seen).toEqual([]);
    });
  });

  describe("a person with roles in two partnerships", () => {
    it("sees each partnership through its own role", async () => {
      expect(await count("twoHats", "select id from public.partnerships")).toBe(2);
      expect(
        await count("twoHats", "select id from public.memberships where user_id = $1", [
          demoUsers.twoHats.id,
        ]),
      ).toBe(2);
      expect(
        await count("twoHats", "select id from public.pledges where id = $1", [ids.pledge(15)]),
      ).toBe(1);
      expect(
        await count("twoHats", "select id from public.pledges where id = $1", [ids.pledge(3)]),
      ).toBe(0);
      expect(
        await count("twoHats", "select id from public.pledges where id = $1", [ids.pbPledge(1)]),
      ).toBe(1);
      // Secretariat of the Pacific forum: never its governments' drafts.
      expect(
        await count("twoHats", "select id from public.pledges where id = $1", [ids.pbPledge(2)]),
      ).toBe(0);
    });

    it("uses secretariat powers only where it is the secretariat", async () => {
      expectRows(
        await attempt(
          handle.db,
          "twoHats",
          "update public.members set name = name where partnership_id = $1 returning id",
          [ids.pb],
        ),
        5,
      );
      expectRows(
        await attempt(
          handle.db,
          "twoHats",
          "update public.members set name = name where partnership_id = $1 returning id",
          [ids.cm],
        ),
        0,
      );
      expectDenied(
        await attempt(
          handle.db,
          "twoHats",
          "insert into public.fx_rates (partnership_id, currency, rate, as_of) values ($1, 'CHF', 1.2, '2026-11-20')",
          [ids.cm],
        ),
      );
      expectRows(
        await attempt(
          handle.db,
          "twoHats",
          "insert into public.fx_rates (partnership_id, currency, rate, as_of) values ($1, 'CHF', 1.8, '2026-11-20') returning id",
          [ids.pb],
        ),
        1,
      );
    });
  });

  describe("pledges change only through their government's delegates (rule 3)", () => {
    it("refuses a direct change to a committed pledge's amount, and records an amendment", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.pledges set amount_minor = 3100000000 where id = $1",
          [ids.pledge(1)],
        ),
        /only through a recorded amendment/,
      );
      const result = await as("delegateJp", async (tx) => {
        const pledge = await one(
          tx,
          "select amount_minor, version from public.amend_pledge($1, 3100000000, 'Cost review')",
          [ids.pledge(1)],
        );
        const amendment = await one(
          tx,
          "select previous_amount_minor, new_amount_minor, created_by from public.pledge_amendments where pledge_id = $1",
          [ids.pledge(1)],
        );
        return { pledge, amendment };
      });
      expect(result).toEqual({
        pledge: { amount_minor: "3100000000", version: 2 },
        amendment: {
          previous_amount_minor: "3000000000",
          new_amount_minor: "3100000000",
          created_by: demoUsers.delegateJp.id,
        },
      });
      expectDenied(
        await attempt(handle.db, "delegateAu", "select * from public.amend_pledge($1, 1, 'x')", [
          ids.pledge(1),
        ]),
        /Only the pledging government's delegates amend/,
      );
    });

    it("refuses the terms of a committed pledge and hand-set disbursement", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.pledges set conditions = 'None' where id = $1",
          [ids.pledge(1)],
        ),
        /terms of a committed pledge are fixed/,
      );
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.pledges set status = 'disbursing' where id = $1",
          [ids.pledge(1)],
        ),
        /when its tranches are paid/,
      );
    });

    it("commits with optimistic concurrency and reports conflicts as PT409", async () => {
      const conflict = await failure(
        as("delegateJp", (tx) =>
          tx.query("select * from public.commit_pledge($1, 7)", [ids.pledge(3)]),
        ),
      );
      expect(conflict).toMatchObject({ code: "PT409" });
      expect(conflict.message).toMatch(/changed by someone else/);
      const committed = await as("delegateJp", async (tx) => {
        const row = await one(
          tx,
          "select status, version, committed_at is not null as dated from public.commit_pledge($1, 1)",
          [ids.pledge(3)],
        );
        await switchTo(tx, "delegateAu");
        const seenByAustralia = await tx.query("select id from public.pledges where id = $1", [
          ids.pledge(3),
        ]);
        return { row, seenByAustralia: seenByAustralia.length };
      });
      expect(committed).toEqual({
        row: { status: "committed", version: 2, dated: true },
        seenByAustralia: 1,
      });
    });

    it("commits only pledges to approved projects, and withdraws only with a reason", async () => {
      expectDenied(
        await attempt(handle.db, "twoHats", "select * from public.commit_pledge($1, 1)", [
          ids.pledge(15),
        ]),
        /approved projects/,
      );
      expectDenied(
        await attempt(handle.db, "delegateJp", "select * from public.withdraw_pledge($1, '  ')", [
          ids.pledge(1),
        ]),
        /needs a reason/,
      );
      const withdrawn = await as("delegateJp", (tx) =>
        one(tx, "select status, withdrawal_reason from public.withdraw_pledge($1, 'Budget cut')", [
          ids.pledge(1),
        ]),
      );
      expect(withdrawn).toEqual({ status: "withdrawn", withdrawal_reason: "Budget cut" });
      expectDenied(
        await attempt(handle.db, "delegateUs", "select * from public.withdraw_pledge($1, 'x')", [
          ids.pledge(1),
        ]),
        /Only the pledging government's delegates withdraw/,
      );
    });
  });

  describe("milestones and tranches (rule 4)", () => {
    it("completing a milestone requests the live pledges' tranches it releases", async () => {
      const after = await as("sponsor", async (tx) => {
        const milestone = await one(
          tx,
          "select status, version, completed_at is not null as dated from public.complete_milestone($1, 1)",
          [ids.milestone(5)],
        );
        await tx.exec("reset role");
        const tranches = await tx.query<Row>(
          "select id, status from public.tranches where milestone_id = $1 order by id",
          [ids.milestone(5)],
        );
        return { milestone, tranches };
      });
      expect(after).toEqual({
        milestone: { status: "done", version: 2, dated: true },
        tranches: [
          { id: ids.tranche(1), status: "requested" },
          { id: ids.tranche(9), status: "requested" },
          { id: ids.tranche(17), status: "scheduled" }, // Australia's draft: not released
        ],
      });
    });

    it("refuses observers and stale versions", async () => {
      expectDenied(
        await attempt(handle.db, "observer", "select * from public.complete_milestone($1, 1)", [
          ids.milestone(5),
        ]),
        /Only the project's sponsor/,
      );
      const stale = await failure(
        as("secretariat", (tx) =>
          tx.query("select * from public.complete_milestone($1, 3)", [ids.milestone(5)]),
        ),
      );
      expect(stale).toMatchObject({ code: "PT409" });
    });

    it("lets only the secretariat record a payment, which moves the pledge to disbursing", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "delegateUs",
          "update public.tranches set status = 'paid' where id = $1",
          [ids.tranche(8)],
        ),
        /Only the secretariat records a payment/,
      );
      const paid = await as("secretariat", async (tx) => {
        const tranche = await one(
          tx,
          "update public.tranches set status = 'paid', payment_reference = 'EXIM-1' where id = $1 returning status, paid_at is not null as dated",
          [ids.tranche(8)],
        );
        const pledge = await one(tx, "select status from public.pledges where id = $1", [
          ids.pledge(6),
        ]);
        return { tranche, pledge };
      });
      expect(paid).toEqual({
        tranche: { status: "paid", dated: true },
        pledge: { status: "disbursing" },
      });
    });
  });

  describe("projects are decided by the secretariat (rule 5)", () => {
    it("refuses a delegate approving its own project; lets the secretariat approve it", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "twoHats",
          "update public.projects set status = 'approved' where id = $1",
          [ids.project(6)],
        ),
        /Only the secretariat may move a project/,
      );
      expectRows(
        await attempt(
          handle.db,
          "secretariat",
          "update public.projects set status = 'approved', decision_reason = 'Fits the portfolio.' where id = $1 returning id",
          [ids.project(6)],
        ),
        1,
      );
    });

    it("keeps one active secretariat member in every partnership", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "secretariat",
          "update public.memberships set status = 'revoked' where id = $1",
          [ids.membership.secretariat],
        ),
        /last active secretariat membership/,
      );
      expectDenied(
        await attempt(handle.db, "secretariat", "delete from public.memberships where id = $1", [
          ids.membership.secretariat,
        ]),
        /last active secretariat membership/,
      );
      expectRows(
        await attempt(
          handle.db,
          "twoHats",
          "update public.memberships set status = 'revoked' where id = $1 returning id",
          [ids.membership.pacificSecretariat],
        ),
        1,
      );
    });
  });

  describe("the audit trail (rule 6)", () => {
    it("records the actor and before/after of each change", async () => {
      const event = await as("delegateJp", async (tx) => {
        await tx.query("update public.pledges set conditions = 'Revised' where id = $1", [
          ids.pledge(3),
        ]);
        return one(
          tx,
          `select actor_id, action, before ->> 'conditions' as before, after ->> 'conditions' as after
           from public.audit_events where row_id = $1 order by id desc limit 1`,
          [ids.pledge(3)],
        );
      });
      expect(event).toEqual({
        actor_id: demoUsers.delegateJp.id,
        action: "update",
        before: "Subject to cabinet approval.",
        after: "Revised",
      });
    });

    it("cannot be changed by the owner or the service role", async () => {
      for (const sql of [
        "update public.audit_events set actor_id = null",
        "delete from public.audit_events",
        "truncate public.audit_events",
      ]) {
        const asOwner = await failure(handle.db.transaction((tx) => tx.query(sql)));
        expect(asOwner.message).toMatch(/append-only/);
        const asService = await failure(runAsServiceRole(handle.db, (tx) => tx.query(sql)));
        expect(asService.message).toMatch(/append-only|permission denied/);
      }
      const [row] = await handle.db.query<{ n: number }>(
        "select count(*)::int as n from public.audit_events",
      );
      expect(row?.n).toBeGreaterThan(100);
    });
  });

  describe("anon reads only what a partnership publishes (rule 7)", () => {
    it("sees nothing while nothing is published", async () => {
      expect(await count("anon", "select id from public.partnerships")).toBe(0);
      expect(await count("anon", "select id from public.projects")).toBe(0);
      for (const table of ["members", "pledges", "milestones", "tranches"]) {
        expect(await count("anon", `select id from public.${table}`)).toBe(0);
      }
      expect(await count("anon", "select rate from public.fx_rates")).toBe(0);
      expectDenied(
        await attempt(handle.db, "anon", "select id from public.milestone_updates"),
        /permission denied/,
      );
      expectDenied(
        await attempt(handle.db, "anon", "select decision_reason from public.projects"),
        /permission denied/,
      );
    });

    it("sees only the live unconditional pledges, paid tranches and milestone dates of published projects", async () => {
      const publish = `update public.partnerships set is_published = true where id = '${ids.cm}'`;
      const seen = await as(
        "anon",
        async (tx) => ({
          pledges: await tx.query<Row>(
            `select distinct pl.status, pl.cofunding_rule is null as unconditional, pr.status as project
               from public.pledges pl left join public.projects pr on pr.id = pl.project_id order by 1`,
          ),
          tranches: await tx.query<Row>("select distinct status from public.tranches"),
          milestoneProjects: await tx.query<Row>(
            `select count(*)::int as all, count(p.id)::int as published
               from public.milestones m left join public.projects p on p.id = m.project_id`,
          ),
          sponsors: (await tx.query("select id from public.sponsor_organisations")).length,
          pacific: await tx.query<Row>("select id from public.members where partnership_id = $1", [
            ids.pb,
          ]),
        }),
        publish,
      );
      expect(seen.pledges).toEqual([
        { status: "committed", unconditional: true, project: "approved" },
        { status: "disbursing", unconditional: true, project: "approved" },
        { status: "fulfilled", unconditional: true, project: "approved" },
      ]);
      expect(seen.tranches).toEqual([{ status: "paid" }]);
      expect(seen.milestoneProjects[0]?.all).toBeGreaterThan(0);
      expect(seen.milestoneProjects[0]?.published).toBe(seen.milestoneProjects[0]?.all);
      expect(seen.sponsors).toBe(4);
      expect(seen.pacific).toEqual([]);
      // The completed Teesside refinery's fulfilled grant and its payment stay private (ADR 016).
      expect(
        await as(
          "anon",
          async (tx) =>
            (await tx.query("select id from public.pledges where id = $1", [ids.pledge(10)]))
              .length,
          publish,
        ),
      ).toBe(0);
    });

    it("sees the approved projects of a partnership that publishes, and nothing else", async () => {
      const publish = `update public.partnerships set is_published = true where id = '${ids.cm}'`;
      const seen = await as(
        "anon",
        async (tx) => ({
          partnerships: (await tx.query("select slug from public.partnerships")).length,
          projects: await tx.query<Row>(
            "select distinct status, partnership_id from public.projects",
          ),
        }),
        publish,
      );
      expect(seen).toEqual({
        partnerships: 1,
        projects: [{ status: "approved", partnership_id: ids.cm }],
      });
      expect(
        await as(
          "anon",
          async (tx) => (await tx.query("select id from public.projects")).length,
          publish,
        ),
      ).toBe(7);
    });
  });

  describe("the policy helpers agree with the policies (ADR 070)", () => {
    interface Everything {
      projects: Array<{
        id: string;
        partnershipId: string;
        status: string;
        registeringMemberId: string;
        sponsorOrganisationId: string | null;
      }>;
      milestones: Array<{ id: string; projectId: string }>;
      pledges: Array<{ id: string; partnershipId: string; isPrivate: boolean }>;
      memberships: Array<{
        userId: string;
        partnershipId: string;
        role: Role;
        memberId: string | null;
        sponsorOrganisationId: string | null;
      }>;
    }
    let everything: Everything;
    beforeAll(async () => {
      everything = await runAsServiceRole(handle.db, async (tx) => ({
        projects: await tx.query(
          `select id, partnership_id as "partnershipId", status, registering_member_id as "registeringMemberId",
                  sponsor_organisation_id as "sponsorOrganisationId" from public.projects`,
        ),
        milestones: await tx.query('select id, project_id as "projectId" from public.milestones'),
        pledges: await tx.query(
          'select id, partnership_id as "partnershipId", is_private as "isPrivate" from public.pledges',
        ),
        memberships: await tx.query(
          `select user_id as "userId", partnership_id as "partnershipId", role, member_id as "memberId",
                  sponsor_organisation_id as "sponsorOrganisationId"
             from public.memberships where status = 'active'`,
        ),
      }));
      expect(everything.projects.some((p) => p.status === "draft")).toBe(true);
    });

    const users = Object.keys(demoUsers) as Array<keyof typeof demoUsers>;
    it.each(users)(
      "for %s: hidden sets and point checks say what the select policies show",
      async (user) => {
        const seen = await as(user, async (tx) => {
          const ids = async (sql: string, params: unknown[] = []) =>
            new Set((await tx.query<{ id: string }>(sql, params)).map((row) => row.id));
          const checks = async (fn: string, all: Array<{ id: string }>) =>
            new Set(
              (
                await tx.query<{ id: string; ok: boolean }>(
                  `select id, private.${fn}(id) as ok from unnest($1::uuid[]) as id`,
                  [all.map((row) => row.id)],
                )
              )
                .filter((row) => row.ok)
                .map((row) => row.id),
            );
          return {
            projects: await ids("select id from public.projects"),
            draftProjects: await ids("select id from private.my_draft_project_ids() as id"),
            seeProject: await checks("can_see_project", everything.projects),
            editProject: await checks("can_edit_project", everything.projects),
            milestones: await ids("select id from public.milestones"),
            seeMilestone: await checks("can_see_milestone", everything.milestones),
            editMilestone: await checks("can_edit_milestone", everything.milestones),
            pledges: await ids("select id from public.pledges"),
            privatePledges: await ids("select id from private.my_private_pledge_ids() as id"),
            seePledge: await checks("can_see_pledge", everything.pledges),
          };
        });
        const mine = everything.memberships.filter((m) => m.userId === demoUsers[user].id);
        const partnerships = new Set(mine.map((m) => m.partnershipId));
        const inMine = <T extends { id: string; partnershipId: string }>(rows: T[]) =>
          new Set(rows.filter((row) => partnerships.has(row.partnershipId)).map((row) => row.id));

        // The drafts (private pledges) I may see = the shown ones that are drafts (private); point checks =
        // shown.
        const drafts = new Set(
          everything.projects.filter((p) => p.status === "draft").map((p) => p.id),
        );
        const privates = new Set(everything.pledges.filter((p) => p.isPrivate).map((p) => p.id));
        const among = (a: Set<string>, b: Set<string>) => new Set([...a].filter((id) => b.has(id)));
        expect(among(seen.projects, inMine(everything.projects))).toEqual(seen.projects);
        expect(seen.draftProjects).toEqual(among(seen.projects, drafts));
        expect(seen.seeProject).toEqual(seen.projects);
        expect(seen.privatePledges).toEqual(among(seen.pledges, privates));
        expect(seen.seePledge).toEqual(seen.pledges);
        // A milestone is shown exactly when its project is, by the projects' own policy.
        const milestonesOfSeen = new Set(
          everything.milestones.filter((m) => seen.projects.has(m.projectId)).map((m) => m.id),
        );
        expect(seen.milestones).toEqual(milestonesOfSeen);
        expect(seen.seeMilestone).toEqual(milestonesOfSeen);
        // Who edits a board: the interface's rule (app/domain/permissions.ts), per partnership.
        const editable = new Set(
          everything.projects
            .filter((project) =>
              mine.some(
                (m) => m.partnershipId === project.partnershipId && canEditMilestones(m, project),
              ),
            )
            .map((project) => project.id),
        );
        expect(seen.editProject).toEqual(editable);
        expect(seen.editMilestone).toEqual(
          new Set(everything.milestones.filter((m) => editable.has(m.projectId)).map((m) => m.id)),
        );
      },
    );
  });

  describe("children carry their project's draft and their pledge's privacy (ADR 150)", () => {
    // P03 is Japan's draft, sponsored by Austral: its children are Japan's and Austral's alone.
    const draft = ids.project(3);
    const readers = [
      "delegateJp",
      "sponsor",
      "delegateAu",
      "delegateUs",
      "secretariat",
      "observer",
      "sponsorNorthern",
      "pacificSecretariat",
    ] as const;
    const childCounts = `select
        (select count(*) from public.milestones where project_id = $1)::int as milestones,
        (select count(*) from public.milestone_updates where project_id = $1)::int as updates,
        (select count(*) from public.project_outputs where project_id = $1)::int as outputs,
        (select count(*) from public.project_funding where project_id = $1)::int as funding,
        (select count(*) from public.project_links
          where supplier_project_id = $1 or buyer_project_id = $1)::int as links`;

    /** For every reader: the project's children are seen exactly when the project itself is. */
    async function expectChildrenFollowTheProject(tx: Queryable, step: string) {
      for (const reader of readers) {
        await switchTo(tx, reader);
        const sees = (await tx.query("select id from public.projects where id = $1", [draft]))
          .length;
        const counts = await one(tx, childCounts, [draft]);
        if (sees) {
          // Milestones, updates, links and funding exist for this draft (the seed's and this case's).
          const { outputs: _outputs, ...present } = counts;
          expect({ step, reader, present }).toEqual({
            step,
            reader,
            present: {
              milestones: expect.toSatisfy((n: number) => n > 0),
              updates: expect.toSatisfy((n: number) => n > 0),
              funding: 1,
              links: expect.toSatisfy((n: number) => n > 0),
            },
          });
        } else {
          expect({ step, reader, counts }).toEqual({
            step,
            reader,
            counts: { milestones: 0, updates: 0, outputs: 0, funding: 0, links: 0 },
          });
        }
      }
    }

    it("keeps a draft's children hidden from other governments through submission, return to draft and cancellation", async () => {
      await as("delegateJp", async (tx) => {
        const milestone = await one(
          tx,
          `insert into public.milestones (partnership_id, project_id, title, due_date)
           values ($1, $2, 'Trap: cyclone design review', '2027-03-01') returning id, project_is_draft`,
          [ids.cm, draft],
        );
        expect(milestone.project_is_draft).toBe(true);
        const update = await one(
          tx,
          `insert into public.milestone_updates (partnership_id, milestone_id, note)
           values ($1, $2, 'Trap: review booked') returning project_id, project_is_draft`,
          [ids.cm, milestone.id],
        );
        expect(update).toEqual({ project_id: draft, project_is_draft: true });
        const link = await one(
          tx,
          `insert into public.project_links (partnership_id, supplier_project_id, buyer_project_id, mineral,
                                             kind, tonnes_per_year, status)
           values ($1, $2, $3, 'trap_oxide', 'offtake', 100, 'mou')
           returning supplier_is_draft, buyer_is_draft`,
          [ids.cm, draft, ids.project(2)],
        );
        expect(link).toEqual({ supplier_is_draft: true, buyer_is_draft: false });
        await expectChildrenFollowTheProject(tx, "inserted on the draft");

        for (const status of ["submitted", "draft", "cancelled"]) {
          await switchTo(tx, "delegateJp");
          await tx.query("update public.projects set status = $2 where id = $1", [draft, status]);
          await expectChildrenFollowTheProject(tx, `after ${status}`);
        }
      });
    });

    it("gives a child moved to a draft the draft's flag, and hides it with the draft", async () => {
      await as("delegateAu", async (tx) => {
        await tx.exec("reset role");
        const fresh = await one(
          tx,
          `insert into public.milestones (partnership_id, project_id, title, due_date)
           values ($1, $2, 'Trap: to be moved', '2027-03-01') returning id, project_is_draft`,
          [ids.cm, ids.project(2)],
        );
        expect(fresh.project_is_draft).toBe(false);
        const moved = await one(
          tx,
          "update public.milestones set project_id = $2 where id = $1 returning id, project_is_draft",
          [fresh.id, draft],
        );
        expect(moved.project_is_draft).toBe(true);
        await switchTo(tx, "delegateAu");
        expect(
          await tx.query("select id from public.milestones where id = $1", [moved.id]),
        ).toEqual([]);
        await switchTo(tx, "delegateJp");
        expect(
          await tx.query("select id from public.milestones where id = $1", [moved.id]),
        ).toHaveLength(1);
      });
    });

    it("refuses a forged flag or partnership on a child", async () => {
      // A client has no grant on the copies.
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          `insert into public.milestones (partnership_id, project_id, title, due_date, project_is_draft)
           values ($1, $2, 'Forged', '2027-03-01', false)`,
          [ids.cm, draft],
        ),
      );
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.tranches set pledge_is_private = false where pledge_id = $1",
          [ids.pledge(3)],
        ),
      );
      // Another partnership's id on a child of this one: refused.
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          `insert into public.milestones (partnership_id, project_id, title, due_date)
           values ($1, $2, 'Forged', '2027-03-01')`,
          [ids.pb, draft],
        ),
        /row-level security|foreign key/,
      );
      // Even the owner cannot make a copy disagree with its parent: the insert copies the truth, and a
      // changed copy has no parent row to point at.
      await as("delegateJp", async (tx) => {
        await tx.exec("reset role");
        const inserted = await one(
          tx,
          `insert into public.milestones (partnership_id, project_id, title, due_date, project_is_draft)
           values ($1, $2, 'Forged by the owner', '2027-03-01', false) returning project_is_draft`,
          [ids.cm, draft],
        );
        expect(inserted.project_is_draft).toBe(true);
        const error = await failure(
          tx.query("update public.milestones set project_is_draft = false where project_id = $1", [
            draft,
          ]),
        );
        expect((error as Error & { code?: string }).code).toBe("23503");
      });
      await as("delegateJp", async (tx) => {
        await tx.exec("reset role");
        const error = await failure(
          tx.query("update public.tranches set pledge_is_private = false where pledge_id = $1", [
            ids.pledge(3),
          ]),
        );
        expect((error as Error & { code?: string }).code).toBe("23503");
      });
    });

    it("shows a pledge's tranches as the pledge: committed to members, live to sponsors, never-committed to its government", async () => {
      const tranchesOf = "select id from public.tranches where pledge_id = $1";
      await as("delegateJp", async (tx) => {
        const seen = async () => {
          const counts: Record<string, number> = {};
          for (const reader of ["delegateJp", "delegateAu", "secretariat", "sponsor"] as const) {
            await switchTo(tx, reader);
            counts[reader] = (await tx.query(tranchesOf, [ids.pledge(3)])).length;
          }
          await switchTo(tx, "delegateJp");
          return counts;
        };
        const draftSeen = await seen();
        expect(draftSeen.delegateJp).toBeGreaterThan(0);
        expect(draftSeen).toEqual({
          delegateJp: draftSeen.delegateJp,
          delegateAu: 0,
          secretariat: 0,
          sponsor: 0,
        });
        await one(tx, "select * from public.commit_pledge($1, 1)", [ids.pledge(3)]);
        const all = draftSeen.delegateJp;
        expect(await seen()).toEqual({
          delegateJp: all,
          delegateAu: all,
          secretariat: all,
          sponsor: all,
        });
        await one(tx, "select * from public.withdraw_pledge($1, 'Trap: budget moved')", [
          ids.pledge(3),
        ]);
        // Committed once: members keep reading it; sponsors read live money only.
        expect(await seen()).toEqual({
          delegateJp: all,
          delegateAu: all,
          secretariat: all,
          sponsor: 0,
        });
      });
      await as("delegateJp", async (tx) => {
        await one(tx, "select * from public.withdraw_pledge($1, 'Trap: never committed')", [
          ids.pledge(3),
        ]);
        for (const reader of ["delegateAu", "secretariat", "sponsor", "observer"] as const) {
          await switchTo(tx, reader);
          expect(await tx.query(tranchesOf, [ids.pledge(3)])).toEqual([]);
        }
        await switchTo(tx, "delegateJp");
        expect((await tx.query(tranchesOf, [ids.pledge(3)])).length).toBeGreaterThan(0);
      });
    });

    it("keeps every copy equal to its parent after any sequence of changes", async () => {
      // A deterministic sequence (mulberry32) of changes the owner may make: project and pledge states,
      // children moved to other parents, new children. Each step runs under a savepoint; one the schema
      // refuses (a check, a guard) is rolled back and counted out.
      let state = 150;
      const random = () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const pick = <T>(values: readonly T[]): T =>
        values[Math.floor(random() * values.length)] as T;
      const drift = `select
          (select count(*) from public.projects where is_draft <> (status = 'draft'))
        + (select count(*) from public.pledges
            where is_private <> (status = 'draft' or committed_at is null)
               or is_live <> (status in ('committed', 'disbursing', 'fulfilled')))
        + (select count(*) from public.milestones c join public.projects p on p.id = c.project_id
            where c.project_is_draft <> p.is_draft)
        + (select count(*) from public.milestone_updates c join public.projects p on p.id = c.project_id
            where c.project_is_draft <> p.is_draft)
        + (select count(*) from public.project_outputs c join public.projects p on p.id = c.project_id
            where c.project_is_draft <> p.is_draft)
        + (select count(*) from public.project_funding c join public.projects p on p.id = c.project_id
            where c.project_is_draft <> p.is_draft)
        + (select count(*) from public.project_links c
             join public.projects s on s.id = c.supplier_project_id
             join public.projects b on b.id = c.buyer_project_id
            where c.supplier_is_draft <> s.is_draft or c.buyer_is_draft <> b.is_draft)
        + (select count(*) from public.tranches c join public.pledges p on p.id = c.pledge_id
            where c.pledge_is_private <> p.is_private or c.pledge_is_live <> p.is_live)
        + (select count(*) from public.pledge_amendments c join public.pledges p on p.id = c.pledge_id
            where c.pledge_is_private <> p.is_private or c.pledge_is_live <> p.is_live) as n`;
      const outcome = await as("secretariat", async (tx) => {
        await tx.exec("reset role");
        const projects = (
          await tx.query<{ id: string; partnership_id: string }>(
            "select id, partnership_id from public.projects order by id",
          )
        ).map((row) => [row.id, row.partnership_id] as const);
        const pledges = (
          await tx.query<{ id: string; partnership_id: string }>(
            "select id, partnership_id from public.pledges order by id",
          )
        ).map((row) => [row.id, row.partnership_id] as const);
        const steps = [
          (): [string, unknown[]] => [
            "update public.projects set status = $2 where id = $1",
            [
              pick(projects)[0],
              pick(["draft", "submitted", "approved", "rejected", "completed", "cancelled"]),
            ],
          ],
          (): [string, unknown[]] => [
            `update public.pledges set status = $2,
               committed_at = case when $2 = 'draft' then null
                                   when $2 in ('committed', 'disbursing', 'fulfilled')
                                     then coalesce(committed_at, now())
                                   else committed_at end
              where id = $1`,
            [
              pick(pledges)[0],
              pick(["draft", "committed", "disbursing", "fulfilled", "withdrawn"]),
            ],
          ],
          (): [string, unknown[]] => {
            const [project, partnership] = pick(projects);
            return [
              `update public.milestones set project_id = $1
                where id = (select m.id from public.milestones m
                             where m.partnership_id = $2 and m.project_id <> $1
                               and not exists (select 1 from public.milestone_updates u where u.milestone_id = m.id)
                               and not exists (select 1 from public.tranches t where t.milestone_id = m.id)
                             order by md5(m.id::text || $1::text) limit 1)`,
              [project, partnership],
            ];
          },
          (): [string, unknown[]] => {
            const [project, partnership] = pick(projects);
            return [
              `insert into public.milestones (partnership_id, project_id, title, due_date)
               values ($2, $1, 'Generated', '2027-06-01')`,
              [project, partnership],
            ];
          },
          (): [string, unknown[]] => {
            const [pledge, partnership] = pick(pledges);
            return [
              `insert into public.tranches (partnership_id, pledge_id, amount_minor, due_date)
               values ($2, $1, 100, '2027-06-01')`,
              [pledge, partnership],
            ];
          },
          (): [string, unknown[]] => {
            const [project, partnership] = pick(projects);
            return [
              `update public.project_outputs set project_id = $1
                where id = (select o.id from public.project_outputs o
                             where o.partnership_id = $2 and o.project_id <> $1
                             order by md5(o.id::text || $1::text) limit 1)`,
              [project, partnership],
            ];
          },
        ];
        let applied = 0;
        const drifts: number[] = [];
        for (let step = 0; step < 80; step++) {
          const [sql, params] = pick(steps)();
          await tx.query("savepoint step");
          try {
            await tx.query(sql, params);
            await tx.query("release savepoint step");
            applied += 1;
          } catch {
            await tx.query("rollback to savepoint step");
          }
          drifts.push(Number((await one(tx, drift)).n));
        }
        return { applied, drifts };
      });
      expect(outcome.applied).toBeGreaterThan(40);
      expect(outcome.drifts).toEqual(outcome.drifts.map(() => 0));
    });
  });

  describe("the list's project counts keep drafts with their parties (rule 2, ADR 163)", () => {
    const total =
      "select coalesce(sum(projects), 0)::int as n from public.project_counts where partnership_id = $1";
    // Australia drafts a refining project sponsored by Northern, registered as the owner inside the case.
    const australianDraft = `insert into public.projects (partnership_id, name, segment, minerals, host_country,
      stage, currency, status, registering_member_id, sponsor_organisation_id) values ('${ids.cm}',
      'Geraldton Rare Earths Refinery', 'refining', '{NdPr}', 'AU', 'concept', 'AUD', 'draft',
      '${ids.member.AU}', '${ids.sponsor.northern}')`;
    const totalOf = (actor: Actor, setup?: string) =>
      as(actor, async (tx) => Number((await one(tx, total, [ids.cm])).n), setup);

    it("adds a new draft to its government's and its sponsor's totals only", async () => {
      for (const [actor, added] of [
        ["delegateAu", 1],
        ["sponsorNorthern", 1],
        ["delegateJp", 0],
        ["sponsor", 0],
        ["secretariat", 0],
        ["observer", 0],
        ["pacificSecretariat", 0],
      ] as const) {
        const before = await totalOf(actor);
        expect({ actor, added: (await totalOf(actor, australianDraft)) - before }).toEqual({
          actor,
          added,
        });
      }
    });

    it("names no other party's draft groups, nor their size, by segment or in a join", async () => {
      const draftGroups = `select c.segment, c.projects from public.project_counts c
        join public.members m on m.id = c.registering_member_id where c.status = 'draft'`;
      const seen = (actor: Actor) => as(actor, (tx) => tx.query<Row>(draftGroups), australianDraft);
      expect(await seen("secretariat")).toEqual([]);
      expect(await seen("observer")).toEqual([]);
      expect(await seen("delegateJp")).toEqual([{ segment: "refining", projects: 1 }]);
      expect(await seen("delegateAu")).toEqual([{ segment: "refining", projects: 1 }]);
      // Refining as the secretariat counts the submitted ones only, Japan's Darwin and the new draft left out.
      const refining = await as(
        "secretariat",
        (tx) =>
          one(
            tx,
            `select (select coalesce(sum(projects), 0) from public.project_counts
                      where partnership_id = $1 and segment = 'refining')::int as kept,
                    (select count(*) from public.projects
                      where partnership_id = $1 and segment = 'refining' and status <> 'draft')::int as rows`,
            [ids.cm],
          ),
        australianDraft,
      );
      expect(refining.kept).toBe(refining.rows);
    });

    it("moves a project between totals when it becomes a draft again or changes hands", async () => {
      // Canada's submitted Bécancour goes back to draft (as the owner): it leaves every total but Canada's.
      const backToDraft = `update public.projects set status = 'draft' where id = '${ids.project(6)}'`;
      const withdrawn = (actor: Actor) => totalOf(actor, backToDraft);
      expect((await totalOf("secretariat")) - (await withdrawn("secretariat"))).toBe(1);
      expect((await totalOf("delegateJp")) - (await withdrawn("delegateJp"))).toBe(1);
      expect((await totalOf("twoHats")) - (await withdrawn("twoHats"))).toBe(0);
      // Handed to Australia as a draft, it leaves Canada's total and joins Australia's.
      const handed = `${backToDraft}; update public.projects set registering_member_id = '${ids.member.AU}'
        where id = '${ids.project(6)}'`;
      expect((await totalOf("twoHats")) - (await totalOf("twoHats", handed))).toBe(1);
      expect((await totalOf("delegateAu", handed)) - (await totalOf("delegateAu"))).toBe(0);
    });
  });
});
