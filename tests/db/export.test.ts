/*
 * The move from the embedded database to PostgreSQL and Supabase (ADR 124): the export's text, then (with
 * TEST_DATABASE_URL) the embedded demo exported and loaded into an empty PostgreSQL 15 as its owner, and into a
 * database shaped like a new Supabase project as a role that is not a superuser. On both: every row arrives, no
 * trigger fires while loading, the grants and policies are the embedded database's own (whatever the target's
 * default privileges), the demo accounts sign in with their passwords, and the profile sync on auth.users
 * works. The RLS matrix runs on the PostgreSQL copy too (tests/db/rls-matrix.test.ts).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createLocalAdapter } from "~/auth/local-adapter.server";
import { createOutboxMailer } from "~/auth/mailer.server";
import { restoreExport } from "~/db/backup.server";
import { openPostgres, type Database, type EmbeddedDatabase } from "~/db/engine.server";
import {
  adaptDump,
  assembleExport,
  dollarTag,
  exportEmbedded,
  ROWS_LEFT_BEHIND,
} from "~/db/export.server";
import { createTestDatabase, databaseUrl, describeOnPostgres } from "../support/database";
import { demoUsers, ids } from "../support/rls";

const DEMO_PASSWORD = "lodestone-demo";
const SECRET = "test-jwt-secret-test-jwt-secret-test-jwt-secret";

describe("the export's text", () => {
  it("adapts pg_dump 18's script for PostgreSQL 15 and Supabase", () => {
    const dump = [
      "\\restrict abc123",
      "SET statement_timeout = 0;",
      "SET transaction_timeout = 0;",
      "CREATE SCHEMA private;",
      "CREATE SCHEMA IF NOT EXISTS reference;",
      "COMMENT ON SCHEMA public IS 'standard public schema';",
      "CREATE TABLE public.t (id int);",
      "\\unrestrict abc123",
    ].join("\n");
    expect(adaptDump(dump).split("\n")).toEqual([
      "SET statement_timeout = 0;",
      "CREATE SCHEMA IF NOT EXISTS private;",
      "CREATE SCHEMA IF NOT EXISTS reference;",
      "CREATE TABLE public.t (id int);",
    ]);
  });

  it("quotes with a dollar tag the quoted text does not contain", () => {
    expect(dollarTag("plain", "users")).toBe("$users$");
    expect(dollarTag("a $users$ b $users_1$", "users")).toBe("$users_2$");
  });

  it("puts the platform, then the accounts, then the dump, then the triggers on auth tables", () => {
    const text = assembleExport({
      dump: "CREATE TABLE public.marker_of_the_dump (id int);",
      usersJson: '[{"id": "x"}]',
      authTriggers: ["CREATE TRIGGER marker_of_the_trigger AFTER INSERT ON auth.users"],
      exportedAt: "2026-11-30T12:00:00.000Z",
    });
    const order = [
      "create role anon",
      "create schema auth;",
      "alter default privileges in schema public revoke all on tables",
      "insert into auth.users",
      "insert into auth.identities",
      "CREATE TABLE public.marker_of_the_dump",
      "CREATE TRIGGER marker_of_the_trigger AFTER INSERT ON auth.users;",
    ].map((marker) => text.indexOf(marker));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain("2026-11-30T12:00:00.000Z");
  });
});

interface Snapshot {
  rows: Record<string, number>;
  grants: string[];
  policies: string[];
  rlsTables: string[];
  passwordHashes: Record<string, string>;
}

/** What must survive the move: rows per table, grants to the API roles, policies, RLS, password hashes. */
async function snapshot(db: Database): Promise<Snapshot> {
  const tables = await db.query<{ name: string }>(
    `select schemaname || '.' || tablename as name from pg_tables
      where schemaname in ('public', 'private', 'reference', 'supabase_migrations') order by 1`,
  );
  const rows: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ count: number }>(`select count(*)::int as count from ${name}`);
    rows[name] = row?.count ?? -1;
  }
  const grants = await db.query<{ grant: string }>(
    `select table_schema || '.' || table_name || ' ' || privilege_type || ' to ' || grantee as grant
       from information_schema.role_table_grants
      where grantee in ('anon', 'authenticated', 'service_role', 'PUBLIC')
        and table_schema in ('public', 'private', 'reference')
     union all
     select table_schema || '.' || table_name || '.' || column_name || ' ' || privilege_type || ' to ' || grantee
       from information_schema.column_privileges
      where grantee in ('anon', 'authenticated', 'service_role')
        and table_schema in ('public', 'private', 'reference')
     union all
     select n.nspname || '.' || p.proname || ' execute to ' || r.rolname
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       cross join pg_roles r
      where n.nspname in ('public', 'private') and r.rolname in ('anon', 'authenticated', 'service_role')
        and has_function_privilege(r.oid, p.oid, 'execute')
     order by 1`,
  );
  const policies = await db.query<{ policy: string }>(
    `select schemaname || '.' || tablename || ': ' || policyname || ' ' || cmd || ' ' || array_to_string(roles, ',')
            || ' using ' || coalesce(qual, '-') || ' check ' || coalesce(with_check, '-') as policy
       from pg_policies order by 1`,
  );
  const rlsTables = await db.query<{ name: string }>(
    `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relrowsecurity and n.nspname in ('public', 'private', 'reference') order by 1`,
  );
  const users = await db.query<{ email: string; hash: string }>(
    "select email, encrypted_password as hash from auth.users order by email",
  );
  return {
    rows,
    grants: grants.map((row) => row.grant),
    policies: policies.map((row) => row.policy),
    rlsTables: rlsTables.map((row) => row.name),
    passwordHashes: Object.fromEntries(users.map((user) => [user.email, user.hash])),
  };
}

/** The parts of a snapshot that must be equal after the move (the left-behind tables arrive empty). */
function expectSameDatabase(after: Snapshot, before: Snapshot) {
  const expectedRows = Object.fromEntries(
    Object.entries(before.rows).map(([table, count]) => [
      table,
      (ROWS_LEFT_BEHIND as readonly string[]).includes(table) ? 0 : count,
    ]),
  );
  expect(after.rows).toEqual(expectedRows);
  expect(after.grants).toEqual(before.grants);
  expect(after.policies).toEqual(before.policies);
  expect(after.rlsTables).toEqual(before.rlsTables);
  expect(after.passwordHashes).toEqual(before.passwordHashes);
}

async function expectDemoAccountsSignIn(db: Database) {
  const auth = createLocalAdapter(db, SECRET, createOutboxMailer(db));
  for (const user of Object.values(demoUsers)) {
    const result = await auth.signInWithPassword(
      new Request("http://localhost/sign-in"),
      user.email,
      DEMO_PASSWORD,
    );
    expect(result.ok, user.email).toBe(true);
  }
  const wrong = await auth.signInWithPassword(
    new Request("http://localhost/sign-in"),
    demoUsers.observer.email,
    "not-the-password",
  );
  expect(wrong.ok).toBe(false);
}

async function expectProfileSyncOnAuthUsers(db: Database) {
  await db.query(
    "update auth.users set email = 'renamed.observer@demo.lodestone.example' where id = $1",
    [demoUsers.observer.id],
  );
  const [profile] = await db.query<{ email: string }>(
    "select email from public.profiles where id = $1",
    [demoUsers.observer.id],
  );
  expect(profile?.email).toBe("renamed.observer@demo.lodestone.example");
}

describeOnPostgres("the embedded demo moved to PostgreSQL", () => {
  let before: Snapshot;
  let exported: string;
  beforeAll(async () => {
    const source = await createTestDatabase("pglite", { seed: true });
    try {
      before = await snapshot(source.db);
      exported = await exportEmbedded(source.db as EmbeddedDatabase);
    } finally {
      await source.dispose();
    }
  });

  it("loads into an empty PostgreSQL 15 as its owner, whole, with no trigger fired, and people sign in", async () => {
    const target = await createTestDatabase("postgres", { migrate: false });
    try {
      await restoreExport(target.db, exported);
      expectSameDatabase(await snapshot(target.db), before);
      await expectDemoAccountsSignIn(target.db);
      await expectProfileSyncOnAuthUsers(target.db);
      // The sequences go on from where they were: the next audit event gets the next number.
      const lastAuditId = async () =>
        Number(
          (
            await target.db.query<{ id: string }>(
              "select max(id)::text as id from public.audit_events",
            )
          )[0]?.id,
        );
      const last = await lastAuditId();
      await target.db.query(
        "update public.milestones set notes = 'After the move.' where id = $1",
        [ids.milestone(3)],
      );
      expect(await lastAuditId()).toBe(last + 1);
    } finally {
      await target.dispose();
    }
  });

  it("loads into a new Supabase project as its postgres role (no superuser), Supabase's defaults granting nothing", async () => {
    const owner = `lodestone_supabase_${randomBytes(4).toString("hex")}`;
    const name = `lodestone_supabase_${randomBytes(4).toString("hex")}`;
    const admin = openPostgres(databaseUrl("postgres"), { max: 1 });
    let asOwner: Database | undefined;
    let asSuperuser: Database | undefined;
    try {
      await admin.exec(`create role ${owner} login password '${owner}' nosuperuser nocreaterole`);
      await admin.exec(`create database ${name} owner ${owner}`);
      asSuperuser = openPostgres(databaseUrl(name), { max: 1 });
      await asSuperuser.exec(
        readFileSync("tests/fixtures/supabase/platform.sql", "utf8").replaceAll("{{owner}}", owner),
      );
      const url = new URL(databaseUrl(name));
      url.username = owner;
      url.password = owner;
      asOwner = openPostgres(url.toString(), { max: 2 });

      await restoreExport(asOwner, exported);

      expectSameDatabase(await snapshot(asOwner), before);
      await expectDemoAccountsSignIn(asOwner);
      await expectProfileSyncOnAuthUsers(asOwner);
      // Supabase Auth reads the token columns as strings, and signs in through an e-mail identity.
      const [tokens] = await asOwner.query<{ nulls: number; identities: number; users: number }>(
        `select count(*) filter (where confirmation_token is null or recovery_token is null
                                   or email_change_token_new is null or email_change is null)::int as nulls,
                (select count(*)::int from auth.identities where provider = 'email'
                    and provider_id = user_id::text and identity_data ->> 'email' is not null) as identities,
                count(*)::int as users
           from auth.users`,
      );
      expect(tokens).toEqual({ nulls: 0, identities: tokens?.users, users: 10 });
    } finally {
      await asOwner?.close();
      await asSuperuser?.close();
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.exec(`drop role if exists ${owner}_auth_admin`);
      await admin.exec(`drop role if exists ${owner}`);
      await admin.close();
    }
  });
});
