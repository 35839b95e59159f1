/*
 * The database surface as Supabase's API exposes it, attacked as the API roles would (issue 17, items 7–11):
 * helpers that answered about other tenants, foreign keys that ignore row-level security, a client-chosen
 * invitation token, an audit trail that outlived a pledge's visibility, and the change channel. Every case
 * runs in a rolled-back transaction, on PGlite and PostgreSQL. See docs/security-model.md, "Threats and
 * defences".
 */
import { createHash } from "node:crypto";
import type { Queryable } from "~/db/engine.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { attempt, expectDenied, ids, rolledBack, switchTo, type Actor } from "../support/rls";

type Row = Record<string, unknown>;
const one = async (tx: Queryable, sql: string, params: unknown[] = []) =>
  (await tx.query<Row>(sql, params))[0] ?? {};

/** Resolves once `check` holds, polling every 10 ms (fails after `ms`). */
async function eventually(check: () => boolean, ms = 3000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const LAPSE_PACIFIC = `update public.partnerships set subscription_status = 'canceled',
  trial_ends_at = now() - interval '1 day' where id = '${ids.pb}'`;
const NOWHERE = "00000000-0000-4000-8000-00000000dead";

describe.each(engines)("attacks on the database surface on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  const as = <T>(actor: Actor, work: (tx: Queryable) => Promise<T>, setup?: string) =>
    rolledBack(handle.db, actor, work, setup);

  describe("7. helpers that answered about any partnership", () => {
    it("tells an outsider nothing of another tenant's currency or subscription, not even that it exists", async () => {
      const answers = await as(
        "delegateJp",
        (tx) =>
          one(
            tx,
            `select private.reporting_currency($1) as theirs, private.reporting_currency($2) as nowhere,
                    private.reporting_currency($3) as mine,
                    private.partnership_is_writable($1) as their_state,
                    private.partnership_is_writable($2) as no_state`,
            [ids.pb, NOWHERE, ids.cm],
          ),
        LAPSE_PACIFIC,
      );
      expect(answers).toEqual({
        theirs: null,
        nowhere: null,
        mine: "USD",
        their_state: true,
        no_state: true,
      });
      // Its own members still learn that it is read-only.
      const member = await as(
        "pacificSecretariat",
        (tx) => one(tx, "select private.partnership_is_writable($1) as writable", [ids.pb]),
        LAPSE_PACIFIC,
      );
      expect(member.writable).toBe(false);
    });

    it("refuses the helpers to anonymous callers", async () => {
      expectDenied(
        await attempt(handle.db, "anon", "select private.reporting_currency($1)", [ids.cm]),
        /permission denied/,
      );
      expectDenied(
        await attempt(handle.db, "anon", "select private.partnership_is_writable($1)", [ids.cm]),
        /permission denied/,
      );
    });
  });

  describe("8. foreign keys that ignore row-level security", () => {
    it("refuses a delegate's pledge on a project it cannot see (another government's draft)", async () => {
      // Project 3 is Japan's draft: Australia's delegate cannot see it.
      const seen = await as("delegateAu", (tx) =>
        tx.query("select id from public.projects where id = $1", [ids.project(3)]),
      );
      expect(seen).toHaveLength(0);
      expectDenied(
        await attempt(
          handle.db,
          "delegateAu",
          `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument)
           values ($1, $2, $3, 1000000, 'AUD', 'grant') returning id`,
          [ids.cm, ids.project(3), ids.member.AU],
        ),
      );
      // The same pledge on a project it can see is accepted.
      const visible = await attempt(
        handle.db,
        "delegateAu",
        `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument)
         values ($1, $2, $3, 1000000, 'AUD', 'grant') returning id`,
        [ids.cm, ids.project(1), ids.member.AU],
      );
      expect(visible.error).toBeUndefined();
    });

    it("refuses a tranche tied to a milestone its author cannot see", async () => {
      const outcome = await as("delegateAu", async (tx) => {
        await switchTo(tx, "delegateJp");
        const [hidden] = await tx.query<{ id: string }>(
          "select id from public.milestones where project_id = $1 limit 1",
          [ids.project(3)],
        );
        await switchTo(tx, "delegateAu");
        const [pledge] = await tx.query<{ id: string }>(
          `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument)
           values ($1, $2, $3, 1000000, 'AUD', 'grant') returning id`,
          [ids.cm, ids.project(1), ids.member.AU],
        );
        return tx
          .query(
            `insert into public.tranches (partnership_id, pledge_id, milestone_id, amount_minor, due_date)
             values ($1, $2, $3, 1000, '2027-06-30')`,
            [ids.cm, pledge?.id, hidden?.id],
          )
          .then(
            () => "accepted",
            (error: Error) => error.message,
          );
      });
      expect(outcome).toMatch(/row-level security|own pledge's project/);
    });
  });

  describe("9. invitation tokens chosen by the client", () => {
    it("refuses a secretariat's own token_hash and gives its invitation a hash no link matches", async () => {
      const chosen = createHash("sha256").update("a token the secretariat knows").digest("hex");
      expectDenied(
        await attempt(
          handle.db,
          "secretariat",
          `insert into public.invitations (partnership_id, email, role, token_hash)
           values ($1, 'victim@ministry.example', 'observer', $2)`,
          [ids.cm, chosen],
        ),
        /permission denied/,
      );
      const inserted = await attempt(
        handle.db,
        "secretariat",
        `insert into public.invitations (partnership_id, email, role)
         values ($1, 'victim@ministry.example', 'observer') returning token_hash`,
        [ids.cm],
      );
      expect(inserted.error).toBeUndefined();
      const hash = inserted.error ? "" : String(inserted.rows[0]?.token_hash);
      // Never a SHA-256 hex digest, so no link (the hash of any token) can match it.
      expect(hash).toMatch(/^unissued:/);
      expect(hash).not.toMatch(/^[0-9a-f]{64}$/);
      expectDenied(
        await attempt(
          handle.db,
          "secretariat",
          "update public.invitations set token_hash = $2 where id = $1",
          [ids.fresh(901), chosen],
          `insert into public.invitations (id, partnership_id, email, role)
           values ('${ids.fresh(901)}', '${ids.cm}', 'victim@ministry.example', 'observer')`,
        ),
        /permission denied/,
      );
    });
  });

  describe("10. the audit trail of a pledge the secretariat cannot see", () => {
    const scheduleAndWithdraw = async (tx: Queryable, commit: boolean) => {
      const [pledge] = await tx.query<{ id: string }>(
        `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument)
         values ($1, $2, $3, 5000000, 'USD', 'grant') returning id`,
        [ids.cm, ids.project(2), ids.member.JP],
      );
      const [tranche] = await tx.query<{ id: string }>(
        `insert into public.tranches (partnership_id, pledge_id, amount_minor, due_date)
         values ($1, $2, 1000000, '2027-06-30') returning id`,
        [ids.cm, pledge?.id],
      );
      if (commit) await tx.query("select public.commit_pledge($1, 1)", [pledge?.id]);
      await tx.query("select public.withdraw_pledge($1, 'Budget moved elsewhere')", [pledge?.id]);
      // The withdrawal cancelled the tranche (ADR 112): the trail records that change, and a later edit by
      // the delegate is refused (a cancelled tranche never changes).
      await tx.query("savepoint late_edit");
      const late = await tx
        .query("update public.tranches set amount_minor = 2000000 where id = $1", [tranche?.id])
        .then(
          () => "accepted",
          (error: Error) => error.message,
        );
      await tx.query("rollback to savepoint late_edit");
      expect(late).toMatch(/cancelled tranche cannot change/);
      await switchTo(tx, "secretariat");
      const pledges = await tx.query("select id from public.pledges where id = $1", [pledge?.id]);
      const events = await tx.query(
        `select id from public.audit_events
          where row_id = any ($1::uuid[])
             or (coalesce(after, before) ->> 'pledge_id')::uuid = $2::uuid`,
        [[pledge?.id, tranche?.id], pledge?.id],
      );
      return { pledgeSeen: pledges.length, eventsSeen: events.length };
    };

    it("hides every event of a pledge withdrawn before it was ever committed", async () => {
      const seen = await as("delegateJp", (tx) => scheduleAndWithdraw(tx, false));
      expect(seen).toEqual({ pledgeSeen: 0, eventsSeen: 0 });
    });

    it("still shows a pledge that was committed, then withdrawn, from its commitment on", async () => {
      const seen = await as("delegateJp", (tx) => scheduleAndWithdraw(tx, true));
      expect(seen.pledgeSeen).toBe(1);
      // The withdrawal and the tranche's cancellation with it; the draft-time events stay hidden.
      expect(seen.eventsSeen).toBe(2);
    });
  });

  describe("11. the change channel", () => {
    it("lets any role LISTEN (the accepted risk: Postgres has no privilege for it)", async () => {
      for (const actor of ["anon", "observer"] as const) {
        const listened = await attempt(handle.db, actor, "listen lodestone_changes");
        expect(listened.error).toBeUndefined();
      }
    });

    it("carries ids, versions and the draft marker only: never names, amounts or text", async () => {
      const payloads: string[] = [];
      const stop = await handle.db.listen("lodestone_changes", (payload) => payloads.push(payload));
      const secret = `secret-${Date.now()}`;
      try {
        await handle.db.transaction(async (tx) => {
          await tx.query(
            "update public.projects set name = $2, esg_notes = $2, capex_minor = 987654321987 where id = $1",
            [ids.project(3), `${secret} project`],
          );
          await tx.query(
            "update public.milestones set title = $2, notes = $2 where project_id = $1",
            [ids.project(3), `${secret} milestone`],
          );
          const [milestone] = await tx.query<{ id: string }>(
            "select id from public.milestones where project_id = $1 limit 1",
            [ids.project(3)],
          );
          await tx.query(
            `insert into public.milestone_updates (partnership_id, milestone_id, note, evidence_url)
             values ($1, $2, $3, 'https://evidence.example/${secret}')`,
            [ids.cm, milestone?.id, `${secret} note`],
          );
        });
        await eventually(() => payloads.some((p) => p.includes('"milestone_updates"')));
      } finally {
        await stop();
      }
      const allowed = [
        "partnership_id",
        "table",
        "op",
        "id",
        "version",
        "project_id",
        "milestone_id",
        "draft",
        "member_id",
        "sponsor_id",
      ];
      expect(payloads.length).toBeGreaterThanOrEqual(3);
      for (const payload of payloads) {
        expect(payload).not.toContain(secret);
        expect(payload).not.toContain("987654321987");
        const parsed = JSON.parse(payload) as Record<string, unknown>;
        expect(allowed).toEqual(expect.arrayContaining(Object.keys(parsed)));
        for (const value of Object.values(parsed)) {
          expect(
            value === null ||
              typeof value === "boolean" ||
              typeof value === "number" ||
              /^[0-9a-f-]{36}$/.test(String(value)) ||
              [
                "projects",
                "milestones",
                "milestone_updates",
                "insert",
                "update",
                "delete",
              ].includes(String(value)),
          ).toBe(true);
        }
      }
    });
  });
});
