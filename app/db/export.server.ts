/*
 * The embedded database as one plain SQL file that loads into an empty PostgreSQL 15+ or a new Supabase project
 * (ADR 124): `npm run db:export -- office.sql`, then `npm run db:restore -- office.sql` with DATABASE_URL set
 * (or `psql --single-transaction -v ON_ERROR_STOP=1 -f office.sql`).
 *
 * The file, in order:
 *   1. the API roles, and on a plain PostgreSQL the platform shim (schema `auth`); Supabase has both already;
 *   2. default privileges revoked as the foundation migration revokes them, so that Supabase's defaults (every
 *      new table granted to anon and authenticated) never reach the tables this file creates;
 *   3. the accounts, into auth.users, in the columns Supabase's table and the shim's share (password hashes
 *      are bcrypt on both sides, so everyone keeps their password), plus, on Supabase, their e-mail identities;
 *   4. pg_dump (PGlite's own, PostgreSQL 18) of the application's schemas, adapted for PostgreSQL 15; its
 *      triggers come after its data, so loading fires no audit trigger and needs no superuser;
 *   5. the application's triggers on auth tables (outside the dumped schemas), e.g. the profile sync.
 * Left behind: sessions (everyone signs in again), sign-in attempts, and the demo outbox.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { EmbeddedDatabase } from "./engine.server";
import { platformRolesSql } from "./migrate.server";

export const EXPORTED_SCHEMAS = ["public", "private", "reference", "supabase_migrations"] as const;
export const ROWS_LEFT_BEHIND = [
  "private.auth_sessions",
  "private.sign_in_attempts",
  "private.dev_outbox",
] as const;

const PLATFORM_DIR = path.resolve(process.cwd(), "supabase", "platform");

/** The columns of auth.users that Supabase's table and the platform shim both have. */
const USER_COLUMNS = [
  "instance_id",
  "id",
  "aud",
  "role",
  "email",
  "encrypted_password",
  "email_confirmed_at",
  "invited_at",
  "confirmation_token",
  "confirmation_sent_at",
  "recovery_token",
  "recovery_sent_at",
  "email_change_token_new",
  "email_change",
  "email_change_sent_at",
  "last_sign_in_at",
  "raw_app_meta_data",
  "raw_user_meta_data",
  "is_super_admin",
  "created_at",
  "updated_at",
  "phone",
  "phone_confirmed_at",
  "banned_until",
  "deleted_at",
  "is_sso_user",
  "is_anonymous",
] as const;

/*
 * Supabase Auth reads these as strings and fails on NULL, and an account made here may have left them NULL;
 * the others get Supabase's values for an ordinary e-mail account.
 */
const USER_VALUES: Partial<Record<(typeof USER_COLUMNS)[number], string>> = {
  instance_id: "coalesce(instance_id, '00000000-0000-0000-0000-000000000000')",
  aud: "coalesce(aud, 'authenticated')",
  role: "coalesce(role, 'authenticated')",
  confirmation_token: "coalesce(confirmation_token, '')",
  recovery_token: "coalesce(recovery_token, '')",
  email_change_token_new: "coalesce(email_change_token_new, '')",
  email_change: "coalesce(email_change, '')",
  raw_app_meta_data: "coalesce(raw_app_meta_data, '{}')",
  raw_user_meta_data: "coalesce(raw_user_meta_data, '{}')",
  is_sso_user: "coalesce(is_sso_user, false)",
  is_anonymous: "coalesce(is_anonymous, false)",
};

/** A dollar-quote tag that does not occur in `text`. */
export function dollarTag(text: string, base: string): string {
  let tag = `$${base}$`;
  for (let n = 1; text.includes(tag); n += 1) tag = `$${base}_${n}$`;
  return tag;
}

/**
 * pg_dump 18's script, made to load into PostgreSQL 15 and into Supabase as a non-superuser: no
 * `transaction_timeout` (new in 17), no psql-only `\restrict` lines, schemas created only when missing
 * (Supabase has `public`), and no comment on schema `public` (it is not ours to change there).
 */
export function adaptDump(dump: string): string {
  return dump
    .split("\n")
    .filter(
      (line) =>
        !/^SET transaction_timeout\b/.test(line) &&
        !/^\\(un)?restrict\b/.test(line) &&
        !/^COMMENT ON SCHEMA public\b/.test(line),
    )
    .map((line) =>
      line.replace(/^CREATE SCHEMA (?!IF NOT EXISTS)(.+);$/, "CREATE SCHEMA IF NOT EXISTS $1;"),
    )
    .join("\n");
}

/** Sections 1 and 2: roles, the shim where schema `auth` is missing, default privileges. */
function platformSection(): string {
  const roles = platformRolesSql();
  const shim = readFileSync(path.join(PLATFORM_DIR, "shim.sql"), "utf8");
  const tag = dollarTag(shim, "shim");
  return `-- 1. The API roles; on a plain PostgreSQL, what Supabase provides (schema auth, auth.users, auth.uid()).
${roles}
do $lodestone$
begin
  if not exists (select 1 from pg_namespace where nspname = 'auth') then
    execute ${tag}
${shim}
${tag};
  end if;
end
$lodestone$;

-- 2. New tables, sequences and functions get no grants but the ones this file gives them (Supabase's defaults
-- would grant everything to anon and authenticated).
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from public, anon, authenticated, service_role;
`;
}

/** Section 3: the accounts, and on Supabase their e-mail identities (which Supabase Auth signs in with). */
export function usersSection(usersJson: string): string {
  const tag = dollarTag(usersJson, "users");
  const columns = USER_COLUMNS.join(", ");
  const values = USER_COLUMNS.map((column) => USER_VALUES[column] ?? column).join(", ");
  return `-- 3. The accounts (password hashes included: keep this file as safe as a backup).
create temporary table lodestone_users as
  select * from jsonb_populate_recordset(null::auth.users, ${tag}${usersJson}${tag}::jsonb);
insert into auth.users (${columns})
  select ${values} from pg_temp.lodestone_users;
do $lodestone$
begin
  if to_regclass('auth.identities') is not null then
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    select u.id::text, u.id,
           jsonb_build_object('sub', u.id::text, 'email', u.email,
                              'email_verified', u.email_confirmed_at is not null, 'phone_verified', false),
           'email', u.last_sign_in_at, u.created_at, u.updated_at
      from pg_temp.lodestone_users u
     where u.email is not null
       and not exists (select 1 from auth.identities i where i.user_id = u.id and i.provider = 'email');
  end if;
end
$lodestone$;
drop table pg_temp.lodestone_users;
`;
}

export interface ExportParts {
  /** pg_dump's script of the application's schemas. */
  dump: string;
  /** auth.users as a JSON array of rows. */
  usersJson: string;
  /** `pg_get_triggerdef` of each of the application's triggers on tables in schema `auth`. */
  authTriggers: string[];
  /** When the export was taken (ISO), for the header. */
  exportedAt: string;
}

/** The export file from its parts (pure: tested without a database). */
export function assembleExport(parts: ExportParts): string {
  const triggers = parts.authTriggers.map((definition) => `${definition};`).join("\n");
  return `-- Lodestone: the embedded database exported ${parts.exportedAt}, for PostgreSQL 15+ or a new Supabase project.
-- Load it into an EMPTY database, in one transaction:
--   DATABASE_URL=postgres://… npm run db:restore -- <this file>
--   or: psql "$DIRECT_URL" --single-transaction -v ON_ERROR_STOP=1 -f <this file>
-- It holds every account's password hash: keep it as safe as a backup, and delete it once loaded.

${platformSection()}
${usersSection(parts.usersJson)}
-- 4. The application's schemas and data.
${adaptDump(parts.dump)}

-- 5. The application's triggers on auth tables.
${triggers}
`;
}

/**
 * Exports the embedded database (ADR 124). PGlite's pg_dump runs where PGlite runs (its worker thread, or this
 * thread: ADR 156) and holds the database while it runs (about a second for the demo); it first waits for open
 * transactions, so the export is consistent.
 */
export async function exportEmbedded(db: EmbeddedDatabase, now = new Date()): Promise<string> {
  const dump = await db.pgDump([
    "--no-owner",
    ...EXPORTED_SCHEMAS.map((schema) => `--schema=${schema}`),
    ...ROWS_LEFT_BEHIND.map((table) => `--exclude-table-data=${table}`),
  ]);
  const users = await db.query<{ users: unknown }>(
    "select coalesce(jsonb_agg(to_jsonb(u) order by u.created_at, u.id), '[]'::jsonb) as users from auth.users u",
  );
  const triggers = await db.query<{ definition: string }>(
    `select pg_get_triggerdef(t.oid) as definition
       from pg_trigger t
       join pg_class c on c.oid = t.tgrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'auth' and not t.tgisinternal
      order by c.relname, t.tgname`,
  );
  return assembleExport({
    dump,
    usersJson: JSON.stringify(users[0]?.users ?? []),
    authTriggers: triggers.map((row) => row.definition),
    exportedAt: now.toISOString(),
  });
}
