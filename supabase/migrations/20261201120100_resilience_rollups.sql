-- The resilience pages' output sums, kept per change (issue 18, docs/decisions/152-*.md). The pages summed every
-- output of the partnership on each request (9 ms of SQL at N = 1,000, 43–57 ms at N = 5,000); the figures group
-- outputs by mineral × stage × unit × host country × first output year × class (funded, pipeline, or a
-- government's own draft), and none of these changes between two writes. Kept as ADR 072 keeps the portfolio:
-- what each project contributes is held in private.resilience_contributions, so a change subtracts the old and
-- adds the new, and the cost of a write does not grow with the portfolio.
--
-- Live sums (approved and completed projects, which every member sees: rule 1) are read by the partnership's
-- members; a draft's sums are kept apart per registering government and read only by that government's
-- delegates (rule 2), who add them to their own view ("with my drafts"). "Funded" is project_funding's own
-- (ADR 072): completed, or approved and covered at the newest rates. The triggers read the tables directly
-- (security definer), never through their read policies.

------------------------------------------------------------------------------------------------------------
-- resilience_output_sums: approved and completed projects' outputs
------------------------------------------------------------------------------------------------------------
create table public.resilience_output_sums (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  mineral text not null,
  stage text not null,
  unit text not null,
  country text not null,
  first_year int not null,
  project_class text not null constraint resilience_output_sums_class_valid
    check (project_class in ('funded', 'pipeline')),
  capacity numeric not null default 0,
  outputs int not null default 0,
  primary key (partnership_id, mineral, stage, unit, country, first_year, project_class)
);
alter table public.resilience_output_sums enable row level security;
revoke all on public.resilience_output_sums from anon, authenticated, service_role;
grant select on public.resilience_output_sums to authenticated;
grant select, insert, update, delete on public.resilience_output_sums to service_role;
-- Approved and completed projects: every member of the partnership sees them and their outputs (rule 1).
create policy "resilience_output_sums: members read their partnership's sums" on public.resilience_output_sums
  for select to authenticated using (partnership_id in (select private.my_partnership_ids()));

------------------------------------------------------------------------------------------------------------
-- resilience_draft_sums: a government's draft projects' outputs, for its own delegates only (rule 2)
------------------------------------------------------------------------------------------------------------
create table public.resilience_draft_sums (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  member_id uuid not null,
  mineral text not null,
  stage text not null,
  unit text not null,
  country text not null,
  first_year int not null,
  capacity numeric not null default 0,
  outputs int not null default 0,
  primary key (member_id, mineral, stage, unit, country, first_year),
  constraint resilience_draft_sums_member_in_partnership foreign key (member_id, partnership_id)
    references public.members (id, partnership_id) on delete cascade
);
create index resilience_draft_sums_partnership_id_idx
  on public.resilience_draft_sums (partnership_id);
alter table public.resilience_draft_sums enable row level security;
revoke all on public.resilience_draft_sums from anon, authenticated, service_role;
grant select on public.resilience_draft_sums to authenticated;
grant select, insert, update, delete on public.resilience_draft_sums to service_role;
create policy "resilience_draft_sums: delegates read their government's drafts"
  on public.resilience_draft_sums
  for select to authenticated using (member_id in (select private.my_member_ids()));

------------------------------------------------------------------------------------------------------------
-- What each project contributes, so a change subtracts the old and adds the new
------------------------------------------------------------------------------------------------------------
create table private.resilience_contributions (
  project_id uuid not null references public.projects (id) on delete cascade,
  partnership_id uuid not null,
  -- The registering government of a draft; null for live contributions.
  member_id uuid,
  mineral text not null,
  stage text not null,
  unit text not null,
  country text not null,
  first_year int not null,
  project_class text not null,
  capacity numeric not null,
  outputs int not null
);
create index resilience_contributions_project_id_idx on private.resilience_contributions (project_id);
alter table private.resilience_contributions enable row level security;
revoke all on private.resilience_contributions from public, anon, authenticated, service_role;

-- What the projects contribute now: approved and completed projects' outputs by class, drafts by government.
-- Submitted, rejected and cancelled projects count in no scenario and contribute nothing.
create or replace function private.current_resilience_contributions(project_ids uuid[])
returns setof private.resilience_contributions
language sql stable security definer set search_path = ''
as $$
  select p.id, p.partnership_id,
         case when p.status = 'draft' then p.registering_member_id end,
         o.mineral, o.stage, o.unit, p.host_country::text, o.first_output_year,
         case when p.status = 'draft' then 'draft'
              when p.status = 'completed' or coalesce(f.funded, false) then 'funded'
              else 'pipeline' end,
         sum(o.capacity_per_year), count(*)::int
    from public.projects p
    join public.project_outputs o on o.project_id = p.id
    left join public.project_funding f on f.project_id = p.id
   where p.id = any (project_ids)
     and (p.status in ('approved', 'completed')
          or (p.status = 'draft' and p.registering_member_id is not null))
   group by 1, 2, 3, 4, 5, 6, 7, 8, 9
$$;

-- Replaces what the projects contribute (or, `removing`, takes it away): subtracts the old, adds the new, in key
-- order (two writers never wait on each other in opposite orders), and drops the groups nobody contributes to.
create or replace function private.refresh_resilience(project_ids uuid[], removing boolean default false)
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if cardinality(project_ids) = 0 then
    return;
  end if;
  -- Writers of one project refresh one after the other: its funding row is the lock (as ADR 072's).
  perform 1 from public.project_funding f where f.project_id = any (project_ids)
   order by f.project_id for update;
  with old as (
    delete from private.resilience_contributions c where c.project_id = any (project_ids) returning c.*
  ), new as (
    insert into private.resilience_contributions
    select * from private.current_resilience_contributions(project_ids) where not removing
    returning *
  ), change as (
    select partnership_id, member_id, mineral, stage, unit, country, first_year, project_class,
           sum(capacity) as capacity, sum(outputs)::int as outputs
      from (select n.partnership_id, n.member_id, n.mineral, n.stage, n.unit, n.country, n.first_year,
                   n.project_class, n.capacity, n.outputs
              from new n
            union all
            select o.partnership_id, o.member_id, o.mineral, o.stage, o.unit, o.country, o.first_year,
                   o.project_class, -o.capacity, -o.outputs
              from old o) both_sides
     group by 1, 2, 3, 4, 5, 6, 7, 8
    having sum(capacity) <> 0 or sum(outputs) <> 0
  ), live as (
    insert into public.resilience_output_sums as s (partnership_id, mineral, stage, unit, country, first_year,
                                                    project_class, capacity, outputs)
    select c.partnership_id, c.mineral, c.stage, c.unit, c.country, c.first_year, c.project_class, c.capacity,
           c.outputs
      from change c where c.member_id is null
     order by 1, 2, 3, 4, 5, 6, 7
    on conflict (partnership_id, mineral, stage, unit, country, first_year, project_class)
      do update set capacity = s.capacity + excluded.capacity, outputs = s.outputs + excluded.outputs
    returning 1
  )
  insert into public.resilience_draft_sums as s (partnership_id, member_id, mineral, stage, unit,
                                                        country, first_year, capacity, outputs)
  select c.partnership_id, c.member_id, c.mineral, c.stage, c.unit, c.country, c.first_year, c.capacity,
         c.outputs
    from change c where c.member_id is not null
   order by 2, 3, 4, 5, 6, 7
  on conflict (member_id, mineral, stage, unit, country, first_year)
    do update set capacity = s.capacity + excluded.capacity, outputs = s.outputs + excluded.outputs;

  -- A group nobody contributes to any more disappears.
  delete from public.resilience_output_sums s
   where s.partnership_id in (select p.partnership_id from public.projects p where p.id = any (project_ids))
     and s.outputs = 0;
  delete from public.resilience_draft_sums s
   where s.partnership_id in (select p.partnership_id from public.projects p where p.id = any (project_ids))
     and s.outputs = 0;
end
$$;

-- Every project of a partnership from scratch: after a bulk load that skipped triggers (scripts/bench/data.ts).
create or replace function private.refresh_partnership_resilience(partnership uuid) returns void
language sql security definer set search_path = ''
as $$
  select private.refresh_resilience(array(select p.id from public.projects p where p.partnership_id = partnership
                                           order by p.id))
$$;

------------------------------------------------------------------------------------------------------------
-- Triggers: an output, a project's status, host or registering government, its funding's "funded"
------------------------------------------------------------------------------------------------------------
create or replace function private.refresh_resilience_of_output() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and old.project_id <> new.project_id then
    perform private.refresh_resilience(array[least(old.project_id, new.project_id),
                                             greatest(old.project_id, new.project_id)]);
  else
    perform private.refresh_resilience(array[coalesce(new.project_id, old.project_id)]);
  end if;
  return null;
end
$$;
create trigger refresh_resilience after insert or delete on public.project_outputs
  for each row execute function private.refresh_resilience_of_output();
-- Only when a summed value changed: the cascade that copies a project's draft state onto its outputs (ADR 150)
-- names project_id in its SET list without changing it, and the project's own trigger below refreshes it once.
create trigger refresh_resilience_on_change
  after update of project_id, mineral, stage, unit, capacity_per_year, first_output_year on public.project_outputs
  for each row
  when (old.project_id is distinct from new.project_id or old.mineral is distinct from new.mineral
        or old.stage is distinct from new.stage or old.unit is distinct from new.unit
        or old.capacity_per_year is distinct from new.capacity_per_year
        or old.first_output_year is distinct from new.first_output_year)
  execute function private.refresh_resilience_of_output();

create or replace function private.refresh_resilience_of_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_resilience(array[new.id]);
  return null;
end
$$;
create trigger refresh_resilience_on_change
  after update of status, host_country, registering_member_id on public.projects
  for each row
  when (old.status is distinct from new.status or old.host_country is distinct from new.host_country
        or old.registering_member_id is distinct from new.registering_member_id)
  execute function private.refresh_resilience_of_project();

-- A deleted project takes its contributions away first (its outputs' own triggers then find nothing).
create or replace function private.forget_resilience_of_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_resilience(array[old.id], true);
  return old;
end
$$;
create trigger forget_resilience before delete on public.projects
  for each row execute function private.forget_resilience_of_project();

-- Funding decides funded or pipeline: a statement that inserts funding rows, or changes whether projects are
-- funded (a pledge, a rate, the reporting currency), refreshes those projects once; one that only copies a
-- project's draft state onto its funding row (ADR 150) changes no "funded" and refreshes nothing.
create or replace function private.refresh_resilience_of_added_funding() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_resilience(array(select a.project_id from added a order by 1));
  return null;
end
$$;
create or replace function private.refresh_resilience_of_changed_funding() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_resilience(array(
    select a.project_id from added a join removed r on r.project_id = a.project_id
     where a.funded is distinct from r.funded order by 1));
  return null;
end
$$;
create trigger refresh_resilience_after_insert after insert on public.project_funding
  referencing new table as added
  for each statement execute function private.refresh_resilience_of_added_funding();
create trigger refresh_resilience_after_update after update on public.project_funding
  referencing new table as added old table as removed
  for each statement execute function private.refresh_resilience_of_changed_funding();

------------------------------------------------------------------------------------------------------------
-- Read-only once lapsed (ADR 041), like every table holding a partnership's rows.
------------------------------------------------------------------------------------------------------------
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.resilience_output_sums
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete
  on public.resilience_draft_sums
  for each row execute function private.refuse_writes_when_lapsed();

------------------------------------------------------------------------------------------------------------
-- What exists already: fill the sums once.
------------------------------------------------------------------------------------------------------------
select private.refresh_partnership_resilience(p.id) from public.partnerships p;

revoke execute on all functions in schema private from public;
