-- The project list's count, kept per change (issue 18, docs/decisions/163-*.md). The list counted the filtered
-- projects on each request: at N = 20,000 projects per partnership that read every row of the partnership (a
-- filter by segment is not in an index), each tested by the projects policy, 9 ms of SQL CPU as a member
-- against 4–5 ms as the service role. Counts by segment × stage × status do not change between two writes.
--
-- One row per partnership, segment, stage and status; a draft's row also names its registering government and
-- its sponsor organisation, the two parties that may see it. The read policy is the projects' own sentence on
-- the same columns, so the sum of the rows a member may read is the count of the projects that member may
-- read: another government's drafts never reach it. The trigger reads and writes the table directly (security
-- definer), never through its read policy.

create table public.project_counts (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  segment text not null,
  stage text not null,
  status text not null,
  -- Set on draft rows only: who may see those drafts (rule 2). Null on every other status.
  registering_member_id uuid references public.members (id) on delete cascade,
  sponsor_organisation_id uuid references public.sponsor_organisations (id) on delete cascade,
  projects int not null constraint project_counts_projects_positive check (projects > 0),
  constraint project_counts_parties_on_drafts_only check (
    (status = 'draft' and registering_member_id is not null)
    or (status <> 'draft' and registering_member_id is null and sponsor_organisation_id is null)
  )
);
-- The key; a draft without a sponsor organisation is one group, not one per project.
create unique index project_counts_key on public.project_counts
  (partnership_id, segment, stage, status, registering_member_id, sponsor_organisation_id) nulls not distinct;
create index project_counts_drafts_by_member_idx on public.project_counts (registering_member_id)
  where status = 'draft';
create index project_counts_drafts_by_sponsor_idx on public.project_counts (sponsor_organisation_id)
  where status = 'draft';

alter table public.project_counts enable row level security;
revoke all on public.project_counts from anon, authenticated, service_role;
grant select on public.project_counts to authenticated;
grant select, insert, update, delete on public.project_counts to service_role;
-- The projects' read policy (ADR 161), word for word on the same columns.
create policy "project_counts: members count submitted ones, parties their drafts" on public.project_counts
  for select to authenticated
  using (
    partnership_id = any (array(select private.my_partnership_ids()))
    and (status <> 'draft'
         or registering_member_id = any (array(select private.my_member_ids()))
         or sponsor_organisation_id = any (array(select private.my_sponsor_organisation_ids())))
  );

------------------------------------------------------------------------------------------------------------
-- Kept per change: a project leaves its old group and joins its new one
------------------------------------------------------------------------------------------------------------
-- Adds `delta` (one, or minus one) projects to one group; a group nobody is in any more disappears.
create or replace function private.count_projects(
  in_partnership uuid, in_segment text, in_stage text, in_status text, in_member uuid, in_sponsor uuid,
  delta int
) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  group_member constant uuid := case when in_status = 'draft' then in_member end;
  group_sponsor constant uuid := case when in_status = 'draft' then in_sponsor end;
begin
  if delta > 0 then
    insert into public.project_counts as c (partnership_id, segment, stage, status, registering_member_id,
                                            sponsor_organisation_id, projects)
    values (in_partnership, in_segment, in_stage, in_status, group_member, group_sponsor, delta)
    on conflict (partnership_id, segment, stage, status, registering_member_id, sponsor_organisation_id)
      do update set projects = c.projects + excluded.projects;
    return;
  end if;
  delete from public.project_counts c
   where c.partnership_id = in_partnership and c.segment = in_segment and c.stage = in_stage
     and c.status = in_status and c.registering_member_id is not distinct from group_member
     and c.sponsor_organisation_id is not distinct from group_sponsor and c.projects + delta <= 0;
  if not found then
    update public.project_counts c set projects = c.projects + delta
     where c.partnership_id = in_partnership and c.segment = in_segment and c.stage = in_stage
       and c.status = in_status and c.registering_member_id is not distinct from group_member
       and c.sponsor_organisation_id is not distinct from group_sponsor;
  end if;
end
$$;

-- A project leaves the group it was in and joins the one it is in now. The two groups are written in key
-- order, so two writers moving projects between the same two groups never wait on each other in a cycle.
create or replace function private.count_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  leaving constant text := case when tg_op <> 'INSERT'
    then concat_ws('/', old.partnership_id, old.segment, old.stage, old.status,
                   case when old.status = 'draft' then old.registering_member_id end,
                   case when old.status = 'draft' then old.sponsor_organisation_id end) end;
  joining constant text := case when tg_op <> 'DELETE'
    then concat_ws('/', new.partnership_id, new.segment, new.stage, new.status,
                   case when new.status = 'draft' then new.registering_member_id end,
                   case when new.status = 'draft' then new.sponsor_organisation_id end) end;
begin
  if leaving is not distinct from joining then
    return null;
  end if;
  if joining is not null and (leaving is null or joining < leaving) then
    perform private.count_projects(new.partnership_id, new.segment, new.stage, new.status,
                                   new.registering_member_id, new.sponsor_organisation_id, 1);
  end if;
  if leaving is not null then
    perform private.count_projects(old.partnership_id, old.segment, old.stage, old.status,
                                   old.registering_member_id, old.sponsor_organisation_id, -1);
  end if;
  if joining is not null and leaving is not null and joining > leaving then
    perform private.count_projects(new.partnership_id, new.segment, new.stage, new.status,
                                   new.registering_member_id, new.sponsor_organisation_id, 1);
  end if;
  return null;
end
$$;
create trigger count_project after insert or delete on public.projects
  for each row execute function private.count_project();
create trigger count_project_on_change
  after update of partnership_id, segment, stage, status, registering_member_id, sponsor_organisation_id
  on public.projects
  for each row execute function private.count_project();

-- Every project of a partnership from scratch: the backfill below, and after a bulk load that skipped triggers
-- (scripts/bench/data.ts).
create or replace function private.recount_partnership_projects(partnership uuid) returns void
language sql security definer set search_path = ''
as $$
  delete from public.project_counts c where c.partnership_id = partnership;
  insert into public.project_counts (partnership_id, segment, stage, status, registering_member_id,
                                     sponsor_organisation_id, projects)
  select p.partnership_id, p.segment, p.stage, p.status,
         case when p.status = 'draft' then p.registering_member_id end,
         case when p.status = 'draft' then p.sponsor_organisation_id end,
         count(*)::int
    from public.projects p
   where p.partnership_id = partnership
   group by 1, 2, 3, 4, 5, 6
   order by 1, 2, 3, 4, 5, 6;
$$;

------------------------------------------------------------------------------------------------------------
-- Read-only once lapsed (ADR 041), like every table holding a partnership's rows.
------------------------------------------------------------------------------------------------------------
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.project_counts
  for each row execute function private.refuse_writes_when_lapsed();

------------------------------------------------------------------------------------------------------------
-- What exists already: count it once.
------------------------------------------------------------------------------------------------------------
select private.recount_partnership_projects(p.id) from public.partnerships p;

revoke execute on all functions in schema private from public;
