-- What each project contributes to a mineral, one row per project × mineral × stage × unit, kept per change
-- (issue 18, docs/decisions/162-*.md). The resilience page's next-pledge ranking and the mineral page's list of
-- contributing projects joined every output of the mineral to its project and its funding on each request
-- (65–220 ms of SQL at N = 20,000 projects per partnership, against 6–11 ms at N = 1,000). This table holds that
-- join, narrow and ordered by an index: the list reads one page of it, and the ranking reads only the approved
-- projects not yet funded, with no join.
--
-- A row repeats the columns its project's read policy tests (partnership, status, registering government,
-- sponsor), so it is read under the same sentence as the project itself: a draft's row only by its registering
-- government and its sponsor (rules 1 and 2). The funding columns are project_funding's (ADR 072), which every
-- reader of the project may read too. The triggers read the tables directly (security definer).

------------------------------------------------------------------------------------------------------------
-- resilience_project_outputs
------------------------------------------------------------------------------------------------------------
create table public.resilience_project_outputs (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade,
  mineral text not null,
  stage text not null,
  unit text not null,
  name text not null,
  host_country text not null,
  status text not null,
  registering_member_id uuid,
  sponsor_organisation_id uuid,
  -- project_funding's, null while the project has no funding row.
  funded boolean,
  sought_stated boolean not null,
  gap_minor numeric(38, 0),
  missing_rates text[],
  -- The earliest first output year and the capacity of all the project's outputs here.
  first_year int not null,
  capacity numeric not null,
  -- Capacity per first output year, in year order: what counts by a horizon.
  years int[] not null,
  capacities numeric[] not null,
  primary key (project_id, mineral, stage, unit)
);
-- The mineral page's list: one page in its order, and its counts from the index alone.
create index resilience_project_outputs_list_idx
  on public.resilience_project_outputs (partnership_id, mineral, stage, capacity desc, name, project_id)
  include (unit, first_year, status, funded, registering_member_id, sponsor_organisation_id);
-- The next-pledge ranking's candidates: approved projects that are not yet funded.
create index resilience_project_outputs_candidates_idx
  on public.resilience_project_outputs (partnership_id)
  where status = 'approved' and not funded;
-- The policy's draft exception, as the projects' own (migration 20261201120000).
create index resilience_project_outputs_drafts_by_member_idx
  on public.resilience_project_outputs (registering_member_id) where status = 'draft';
create index resilience_project_outputs_drafts_by_sponsor_idx
  on public.resilience_project_outputs (sponsor_organisation_id) where status = 'draft';
alter table public.resilience_project_outputs enable row level security;
revoke all on public.resilience_project_outputs from anon, authenticated, service_role;
grant select on public.resilience_project_outputs to authenticated;
grant select, insert, update, delete on public.resilience_project_outputs to service_role;
-- The projects' own sentence (migration 20261201120200), on the row's copy of the columns it tests.
create policy "resilience_project_outputs: members read what the projects they can see contribute"
  on public.resilience_project_outputs
  for select to authenticated
  using (partnership_id = any (array(select private.my_partnership_ids()))
         and (status <> 'draft'
              or registering_member_id = any (array(select private.my_member_ids()))
              or sponsor_organisation_id = any (array(select private.my_sponsor_organisation_ids()))));

create trigger enforce_read_only_when_lapsed before insert or update or delete
  on public.resilience_project_outputs
  for each row execute function private.refuse_writes_when_lapsed();

------------------------------------------------------------------------------------------------------------
-- Kept per change: the rows of some projects replaced by what they contribute now
------------------------------------------------------------------------------------------------------------
-- Rejected and cancelled projects are listed nowhere on the resilience pages: they have no row.
create or replace function private.current_resilience_project_outputs(project_ids uuid[])
returns setof public.resilience_project_outputs
language sql stable security definer set search_path = ''
as $$
  select p.partnership_id, p.id, y.mineral, y.stage, y.unit, p.name, p.host_country::text, p.status,
         p.registering_member_id, p.sponsor_organisation_id, f.funded, p.funding_sought_minor is not null,
         f.gap_minor, f.missing_rates, min(y.first_year), sum(y.capacity),
         array_agg(y.first_year order by y.first_year), array_agg(y.capacity order by y.first_year)
    from (select o.project_id, o.mineral, o.stage, o.unit, o.first_output_year as first_year,
                 sum(o.capacity_per_year) as capacity
            from public.project_outputs o
           where o.project_id = any (project_ids)
           group by 1, 2, 3, 4, 5) y
    join public.projects p on p.id = y.project_id
    left join public.project_funding f on f.project_id = p.id
   where p.status not in ('rejected', 'cancelled')
   group by p.partnership_id, p.id, y.mineral, y.stage, y.unit, p.name, p.host_country, p.status,
            p.registering_member_id, p.sponsor_organisation_id, f.funded, p.funding_sought_minor,
            f.gap_minor, f.missing_rates
$$;

create or replace function private.refresh_resilience_project_outputs(project_ids uuid[])
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if cardinality(project_ids) = 0 then
    return;
  end if;
  delete from public.resilience_project_outputs r where r.project_id = any (project_ids);
  insert into public.resilience_project_outputs
  select * from private.current_resilience_project_outputs(project_ids) order by 2, 3, 4, 5;
end
$$;

-- An output changes: the sums (ADR 152) and the project's rows.
create or replace function private.refresh_resilience_of_output() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  project_ids uuid[];
begin
  if tg_op = 'UPDATE' and old.project_id <> new.project_id then
    project_ids := array[least(old.project_id, new.project_id), greatest(old.project_id, new.project_id)];
  else
    project_ids := array[coalesce(new.project_id, old.project_id)];
  end if;
  perform private.refresh_resilience(project_ids);
  perform private.refresh_resilience_project_outputs(project_ids);
  return null;
end
$$;

-- A project's status, host or registering government changes: the sums and its rows.
create or replace function private.refresh_resilience_of_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_resilience(array[new.id]);
  perform private.refresh_resilience_project_outputs(array[new.id]);
  return null;
end
$$;

-- Its name, sponsor or whether it states what it seeks: only its rows (the sums do not hold them).
create or replace function private.refresh_resilience_rows_of_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_resilience_project_outputs(array[new.id]);
  return null;
end
$$;
create trigger refresh_resilience_rows_on_change
  after update of name, sponsor_organisation_id, funding_sought_minor on public.projects
  for each row
  when (old.name is distinct from new.name
        or old.sponsor_organisation_id is distinct from new.sponsor_organisation_id
        or (old.funding_sought_minor is null) <> (new.funding_sought_minor is null))
  execute function private.refresh_resilience_rows_of_project();

-- Funding. A project without outputs contributes nothing, so its funding changes refresh nothing; the sums
-- change only with "funded", the rows also with the gap and the missing rates; a statement that changes none of
-- these (a pledge's pending amount, ADR 150's copy of the draft state, a refresh that finds the same figures)
-- refreshes nothing at all.
create or replace function private.refresh_resilience_of_added_funding() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  project_ids uuid[];
begin
  project_ids := array(
    select a.project_id from added a
     where exists (select 1 from public.project_outputs o where o.project_id = a.project_id)
     order by 1);
  if cardinality(project_ids) > 0 then
    perform private.refresh_resilience(project_ids);
    perform private.refresh_resilience_project_outputs(project_ids);
  end if;
  return null;
end
$$;

create or replace function private.refresh_resilience_of_changed_funding() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  funded_changed uuid[];
  standing_changed uuid[];
begin
  select coalesce(array_agg(a.project_id order by a.project_id)
                    filter (where a.funded is distinct from r.funded), '{}'),
         coalesce(array_agg(a.project_id order by a.project_id), '{}')
    into funded_changed, standing_changed
    from added a join removed r on r.project_id = a.project_id
   where (a.funded is distinct from r.funded or a.gap_minor is distinct from r.gap_minor
          or a.missing_rates is distinct from r.missing_rates)
     and exists (select 1 from public.project_outputs o where o.project_id = a.project_id);
  if cardinality(funded_changed) > 0 then
    perform private.refresh_resilience(funded_changed);
  end if;
  if cardinality(standing_changed) > 0 then
    perform private.refresh_resilience_project_outputs(standing_changed);
  end if;
  return null;
end
$$;

-- Every project of a partnership from scratch: after a bulk load that skipped triggers (scripts/bench/data.ts).
create or replace function private.refresh_partnership_resilience(partnership uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  project_ids uuid[];
begin
  project_ids := array(select p.id from public.projects p where p.partnership_id = partnership order by p.id);
  perform private.refresh_resilience(project_ids);
  perform private.refresh_resilience_project_outputs(project_ids);
end
$$;

------------------------------------------------------------------------------------------------------------
-- What exists already: fill the rows once.
------------------------------------------------------------------------------------------------------------
select private.refresh_resilience_project_outputs(
  array(select p.id from public.projects p order by p.id));

revoke execute on all functions in schema private from public;
