-- Funding: pledges (a government's promise to co-fund a project), their amendments, tranches and FX rates,
-- and the functions that change them atomically (commit, withdraw, amend a pledge; complete a milestone).

------------------------------------------------------------------------------------------------------------
-- Co-funding rules: one JSON object per pledge, validated by shape (see docs/decisions/011-*.md)
--   {"kind": "min_other_members", "n": 2}
--   {"kind": "min_cofunding", "amount_minor": 10000000000, "currency": "USD"}   -- reporting currency
--   {"kind": "match", "ratio": {"numerator": 1, "denominator": 1}, "cap_minor": 2500000000}
-- Amounts are positive integers of minor units, as JSON numbers or strings of digits.
------------------------------------------------------------------------------------------------------------
create or replace function private.is_positive_minor(value jsonb) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select coalesce(
    jsonb_typeof(value) in ('number', 'string')
    and (value #>> '{}') ~ '^[0-9]{1,18}$'
    and (value #>> '{}')::int8 > 0,
    false)
$$;

create or replace function private.is_valid_cofunding_rule(rule jsonb) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select coalesce(jsonb_typeof(rule) = 'object' and case rule ->> 'kind'
    when 'min_other_members' then
      (select array_agg(k order by k) from jsonb_object_keys(rule) k) = array['kind', 'n']
      and jsonb_typeof(rule -> 'n') = 'number'
      and (rule ->> 'n') ~ '^[0-9]{1,3}$' and (rule ->> 'n')::int between 1 and 100
    when 'min_cofunding' then
      (select array_agg(k order by k) from jsonb_object_keys(rule) k)
        = array['amount_minor', 'currency', 'kind']
      and private.is_positive_minor(rule -> 'amount_minor')
      and jsonb_typeof(rule -> 'currency') = 'string'
      and private.is_currency_code(rule ->> 'currency')
    when 'match' then
      (select array_agg(k order by k) from jsonb_object_keys(rule) k) = array['cap_minor', 'kind', 'ratio']
      and jsonb_typeof(rule -> 'ratio') = 'object'
      and (select array_agg(k order by k) from jsonb_object_keys(rule -> 'ratio') k)
        = array['denominator', 'numerator']
      and jsonb_typeof(rule #> '{ratio,numerator}') = 'number'
      and jsonb_typeof(rule #> '{ratio,denominator}') = 'number'
      and (rule #>> '{ratio,numerator}') ~ '^[0-9]{1,6}$'
      and (rule #>> '{ratio,denominator}') ~ '^[0-9]{1,6}$'
      and (rule #>> '{ratio,numerator}')::int > 0
      and (rule #>> '{ratio,denominator}')::int > 0
      and private.is_positive_minor(rule -> 'cap_minor')
    else false
  end, false)
$$;

-- A partnership's reporting currency, for the co-funding rule check (the caller may not see the row).
create or replace function private.reporting_currency(partnership uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select p.reporting_currency::text from public.partnerships p where p.id = partnership
$$;

------------------------------------------------------------------------------------------------------------
-- pledges
------------------------------------------------------------------------------------------------------------
create table public.pledges (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  project_id uuid not null,
  member_id uuid not null,
  amount_minor int8 not null constraint pledges_amount_positive check (amount_minor > 0),
  currency char(3) not null constraint pledges_currency_iso4217 check (private.is_currency_code(currency)),
  instrument text not null
    constraint pledges_instrument_valid
    check (instrument in ('grant', 'loan', 'equity', 'guarantee', 'offtake')),
  status text not null default 'draft'
    constraint pledges_status_valid
    check (status in ('draft', 'committed', 'disbursing', 'fulfilled', 'withdrawn')),
  conditions text,
  cofunding_rule jsonb
    constraint pledges_cofunding_rule_valid
    check (cofunding_rule is null or private.is_valid_cofunding_rule(cofunding_rule)),
  withdrawal_reason text,
  committed_at timestamptz,
  version int not null default 1,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pledges_id_partnership_unique unique (id, partnership_id),
  constraint pledges_project_in_partnership foreign key (project_id, partnership_id)
    references public.projects (id, partnership_id),
  constraint pledges_member_in_partnership foreign key (member_id, partnership_id)
    references public.members (id, partnership_id),
  constraint pledges_withdrawal_has_reason
    check (status <> 'withdrawn' or length(btrim(coalesce(withdrawal_reason, ''))) > 0),
  constraint pledges_committed_has_date
    check (status not in ('committed', 'disbursing', 'fulfilled') or committed_at is not null),
  constraint pledges_draft_has_no_commit_date check (status <> 'draft' or committed_at is null)
);
create index pledges_member_id_idx on public.pledges (member_id);
create index pledges_project_id_idx on public.pledges (project_id);
create index pledges_partnership_id_status_idx on public.pledges (partnership_id, status);
create index pledges_created_by_idx on public.pledges (created_by);
alter table public.pledges enable row level security;
revoke all on public.pledges from anon, authenticated, service_role;
grant select, insert, update, delete on public.pledges to service_role;
grant select, delete on public.pledges to authenticated;
grant insert (partnership_id, project_id, member_id, amount_minor, currency, instrument, conditions,
  cofunding_rule, status) on public.pledges to authenticated;
grant update (amount_minor, currency, instrument, conditions, cofunding_rule, status, withdrawal_reason)
  on public.pledges to authenticated;
create trigger stamp before insert or update on public.pledges
  for each row execute function private.stamp();

-- The life of a pledge (rule 3 of docs/security-model.md). Applies to everyone; API users get the narrower
-- set of transitions.
create or replace function private.guard_pledge() returns trigger
language plpgsql set search_path = ''
as $$
declare
  client boolean := private.is_client();
begin
  if new.cofunding_rule ->> 'kind' = 'min_cofunding'
     and new.cofunding_rule ->> 'currency' is distinct from private.reporting_currency(new.partnership_id)
  then
    raise exception 'A minimum co-funding rule is stated in the partnership''s reporting currency (%)',
      private.reporting_currency(new.partnership_id) using errcode = '23514';
  end if;

  if tg_op = 'INSERT' then
    if new.status = 'draft' or client then
      new.committed_at := null;
    elsif new.status <> 'withdrawn' then
      new.committed_at := coalesce(new.committed_at, now());
    end if;
    new.withdrawal_reason := case when new.status = 'withdrawn' then new.withdrawal_reason end;
    return new;
  end if;

  if old.status in ('withdrawn', 'fulfilled') and client then
    raise exception 'A % pledge is closed and cannot change', old.status using errcode = 'P0001';
  end if;

  new.committed_at := old.committed_at;
  if new.status is distinct from old.status then
    if (old.status, new.status) not in (
      ('draft', 'committed'), ('draft', 'withdrawn'), ('committed', 'withdrawn'),
      ('committed', 'disbursing'), ('committed', 'fulfilled'), ('disbursing', 'fulfilled'),
      ('disbursing', 'withdrawn')) then
      raise exception 'A pledge cannot go from % to %', old.status, new.status using errcode = 'P0001';
    end if;
    if client and new.status in ('disbursing', 'fulfilled') then
      raise exception 'A pledge becomes % when its tranches are paid, not by hand', new.status
        using errcode = '42501';
    end if;
    if client and old.status = 'disbursing' then
      raise exception 'A pledge that is disbursing cannot be withdrawn by hand; ask the secretariat'
        using errcode = '42501';
    end if;
    if new.status = 'committed' then
      if not exists (select 1 from public.projects p
                     where p.id = new.project_id and p.status = 'approved') then
        raise exception 'Only pledges to approved projects can be committed' using errcode = 'P0001';
      end if;
      new.committed_at := now();
    end if;
    if new.status = 'withdrawn' then
      if length(btrim(coalesce(new.withdrawal_reason, ''))) = 0 then
        raise exception 'Withdrawing a pledge needs a reason' using errcode = 'P0001';
      end if;
    else
      new.withdrawal_reason := old.withdrawal_reason;
    end if;
  elsif new.withdrawal_reason is distinct from old.withdrawal_reason then
    raise exception 'The withdrawal reason is set when the pledge is withdrawn' using errcode = 'P0001';
  end if;

  if old.status <> 'draft' then
    if new.currency is distinct from old.currency or new.instrument is distinct from old.instrument
       or new.conditions is distinct from old.conditions
       or new.cofunding_rule is distinct from old.cofunding_rule then
      raise exception 'The terms of a committed pledge are fixed; only its amount changes, by amendment'
        using errcode = 'P0001';
    end if;
    if new.amount_minor is distinct from old.amount_minor and not exists (
      select 1 from public.pledge_amendments a
      where a.pledge_id = new.id and a.created_at = now()
        and a.previous_amount_minor = old.amount_minor and a.new_amount_minor = new.amount_minor
    ) then
      raise exception 'A committed pledge''s amount changes only through a recorded amendment (amend_pledge)'
        using errcode = 'P0001';
    end if;
  end if;
  return new;
end
$$;

------------------------------------------------------------------------------------------------------------
-- pledge_amendments
------------------------------------------------------------------------------------------------------------
create table public.pledge_amendments (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  pledge_id uuid not null,
  previous_amount_minor int8 not null
    constraint pledge_amendments_previous_positive check (previous_amount_minor > 0),
  new_amount_minor int8 not null constraint pledge_amendments_new_positive check (new_amount_minor > 0),
  reason text not null constraint pledge_amendments_reason_length check (length(btrim(reason)) between 1 and 2000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint pledge_amendments_changes_amount check (new_amount_minor <> previous_amount_minor),
  constraint pledge_amendments_pledge_in_partnership foreign key (pledge_id, partnership_id)
    references public.pledges (id, partnership_id) on delete cascade
);
create index pledge_amendments_pledge_id_idx on public.pledge_amendments (pledge_id, created_at);
create index pledge_amendments_partnership_id_idx on public.pledge_amendments (partnership_id);
create index pledge_amendments_created_by_idx on public.pledge_amendments (created_by);
alter table public.pledge_amendments enable row level security;
revoke all on public.pledge_amendments from anon, authenticated, service_role;
grant select, insert, update, delete on public.pledge_amendments to service_role;
grant select on public.pledge_amendments to authenticated;
grant insert (partnership_id, pledge_id, previous_amount_minor, new_amount_minor, reason)
  on public.pledge_amendments to authenticated;
create trigger stamp before insert or update on public.pledge_amendments
  for each row execute function private.stamp();

-- The previous amount is the pledge's current amount, whatever the client sent; only live pledges are amended.
-- A pledge the caller cannot see is left to the row-level security check, which then refuses the row.
create or replace function private.prepare_amendment() returns trigger
language plpgsql set search_path = ''
as $$
declare
  pledge record;
begin
  select p.amount_minor, p.status into pledge from public.pledges p where p.id = new.pledge_id;
  if not found then
    return new;
  end if;
  if pledge.status not in ('committed', 'disbursing') then
    raise exception 'Only a committed pledge is amended (this one is %)', pledge.status
      using errcode = 'P0001';
  end if;
  new.previous_amount_minor := pledge.amount_minor;
  return new;
end
$$;
create trigger prepare_amendment before insert on public.pledge_amendments
  for each row execute function private.prepare_amendment();

create trigger guard_pledge before insert or update on public.pledges
  for each row execute function private.guard_pledge();

------------------------------------------------------------------------------------------------------------
-- tranches
------------------------------------------------------------------------------------------------------------
create table public.tranches (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  pledge_id uuid not null,
  milestone_id uuid,
  amount_minor int8 not null constraint tranches_amount_positive check (amount_minor > 0),
  due_date date not null,
  status text not null default 'scheduled'
    constraint tranches_status_valid check (status in ('scheduled', 'requested', 'paid')),
  paid_at timestamptz,
  payment_reference text,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tranches_pledge_in_partnership foreign key (pledge_id, partnership_id)
    references public.pledges (id, partnership_id) on delete cascade,
  constraint tranches_milestone_in_partnership foreign key (milestone_id, partnership_id)
    references public.milestones (id, partnership_id) on delete set null (milestone_id),
  constraint tranches_paid_has_date check ((status = 'paid') = (paid_at is not null))
);
create index tranches_pledge_id_idx on public.tranches (pledge_id);
create index tranches_milestone_id_idx on public.tranches (milestone_id);
create index tranches_partnership_id_due_date_idx on public.tranches (partnership_id, due_date);
create index tranches_created_by_idx on public.tranches (created_by);
alter table public.tranches enable row level security;
revoke all on public.tranches from anon, authenticated, service_role;
grant select, insert, update, delete on public.tranches to service_role;
grant select, delete on public.tranches to authenticated;
grant insert (partnership_id, pledge_id, milestone_id, amount_minor, due_date)
  on public.tranches to authenticated;
grant update (milestone_id, amount_minor, due_date, status, payment_reference)
  on public.tranches to authenticated;
create trigger stamp before insert or update on public.tranches
  for each row execute function private.stamp();

create or replace function private.guard_tranche() returns trigger
language plpgsql set search_path = ''
as $$
declare
  client boolean := private.is_client();
  pledge record;
  milestone_project uuid;
begin
  if tg_op = 'INSERT' and client then
    new.status := 'scheduled';
  end if;
  if tg_op = 'UPDATE' and old.status = 'paid' and (new.status <> 'paid'
     or new.amount_minor <> old.amount_minor or new.pledge_id <> old.pledge_id) then
    raise exception 'A paid tranche cannot change' using errcode = 'P0001';
  end if;
  if new.status = 'paid' then
    if tg_op = 'UPDATE' and old.status = 'paid' then
      new.paid_at := old.paid_at;
    elsif client or new.paid_at is null then
      new.paid_at := now();
    end if;
  else
    new.paid_at := null;
  end if;
  select p.project_id, p.status into pledge from public.pledges p where p.id = new.pledge_id;
  if not found then
    return new; -- not visible to the caller: row-level security refuses the row
  end if;
  if new.milestone_id is not null then
    select m.project_id into milestone_project from public.milestones m where m.id = new.milestone_id;
    if milestone_project is distinct from pledge.project_id then
      raise exception 'A tranche is released by a milestone of its own pledge''s project'
        using errcode = '23514';
    end if;
  end if;
  if tg_op = 'UPDATE' and new.status is distinct from old.status then
    if pledge.status not in ('committed', 'disbursing') then
      raise exception 'Tranches of a % pledge are not requested or paid', pledge.status
        using errcode = 'P0001';
    end if;
    if client and new.status = 'paid'
       and new.partnership_id not in (select private.my_partnership_ids_as('{secretariat}')) then
      raise exception 'Only the secretariat records a payment' using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;
create trigger guard_tranche before insert or update on public.tranches
  for each row execute function private.guard_tranche();

-- A paid tranche moves its pledge on: disbursing, then fulfilled once the paid total reaches the amount.
create or replace function private.advance_pledge_on_payment() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.pledges p
  set status = case
    when (select coalesce(sum(t.amount_minor), 0) from public.tranches t
          where t.pledge_id = p.id and t.status = 'paid') >= p.amount_minor then 'fulfilled'
    else 'disbursing' end
  where p.id = new.pledge_id and p.status in ('committed', 'disbursing');
  return null;
end
$$;
create trigger advance_pledge_on_payment after update of status on public.tranches
  for each row when (new.status = 'paid' and old.status <> 'paid')
  execute function private.advance_pledge_on_payment();

-- A milestone marked done requests the scheduled tranches it releases (of live pledges only). Runs as the
-- owner: the sponsor who completes a milestone cannot see pledges, yet its tranches must move.
create or replace function private.release_tranches() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.tranches t set status = 'requested'
  where t.milestone_id = new.id and t.status = 'scheduled'
    and t.pledge_id in (select p.id from public.pledges p where p.status in ('committed', 'disbursing'));
  return null;
end
$$;
create trigger release_tranches after update of status on public.milestones
  for each row when (new.status = 'done' and old.status <> 'done')
  execute function private.release_tranches();

------------------------------------------------------------------------------------------------------------
-- fx_rates
------------------------------------------------------------------------------------------------------------
create table public.fx_rates (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  currency char(3) not null constraint fx_rates_currency_iso4217 check (private.is_currency_code(currency)),
  rate numeric(20, 10) not null constraint fx_rates_rate_positive check (rate > 0),
  as_of date not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint fx_rates_one_rate_per_day unique (partnership_id, currency, as_of)
);
create index fx_rates_created_by_idx on public.fx_rates (created_by);
alter table public.fx_rates enable row level security;
revoke all on public.fx_rates from anon, authenticated, service_role;
grant select, insert, update, delete on public.fx_rates to service_role;
grant select, delete on public.fx_rates to authenticated;
grant insert (partnership_id, currency, rate, as_of) on public.fx_rates to authenticated;
grant update (rate, as_of) on public.fx_rates to authenticated;
create trigger stamp before insert or update on public.fx_rates
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- Funding helpers
------------------------------------------------------------------------------------------------------------
-- Pledges the user may see (rule 2 of docs/security-model.md): their own government's, drafts included;
-- committed ones (ever committed, so a withdrawal stays on the record) for delegates, the secretariat and
-- observers; and live commitments only for sponsors.
create or replace function private.my_visible_pledge_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.pledges p
  where p.member_id in (select private.my_member_ids())
     or (p.status <> 'draft' and p.committed_at is not null
         and p.partnership_id in (select private.my_partnership_ids_as('{delegate,secretariat,observer}')))
     or (p.status in ('committed', 'disbursing', 'fulfilled')
         and p.partnership_id in (select private.my_partnership_ids_as('{sponsor}')))
$$;

-- Pledges of the governments the user is a delegate for (rule 3 of docs/security-model.md).
create or replace function private.my_government_pledge_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.pledges p where p.member_id in (select private.my_member_ids())
$$;

------------------------------------------------------------------------------------------------------------
-- Policies
------------------------------------------------------------------------------------------------------------
create policy "pledges: delegates read their government's drafts and pledges" on public.pledges
  for select to authenticated using (member_id in (select private.my_member_ids()));
create policy "pledges: delegates, secretariat, observers read committed ones"
  on public.pledges
  for select to authenticated
  using (status <> 'draft' and committed_at is not null
         and partnership_id in (select private.my_partnership_ids_as('{delegate,secretariat,observer}')));
create policy "pledges: sponsors read live commitments" on public.pledges
  for select to authenticated
  using (status in ('committed', 'disbursing', 'fulfilled')
         and partnership_id in (select private.my_partnership_ids_as('{sponsor}')));
create policy "pledges: delegates draft pledges for their own government" on public.pledges
  for insert to authenticated
  with check (status = 'draft' and member_id in (select private.my_member_ids()));
create policy "pledges: delegates edit their government's pledges" on public.pledges
  for update to authenticated
  using (member_id in (select private.my_member_ids()))
  with check (member_id in (select private.my_member_ids()));
create policy "pledges: delegates delete their government's drafts" on public.pledges
  for delete to authenticated
  using (status = 'draft' and member_id in (select private.my_member_ids()));

create policy "pledge_amendments: members read amendments of visible pledges"
  on public.pledge_amendments
  for select to authenticated using (pledge_id in (select private.my_visible_pledge_ids()));
create policy "pledge_amendments: delegates amend their government's pledges" on public.pledge_amendments
  for insert to authenticated
  with check (pledge_id in (select private.my_government_pledge_ids()));

create policy "tranches: members read tranches of pledges they can see" on public.tranches
  for select to authenticated using (pledge_id in (select private.my_visible_pledge_ids()));
create policy "tranches: delegates schedule their government's tranches" on public.tranches
  for insert to authenticated with check (pledge_id in (select private.my_government_pledge_ids()));
create policy "tranches: delegates edit their government's tranches" on public.tranches
  for update to authenticated
  using (pledge_id in (select private.my_government_pledge_ids()))
  with check (pledge_id in (select private.my_government_pledge_ids()));
create policy "tranches: the secretariat records payments on committed pledges" on public.tranches
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
         and pledge_id in (select private.my_visible_pledge_ids()))
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
              and pledge_id in (select private.my_visible_pledge_ids()));
create policy "tranches: delegates remove their government's scheduled ones" on public.tranches
  for delete to authenticated
  using (status = 'scheduled' and pledge_id in (select private.my_government_pledge_ids()));

create policy "fx_rates: members read their partnership's rates" on public.fx_rates
  for select to authenticated using (partnership_id in (select private.my_partnership_ids()));
create policy "fx_rates: the secretariat adds rates" on public.fx_rates
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "fx_rates: the secretariat corrects rates" on public.fx_rates
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "fx_rates: the secretariat removes rates" on public.fx_rates
  for delete to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));

------------------------------------------------------------------------------------------------------------
-- State changes the app calls (security invoker: row-level security applies to every statement inside).
-- Errors: P0002 not found (or not visible), PT409 version conflict, P0001 invalid state, 42501 not allowed.
------------------------------------------------------------------------------------------------------------
create or replace function public.commit_pledge(pledge_id uuid, expected_version int)
returns public.pledges
language plpgsql security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  current_row public.pledges;
begin
  select * into current_row from public.pledges p where p.id = commit_pledge.pledge_id;
  if not found then
    raise exception 'Pledge % not found', commit_pledge.pledge_id using errcode = 'P0002';
  end if;
  if current_row.version <> commit_pledge.expected_version then
    raise exception 'Pledge % was changed by someone else (version % is current, % was expected)',
      commit_pledge.pledge_id, current_row.version, commit_pledge.expected_version
      using errcode = 'PT409', hint = 'Reload the pledge and try again.';
  end if;
  if current_row.status <> 'draft' then
    raise exception 'Only a draft pledge can be committed (this one is %)', current_row.status
      using errcode = 'P0001';
  end if;
  update public.pledges p set status = 'committed'
  where p.id = commit_pledge.pledge_id and p.version = commit_pledge.expected_version
  returning * into current_row;
  if not found then
    if exists (select 1 from public.pledges p
               where p.id = commit_pledge.pledge_id and p.version <> commit_pledge.expected_version) then
      raise exception 'Pledge % was changed by someone else', commit_pledge.pledge_id
        using errcode = 'PT409', hint = 'Reload the pledge and try again.';
    end if;
    raise exception 'Only the pledging government''s delegates commit its pledges' using errcode = '42501';
  end if;
  return current_row;
end
$$;

create or replace function public.withdraw_pledge(pledge_id uuid, reason text)
returns public.pledges
language plpgsql security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  current_row public.pledges;
begin
  if length(btrim(coalesce(withdraw_pledge.reason, ''))) = 0 then
    raise exception 'Withdrawing a pledge needs a reason' using errcode = 'P0001';
  end if;
  select * into current_row from public.pledges p where p.id = withdraw_pledge.pledge_id;
  if not found then
    raise exception 'Pledge % not found', withdraw_pledge.pledge_id using errcode = 'P0002';
  end if;
  if current_row.status not in ('draft', 'committed') then
    raise exception 'A % pledge cannot be withdrawn', current_row.status using errcode = 'P0001';
  end if;
  update public.pledges p set status = 'withdrawn', withdrawal_reason = btrim(withdraw_pledge.reason)
  where p.id = withdraw_pledge.pledge_id
  returning * into current_row;
  if not found then
    raise exception 'Only the pledging government''s delegates withdraw its pledges' using errcode = '42501';
  end if;
  return current_row;
end
$$;

create or replace function public.amend_pledge(pledge_id uuid, new_amount_minor int8, reason text)
returns public.pledges
language plpgsql security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  current_row public.pledges;
begin
  if length(btrim(coalesce(amend_pledge.reason, ''))) = 0 then
    raise exception 'An amendment needs a reason' using errcode = 'P0001';
  end if;
  if amend_pledge.new_amount_minor is null or amend_pledge.new_amount_minor <= 0 then
    raise exception 'The amended amount must be positive' using errcode = 'P0001';
  end if;
  select * into current_row from public.pledges p where p.id = amend_pledge.pledge_id;
  if not found then
    raise exception 'Pledge % not found', amend_pledge.pledge_id using errcode = 'P0002';
  end if;
  if current_row.status not in ('committed', 'disbursing') then
    raise exception 'Only a committed pledge is amended; edit a draft directly (this one is %)',
      current_row.status using errcode = 'P0001';
  end if;
  if current_row.amount_minor = amend_pledge.new_amount_minor then
    raise exception 'The amended amount equals the current amount' using errcode = 'P0001';
  end if;
  if current_row.member_id not in (select private.my_member_ids()) then
    raise exception 'Only the pledging government''s delegates amend its pledges' using errcode = '42501';
  end if;
  insert into public.pledge_amendments (partnership_id, pledge_id, previous_amount_minor, new_amount_minor,
                                        reason)
  values (current_row.partnership_id, current_row.id, current_row.amount_minor,
          amend_pledge.new_amount_minor, btrim(amend_pledge.reason));
  update public.pledges p set amount_minor = amend_pledge.new_amount_minor
  where p.id = amend_pledge.pledge_id
  returning * into current_row;
  return current_row;
end
$$;

create or replace function public.complete_milestone(milestone_id uuid, expected_version int)
returns public.milestones
language plpgsql security invoker set search_path = ''
as $$
#variable_conflict use_column
declare
  current_row public.milestones;
begin
  select * into current_row from public.milestones m where m.id = complete_milestone.milestone_id;
  if not found then
    raise exception 'Milestone % not found', complete_milestone.milestone_id using errcode = 'P0002';
  end if;
  if current_row.version <> complete_milestone.expected_version then
    raise exception 'Milestone % was changed by someone else (version % is current, % was expected)',
      complete_milestone.milestone_id, current_row.version, complete_milestone.expected_version
      using errcode = 'PT409', hint = 'Reload the board and try again.';
  end if;
  if current_row.status in ('done', 'cancelled') then
    raise exception 'A % milestone cannot be completed', current_row.status using errcode = 'P0001';
  end if;
  update public.milestones m set status = 'done'
  where m.id = complete_milestone.milestone_id and m.version = complete_milestone.expected_version
  returning * into current_row;
  if not found then
    if exists (select 1 from public.milestones m where m.id = complete_milestone.milestone_id
               and m.version <> complete_milestone.expected_version) then
      raise exception 'Milestone % was changed by someone else', complete_milestone.milestone_id
        using errcode = 'PT409', hint = 'Reload the board and try again.';
    end if;
    raise exception 'Only the project''s sponsor, its registering government or the secretariat complete its milestones'
      using errcode = '42501';
  end if;
  return current_row;
end
$$;

------------------------------------------------------------------------------------------------------------
-- Function privileges
------------------------------------------------------------------------------------------------------------
revoke execute on all functions in schema private from public;
grant execute on function private.is_positive_minor(jsonb), private.is_valid_cofunding_rule(jsonb),
  private.reporting_currency(uuid), private.my_visible_pledge_ids(), private.my_government_pledge_ids()
  to authenticated, service_role;
revoke all on function public.commit_pledge(uuid, int), public.withdraw_pledge(uuid, text),
  public.amend_pledge(uuid, int8, text), public.complete_milestone(uuid, int) from public, anon;
grant execute on function public.commit_pledge(uuid, int), public.withdraw_pledge(uuid, text),
  public.amend_pledge(uuid, int8, text), public.complete_milestone(uuid, int)
  to authenticated, service_role;
