import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate, MigrationError, readMigrations } from "~/db/migrate.server";
import { runAsAnon, runAsUser, type Claims } from "~/db/rls.server";
import { runAsServiceRole } from "~/db/service-role.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";

const alice = "00000000-0000-4000-8000-00000000a11c";
const bob = "00000000-0000-4000-8000-0000000000b0";

function claimsFor(sub: string): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub,
    email: `${sub}@example.test`,
    role: "authenticated",
    aud: "authenticated",
    iat: now,
    exp: now + 3600,
    app_metadata: {},
    user_metadata: {},
  };
}

describe.each(engines)("foundation on %s", (engine) => {
  let handle: TestDatabase;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    // A probe table owned by the migrating role, readable by each user for their own rows only.
    await handle.db.exec(`
      create table public.rls_probe (id serial primary key, owner uuid not null, note text);
      alter table public.rls_probe enable row level security;
      grant select, insert on public.rls_probe to authenticated;
      grant usage on sequence public.rls_probe_id_seq to authenticated;
      create policy "rls_probe: users read their own rows" on public.rls_probe
        for select to authenticated using (owner = (select auth.uid()));
      create policy "rls_probe: users add rows they own" on public.rls_probe
        for insert to authenticated with check (owner = (select auth.uid()));
      insert into public.rls_probe (owner, note) values
        ('${alice}', 'alice 1'), ('${alice}', 'alice 2'), ('${bob}', 'bob 1');
    `);
  });
  afterAll(() => handle.dispose());

  it("records every migration where the Supabase CLI records them", async () => {
    const rows = await handle.db.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations order by version",
    );
    expect(rows.map((row) => row.version)).toEqual(readMigrations().map((m) => m.version));
  });

  it("is a no-op when up to date", async () => {
    expect(await migrate(handle.db)).toEqual([]);
  });

  it("provides Supabase's roles and claim functions", async () => {
    const roles = await handle.db.query<{ rolname: string; rolbypassrls: boolean }>(
      "select rolname, rolbypassrls from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by rolname",
    );
    expect(roles).toEqual([
      { rolname: "anon", rolbypassrls: false },
      { rolname: "authenticated", rolbypassrls: false },
      { rolname: "service_role", rolbypassrls: true },
    ]);
    const [claims] = await runAsUser(handle.db, claimsFor(alice), (tx) =>
      tx.query<{ uid: string; role: string; email: string; aud: string; current_user: string }>(
        "select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'aud' as aud, current_user",
      ),
    );
    expect(claims).toEqual({
      uid: alice,
      role: "authenticated",
      email: `${alice}@example.test`,
      aud: "authenticated",
      current_user: "authenticated",
    });
  });

  it("returns money (int8) and rates (numeric) as exact strings and dates as ISO strings", async () => {
    const [row] = await handle.db.query(
      "select 9007199254740993::int8 as minor, 0.00654321::numeric as rate, date '2026-11-27' as day",
    );
    expect(row).toEqual({ minor: "9007199254740993", rate: "0.00654321", day: "2026-11-27" });
  });

  it("subjects queries inside runAsUser to row-level security", async () => {
    const aliceRows = await runAsUser(handle.db, claimsFor(alice), (tx) =>
      tx.query<{ note: string }>("select note from public.rls_probe order by note"),
    );
    expect(aliceRows.map((r) => r.note)).toEqual(["alice 1", "alice 2"]);
    const bobRows = await runAsUser(handle.db, claimsFor(bob), (tx) =>
      tx.query<{ note: string }>("select note from public.rls_probe"),
    );
    expect(bobRows.map((r) => r.note)).toEqual(["bob 1"]);
  });

  it("refuses a user's write that the policy does not allow", async () => {
    await expect(
      runAsUser(handle.db, claimsFor(bob), (tx) =>
        tx.query("insert into public.rls_probe (owner, note) values ($1, 'forged')", [alice]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("gives anon nothing it was not granted", async () => {
    await expect(
      runAsAnon(handle.db, (tx) => tx.query("select * from public.rls_probe")),
    ).rejects.toThrow(/permission denied/);
  });

  it("lets only the service role bypass row-level security", async () => {
    const rows = await runAsServiceRole(handle.db, (tx) =>
      tx.query("select 1 from public.rls_probe"),
    ).catch((error: Error) => error);
    // service_role has BYPASSRLS but, like on Supabase, only the privileges it is granted.
    expect(rows).toBeInstanceOf(Error);
    await handle.db.exec("grant select on public.rls_probe to service_role");
    const all = await runAsServiceRole(handle.db, (tx) =>
      tx.query("select 1 from public.rls_probe"),
    );
    expect(all).toHaveLength(3);
  });

  it("resets the role and claims when the transaction ends", async () => {
    await runAsUser(handle.db, claimsFor(alice), async () => {});
    const [row] = await handle.db.query<{ current_user: string; uid: string | null }>(
      "select current_user, auth.uid() as uid",
    );
    expect(row?.current_user).not.toBe("authenticated");
    expect(row?.uid).toBeNull();
  });
});

describe.each(engines)("migration runner on %s", (engine) => {
  it("stops at a broken file, names it, and keeps the files before it applied", async () => {
    const handle = await createTestDatabase(engine, { migrate: false });
    try {
      const dir = mkdtempSync(path.join(tmpdir(), "lodestone-migrations-"));
      writeFileSync(
        path.join(dir, "20260101000000_first.sql"),
        "create table public.first_table (id int);",
      );
      writeFileSync(
        path.join(dir, "20260101000001_broken.sql"),
        "create table public.second_table (id int);\nselect nonsense from nowhere;",
      );
      writeFileSync(
        path.join(dir, "20260101000002_third.sql"),
        "create table public.third_table (id int);",
      );
      const failure = await migrate(handle.db, { dir }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).message).toContain("20260101000001_broken.sql");
      const tables = await handle.db.query<{ tablename: string }>(
        "select tablename from pg_tables where schemaname = 'public' order by tablename",
      );
      expect(tables.map((t) => t.tablename)).toEqual(["first_table"]);
      const versions = await handle.db.query<{ version: string }>(
        "select version from supabase_migrations.schema_migrations",
      );
      expect(versions.map((v) => v.version)).toEqual(["20260101000000"]);
    } finally {
      await handle.dispose();
    }
  });
});
