-- Figures computed per change, not per request (issue 18, docs/decisions/072-*.md): each project's funding in
-- the reporting currency (the co-funding engine of 20261201050100_cofunding_in_sql.sql decides what counts),
-- each government's drafts apart, and the board's counts. Triggers keep them; pages read them under row-level
-- security, with the same pattern as every table (ADR 070): a rollup row is readable exactly when the rows it
-- sums are, and a government's drafts only by its own delegates. Nobody writes them but the triggers.
--
-- Funding is computed at each currency's newest rate. A page for a day before a rate's date (a rate entered
-- in advance, or a view of the past) cannot use it and evaluates per request, as before; the models check
-- (rollupsApply in app/models/funding.server.ts).

------------------------------------------------------------------------------------------------------------
-- project_funding: one row per project
------------------------------------------------------------------------------------------------------------
create table public.project_funding (
  project_id uuid primary key,
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  -- Minor units of the partnership's reporting currency, live pledges only (ADR 030, 031):
  committed_minor numeric(38, 0) not null default 0,
  triggered_minor numeric(38, 0) not null default 0,
  pending_minor numeric(38, 0) not null default 0,
  -- Funding sought, converted; null when the project states none or its currency has no rate.
  sought_minor numeric(38, 0),
  -- sought − committed − triggered; null when sought is.
  gap_minor numeric(38, 0),
  -- Completed, or approved with committed + triggered ≥ sought (or nothing sought): the resilience page's
  -- "funded" (docs/resilience.md).
  funded boolean not null default false,
  -- Currencies with live money (or the project's own) but no rate: left out and named, never guessed.
  missing_rates text[] not null default '{}',
  -- Currencies converted (other than the reporting one), for the page's note of the rates used.
  currencies text[] not null default '{}',
  refreshed_at timestamptz not null default now(),
  constraint project_funding_project_in_partnership foreign key (project_id, partnership_id)
    references public.projects (id, partnership_id) on delete cascade
);
-- The portfolio's "largest gaps first" (sought, or nothing, less what counts), one page of them at a time.
create index project_funding_partnership_id_shortfall_idx
  on public.project_funding (partnership_id, (coalesce(sought_minor, 0) - committed_minor - triggered_minor) desc);
alter table public.project_funding enable row level security;
revoke all on public.project_funding from anon, authenticated, service_role;
grant select on public.project_funding to authenticated;
grant select, insert, update, delete on public.project_funding to service_role;
create policy "project_funding: members read the funding of projects they can see" on public.project_funding
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and project_id not in (select private.my_hidden_project_ids()));

------------------------------------------------------------------------------------------------------------
-- project_draft_funding: a government's draft pledges per project, for its own delegates only (rule 2)
------------------------------------------------------------------------------------------------------------
create table public.project_draft_funding (
  project_id uuid not null,
  member_id uuid not null,
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  drafts_minor numeric(38, 0) not null default 0,
  missing_rates text[] not null default '{}',
  currencies text[] not null default '{}',
  refreshed_at timestamptz not null default now(),
  primary key (project_id, member_id),
  constraint project_draft_funding_project_in_partnership foreign key (project_id, partnership_id)
    references public.projects (id, partnership_id) on delete cascade,
  constraint project_draft_funding_member_in_partnership foreign key (member_id, partnership_id)
    references public.members (id, partnership_id) on delete cascade
);
create index project_draft_funding_member_id_idx on public.project_draft_funding (member_id);
create index project_draft_funding_partnership_id_idx on public.project_draft_funding (partnership_id);
alter table public.project_draft_funding enable row level security;
revoke all on public.project_draft_funding from anon, authenticated, service_role;
grant select on public.project_draft_funding to authenticated;
grant select, insert, update, delete on public.project_draft_funding to service_role;
create policy "project_draft_funding: delegates read their government's drafts"
  on public.project_draft_funding
  for select to authenticated using (member_id in (select private.my_member_ids()));

------------------------------------------------------------------------------------------------------------
-- Refreshing the funding of some projects: their pledges converted at the newest rates, the engine where a
-- live pledge is conditional, sums where none is.
------------------------------------------------------------------------------------------------------------
-- The projects' pledges (not withdrawn), each converted into the reporting currency at its currency's newest
-- rate; amount and cap are null when the currency has no rate.
create or replace function private.converted_pledges(project_ids uuid[])
returns table (project_id uuid, pledge_id uuid, member_id uuid, status text, currency text, rule jsonb,
               amount numeric, cap numeric, reporting text)
language sql stable security definer set search_path = ''
as $$
  with project as (
    select p.id, p.partnership_id, pa.reporting_currency::text as reporting
      from public.projects p join public.partnerships pa on pa.id = p.partnership_id
     where p.id = any (project_ids)
  ), rate as (
    select distinct on (r.partnership_id, r.currency) r.partnership_id, r.currency::text as currency, r.rate
      from public.fx_rates r
     where r.partnership_id in (select project.partnership_id from project)
     order by r.partnership_id, r.currency, r.as_of desc
  )
  select pl.project_id, pl.id, pl.member_id, pl.status, pl.currency::text, pl.cofunding_rule,
         case when pl.currency::text = project.reporting then pl.amount_minor::numeric
              else private.convert_minor(pl.amount_minor, pl.currency::text, project.reporting, rate.rate) end,
         case when pl.cofunding_rule ->> 'kind' <> 'match' then null
              when pl.currency::text = project.reporting then (pl.cofunding_rule ->> 'cap_minor')::numeric
              else private.convert_minor((pl.cofunding_rule ->> 'cap_minor')::numeric, pl.currency::text,
                                         project.reporting, rate.rate) end,
         project.reporting
    from public.pledges pl
    join project on project.id = pl.project_id
    left join rate on rate.partnership_id = project.partnership_id and rate.currency = pl.currency::text
   where pl.status <> 'withdrawn'
$$;

create or replace function private.refresh_funding(project_ids uuid[]) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  conditional uuid;
  split record;
begin
  if cardinality(project_ids) = 0 then
    return;
  end if;
  -- Writers of one project's pledges refresh one after the other (rows locked in id order), each reading
  -- what the other committed: a refresh never loses a pledge to a concurrent one.
  perform 1 from public.project_funding f where f.project_id = any (project_ids)
   order by f.project_id for update;

  -- Everything but the split of conditional pledges, set-based.
  with live as (
    select cp.project_id,
           sum(cp.amount) filter (where cp.rule is null and cp.amount is not null) as committed,
           array_agg(distinct cp.currency) filter (where cp.amount is null) as missing,
           array_agg(distinct cp.currency) filter (where cp.amount is not null
                                                    and cp.currency <> cp.reporting) as currencies
      from private.converted_pledges(project_ids) cp
     where cp.status in ('committed', 'disbursing', 'fulfilled')
     group by cp.project_id
  )
  insert into public.project_funding as f (project_id, partnership_id, committed_minor, triggered_minor,
                                           pending_minor, sought_minor, gap_minor, funded, missing_rates,
                                           currencies, refreshed_at)
  select p.id, p.partnership_id, coalesce(live.committed, 0), 0, 0, sought.minor,
         sought.minor - coalesce(live.committed, 0),
         coalesce(p.status = 'completed'
                  or (p.status = 'approved' and (p.funding_sought_minor is null
                                                 or sought.minor - coalesce(live.committed, 0) <= 0)),
                  false),
         array(select distinct c from unnest(coalesce(live.missing, '{}') || sought.missing) c
                where c is not null order by 1),
         array(select distinct c from unnest(coalesce(live.currencies, '{}') || sought.used) c
                where c is not null order by 1),
         now()
    from public.projects p
    join public.partnerships pa on pa.id = p.partnership_id
    left join live on live.project_id = p.id
    left join lateral (
      select r.rate from public.fx_rates r
       where r.partnership_id = p.partnership_id and r.currency = p.currency
       order by r.as_of desc limit 1
    ) rate on true
    cross join lateral (
      select case when p.funding_sought_minor is null then null
                  when p.currency = pa.reporting_currency then p.funding_sought_minor::numeric
                  else private.convert_minor(p.funding_sought_minor, p.currency::text,
                                             pa.reporting_currency::text, rate.rate) end as minor,
             case when p.currency <> pa.reporting_currency and rate.rate is null
                  then array[p.currency::text] else '{}'::text[] end as missing,
             case when p.currency <> pa.reporting_currency and rate.rate is not null
                  then array[p.currency::text] else '{}'::text[] end as used
    ) sought
   where p.id = any (project_ids)
  on conflict (project_id) do update
    set committed_minor = excluded.committed_minor, triggered_minor = 0, pending_minor = 0,
        sought_minor = excluded.sought_minor, gap_minor = excluded.gap_minor, funded = excluded.funded,
        missing_rates = excluded.missing_rates, currencies = excluded.currencies,
        refreshed_at = excluded.refreshed_at;

  -- Projects with a live conditional pledge: the engine splits committed, triggered and pending.
  for conditional in
    select distinct cp.project_id from private.converted_pledges(project_ids) cp
     where cp.status in ('committed', 'disbursing', 'fulfilled') and cp.rule is not null
       and cp.amount is not null
  loop
    select coalesce(sum(e.counting) filter (where e.state = 'committed'), 0) as committed,
           coalesce(sum(e.counting) filter (where e.state in ('triggered', 'pending')), 0) as triggered,
           coalesce(sum(e.pending) filter (where e.state in ('triggered', 'pending')), 0) as pending
      into split
      from private.cofunding_evaluation((
        select jsonb_agg(jsonb_build_object(
                 'id', cp.pledge_id, 'member_id', cp.member_id, 'status', cp.status, 'amount', cp.amount,
                 'rule', case cp.rule ->> 'kind'
                   when 'min_other_members' then jsonb_build_object('kind', 'min_other_members',
                                                                    'n', (cp.rule ->> 'n')::int)
                   when 'min_cofunding' then jsonb_build_object('kind', 'min_cofunding',
                                                                'amount_minor', cp.rule ->> 'amount_minor')
                   when 'match' then jsonb_build_object('kind', 'match',
                                                        'numerator', cp.rule #>> '{ratio,numerator}',
                                                        'denominator', cp.rule #>> '{ratio,denominator}',
                                                        'cap_minor', cp.cap)
                 end) order by cp.pledge_id)
          from private.converted_pledges(array[conditional]) cp
         where cp.status in ('committed', 'disbursing', 'fulfilled') and cp.amount is not null)) e;
    update public.project_funding f
       set committed_minor = split.committed, triggered_minor = split.triggered,
           pending_minor = split.pending,
           gap_minor = f.sought_minor - split.committed - split.triggered,
           funded = coalesce(p.status = 'completed'
                             or (p.status = 'approved'
                                 and (p.funding_sought_minor is null
                                      or f.sought_minor - split.committed - split.triggered <= 0)),
                             false)
      from public.projects p
     where f.project_id = conditional and p.id = conditional;
  end loop;

  -- Each government's drafts, apart.
  delete from public.project_draft_funding d where d.project_id = any (project_ids);
  insert into public.project_draft_funding (project_id, member_id, partnership_id, drafts_minor,
                                            missing_rates, currencies)
  select cp.project_id, cp.member_id, p.partnership_id, coalesce(sum(cp.amount), 0),
         coalesce(array_agg(distinct cp.currency) filter (where cp.amount is null), '{}'),
         coalesce(array_agg(distinct cp.currency) filter (where cp.amount is not null
                                                           and cp.currency <> cp.reporting), '{}')
    from private.converted_pledges(project_ids) cp
    join public.projects p on p.id = cp.project_id
   where cp.status = 'draft'
   group by cp.project_id, cp.member_id, p.partnership_id;

  -- And what the projects add to the portfolio's views.
  perform private.refresh_contributions(project_ids);
end
$$;

-- Every project of a partnership: after a change of rates or of the reporting currency, and after a bulk load
-- (the benchmark's data skips triggers).
create or replace function private.refresh_partnership_funding(partnership uuid) returns void
language sql security definer set search_path = ''
as $$
  select private.refresh_funding(array(select p.id from public.projects p where p.partnership_id = partnership
                                        order by p.id))
$$;

create or replace function private.refresh_funding_of_pledge() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    perform private.refresh_funding(array[old.project_id]);
  elsif tg_op = 'UPDATE' and old.project_id <> new.project_id then
    perform private.refresh_funding(array[least(old.project_id, new.project_id),
                                          greatest(old.project_id, new.project_id)]);
  else
    perform private.refresh_funding(array[new.project_id]);
  end if;
  return null;
end
$$;
create trigger refresh_funding after insert or update or delete on public.pledges
  for each row execute function private.refresh_funding_of_pledge();

create or replace function private.refresh_funding_of_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_funding(array[new.id]);
  return null;
end
$$;
create trigger refresh_funding after insert on public.projects
  for each row execute function private.refresh_funding_of_project();
create trigger refresh_funding_on_change
  after update of currency, funding_sought_minor, status, segment, minerals, host_country, latitude, longitude
  on public.projects
  for each row execute function private.refresh_funding_of_project();

-- A statement that changes rates refreshes each partnership it touched once.
create or replace function private.refresh_funding_of_added_rates() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  partnership uuid;
begin
  for partnership in select distinct r.partnership_id from added r order by 1 loop
    perform private.refresh_partnership_funding(partnership);
  end loop;
  return null;
end
$$;
create or replace function private.refresh_funding_of_removed_rates() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  partnership uuid;
begin
  for partnership in select distinct r.partnership_id from removed r order by 1 loop
    perform private.refresh_partnership_funding(partnership);
  end loop;
  return null;
end
$$;
create trigger refresh_funding_after_insert after insert on public.fx_rates
  referencing new table as added
  for each statement execute function private.refresh_funding_of_added_rates();
create trigger refresh_funding_after_update after update on public.fx_rates
  referencing new table as added
  for each statement execute function private.refresh_funding_of_added_rates();
create trigger refresh_funding_after_delete after delete on public.fx_rates
  referencing old table as removed
  for each statement execute function private.refresh_funding_of_removed_rates();

create or replace function private.refresh_funding_of_partnership() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_partnership_funding(new.id);
  return null;
end
$$;
create trigger refresh_funding after update of reporting_currency on public.partnerships
  for each row when (old.reporting_currency is distinct from new.reporting_currency)
  execute function private.refresh_funding_of_partnership();

------------------------------------------------------------------------------------------------------------
-- milestone_counts: milestones of projects past draft per project status, milestone status and due date, so
-- the board's column totals, its overdue count and the portfolio's count of milestones at risk (due before the
-- day asked and still open, or at risk, or delayed) cost the same at any size.
------------------------------------------------------------------------------------------------------------
create table public.milestone_counts (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  project_status text not null,
  status text not null,
  due_date date not null,
  milestones int not null,
  primary key (partnership_id, project_status, status, due_date)
);
alter table public.milestone_counts enable row level security;
revoke all on public.milestone_counts from anon, authenticated, service_role;
grant select on public.milestone_counts to authenticated;
grant select, insert, update, delete on public.milestone_counts to service_role;
-- Projects past draft: every member of the partnership sees them and their milestones (rule 1).
create policy "milestone_counts: members read their partnership's counts" on public.milestone_counts
  for select to authenticated using (partnership_id in (select private.my_partnership_ids()));

-- Adds `changes` ([partnership, project status, status, due date, ±count]) to the counts, in key order so that
-- two writers never wait on each other in opposite orders.
create or replace function private.count_milestones(changes jsonb) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.milestone_counts as c (partnership_id, project_status, status, due_date, milestones)
  select (x ->> 'partnership_id')::uuid, x ->> 'project_status', x ->> 'status', (x ->> 'due_date')::date,
         sum((x ->> 'delta')::int)
    from jsonb_array_elements(changes) x
   group by 1, 2, 3, 4
  having sum((x ->> 'delta')::int) <> 0
   order by 1, 2, 3, 4
  on conflict (partnership_id, project_status, status, due_date)
    do update set milestones = c.milestones + excluded.milestones;
end
$$;

create or replace function private.count_milestone() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  project_status text;
  changes jsonb := '[]';
begin
  -- The project's status, waiting for a concurrent change of it to commit (whose trigger counts then).
  select p.status into project_status from public.projects p
   where p.id = coalesce(new.project_id, old.project_id) for share;
  if project_status is null or project_status = 'draft' then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    changes := changes || jsonb_build_object('partnership_id', old.partnership_id,
                                             'project_status', project_status, 'status', old.status,
                                             'due_date', old.due_date, 'delta', -1);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    changes := changes || jsonb_build_object('partnership_id', new.partnership_id,
                                             'project_status', project_status, 'status', new.status,
                                             'due_date', new.due_date, 'delta', 1);
  end if;
  perform private.count_milestones(changes);
  return null;
end
$$;
create trigger count_milestones after insert or delete on public.milestones
  for each row execute function private.count_milestone();
create trigger count_milestones_on_change after update of status, due_date on public.milestones
  for each row when (old.status is distinct from new.status or old.due_date is distinct from new.due_date)
  execute function private.count_milestone();

-- A project that changes status moves its milestones' counts; a deleted project takes them away before its
-- milestones go with it (their own trigger no longer finds the project).
create or replace function private.count_project_milestones() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  subject uuid := coalesce(new.id, old.id);
  changes jsonb := '[]';
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status <> 'draft' then
    changes := changes || coalesce((
      select jsonb_agg(jsonb_build_object('partnership_id', m.partnership_id, 'project_status', old.status,
                                          'status', m.status, 'due_date', m.due_date, 'delta', -1))
        from public.milestones m where m.project_id = subject), '[]');
  end if;
  if tg_op = 'UPDATE' and new.status <> 'draft' then
    changes := changes || coalesce((
      select jsonb_agg(jsonb_build_object('partnership_id', m.partnership_id, 'project_status', new.status,
                                          'status', m.status, 'due_date', m.due_date, 'delta', 1))
        from public.milestones m where m.project_id = subject), '[]');
  end if;
  perform private.count_milestones(changes);
  return coalesce(new, old);
end
$$;
create trigger count_milestones after update of status on public.projects
  for each row when (old.status is distinct from new.status)
  execute function private.count_project_milestones();
create trigger count_milestones_before_delete before delete on public.projects
  for each row execute function private.count_project_milestones();

-- Counts every partnership's milestones from scratch: after a bulk load that skipped triggers.
create or replace function private.recount_milestones() returns void
language sql security definer set search_path = ''
as $$
  delete from public.milestone_counts where true;
  insert into public.milestone_counts (partnership_id, project_status, status, due_date, milestones)
  select m.partnership_id, p.status, m.status, m.due_date, count(*)
    from public.milestones m join public.projects p on p.id = m.project_id and p.status <> 'draft'
   group by 1, 2, 3, 4;
$$;

------------------------------------------------------------------------------------------------------------
-- portfolio_figures: the portfolio's sums per view, kept from each project's contribution. A project
-- contributes to
--   total, segment, mineral, country  its funding split (submitted, approved and completed projects);
--   cell                             a 5° × 5° square of the map: the projects there, their mean position;
--   project_currency                 the projects whose funding sought was converted from that currency;
--   government, instrument           its live and draft pledges, per currency (member | instrument : currency);
--   quarter                          its pledges' tranches by due quarter and status, per currency
--                                    (drafts apart: quarter : drafts : currency).
-- Rows with member_id are a government's drafts: only its delegates read them (rule 2). What each project
-- contributes is kept in private.portfolio_contributions, so a change subtracts the old and adds the new.
------------------------------------------------------------------------------------------------------------
create table public.portfolio_figures (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  dimension text not null constraint portfolio_figures_dimension_valid check (dimension in (
    'total', 'segment', 'mineral', 'country', 'cell', 'project_currency', 'government', 'instrument',
    'quarter')),
  key text not null,
  -- The government whose drafts these are; null for live figures, which every member reads.
  member_id uuid,
  projects int not null default 0,
  approved int not null default 0,
  -- Reporting currency (funding views) or the key's own currency (government, instrument, quarter):
  committed_minor numeric(38, 0) not null default 0,
  triggered_minor numeric(38, 0) not null default 0,
  pending_minor numeric(38, 0) not null default 0,
  sought_minor numeric(38, 0) not null default 0,
  drafts_minor numeric(38, 0) not null default 0,
  amount_minor numeric(38, 0) not null default 0,
  latitude_sum numeric not null default 0,
  longitude_sum numeric not null default 0,
  constraint portfolio_figures_member_in_partnership foreign key (member_id, partnership_id)
    references public.members (id, partnership_id) on delete cascade
);
create unique index portfolio_figures_key_idx
  on public.portfolio_figures (partnership_id, dimension, key, coalesce(member_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index portfolio_figures_member_id_idx on public.portfolio_figures (member_id);
alter table public.portfolio_figures enable row level security;
revoke all on public.portfolio_figures from anon, authenticated, service_role;
grant select on public.portfolio_figures to authenticated;
grant select, insert, update, delete on public.portfolio_figures to service_role;
create policy "portfolio_figures: members read live figures, delegates their drafts"
  on public.portfolio_figures
  for select to authenticated
  using ((member_id is null and partnership_id in (select private.my_partnership_ids()))
         or member_id in (select private.my_member_ids()));

create table private.portfolio_contributions (
  project_id uuid not null references public.projects (id) on delete cascade,
  partnership_id uuid not null,
  dimension text not null,
  key text not null,
  member_id uuid,
  projects int not null,
  approved int not null,
  committed_minor numeric not null,
  triggered_minor numeric not null,
  pending_minor numeric not null,
  sought_minor numeric not null,
  drafts_minor numeric not null,
  amount_minor numeric not null,
  latitude_sum numeric not null,
  longitude_sum numeric not null
);
create index portfolio_contributions_project_id_idx on private.portfolio_contributions (project_id);
alter table private.portfolio_contributions enable row level security;
revoke all on private.portfolio_contributions from public, anon, authenticated, service_role;

-- What the projects contribute now, computed from their rows and their funding rollups.
create or replace function private.current_contributions(project_ids uuid[])
returns setof private.portfolio_contributions
language sql stable security definer set search_path = ''
as $$
  with project as (
    select p.*, f.committed_minor, f.triggered_minor, f.pending_minor, coalesce(f.sought_minor, 0) as sought
      from public.projects p join public.project_funding f on f.project_id = p.id
     where p.id = any (project_ids) and p.status in ('submitted', 'approved', 'completed')
  ), place as (
    select pr.*, v.dimension, v.key
      from project pr
      cross join lateral (
        values ('total', ''), ('segment', pr.segment), ('country', pr.host_country::text)
      ) as v (dimension, key)
    union all
    select pr.*, 'mineral', m.mineral from project pr cross join lateral unnest(pr.minerals) as m (mineral)
  ), pledge as (
    select pl.*, case when pl.status = 'draft' then pl.member_id end as owner
      from public.pledges pl
     where pl.project_id = any (project_ids) and pl.status in ('draft', 'committed', 'disbursing', 'fulfilled')
  )
  select pl.id, pl.partnership_id, pl.dimension, pl.key, null::uuid, 1,
         (pl.status = 'approved')::int, pl.committed_minor, pl.triggered_minor, pl.pending_minor,
         pl.sought, 0, 0, 0, 0
    from place pl
  union all
  select pl.id, pl.partnership_id, pl.dimension, pl.key, d.member_id, 0, 0, 0, 0, 0, 0,
         d.drafts_minor, 0, 0, 0
    from place pl join public.project_draft_funding d on d.project_id = pl.id
  union all
  select pr.id, pr.partnership_id, 'cell',
         floor(pr.latitude / 5)::int || ':' || floor(pr.longitude / 5)::int, null, 1,
         (pr.status = 'approved')::int, pr.committed_minor, pr.triggered_minor, 0, 0, 0, 0,
         pr.latitude, pr.longitude
    from project pr where pr.latitude is not null and pr.longitude is not null
  union all
  select pr.id, pr.partnership_id, 'project_currency', pr.currency::text, null, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0
    from project pr where pr.funding_sought_minor is not null
  union all
  select pl.project_id, pl.partnership_id, 'government', pl.member_id || ':' || pl.currency, pl.owner,
         0, 0, 0, 0, 0, 0, 0, sum(pl.amount_minor), 0, 0
    from pledge pl group by pl.project_id, pl.partnership_id, pl.member_id, pl.currency, pl.owner
  union all
  select pl.project_id, pl.partnership_id, 'instrument', pl.instrument || ':' || pl.currency, pl.owner,
         0, 0, 0, 0, 0, 0, 0, sum(pl.amount_minor), 0, 0
    from pledge pl group by pl.project_id, pl.partnership_id, pl.instrument, pl.currency, pl.owner
  union all
  select pl.project_id, pl.partnership_id, 'quarter',
         to_char(t.due_date, 'YYYY') || '-Q' || to_char(t.due_date, 'Q') || ':'
           || case when pl.owner is null then t.status else 'drafts' end || ':' || pl.currency,
         pl.owner, 0, 0, 0, 0, 0, 0, 0, sum(t.amount_minor), 0, 0
    from pledge pl join public.tranches t on t.pledge_id = pl.id
   group by pl.project_id, pl.partnership_id, 3, 4, pl.owner
$$;

-- Replaces what the projects contribute: subtracts the old, adds the new, in key order.
create or replace function private.refresh_contributions(project_ids uuid[], removing boolean default false)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if cardinality(project_ids) = 0 then
    return;
  end if;
  with old as (
    delete from private.portfolio_contributions c where c.project_id = any (project_ids) returning c.*
  ), new as (
    insert into private.portfolio_contributions
    select * from private.current_contributions(project_ids) where not removing
    returning *
  ), change as (
    select partnership_id, dimension, key, member_id, sum(projects) as projects, sum(approved) as approved,
           sum(committed_minor) as committed_minor, sum(triggered_minor) as triggered_minor,
           sum(pending_minor) as pending_minor, sum(sought_minor) as sought_minor,
           sum(drafts_minor) as drafts_minor, sum(amount_minor) as amount_minor,
           sum(latitude_sum) as latitude_sum, sum(longitude_sum) as longitude_sum
      from (select n.partnership_id, n.dimension, n.key, n.member_id, n.projects, n.approved,
                   n.committed_minor, n.triggered_minor, n.pending_minor, n.sought_minor, n.drafts_minor,
                   n.amount_minor, n.latitude_sum, n.longitude_sum
              from new n
            union all
            select o.partnership_id, o.dimension, o.key, o.member_id, -o.projects, -o.approved,
                   -o.committed_minor, -o.triggered_minor, -o.pending_minor, -o.sought_minor,
                   -o.drafts_minor, -o.amount_minor, -o.latitude_sum, -o.longitude_sum
              from old o) both_sides
     group by 1, 2, 3, 4
  )
  insert into public.portfolio_figures as f (partnership_id, dimension, key, member_id, projects, approved,
                                             committed_minor, triggered_minor, pending_minor, sought_minor,
                                             drafts_minor, amount_minor, latitude_sum, longitude_sum)
  select * from change
   where projects <> 0 or approved <> 0 or committed_minor <> 0 or triggered_minor <> 0 or pending_minor <> 0
      or sought_minor <> 0 or drafts_minor <> 0 or amount_minor <> 0 or latitude_sum <> 0
      or longitude_sum <> 0
   order by 1, 2, 3, 4
  on conflict (partnership_id, dimension, key, coalesce(member_id, '00000000-0000-0000-0000-000000000000'::uuid))
    do update set projects = f.projects + excluded.projects, approved = f.approved + excluded.approved,
                  committed_minor = f.committed_minor + excluded.committed_minor,
                  triggered_minor = f.triggered_minor + excluded.triggered_minor,
                  pending_minor = f.pending_minor + excluded.pending_minor,
                  sought_minor = f.sought_minor + excluded.sought_minor,
                  drafts_minor = f.drafts_minor + excluded.drafts_minor,
                  amount_minor = f.amount_minor + excluded.amount_minor,
                  latitude_sum = f.latitude_sum + excluded.latitude_sum,
                  longitude_sum = f.longitude_sum + excluded.longitude_sum;
  -- A group nobody contributes to any more disappears.
  delete from public.portfolio_figures f
   where f.partnership_id in (select p.partnership_id from public.projects p where p.id = any (project_ids))
     and f.projects = 0 and f.approved = 0 and f.committed_minor = 0 and f.triggered_minor = 0
     and f.pending_minor = 0 and f.sought_minor = 0 and f.drafts_minor = 0 and f.amount_minor = 0;
end
$$;

-- A deleted project takes its contributions away first (its contributions' rows go with it afterwards).
create or replace function private.forget_contributions_of_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_contributions(array[old.id], true);
  return old;
end
$$;
create trigger forget_contributions before delete on public.projects
  for each row execute function private.forget_contributions_of_project();

-- A tranche changes its project's quarters (its pledge's project; the funding rollup's row is the lock).
create or replace function private.refresh_contributions_of_tranche() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  subject uuid;
begin
  select pl.project_id into subject from public.pledges pl where pl.id = coalesce(new.pledge_id, old.pledge_id);
  if subject is not null then
    perform 1 from public.project_funding f where f.project_id = subject for update;
    perform private.refresh_contributions(array[subject]);
  end if;
  return null;
end
$$;
create trigger refresh_contributions after insert or delete on public.tranches
  for each row execute function private.refresh_contributions_of_tranche();
create trigger refresh_contributions_on_change after update of amount_minor, due_date, status, pledge_id
  on public.tranches
  for each row execute function private.refresh_contributions_of_tranche();

------------------------------------------------------------------------------------------------------------
-- Indexes the busy pages' own queries use (measured in docs/performance.md)
------------------------------------------------------------------------------------------------------------
-- The board's cards: a column in due-date order with its tie-breaker, so the first 25 come off the index.
create index milestones_partnership_id_status_due_date_id_idx
  on public.milestones (partnership_id, status, due_date, id);
drop index public.milestones_partnership_id_status_due_date_idx;
-- The host-country picker: a skip scan, one probe per country.
create index projects_partnership_id_host_country_idx on public.projects (partnership_id, host_country);

------------------------------------------------------------------------------------------------------------
-- Read-only once lapsed (ADR 041), like every table holding a partnership's rows: clients cannot write these
-- at all, and the triggers that do are not clients, so this only keeps the rule uniform.
------------------------------------------------------------------------------------------------------------
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.project_funding
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.project_draft_funding
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.milestone_counts
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.portfolio_figures
  for each row execute function private.refuse_writes_when_lapsed();

------------------------------------------------------------------------------------------------------------
-- What exists already: fill the rollups once.
------------------------------------------------------------------------------------------------------------
select private.refresh_partnership_funding(p.id) from public.partnerships p;
select private.recount_milestones();

revoke execute on all functions in schema private from public;
