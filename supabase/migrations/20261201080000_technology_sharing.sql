-- Technology sharing, national actions and ministerial meetings (issue 13; docs/decisions/100-*.md to 102-*.md).
--
-- Rule 8 of docs/security-model.md: each government decides, per item, which other governments see it.
--   shared_items           one row per shareable item (a technology offer or request, a national action): its
--                          owning government and its audience — `partnership` (every government's delegates and
--                          the secretariat), `chosen` (the governments listed in shared_item_audiences, and the
--                          secretariat only when includes_secretariat is ticked) or `private` (the owning
--                          government alone, e.g. while drafting). The owning government always sees its own.
--   shared_item_audiences  the chosen governments of an item; read and written by its owning government only.
--   technology_offers, technology_requests, national_actions
--                          the item's content, keyed by the shared item's id (one content row per item).
--   expressions_of_interest
--                          a government's interest in an offer, or its answer to a request: seen by the two
--                          governments and by the secretariat while the item is shared with the secretariat.
--   meetings, meeting_presentations
--                          ministerial meetings (the secretariat's) and the national actions presented at them.
--
-- Policies follow docs/decisions/070-*.md: every row carries what decides its visibility — the item's owner and
-- audience are copied onto its content, its expressions of interest and its presentations, pinned there by
-- composite foreign keys that cascade an audience change (so a copy can never disagree with the item) — and
-- reads test the row against small sets computed once per statement: the caller's governments and
-- partnerships, and the items chosen for its governments. Writes and references call one point check,
-- private.can_see_item(item), which states the same rule for one item ("may this member see this item"); the
-- audit trail and the live stream use it too. tests/db/technology.test.ts checks that both forms agree.
-- An audience change takes effect from the next statement: nothing is cached.

------------------------------------------------------------------------------------------------------------
-- Value checks
------------------------------------------------------------------------------------------------------------
-- The minerals of the project vocabulary (app/domain/projects/vocabulary.ts), no nulls. Empty is allowed here;
-- a table that needs at least one says so itself.
create or replace function private.is_mineral_list(minerals text[]) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select array_position(minerals, null) is null
     and minerals <@ array['NdPr', 'Dy', 'Tb', 'lithium', 'cobalt', 'nickel', 'graphite', 'gallium',
       'germanium', 'manganese', 'vanadium', 'tungsten', 'antimony', 'platinum-group']::text[]
$$;

-- The contact of an offer or request is a membership of the same partnership.
alter table public.memberships
  add constraint memberships_id_partnership_unique unique (id, partnership_id);

------------------------------------------------------------------------------------------------------------
-- shared_items: who owns an item and who sees it
------------------------------------------------------------------------------------------------------------
create table public.shared_items (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  item_type text not null
    constraint shared_items_item_type_valid
    check (item_type in ('technology_offer', 'technology_request', 'national_action')),
  owner_member_id uuid not null,
  audience text not null default 'private'
    constraint shared_items_audience_valid check (audience in ('partnership', 'chosen', 'private')),
  -- Ticked by the owner for a `chosen` audience only: the secretariat sees every `partnership` item anyway, and
  -- no `private` one.
  includes_secretariat boolean not null default false,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint shared_items_secretariat_ticked_for_chosen check (audience = 'chosen' or not includes_secretariat),
  -- The keys the copies point at: the owner (immutable), and the owner with the audience (cascaded on change).
  constraint shared_items_owner_key unique (id, owner_member_id, partnership_id),
  constraint shared_items_audience_key
    unique (id, item_type, owner_member_id, audience, includes_secretariat, partnership_id),
  constraint shared_items_owner_in_partnership foreign key (owner_member_id, partnership_id)
    references public.members (id, partnership_id)
);
create index shared_items_partnership_id_item_type_idx on public.shared_items (partnership_id, item_type);
create index shared_items_owner_member_id_idx on public.shared_items (owner_member_id);
create index shared_items_created_by_idx on public.shared_items (created_by);
alter table public.shared_items enable row level security;
revoke all on public.shared_items from anon, authenticated, service_role;
grant select, insert, update, delete on public.shared_items to service_role;
grant select, delete on public.shared_items to authenticated;
grant insert (partnership_id, item_type, owner_member_id, audience, includes_secretariat)
  on public.shared_items to authenticated;
-- Never the owner, the type or the partnership: an item stays its government's.
grant update (audience, includes_secretariat) on public.shared_items to authenticated;
create trigger stamp before insert or update on public.shared_items
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- Copies of an item's owner and audience on the rows about it (filled before insert, never by the client)
------------------------------------------------------------------------------------------------------------
-- From the item as the caller sees it: an item the caller cannot see is "not found", the same answer as one
-- that does not exist. The composite foreign key then proves the copy.
create or replace function private.copy_item_owner() returns trigger
language plpgsql set search_path = ''
as $$
declare
  item record;
begin
  select s.owner_member_id, s.audience, s.includes_secretariat into item
    from public.shared_items s
   where s.id = (to_jsonb(new) ->> case when tg_table_name = 'shared_item_audiences' then 'item_id' else 'id' end)::uuid
     and s.partnership_id = new.partnership_id;
  if not found then
    raise exception 'That item was not found' using errcode = 'P0002';
  end if;
  new := jsonb_populate_record(new, jsonb_build_object(
    'owner_member_id', item.owner_member_id, 'audience', item.audience,
    'includes_secretariat', item.includes_secretariat));
  return new;
end
$$;

-- Only the copied owner and audience changed (an audience change cascading from shared_items): the row itself
-- did not change, so it keeps its version, and writes no audit event or notification of its own (the item's
-- row has them).
create or replace function private.is_audience_cascade(prior jsonb, later jsonb) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select prior - array['owner_member_id', 'audience', 'includes_secretariat', 'item_audience',
                       'item_includes_secretariat', 'updated_at', 'version']
       = later - array['owner_member_id', 'audience', 'includes_secretariat', 'item_audience',
                       'item_includes_secretariat', 'updated_at', 'version']
$$;

create or replace function private.keep_version_on_audience_cascade() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.is_audience_cascade(to_jsonb(old), to_jsonb(new)) then
    new := jsonb_populate_record(new, jsonb_build_object(
      'version', to_jsonb(old) -> 'version', 'updated_at', to_jsonb(old) -> 'updated_at'));
  end if;
  return new;
end
$$;

------------------------------------------------------------------------------------------------------------
-- shared_item_audiences: the governments an item is shared with when its audience is `chosen`
------------------------------------------------------------------------------------------------------------
create table public.shared_item_audiences (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  item_id uuid not null,
  owner_member_id uuid not null,
  member_id uuid not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint shared_item_audiences_once_per_member unique (item_id, member_id),
  constraint shared_item_audiences_item foreign key (item_id, owner_member_id, partnership_id)
    references public.shared_items (id, owner_member_id, partnership_id) on delete cascade,
  constraint shared_item_audiences_member_in_partnership foreign key (member_id, partnership_id)
    references public.members (id, partnership_id) on delete cascade
);
create index shared_item_audiences_member_id_idx on public.shared_item_audiences (member_id, item_id);
create index shared_item_audiences_owner_member_id_idx on public.shared_item_audiences (owner_member_id);
create index shared_item_audiences_created_by_idx on public.shared_item_audiences (created_by);
alter table public.shared_item_audiences enable row level security;
revoke all on public.shared_item_audiences from anon, authenticated, service_role;
grant select, insert, update, delete on public.shared_item_audiences to service_role;
grant select, delete on public.shared_item_audiences to authenticated;
grant insert (partnership_id, item_id, member_id) on public.shared_item_audiences to authenticated;
create trigger copy_item_owner before insert on public.shared_item_audiences
  for each row execute function private.copy_item_owner();
create trigger stamp before insert on public.shared_item_audiences
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- technology_offers and technology_requests (the same fields: an offer describes what a government's holder
-- organisation can share; a request what it seeks, its TRL the least it needs)
------------------------------------------------------------------------------------------------------------
create table public.technology_offers (
  id uuid primary key,
  partnership_id uuid not null,
  item_type text not null default 'technology_offer'
    constraint technology_offers_item_type check (item_type = 'technology_offer'),
  owner_member_id uuid not null,
  audience text not null,
  includes_secretariat boolean not null,
  title text not null constraint technology_offers_title_length check (length(btrim(title)) between 1 and 200),
  description text constraint technology_offers_description_length check (length(description) <= 4000),
  category text not null
    constraint technology_offers_category_valid
    check (category in ('separation', 'refining', 'metallisation', 'magnet_manufacturing', 'recycling',
                        'processing', 'exploration')),
  minerals text[] not null
    constraint technology_offers_minerals_valid check (cardinality(minerals) > 0 and private.is_mineral_list(minerals)),
  trl smallint not null constraint technology_offers_trl_range check (trl between 1 and 9),
  holder_organisation text not null
    constraint technology_offers_holder_length check (length(btrim(holder_organisation)) between 1 and 200),
  licensing_terms text constraint technology_offers_licensing_terms_length check (length(licensing_terms) <= 4000),
  export_controlled boolean not null default false,
  export_control_regime text
    constraint technology_offers_regime_length check (length(btrim(export_control_regime)) between 1 and 200),
  export_control_note text constraint technology_offers_export_note_length check (length(export_control_note) <= 2000),
  status text not null default 'open'
    constraint technology_offers_status_valid check (status in ('open', 'in_talks', 'agreed', 'closed')),
  contact_membership_id uuid,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint technology_offers_regime_named_when_controlled
    check (export_controlled = (export_control_regime is not null)),
  constraint technology_offers_note_only_when_controlled check (export_controlled or export_control_note is null),
  constraint technology_offers_item
    foreign key (id, item_type, owner_member_id, audience, includes_secretariat, partnership_id)
    references public.shared_items (id, item_type, owner_member_id, audience, includes_secretariat, partnership_id)
    on update cascade on delete cascade,
  constraint technology_offers_contact_in_partnership foreign key (contact_membership_id, partnership_id)
    references public.memberships (id, partnership_id) on delete set null (contact_membership_id)
);
create index technology_offers_partnership_id_category_idx
  on public.technology_offers (partnership_id, category, status);
create index technology_offers_owner_member_id_idx on public.technology_offers (owner_member_id);
create index technology_offers_minerals_idx on public.technology_offers using gin (minerals);
create index technology_offers_contact_membership_id_idx on public.technology_offers (contact_membership_id);
create index technology_offers_created_by_idx on public.technology_offers (created_by);

create table public.technology_requests (
  id uuid primary key,
  partnership_id uuid not null,
  item_type text not null default 'technology_request'
    constraint technology_requests_item_type check (item_type = 'technology_request'),
  owner_member_id uuid not null,
  audience text not null,
  includes_secretariat boolean not null,
  title text not null constraint technology_requests_title_length check (length(btrim(title)) between 1 and 200),
  description text constraint technology_requests_description_length check (length(description) <= 4000),
  category text not null
    constraint technology_requests_category_valid
    check (category in ('separation', 'refining', 'metallisation', 'magnet_manufacturing', 'recycling',
                        'processing', 'exploration')),
  minerals text[] not null
    constraint technology_requests_minerals_valid
    check (cardinality(minerals) > 0 and private.is_mineral_list(minerals)),
  trl smallint not null constraint technology_requests_trl_range check (trl between 1 and 9),
  holder_organisation text not null
    constraint technology_requests_holder_length check (length(btrim(holder_organisation)) between 1 and 200),
  licensing_terms text
    constraint technology_requests_licensing_terms_length check (length(licensing_terms) <= 4000),
  export_controlled boolean not null default false,
  export_control_regime text
    constraint technology_requests_regime_length check (length(btrim(export_control_regime)) between 1 and 200),
  export_control_note text
    constraint technology_requests_export_note_length check (length(export_control_note) <= 2000),
  status text not null default 'open'
    constraint technology_requests_status_valid check (status in ('open', 'in_talks', 'agreed', 'closed')),
  contact_membership_id uuid,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint technology_requests_regime_named_when_controlled
    check (export_controlled = (export_control_regime is not null)),
  constraint technology_requests_note_only_when_controlled check (export_controlled or export_control_note is null),
  constraint technology_requests_item
    foreign key (id, item_type, owner_member_id, audience, includes_secretariat, partnership_id)
    references public.shared_items (id, item_type, owner_member_id, audience, includes_secretariat, partnership_id)
    on update cascade on delete cascade,
  constraint technology_requests_contact_in_partnership foreign key (contact_membership_id, partnership_id)
    references public.memberships (id, partnership_id) on delete set null (contact_membership_id)
);
create index technology_requests_partnership_id_category_idx
  on public.technology_requests (partnership_id, category, status);
create index technology_requests_owner_member_id_idx on public.technology_requests (owner_member_id);
create index technology_requests_minerals_idx on public.technology_requests using gin (minerals);
create index technology_requests_contact_membership_id_idx on public.technology_requests (contact_membership_id);
create index technology_requests_created_by_idx on public.technology_requests (created_by);

------------------------------------------------------------------------------------------------------------
-- national_actions: what a government has under way to strengthen its supply chains
------------------------------------------------------------------------------------------------------------
create table public.national_actions (
  id uuid primary key,
  partnership_id uuid not null,
  item_type text not null default 'national_action'
    constraint national_actions_item_type check (item_type = 'national_action'),
  owner_member_id uuid not null,
  audience text not null,
  includes_secretariat boolean not null,
  kind text not null
    constraint national_actions_kind_valid
    check (kind in ('policy', 'investment', 'stockpile', 'trade_measure', 'r_and_d', 'permitting')),
  title text not null constraint national_actions_title_length check (length(btrim(title)) between 1 and 200),
  summary text not null constraint national_actions_summary_length check (length(btrim(summary)) between 1 and 4000),
  minerals text[] not null default '{}' constraint national_actions_minerals_valid check (private.is_mineral_list(minerals)),
  -- A reported state, not a workflow: the owning government sets whichever is true.
  status text not null default 'planned'
    constraint national_actions_status_valid check (status in ('planned', 'under_way', 'done')),
  amount_minor int8 constraint national_actions_amount_positive check (amount_minor > 0),
  currency char(3) constraint national_actions_currency_iso4217 check (private.is_currency_code(currency)),
  starts_on date,
  target_on date,
  public_url text
    constraint national_actions_public_url_http check (public_url ~ '^https?://[^[:space:]]+$' and length(public_url) <= 2000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint national_actions_amount_has_currency check ((amount_minor is null) = (currency is null)),
  constraint national_actions_target_after_start check (target_on >= starts_on),
  constraint national_actions_audience_key
    unique (id, owner_member_id, audience, includes_secretariat, partnership_id),
  constraint national_actions_item
    foreign key (id, item_type, owner_member_id, audience, includes_secretariat, partnership_id)
    references public.shared_items (id, item_type, owner_member_id, audience, includes_secretariat, partnership_id)
    on update cascade on delete cascade
);
create index national_actions_partnership_id_kind_idx on public.national_actions (partnership_id, kind, status);
create index national_actions_owner_member_id_idx on public.national_actions (owner_member_id);
create index national_actions_created_by_idx on public.national_actions (created_by);

-- The three item tables: privileges, the copies of owner and audience, stamps.
do $$
declare
  t text;
begin
  foreach t in array array['technology_offers', 'technology_requests', 'national_actions'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on public.%I from anon, authenticated, service_role', t);
    execute format('grant select, insert, update, delete on public.%I to service_role', t);
    -- No delete: an item goes with its shared_items row (on delete cascade).
    execute format('grant select on public.%I to authenticated', t);
    execute format('create trigger copy_item_owner before insert on public.%I '
                   'for each row execute function private.copy_item_owner()', t);
    execute format('create trigger stamp before insert or update on public.%I '
                   'for each row execute function private.stamp()', t);
    execute format('create trigger stamp_audience_cascade before update on public.%I '
                   'for each row execute function private.keep_version_on_audience_cascade()', t);
  end loop;
  foreach t in array array['technology_offers', 'technology_requests'] loop
    execute format(
      'grant insert (id, partnership_id, title, description, category, minerals, trl, holder_organisation, '
      'licensing_terms, export_controlled, export_control_regime, export_control_note, status, '
      'contact_membership_id) on public.%I to authenticated', t);
    execute format(
      'grant update (title, description, category, minerals, trl, holder_organisation, licensing_terms, '
      'export_controlled, export_control_regime, export_control_note, status, contact_membership_id) '
      'on public.%I to authenticated', t);
  end loop;
end
$$;
grant insert (id, partnership_id, kind, title, summary, minerals, status, amount_minor, currency, starts_on,
  target_on, public_url) on public.national_actions to authenticated;
grant update (kind, title, summary, minerals, status, amount_minor, currency, starts_on, target_on, public_url)
  on public.national_actions to authenticated;

-- The life of an offer or request (app/domain/technology.ts, ITEM_TRANSITIONS; tests/db/technology.test.ts
-- checks they agree): open → in talks, agreed or closed; in talks → open (talks ended), agreed or closed;
-- agreed → closed; closed → open (reopened). The contact is an active delegate of the owning government.
create or replace function private.guard_technology_item() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.status is distinct from old.status
     and (old.status, new.status) not in (
       ('open', 'in_talks'), ('open', 'agreed'), ('open', 'closed'),
       ('in_talks', 'open'), ('in_talks', 'agreed'), ('in_talks', 'closed'),
       ('agreed', 'closed'), ('closed', 'open')) then
    raise exception 'An offer or request cannot go from % to %', replace(old.status, '_', ' '),
      replace(new.status, '_', ' ') using errcode = 'P0001';
  end if;
  if new.contact_membership_id is not null
     and (tg_op = 'INSERT' or new.contact_membership_id is distinct from old.contact_membership_id)
     and not exists (
       select 1 from public.memberships m
        where m.id = new.contact_membership_id and m.member_id = new.owner_member_id
          and m.role = 'delegate' and m.status = 'active')
  then
    raise exception 'The contact is one of the owning government''s active delegates' using errcode = '23514';
  end if;
  return new;
end
$$;
-- Named to run after copy_item_owner (triggers of one event fire in name order), which fills the owner.
create trigger guard_technology_item before insert or update on public.technology_offers
  for each row execute function private.guard_technology_item();
create trigger guard_technology_item before insert or update on public.technology_requests
  for each row execute function private.guard_technology_item();

------------------------------------------------------------------------------------------------------------
-- expressions_of_interest: a government's interest in an offer, or its answer to a request
------------------------------------------------------------------------------------------------------------
create table public.expressions_of_interest (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  item_id uuid not null,
  -- Copied from the item by a trigger (never the client's) and kept in step by the foreign key, so the policies
  -- test the row.
  item_type text not null
    constraint expressions_of_interest_item_type_valid
    check (item_type in ('technology_offer', 'technology_request')),
  owner_member_id uuid not null,
  item_audience text not null,
  item_includes_secretariat boolean not null,
  -- The government that expresses interest (in an offer) or answers (a request).
  member_id uuid not null,
  message text not null
    constraint expressions_of_interest_message_length check (length(btrim(message)) between 1 and 4000),
  status text not null default 'sent'
    constraint expressions_of_interest_status_valid check (status in ('sent', 'in_talks', 'agreed', 'declined')),
  terms_summary text
    constraint expressions_of_interest_terms_length check (length(btrim(terms_summary)) between 1 and 4000),
  agreed_on date,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint expressions_of_interest_two_governments check (member_id <> owner_member_id),
  constraint expressions_of_interest_agreement_recorded
    check ((status = 'agreed') = (terms_summary is not null and agreed_on is not null)),
  -- No delete cascade: an item that drew interest is closed, not deleted.
  constraint expressions_of_interest_item
    foreign key (item_id, item_type, owner_member_id, item_audience, item_includes_secretariat, partnership_id)
    references public.shared_items (id, item_type, owner_member_id, audience, includes_secretariat, partnership_id)
    on update cascade,
  constraint expressions_of_interest_member_in_partnership foreign key (member_id, partnership_id)
    references public.members (id, partnership_id)
);
create index expressions_of_interest_item_id_idx on public.expressions_of_interest (item_id);
create index expressions_of_interest_member_id_idx on public.expressions_of_interest (member_id);
create index expressions_of_interest_owner_member_id_idx on public.expressions_of_interest (owner_member_id);
create index expressions_of_interest_partnership_id_status_idx
  on public.expressions_of_interest (partnership_id, status);
create index expressions_of_interest_created_by_idx on public.expressions_of_interest (created_by);
-- One open conversation per government and item.
create unique index expressions_of_interest_one_open_per_member
  on public.expressions_of_interest (item_id, member_id) where status in ('sent', 'in_talks');
alter table public.expressions_of_interest enable row level security;
revoke all on public.expressions_of_interest from anon, authenticated, service_role;
grant select, insert, update, delete on public.expressions_of_interest to service_role;
grant select on public.expressions_of_interest to authenticated;
grant insert (partnership_id, item_id, member_id, message) on public.expressions_of_interest to authenticated;
-- The message is sent as written; only the conversation's state and its agreement change.
grant update (status, terms_summary, agreed_on) on public.expressions_of_interest to authenticated;
create trigger stamp before insert or update on public.expressions_of_interest
  for each row execute function private.stamp();
create trigger stamp_audience_cascade before update on public.expressions_of_interest
  for each row execute function private.keep_version_on_audience_cascade();

-- Copies the item's type, owner and audience from the item as the caller sees it (an item they cannot see is
-- "not found", the same answer as one that does not exist); refuses interest in a closed item; a client's
-- expression starts as sent. Status flow (app/domain/technology.ts, INTEREST_TRANSITIONS): sent → in talks or
-- declined; in talks → agreed or declined. The item's government moves it; the interested government may only
-- decline (withdraw).
create or replace function private.guard_interest() returns trigger
language plpgsql set search_path = ''
as $$
declare
  client boolean := private.is_client();
  item record;
  item_status text;
begin
  if tg_op = 'INSERT' then
    select s.item_type, s.owner_member_id, s.audience, s.includes_secretariat into item
      from public.shared_items s where s.id = new.item_id and s.partnership_id = new.partnership_id;
    if not found then
      raise exception 'That offer or request was not found' using errcode = 'P0002';
    end if;
    if item.item_type not in ('technology_offer', 'technology_request') then
      raise exception 'Interest is expressed in technology offers and requests' using errcode = 'P0001';
    end if;
    new.item_type := item.item_type;
    new.owner_member_id := item.owner_member_id;
    new.item_audience := item.audience;
    new.item_includes_secretariat := item.includes_secretariat;
    if item.item_type = 'technology_offer' then
      select o.status into item_status from public.technology_offers o where o.id = new.item_id;
    else
      select r.status into item_status from public.technology_requests r where r.id = new.item_id;
    end if;
    if item_status = 'closed' then
      raise exception 'This item is closed: it takes no more expressions of interest' using errcode = 'P0001';
    end if;
    if client then
      new.status := 'sent';
      new.terms_summary := null;
      new.agreed_on := null;
    end if;
    return new;
  end if;

  if new.status is distinct from old.status
     and (old.status, new.status) not in (
       ('sent', 'in_talks'), ('sent', 'declined'), ('in_talks', 'agreed'), ('in_talks', 'declined')) then
    raise exception 'An expression of interest cannot go from % to %', replace(old.status, '_', ' '),
      replace(new.status, '_', ' ') using errcode = 'P0001';
  end if;
  if (new.terms_summary is distinct from old.terms_summary or new.agreed_on is distinct from old.agreed_on)
     and new.status is not distinct from old.status then
    raise exception 'The terms and date are recorded with the agreement' using errcode = 'P0001';
  end if;
  if new.status = 'agreed' and new.status is distinct from old.status
     and (length(btrim(coalesce(new.terms_summary, ''))) = 0 or new.agreed_on is null) then
    raise exception 'An agreement records a summary of its terms and the date it was reached'
      using errcode = 'P0001';
  end if;
  if client and new.status is distinct from old.status
     and not (old.owner_member_id in (select private.my_member_ids())
              or (new.status = 'declined' and old.member_id in (select private.my_member_ids()))) then
    raise exception 'Only the item''s own government moves this conversation on; you may withdraw your interest'
      using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger guard_interest before insert or update on public.expressions_of_interest
  for each row execute function private.guard_interest();

-- An expression moving into talks puts an open item in talks; an agreement marks the item agreed. Runs as the
-- owner: the rule, not the caller's privileges, decides (the item's row is its government's).
create or replace function private.advance_item_on_interest() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.item_type = 'technology_offer' then
    update public.technology_offers o set status = new.status
    where o.id = new.item_id
      and ((new.status = 'in_talks' and o.status = 'open')
           or (new.status = 'agreed' and o.status in ('open', 'in_talks')));
  else
    update public.technology_requests r set status = new.status
    where r.id = new.item_id
      and ((new.status = 'in_talks' and r.status = 'open')
           or (new.status = 'agreed' and r.status in ('open', 'in_talks')));
  end if;
  return null;
end
$$;
create trigger advance_item_on_interest after update of status on public.expressions_of_interest
  for each row when (new.status in ('in_talks', 'agreed') and old.status is distinct from new.status)
  execute function private.advance_item_on_interest();

------------------------------------------------------------------------------------------------------------
-- meetings and the national actions presented at them
------------------------------------------------------------------------------------------------------------
create table public.meetings (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  title text not null constraint meetings_title_length check (length(btrim(title)) between 1 and 200),
  place text not null constraint meetings_place_length check (length(btrim(place)) between 1 and 200),
  held_on date not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint meetings_id_partnership_unique unique (id, partnership_id)
);
create index meetings_partnership_id_held_on_idx on public.meetings (partnership_id, held_on);
create index meetings_created_by_idx on public.meetings (created_by);
alter table public.meetings enable row level security;
revoke all on public.meetings from anon, authenticated, service_role;
grant select, insert, update, delete on public.meetings to service_role;
grant select, delete on public.meetings to authenticated;
grant insert (partnership_id, title, place, held_on) on public.meetings to authenticated;
grant update (title, place, held_on) on public.meetings to authenticated;
create trigger stamp before insert or update on public.meetings
  for each row execute function private.stamp();

-- A presentation carries its action's owner and audience (a copy, kept in step by the foreign key).
create table public.meeting_presentations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  meeting_id uuid not null,
  action_id uuid not null,
  owner_member_id uuid not null,
  audience text not null,
  includes_secretariat boolean not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint meeting_presentations_once unique (meeting_id, action_id),
  constraint meeting_presentations_meeting_in_partnership foreign key (meeting_id, partnership_id)
    references public.meetings (id, partnership_id) on delete cascade,
  constraint meeting_presentations_action
    foreign key (action_id, owner_member_id, audience, includes_secretariat, partnership_id)
    references public.national_actions (id, owner_member_id, audience, includes_secretariat, partnership_id)
    on update cascade on delete cascade
);
create index meeting_presentations_action_id_idx on public.meeting_presentations (action_id);
create index meeting_presentations_partnership_id_meeting_id_idx
  on public.meeting_presentations (partnership_id, meeting_id);
create index meeting_presentations_owner_member_id_idx on public.meeting_presentations (owner_member_id);
create index meeting_presentations_created_by_idx on public.meeting_presentations (created_by);
alter table public.meeting_presentations enable row level security;
revoke all on public.meeting_presentations from anon, authenticated, service_role;
grant select, insert, update, delete on public.meeting_presentations to service_role;
grant select, delete on public.meeting_presentations to authenticated;
grant insert (partnership_id, meeting_id, action_id) on public.meeting_presentations to authenticated;
create trigger stamp before insert on public.meeting_presentations
  for each row execute function private.stamp();

-- The action's owner and audience, from the action as the caller sees it ("not found" otherwise).
create or replace function private.copy_action_owner() returns trigger
language plpgsql set search_path = ''
as $$
declare
  action record;
begin
  select a.owner_member_id, a.audience, a.includes_secretariat into action
    from public.national_actions a where a.id = new.action_id and a.partnership_id = new.partnership_id;
  if not found then
    raise exception 'That national action was not found' using errcode = 'P0002';
  end if;
  new.owner_member_id := action.owner_member_id;
  new.audience := action.audience;
  new.includes_secretariat := action.includes_secretariat;
  return new;
end
$$;
create trigger copy_item_owner before insert on public.meeting_presentations
  for each row execute function private.copy_action_owner();

------------------------------------------------------------------------------------------------------------
-- Who may see an item (rule 8 of docs/security-model.md)
--   owner: the owning government's delegates, whatever the audience;
--   partnership: every government's delegates and the secretariat of the item's partnership;
--   chosen: the delegates of the listed governments, and the secretariat when the owner ticked it;
--   private: nobody else.
-- Sponsors and observers see no shared item: the audience choices name governments.
-- The select policies state it as a test of the row's own columns; can_see_item states it for one item by id.
-- app/domain/permissions.ts (maySeeItem) states it for the interface; tests/db/technology.test.ts checks all
-- three agree.
------------------------------------------------------------------------------------------------------------
-- The items whose chosen audience lists one of the caller's governments: a small set (those chosen for it).
create or replace function private.my_chosen_item_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select a.item_id from public.shared_item_audiences a where a.member_id in (select private.my_member_ids())
$$;

create or replace function private.can_see_item(item uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.shared_items s
     where s.id = item
       and (s.owner_member_id in (select private.my_member_ids())
            or (s.audience = 'partnership'
                and s.partnership_id in (select private.my_partnership_ids_as('{delegate,secretariat}')))
            or (s.audience = 'chosen'
                and ((s.includes_secretariat
                      and s.partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
                     or s.id in (select private.my_chosen_item_ids())))))
$$;

------------------------------------------------------------------------------------------------------------
-- Policies: one per role and action (all for signed-in users: anon reads nothing here). Reads test the row.
------------------------------------------------------------------------------------------------------------
create policy "shared_items: the owning government, and those it shares an item with, read it"
  on public.shared_items
  for select to authenticated
  using (owner_member_id in (select private.my_member_ids())
         or (audience = 'partnership'
             and partnership_id in (select private.my_partnership_ids_as('{delegate,secretariat}')))
         or (audience = 'chosen'
             and ((includes_secretariat and partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
                  or id in (select private.my_chosen_item_ids()))));
create policy "shared_items: delegates create items for their own government" on public.shared_items
  for insert to authenticated with check (owner_member_id in (select private.my_member_ids()));
create policy "shared_items: the owning government chooses the audience" on public.shared_items
  for update to authenticated
  using (owner_member_id in (select private.my_member_ids()))
  with check (owner_member_id in (select private.my_member_ids()));
create policy "shared_items: the owning government removes its items" on public.shared_items
  for delete to authenticated using (owner_member_id in (select private.my_member_ids()));

-- The audience list is the owner's business: the governments on it are not told who else is.
create policy "shared_item_audiences: the owning government reads its audience"
  on public.shared_item_audiences
  for select to authenticated using (owner_member_id in (select private.my_member_ids()));
create policy "shared_item_audiences: the owning government adds governments"
  on public.shared_item_audiences
  for insert to authenticated with check (owner_member_id in (select private.my_member_ids()));
create policy "shared_item_audiences: the owning government removes governments"
  on public.shared_item_audiences
  for delete to authenticated using (owner_member_id in (select private.my_member_ids()));

-- The content of an item: as visible as its item (the row's copy of the owner and audience).
do $$
declare
  pair text[];
  t text;
  noun text;
begin
  foreach pair slice 1 in array array[['technology_offers', 'offer'], ['technology_requests', 'request'],
                                      ['national_actions', 'action']] loop
    t := pair[1];
    noun := pair[2];
    execute format(
      'create policy %I on public.%I for select to authenticated using ('
      '  owner_member_id in (select private.my_member_ids())'
      '  or (audience = ''partnership'''
      '      and partnership_id in (select private.my_partnership_ids_as(''{delegate,secretariat}'')))'
      '  or (audience = ''chosen'''
      '      and ((includes_secretariat'
      '            and partnership_id in (select private.my_partnership_ids_as(''{secretariat}'')))'
      '           or id in (select private.my_chosen_item_ids()))))',
      format('%s: the owning government, and those it shares the %s with, read it', t, noun), t);
    execute format(
      'create policy %I on public.%I for insert to authenticated'
      '  with check (owner_member_id in (select private.my_member_ids()))',
      format('%s: the owning government writes its %s', t, noun), t);
    execute format(
      'create policy %I on public.%I for update to authenticated'
      '  using (owner_member_id in (select private.my_member_ids()))'
      '  with check (owner_member_id in (select private.my_member_ids()))',
      format('%s: the owning government edits its %s', t, noun), t);
  end loop;
end
$$;

create policy "expressions_of_interest: the two governments, and the secretariat while it sees the item, read it"
  on public.expressions_of_interest
  for select to authenticated
  using (owner_member_id in (select private.my_member_ids())
         or member_id in (select private.my_member_ids())
         or ((item_audience = 'partnership' or (item_audience = 'chosen' and item_includes_secretariat))
             and partnership_id in (select private.my_partnership_ids_as('{secretariat}'))));
create policy "expressions_of_interest: delegates answer items their government may see"
  on public.expressions_of_interest
  for insert to authenticated
  with check (member_id in (select private.my_member_ids()) and (select private.can_see_item(item_id)));
create policy "expressions_of_interest: the two governments move the conversation on"
  on public.expressions_of_interest
  for update to authenticated
  using (owner_member_id in (select private.my_member_ids()) or member_id in (select private.my_member_ids()))
  with check (owner_member_id in (select private.my_member_ids())
              or member_id in (select private.my_member_ids()));

create policy "meetings: members read their partnership's meetings" on public.meetings
  for select to authenticated using (partnership_id in (select private.my_partnership_ids()));
create policy "meetings: the secretariat schedules meetings" on public.meetings
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "meetings: the secretariat edits meetings" on public.meetings
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "meetings: the secretariat removes meetings" on public.meetings
  for delete to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));

create policy "meeting_presentations: those who may see the action read that it was presented"
  on public.meeting_presentations
  for select to authenticated
  using (owner_member_id in (select private.my_member_ids())
         or (audience = 'partnership'
             and partnership_id in (select private.my_partnership_ids_as('{delegate,secretariat}')))
         or (audience = 'chosen'
             and ((includes_secretariat and partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
                  or action_id in (select private.my_chosen_item_ids()))));
create policy "meeting_presentations: the secretariat marks actions it can see as presented"
  on public.meeting_presentations
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
              and (select private.can_see_item(action_id)));
create policy "meeting_presentations: the secretariat unmarks actions it can see"
  on public.meeting_presentations
  for delete to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
         and (select private.can_see_item(action_id)));

------------------------------------------------------------------------------------------------------------
-- Audit trail (rules 6 and 8; docs/decisions/102-*.md). Events of shared items are scope `sharing` and carry
-- the item's id and owning government; they are drafts when written while the item was private, and the
-- audience list's events are the owner's alone. Who reads the others is decided when they are read, by the
-- item's audience of that moment (the audit trail is ADR 070's one place for a point check in a read):
--   the owning government: every event of its items;
--   an expression of interest: the interested government, and the secretariat while it may see the item;
--   the item, its content and its presentations: whoever may see the item now, drafts excepted.
------------------------------------------------------------------------------------------------------------
alter table public.audit_events drop constraint audit_events_scope_valid;
alter table public.audit_events add constraint audit_events_scope_valid
  check (scope in ('tenancy', 'board', 'pledge', 'reference', 'sharing'));
alter table public.audit_events add column item_id uuid;
create index audit_events_item_id_idx on public.audit_events (item_id) where scope = 'sharing';

create or replace function private.record_sharing_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  prior jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  later jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  subject jsonb := coalesce(later, prior);
begin
  if tg_op = 'UPDATE' and tg_table_name <> 'shared_items' and private.is_audience_cascade(prior, later) then
    return null; -- the item's own event records the audience change
  end if;
  insert into public.audit_events
    (partnership_id, actor_id, action, table_name, row_id, before, after, scope, member_id, is_draft, item_id)
  values (
    (subject ->> 'partnership_id')::uuid, auth.uid(), lower(tg_op), tg_table_name, (subject ->> 'id')::uuid,
    prior, later, 'sharing', (subject ->> 'owner_member_id')::uuid,
    case tg_table_name
      -- A conversation between two governments: its own rule decides who reads it.
      when 'expressions_of_interest' then false
      -- The audience list: the owner's alone.
      when 'shared_item_audiences' then true
      else coalesce(prior ->> 'audience' = 'private', false) or coalesce(later ->> 'audience' = 'private', false)
    end,
    case tg_table_name
      when 'meeting_presentations' then (subject ->> 'action_id')::uuid
      when 'shared_item_audiences' then (subject ->> 'item_id')::uuid
      when 'expressions_of_interest' then (subject ->> 'item_id')::uuid
      else (subject ->> 'id')::uuid
    end);
  return null;
end
$$;

create or replace function private.can_read_sharing_event(
  table_name text, item uuid, owner uuid, is_draft boolean, partnership uuid, subject jsonb
) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(owner in (select private.my_member_ids()), false)
      or (table_name = 'expressions_of_interest'
          and (coalesce((subject ->> 'member_id')::uuid in (select private.my_member_ids()), false)
               or (partnership in (select private.my_partnership_ids_as('{secretariat}'))
                   and private.can_see_item(item))))
      or (table_name <> 'expressions_of_interest' and not is_draft and private.can_see_item(item))
$$;

do $$
declare
  t text;
begin
  foreach t in array array['shared_items', 'shared_item_audiences', 'technology_offers', 'technology_requests',
                           'national_actions', 'expressions_of_interest', 'meeting_presentations'] loop
    execute format('create trigger audit after insert or update or delete on public.%I '
                   'for each row execute function private.record_sharing_event()', t);
  end loop;
end
$$;
-- Meetings are the partnership's own business: tenancy events, read by its secretariat.
create trigger audit after insert or update or delete on public.meetings
  for each row execute function private.record_audit_event();

-- The audit trail keeps one read policy (ADR 070). Its existing cases stop at sharing events (the secretariat's
-- would show it every non-draft one), and the sharing case is added: the policy is rebuilt from whatever cases
-- it has now, so this migration composes with any earlier rewording of them.
do $$
declare
  policy record;
  cases text[] := '{}';
begin
  for policy in
    select policyname, qual, roles::text[] as roles from pg_policies
     where schemaname = 'public' and tablename = 'audit_events' and cmd = 'SELECT' and permissive = 'PERMISSIVE'
     order by policyname
  loop
    if policy.roles <> array['authenticated'] then
      raise exception 'audit_events policy % is not for authenticated alone', policy.policyname;
    end if;
    cases := cases || format('(%s)', policy.qual);
    execute format('drop policy %I on public.audit_events', policy.policyname);
  end loop;
  execute format(
    'create policy %I on public.audit_events for select to authenticated using ('
    '  (scope <> ''sharing'' and (%s))'
    '  or (scope = ''sharing'' and (select private.can_read_sharing_event(table_name, item_id, member_id,'
    '      is_draft, partnership_id, coalesce(after, before)))))',
    'audit_events: members read the trail their role allows, and a shared item''s history where it is shared with them',
    coalesce(nullif(array_to_string(cases, ' or '), ''), 'false'));
end
$$;

------------------------------------------------------------------------------------------------------------
-- Live changes (ADR 066, docs/decisions/102-*.md): one NOTIFY per committed change, carrying ids and versions
-- only — the partnership, the table, the operation, the row's id and version, and the item it concerns. The
-- server tells a browser of a change only after asking the database, as that member, whether they may read the
-- changed row (app/live/stream.server.ts). Audience lists send nothing, nor do the copies an audience change
-- cascades to: the item's own row changes with them.
------------------------------------------------------------------------------------------------------------
create or replace function private.notify_sharing_change() returns trigger
language plpgsql set search_path = ''
as $$
declare
  subject jsonb := case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end;
begin
  if tg_op = 'UPDATE' and tg_table_name <> 'shared_items'
     and private.is_audience_cascade(to_jsonb(old), to_jsonb(new)) then
    return null;
  end if;
  perform pg_notify('lodestone_changes', json_build_object(
    'partnership_id', subject ->> 'partnership_id',
    'table', tg_table_name,
    'op', lower(tg_op),
    'id', subject ->> 'id',
    'version', (subject ->> 'version')::int,
    'item_id', case tg_table_name
      when 'meetings' then null
      when 'meeting_presentations' then subject ->> 'action_id'
      when 'expressions_of_interest' then subject ->> 'item_id'
      else subject ->> 'id'
    end)::text);
  return null;
end
$$;

do $$
declare
  t text;
begin
  foreach t in array array['shared_items', 'technology_offers', 'technology_requests', 'national_actions',
                           'expressions_of_interest', 'meetings', 'meeting_presentations'] loop
    execute format('create trigger notify_change after insert or update or delete on public.%I '
                   'for each row execute function private.notify_sharing_change()', t);
  end loop;
end
$$;

------------------------------------------------------------------------------------------------------------
-- Read-only once the subscription lapsed (docs/decisions/041-*.md), like every partnership-scoped table
------------------------------------------------------------------------------------------------------------
do $$
declare
  t text;
begin
  foreach t in array array['shared_items', 'shared_item_audiences', 'technology_offers', 'technology_requests',
                           'national_actions', 'expressions_of_interest', 'meetings', 'meeting_presentations'] loop
    execute format('create trigger enforce_read_only_when_lapsed before insert or update or delete on public.%I '
                   'for each row execute function private.refuse_writes_when_lapsed()', t);
  end loop;
end
$$;

------------------------------------------------------------------------------------------------------------
-- Function privileges
------------------------------------------------------------------------------------------------------------
revoke execute on all functions in schema private from public;
grant execute on function private.is_mineral_list(text[]), private.is_audience_cascade(jsonb, jsonb),
  private.my_chosen_item_ids(), private.can_see_item(uuid),
  private.can_read_sharing_event(text, uuid, uuid, boolean, uuid, jsonb)
  to authenticated, service_role;
