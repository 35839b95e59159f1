-- Tenancy: partnerships (the tenant), their members (governments, institutions), sponsor organisations and
-- memberships (user × partnership × role). Also the shared building blocks every later migration uses:
-- value checks, the stamping trigger and the membership helpers that row-level security policies call.

-- Functions created in `private` are not callable by anyone until granted.
alter default privileges in schema private revoke execute on functions from public;

------------------------------------------------------------------------------------------------------------
-- Value checks (immutable, used by check constraints)
------------------------------------------------------------------------------------------------------------

-- Active ISO 4217 currency codes (funds and precious metals excluded).
create or replace function private.is_currency_code(code text) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select code = any (array[
    'AED','AFN','ALL','AMD','ANG','AOA','ARS','AUD','AWG','AZN','BAM','BBD','BDT','BGN','BHD','BIF','BMD',
    'BND','BOB','BRL','BSD','BTN','BWP','BYN','BZD','CAD','CDF','CHF','CLP','CNY','COP','CRC','CUP','CVE',
    'CZK','DJF','DKK','DOP','DZD','EGP','ERN','ETB','EUR','FJD','FKP','GBP','GEL','GHS','GIP','GMD','GNF',
    'GTQ','GYD','HKD','HNL','HTG','HUF','IDR','ILS','INR','IQD','IRR','ISK','JMD','JOD','JPY','KES','KGS',
    'KHR','KMF','KPW','KRW','KWD','KYD','KZT','LAK','LBP','LKR','LRD','LSL','LYD','MAD','MDL','MGA','MKD',
    'MMK','MNT','MOP','MRU','MUR','MVR','MWK','MXN','MYR','MZN','NAD','NGN','NIO','NOK','NPR','NZD','OMR',
    'PAB','PEN','PGK','PHP','PKR','PLN','PYG','QAR','RON','RSD','RUB','RWF','SAR','SBD','SCR','SDG','SEK',
    'SGD','SHP','SLE','SOS','SRD','SSP','STN','SVC','SYP','SZL','THB','TJS','TMT','TND','TOP','TRY','TTD',
    'TWD','TZS','UAH','UGX','USD','UYU','UZS','VES','VND','VUV','WST','XAF','XCD','XCG','XOF','XPF','YER',
    'ZAR','ZMW','ZWG'
  ]::text[])
$$;

-- ISO 3166-1 alpha-2 shape (upper-case letters), which also admits the EU's reserved code.
create or replace function private.is_country_code(code text) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select code ~ '^[A-Z]{2}$'
$$;

------------------------------------------------------------------------------------------------------------
-- Triggers shared by every table
------------------------------------------------------------------------------------------------------------

-- True when the statement runs as an API role (a signed-in user or anon) rather than as the service role,
-- the migrating owner or a security-definer function acting for the system.
create or replace function private.is_client() returns boolean
language sql stable set search_path = ''
as $$
  select current_user in ('authenticated', 'anon')
$$;

-- Fills created_at, updated_at, created_by and version, whatever the client sent. Columns a table does not
-- have are ignored (jsonb_populate_record skips unknown keys).
create or replace function private.stamp() returns trigger
language plpgsql set search_path = ''
as $$
declare
  prior jsonb;
begin
  if tg_op = 'INSERT' then
    new := jsonb_populate_record(new, jsonb_build_object(
      'created_at', now(), 'updated_at', now(), 'created_by', auth.uid(), 'version', 1));
  else
    prior := to_jsonb(old);
    new := jsonb_populate_record(new, jsonb_build_object(
      'created_at', prior -> 'created_at',
      'created_by', prior -> 'created_by',
      'updated_at', now(),
      'version', (prior ->> 'version')::int + 1));
  end if;
  return new;
end
$$;

------------------------------------------------------------------------------------------------------------
-- partnerships
------------------------------------------------------------------------------------------------------------
create table public.partnerships (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique
    constraint partnerships_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 63),
  name text not null constraint partnerships_name_length check (length(btrim(name)) between 1 and 200),
  reporting_currency char(3) not null
    constraint partnerships_reporting_currency_iso4217 check (private.is_currency_code(reporting_currency)),
  subscription_status text not null default 'trialing'
    constraint partnerships_subscription_status_valid
    check (subscription_status in ('trialing', 'active', 'past_due', 'canceled', 'unpaid')),
  trial_ends_at timestamptz,
  is_published boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.partnerships enable row level security;
revoke all on public.partnerships from anon, authenticated, service_role;
grant select, insert, update, delete on public.partnerships to service_role;
grant select on public.partnerships to authenticated;
grant update (name, is_published) on public.partnerships to authenticated;
grant select (id, slug, name, reporting_currency, is_published) on public.partnerships to anon;
create trigger stamp before insert or update on public.partnerships
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- members (governments and institutions of a partnership)
------------------------------------------------------------------------------------------------------------
create table public.members (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  code text not null constraint members_code_iso3166 check (private.is_country_code(code)),
  name text not null constraint members_name_length check (length(btrim(name)) between 1 and 200),
  billing_email text constraint members_billing_email_format
    check (billing_email is null or billing_email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint members_code_unique unique (partnership_id, code),
  constraint members_id_partnership_unique unique (id, partnership_id)
);
alter table public.members enable row level security;
revoke all on public.members from anon, authenticated, service_role;
grant select, insert, update, delete on public.members to service_role;
grant select, delete on public.members to authenticated;
grant insert (partnership_id, code, name, billing_email) on public.members to authenticated;
grant update (code, name, billing_email) on public.members to authenticated;
create trigger stamp before insert or update on public.members
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- sponsor_organisations (companies and agencies that run projects)
------------------------------------------------------------------------------------------------------------
create table public.sponsor_organisations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  name text not null
    constraint sponsor_organisations_name_length check (length(btrim(name)) between 1 and 200),
  country char(2) not null
    constraint sponsor_organisations_country_iso3166 check (private.is_country_code(country)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sponsor_organisations_name_unique unique (partnership_id, name),
  constraint sponsor_organisations_id_partnership_unique unique (id, partnership_id)
);
alter table public.sponsor_organisations enable row level security;
revoke all on public.sponsor_organisations from anon, authenticated, service_role;
grant select, insert, update, delete on public.sponsor_organisations to service_role;
grant select, delete on public.sponsor_organisations to authenticated;
grant insert (partnership_id, name, country) on public.sponsor_organisations to authenticated;
grant update (name, country) on public.sponsor_organisations to authenticated;
create trigger stamp before insert or update on public.sponsor_organisations
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- memberships (user × partnership × role, acting for a member or a sponsor organisation)
------------------------------------------------------------------------------------------------------------
create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null
    constraint memberships_role_valid check (role in ('delegate', 'sponsor', 'secretariat', 'observer')),
  member_id uuid,
  sponsor_organisation_id uuid,
  status text not null default 'active'
    constraint memberships_status_valid check (status in ('invited', 'active', 'revoked')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint memberships_one_role_per_person unique (partnership_id, user_id),
  constraint memberships_member_in_partnership foreign key (member_id, partnership_id)
    references public.members (id, partnership_id),
  constraint memberships_sponsor_in_partnership foreign key (sponsor_organisation_id, partnership_id)
    references public.sponsor_organisations (id, partnership_id),
  constraint memberships_role_acts_for check (
    (role = 'delegate' and member_id is not null and sponsor_organisation_id is null)
    or (role = 'sponsor' and sponsor_organisation_id is not null and member_id is null)
    or (role in ('secretariat', 'observer') and member_id is null and sponsor_organisation_id is null)
  )
);
create index memberships_user_id_status_idx on public.memberships (user_id, status, role);
create index memberships_member_id_idx on public.memberships (member_id);
create index memberships_sponsor_organisation_id_idx on public.memberships (sponsor_organisation_id);
alter table public.memberships enable row level security;
revoke all on public.memberships from anon, authenticated, service_role;
grant select, insert, update, delete on public.memberships to service_role;
grant select, delete on public.memberships to authenticated;
grant insert (partnership_id, user_id, role, member_id, sponsor_organisation_id, status)
  on public.memberships to authenticated;
grant update (role, member_id, sponsor_organisation_id, status) on public.memberships to authenticated;
create trigger stamp before insert or update on public.memberships
  for each row execute function private.stamp();

-- A partnership always keeps one active secretariat member: nobody could manage it otherwise.
create or replace function private.keep_one_secretariat() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.role <> 'secretariat' or old.status <> 'active' then
    return coalesce(new, old);
  end if;
  if tg_op = 'UPDATE' and new.role = 'secretariat' and new.status = 'active' then
    return new;
  end if;
  -- The partnership itself is being deleted (cascade): nothing to protect.
  if not exists (select 1 from public.partnerships p where p.id = old.partnership_id) then
    return coalesce(new, old);
  end if;
  if not exists (
    select 1 from public.memberships m
    where m.partnership_id = old.partnership_id and m.id <> old.id
      and m.role = 'secretariat' and m.status = 'active'
  ) then
    raise exception 'The last active secretariat membership of a partnership cannot be revoked or removed'
      using errcode = 'P0001',
            hint = 'Appoint another secretariat member first.';
  end if;
  return coalesce(new, old);
end
$$;
create trigger keep_one_secretariat before update or delete on public.memberships
  for each row execute function private.keep_one_secretariat();

------------------------------------------------------------------------------------------------------------
-- Membership helpers for policies: security definer (they read memberships without recursing into its
-- policies), stable, empty search_path, returning sets of ids. Only active memberships count.
------------------------------------------------------------------------------------------------------------
create or replace function private.my_partnership_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.partnership_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.status = 'active'
$$;

create or replace function private.my_partnership_ids_as(roles text[]) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.partnership_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = any (roles)
$$;

-- The governments (members) the user is an active delegate for.
create or replace function private.my_member_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.member_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = 'delegate'
$$;

-- The sponsor organisations the user is an active sponsor for.
create or replace function private.my_sponsor_organisation_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.sponsor_organisation_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = 'sponsor'
$$;

-- Partnerships that chose to publish their approved projects (rule 7 of docs/security-model.md: the only
-- thing anon may read).
create or replace function private.published_partnership_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.partnerships p where p.is_published
$$;

------------------------------------------------------------------------------------------------------------
-- Policies
------------------------------------------------------------------------------------------------------------
create policy "partnerships: members read their partnerships" on public.partnerships
  for select to authenticated using (id in (select private.my_partnership_ids()));
create policy "partnerships: anyone reads partnerships that publish" on public.partnerships
  for select to anon using (is_published and id in (select private.published_partnership_ids()));
create policy "partnerships: the secretariat edits its partnership" on public.partnerships
  for update to authenticated
  using (id in (select private.my_partnership_ids_as('{secretariat}')))
  with check (id in (select private.my_partnership_ids_as('{secretariat}')));

create policy "members: members read their partnership's members" on public.members
  for select to authenticated using (partnership_id in (select private.my_partnership_ids()));
create policy "members: the secretariat adds members" on public.members
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "members: the secretariat edits members" on public.members
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "members: the secretariat removes members" on public.members
  for delete to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));

create policy "sponsor_organisations: members read their sponsors"
  on public.sponsor_organisations
  for select to authenticated using (partnership_id in (select private.my_partnership_ids()));
create policy "sponsor_organisations: the secretariat adds sponsors" on public.sponsor_organisations
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "sponsor_organisations: the secretariat edits sponsors" on public.sponsor_organisations
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "sponsor_organisations: the secretariat removes sponsors" on public.sponsor_organisations
  for delete to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));

create policy "memberships: users read their own memberships" on public.memberships
  for select to authenticated using (user_id = (select auth.uid()));
create policy "memberships: members read their partnership's memberships" on public.memberships
  for select to authenticated using (partnership_id in (select private.my_partnership_ids()));
create policy "memberships: the secretariat invites people" on public.memberships
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "memberships: the secretariat changes roles and revokes" on public.memberships
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "memberships: the secretariat removes memberships" on public.memberships
  for delete to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));

------------------------------------------------------------------------------------------------------------
-- Function privileges
------------------------------------------------------------------------------------------------------------
grant usage on schema private to anon;
revoke execute on all functions in schema private from public;
grant execute on function private.is_currency_code(text), private.is_country_code(text),
  private.is_client(), private.my_partnership_ids(), private.my_partnership_ids_as(text[]),
  private.my_member_ids(), private.my_sponsor_organisation_ids()
  to authenticated, service_role;
grant execute on function private.published_partnership_ids() to anon, authenticated, service_role;
