-- Supabase's API roles, on a database that is not a Supabase project (PGlite, a plain PostgreSQL), and the
-- connecting role's membership of them. Applied with the platform shim (./shim.sql) by the migration runner,
-- and at the head of an export (app/db/export.server.ts), where it must also pass on Supabase: every statement
-- here does something only when it is missing.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- The connecting role switches into the API roles with `set local role`, as Supabase's authenticator does.
do $$
declare
  api_role text;
begin
  foreach api_role in array array['anon', 'authenticated', 'service_role'] loop
    if not pg_has_role(current_user, api_role, 'member') then
      execute format('grant %I to %I', api_role, current_user);
    end if;
  end loop;
end
$$;
