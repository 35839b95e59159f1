/*
 * Row-level security of the sign-in tables: profiles (e-mail addresses of people who share a partnership) and
 * invitations (the secretariat's alone), for every actor of the matrix and every verb.
 */
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import {
  attempt,
  demoUsers,
  expectOutcome,
  ids,
  matrixActors,
  type MatrixActor,
  type Outcome,
} from "../support/rls";

const invitation = ids.fresh(900);
const seedInvitation = (extra = "") => `insert into public.invitations
  (id, partnership_id, email, role, token_hash${extra ? ", accepted_at" : ""})
  values ('${invitation}', '${ids.cm}', 'someone@ministry.example', 'observer', 'a-token-hash'${extra})`;

type Verbs = Record<"select" | "insert" | "update" | "delete", Outcome>;
const secretariatOnly = (secretariat: Verbs, others: Verbs, anon: Verbs) =>
  Object.fromEntries(
    (Object.keys(matrixActors) as MatrixActor[]).map((actor) => [
      actor,
      actor === "secretariat" ? secretariat : actor === "anon" ? anon : others,
    ]),
  ) as Record<MatrixActor, Verbs>;

const invitationMatrix = secretariatOnly(
  { select: 1, insert: 1, update: 1, delete: "denied" },
  { select: 0, insert: "denied", update: 0, delete: "denied" },
  { select: "denied", insert: "denied", update: "denied", delete: "denied" },
);

describe.each(engines)("RLS of profiles and invitations on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  describe.each(Object.entries(invitationMatrix))("invitations, as %s", (label, expected) => {
    const actor = matrixActors[label as MatrixActor];
    it(`select: ${expected.select}`, async () => {
      expectOutcome(
        await attempt(
          handle.db,
          actor,
          "select id from public.invitations where id = $1",
          [invitation],
          seedInvitation(),
        ),
        expected.select,
      );
    });
    it(`insert: ${expected.insert}`, async () => {
      expectOutcome(
        await attempt(
          handle.db,
          actor,
          `insert into public.invitations (partnership_id, email, role)
           values ($1, 'new.person@ministry.example', 'observer') returning id`,
          [ids.cm],
        ),
        expected.insert,
      );
    });
    it(`update (revoke): ${expected.update}`, async () => {
      expectOutcome(
        await attempt(
          handle.db,
          actor,
          "update public.invitations set revoked_at = now() where id = $1 returning id",
          [invitation],
          seedInvitation(),
        ),
        expected.update,
      );
    });
    it(`delete: ${expected.delete}`, async () => {
      expectOutcome(
        await attempt(
          handle.db,
          actor,
          "delete from public.invitations where id = $1 returning id",
          [invitation],
          seedInvitation(),
        ),
        expected.delete,
      );
    });
  });

  it("stamps the inviter from the claims and refuses a forged one", async () => {
    const inserted = await attempt(
      handle.db,
      "secretariat",
      `insert into public.invitations (partnership_id, email, role)
       values ($1, 'stamped@ministry.example', 'observer') returning invited_by`,
      [ids.cm],
    );
    expect(inserted.error).toBeUndefined();
    expect(inserted.error ? null : inserted.rows[0]?.invited_by).toBe(demoUsers.secretariat.id);
    expectOutcome(
      await attempt(
        handle.db,
        "secretariat",
        `insert into public.invitations (partnership_id, email, role, invited_by)
         values ($1, 'forged@ministry.example', 'observer', $2)`,
        [ids.cm, demoUsers.delegateJp.id],
      ),
      "denied",
    );
  });

  it("refuses an invitation into another partnership and a change to an invitation's address", async () => {
    expectOutcome(
      await attempt(
        handle.db,
        "secretariat",
        `insert into public.invitations (partnership_id, email, role)
         values ($1, 'elsewhere@ministry.example', 'observer')`,
        [ids.pb],
      ),
      "denied",
    );
    expectOutcome(
      await attempt(
        handle.db,
        "secretariat",
        "update public.invitations set email = 'other@ministry.example' where id = $1",
        [invitation],
        seedInvitation(),
      ),
      "denied",
    );
  });

  it("refreshes an open invitation the secretariat changes: new role, a dead link, seven more days", async () => {
    const refreshed = await attempt(
      handle.db,
      "secretariat",
      `update public.invitations set role = 'secretariat' where id = $1
       returning role, token_hash, invited_by, expires_at > now() + interval '6 days 23 hours' as renewed`,
      [invitation],
      `${seedInvitation()}; update public.invitations set expires_at = now() - interval '1 day',
        invited_by = null where id = '${invitation}'`,
    );
    expect(refreshed.error).toBeUndefined();
    const row = refreshed.error ? null : refreshed.rows[0];
    expect(row).toMatchObject({
      role: "secretariat",
      invited_by: demoUsers.secretariat.id,
      renewed: true,
    });
    // The link the invitee had stops working until the server issues the new one (ADR 065, 092).
    expect(String(row?.token_hash)).toMatch(/^unissued:/);
  });

  it("leaves a revoked invitation revoked, and others cannot refresh one", async () => {
    expectOutcome(
      await attempt(
        handle.db,
        "secretariat",
        "update public.invitations set role = 'secretariat' where id = $1 returning token_hash",
        [invitation],
        `${seedInvitation()}; update public.invitations set revoked_at = now() where id = '${invitation}'`,
      ),
      1,
    );
    const kept = await attempt(
      handle.db,
      "secretariat",
      "update public.invitations set role = 'observer' where id = $1 returning token_hash",
      [invitation],
      `${seedInvitation()}; update public.invitations set revoked_at = now() where id = '${invitation}'`,
    );
    expect(kept.error ? null : kept.rows[0]?.token_hash).toBe("a-token-hash");
    for (const actor of ["delegateJp", "sponsor", "observer", "pacificSecretariat"] as const) {
      expectOutcome(
        await attempt(
          handle.db,
          actor,
          "update public.invitations set role = 'secretariat' where id = $1 returning id",
          [invitation],
          seedInvitation(),
        ),
        0,
      );
    }
  });

  it("cannot revoke an invitation that was already accepted", async () => {
    expectOutcome(
      await attempt(
        handle.db,
        "secretariat",
        "update public.invitations set revoked_at = now() where id = $1 returning id",
        [invitation],
        seedInvitation(", now()"),
      ),
      0,
    );
  });

  it("closes the auth server's own tables to every API role", async () => {
    for (const table of ["auth_sessions", "sign_in_attempts", "dev_outbox"]) {
      for (const actor of ["secretariat", "anon"] as const) {
        expectOutcome(await attempt(handle.db, actor, `select 1 from private.${table}`), "denied");
      }
    }
  });

  describe("profiles", () => {
    const visible = (actor: Parameters<typeof attempt>[1], userId: string) =>
      attempt(handle.db, actor, "select email from public.profiles where id = $1", [userId]);

    it("each person reads their own profile", async () => {
      for (const user of [
        "secretariat",
        "delegateJp",
        "sponsor",
        "observer",
        "pacificSecretariat",
      ] as const) {
        expectOutcome(await visible(user, demoUsers[user].id), 1);
      }
    });

    it("members read the profiles of people in their partnerships, and no one else's", async () => {
      expectOutcome(await visible("delegateJp", demoUsers.secretariat.id), 1);
      expectOutcome(await visible("observer", demoUsers.sponsor.id), 1);
      expectOutcome(await visible("pacificSecretariat", demoUsers.secretariat.id), 0);
      expectOutcome(await visible("delegateJp", demoUsers.pacificSecretariat.id), 0);
      expectOutcome(await visible("twoHats", demoUsers.pacificSecretariat.id), 1);
      expectOutcome(await visible("anon", demoUsers.secretariat.id), "denied");
    });

    it("nobody writes profiles through the API: they follow auth.users", async () => {
      for (const actor of ["secretariat", "delegateJp", "anon"] as const) {
        expectOutcome(
          await attempt(
            handle.db,
            actor,
            "update public.profiles set email = 'x@y.example' where id = $1",
            [demoUsers.secretariat.id],
          ),
          "denied",
        );
        expectOutcome(
          await attempt(
            handle.db,
            actor,
            "insert into public.profiles (id, email) values ($1, 'x@y.example')",
            [ids.fresh(901)],
          ),
          "denied",
        );
        expectOutcome(
          await attempt(handle.db, actor, "delete from public.profiles where id = $1", [
            demoUsers.observer.id,
          ]),
          "denied",
        );
      }
    });

    it("keeps a profile's address in step with auth.users", async () => {
      await handle.db.query(
        "update auth.users set email = 'renamed.observer@demo.lodestone.example' where id = $1",
        [demoUsers.observer.id],
      );
      expectOutcome(
        await attempt(
          handle.db,
          "secretariat",
          "select 1 from public.profiles where id = $1 and email = $2",
          [demoUsers.observer.id, "renamed.observer@demo.lodestone.example"],
        ),
        1,
      );
    });
  });
});
