-- Sign-in, sessions and invitations.
-- The private tables belong to the auth server (the local adapter, running as the database owner); the API roles
-- get no privileges on them. RLS is enabled with no policies so that nothing else can ever read them.

------------------------------------------------------------------------------------------------------------
-- Local-adapter sessions: an opaque refresh token (stored as its SHA-256) names a session until not_after.
------------------------------------------------------------------------------------------------------------
create table private.auth_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  refresh_token_hash text not null unique,
  created_at timestamptz not null default now(),
  refreshed_at timestamptz not null default now(),
  not_after timestamptz not null
);
create index auth_sessions_user_id_idx on private.auth_sessions (user_id);
alter table private.auth_sessions enable row level security;
revoke all on private.auth_sessions from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------------------
-- Sign-in attempts, for throttling per account and per IP across server instances.
------------------------------------------------------------------------------------------------------------
create table private.sign_in_attempts (
  id bigint generated always as identity primary key,
  account text not null,
  ip text not null,
  succeeded boolean not null,
  attempted_at timestamptz not null default now()
);
create index sign_in_attempts_account_idx on private.sign_in_attempts (account, attempted_at);
create index sign_in_attempts_ip_idx on private.sign_in_attempts (ip, attempted_at);
alter table private.sign_in_attempts enable row level security;
revoke all on private.sign_in_attempts from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------------------
-- The outbox of the embedded mode: mails the local adapter would send, shown at /dev/outbox.
------------------------------------------------------------------------------------------------------------
create table private.dev_outbox (
  id bigint generated always as identity primary key,
  to_email text not null,
  subject text not null,
  body text not null,
  link text not null,
  created_at timestamptz not null default now()
);
alter table private.dev_outbox enable row level security;
revoke all on private.dev_outbox from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------------------
-- profiles: the e-mail address of each account, readable by the people who share a partnership with it
-- (auth.users itself stays closed to the API roles, as on Supabase). Kept in step by a trigger on auth.users.
------------------------------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.profiles enable row level security;
revoke all on public.profiles from anon, authenticated, service_role;
grant select on public.profiles to authenticated, service_role;

create or replace function private.sync_profile() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.profiles (id, email) values (new.id, coalesce(new.email, ''))
  on conflict (id) do update set email = excluded.email, updated_at = now();
  return new;
end
$$;
create trigger sync_profile after insert or update of email on auth.users
  for each row execute function private.sync_profile();
insert into public.profiles (id, email) select id, coalesce(email, '') from auth.users
  on conflict (id) do nothing;

-- The accounts that share at least one active partnership with the current user.
create or replace function private.fellow_user_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct m.user_id from public.memberships m
  where m.partnership_id in (
    select mine.partnership_id from public.memberships mine
    where mine.user_id = (select auth.uid()) and mine.status = 'active'
  )
$$;
revoke all on function private.fellow_user_ids() from public;
grant execute on function private.fellow_user_ids() to authenticated;

create policy "profiles: people read their own profile" on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy "profiles: members read the profiles of their partners" on public.profiles
  for select to authenticated using (id in (select private.fellow_user_ids()));

------------------------------------------------------------------------------------------------------------
-- invitations: the secretariat invites an address into its partnership with a role. The link's token is
-- stored only as its SHA-256; acceptance is done by the auth server, which checks expiry and single use.
------------------------------------------------------------------------------------------------------------
create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  email text not null
    constraint invitations_email_format check (email = lower(email) and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  role text not null
    constraint invitations_role_valid check (role in ('delegate', 'sponsor', 'secretariat', 'observer')),
  member_id uuid,
  sponsor_organisation_id uuid,
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  constraint invitations_member_in_partnership foreign key (member_id, partnership_id)
    references public.members (id, partnership_id),
  constraint invitations_sponsor_in_partnership foreign key (sponsor_organisation_id, partnership_id)
    references public.sponsor_organisations (id, partnership_id),
  constraint invitations_role_acts_for check (
    (role = 'delegate' and member_id is not null and sponsor_organisation_id is null)
    or (role = 'sponsor' and sponsor_organisation_id is not null and member_id is null)
    or (role in ('secretariat', 'observer') and member_id is null and sponsor_organisation_id is null)
  )
);
create index invitations_partnership_id_idx on public.invitations (partnership_id, created_at desc);
create index invitations_email_idx on public.invitations (email);
create index invitations_member_id_idx on public.invitations (member_id);
create index invitations_sponsor_organisation_id_idx on public.invitations (sponsor_organisation_id);
create index invitations_invited_by_idx on public.invitations (invited_by);
create index invitations_accepted_by_idx on public.invitations (accepted_by);
alter table public.invitations enable row level security;
revoke all on public.invitations from anon, authenticated, service_role;
grant select, insert, update, delete on public.invitations to service_role;
grant select on public.invitations to authenticated;
grant insert (partnership_id, email, role, member_id, sponsor_organisation_id, token_hash)
  on public.invitations to authenticated;
grant update (revoked_at) on public.invitations to authenticated;

-- The inviter is always the signed-in user, never a value from the client.
create or replace function private.stamp_inviter() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.invited_by := (select auth.uid());
  new.created_at := now();
  new.expires_at := now() + interval '7 days';
  return new;
end
$$;
create trigger stamp_inviter before insert on public.invitations
  for each row when (current_setting('role', true) = 'authenticated')
  execute function private.stamp_inviter();

create policy "invitations: the secretariat reads its invitations" on public.invitations
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "invitations: the secretariat invites people" on public.invitations
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "invitations: the secretariat revokes its invitations" on public.invitations
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')) and accepted_at is null)
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
