-- The mineral page's supply chain, kept per change (issue 18, docs/decisions/169-*.md). The page added up every
-- link of the mineral, joined to both projects and their outputs, and looked for the refining and magnet projects
-- without a contracted inflow on each request: 7–8 ms of SQL at N = 1,000 projects per partnership, 117–123 ms
-- at N = 20,000. None of it changes between two writes.
--
-- Two tables, read under row-level security, hold what every member of the partnership may see:
--   - supply_chain_flows: the links between two projects that are not drafts, added up per mineral × supplier's
--     stage and host × buyer's stage and host × status × the supplier's unit. Such a link shows to every member
--     (rule 1), so the sums are read by the partnership's members.
--   - supply_chain_buyers: per project × mineral (as chainFlags lists them: with an output of the mineral, not
--     rejected or cancelled), the project's stage there and its inflow from suppliers that are not drafts. Read
--     under the projects' own sentence: a draft buyer's row only by its registering government and its sponsor.
-- A link touching a draft is in neither sum: the page adds the few such links its reader can see per request,
-- through project_links' own policy, so a government's drafts reach only its own view (rules 1 and 2).
-- What each link contributes is held in private.supply_chain_contributions, so a change subtracts the old and
-- adds the new, and the cost of a write does not grow with the portfolio. The triggers read the tables
-- directly (security definer), never through their read policies.

------------------------------------------------------------------------------------------------------------
-- supply_chain_flows
------------------------------------------------------------------------------------------------------------
create table public.supply_chain_flows (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  mineral text not null,
  from_stage text not null,
  from_country text not null,
  to_stage text not null,
  to_country text not null,
  status text not null,
  -- The supplier's output unit for the mineral; null when it has no output of the mineral.
  unit text,
  links int not null,
  tonnes numeric not null,
  constraint supply_chain_flows_group unique nulls not distinct
    (partnership_id, mineral, from_stage, from_country, to_stage, to_country, status, unit)
);
-- A group nobody contributes to any more is found without reading the others.
create index supply_chain_flows_emptied_idx on public.supply_chain_flows (partnership_id) where links = 0;
alter table public.supply_chain_flows enable row level security;
revoke all on public.supply_chain_flows from anon, authenticated, service_role;
grant select on public.supply_chain_flows to authenticated;
grant select, insert, update, delete on public.supply_chain_flows to service_role;
-- Links between two projects that are not drafts: every member of the partnership sees both ends (rule 1).
create policy "supply_chain_flows: members read their partnership's links between submitted projects"
  on public.supply_chain_flows
  for select to authenticated
  using (partnership_id = any (array(select private.my_partnership_ids())));

create trigger enforce_read_only_when_lapsed before insert or update or delete on public.supply_chain_flows
  for each row execute function private.refuse_writes_when_lapsed();

------------------------------------------------------------------------------------------------------------
-- supply_chain_buyers
------------------------------------------------------------------------------------------------------------
create table public.supply_chain_buyers (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade,
  mineral text not null,
  -- The project's stage for the mineral: the first of its outputs' ('magnets' < 'mining' < 'refining').
  stage text not null,
  name text not null,
  status text not null,
  registering_member_id uuid,
  sponsor_organisation_id uuid,
  -- Links of the mineral into the project from suppliers that are not drafts, and those an MoU or a contract.
  links int not null,
  contracted int not null,
  primary key (project_id, mineral)
);
-- The flags: refining and magnet projects without a contracted inflow, in the page's order.
create index supply_chain_buyers_uncontracted_idx
  on public.supply_chain_buyers (partnership_id, mineral, stage, name, project_id)
  include (links, status, registering_member_id, sponsor_organisation_id)
  where contracted = 0 and stage <> 'mining';
create index supply_chain_buyers_partnership_id_idx on public.supply_chain_buyers (partnership_id);
-- The policy's draft exception, as the projects' own (migration 20261201120000).
create index supply_chain_buyers_drafts_by_member_idx
  on public.supply_chain_buyers (registering_member_id) where status = 'draft';
create index supply_chain_buyers_drafts_by_sponsor_idx
  on public.supply_chain_buyers (sponsor_organisation_id) where status = 'draft';
alter table public.supply_chain_buyers enable row level security;
revoke all on public.supply_chain_buyers from anon, authenticated, service_role;
grant select on public.supply_chain_buyers to authenticated;
grant select, insert, update, delete on public.supply_chain_buyers to service_role;
-- The projects' own sentence (migration 20261201120200), on the row's copy of the columns it tests.
create policy "supply_chain_buyers: members read the inflow of projects they can see"
  on public.supply_chain_buyers
  for select to authenticated
  using (partnership_id = any (array(select private.my_partnership_ids()))
         and (status <> 'draft'
              or registering_member_id = any (array(select private.my_member_ids()))
              or sponsor_organisation_id = any (array(select private.my_sponsor_organisation_ids()))));

create trigger enforce_read_only_when_lapsed before insert or update or delete on public.supply_chain_buyers
  for each row execute function private.refuse_writes_when_lapsed();

------------------------------------------------------------------------------------------------------------
-- supply_chain_flag_counts
------------------------------------------------------------------------------------------------------------
-- How many projects that are not drafts the flags hold before a reader's drafts are added: refining and magnet
-- projects of the mineral (not rejected or cancelled) without a contracted inflow from suppliers that are not
-- drafts. The page corrects it per request with the few drafts its reader may see, instead of counting
-- thousands of candidates.
create table public.supply_chain_flag_counts (
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  mineral text not null,
  projects int not null,
  primary key (partnership_id, mineral)
);
alter table public.supply_chain_flag_counts enable row level security;
revoke all on public.supply_chain_flag_counts from anon, authenticated, service_role;
grant select on public.supply_chain_flag_counts to authenticated;
grant select, insert, update, delete on public.supply_chain_flag_counts to service_role;
-- Projects that are not drafts: every member of the partnership sees them (rule 1).
create policy "supply_chain_flag_counts: members read their partnership's counts of submitted projects"
  on public.supply_chain_flag_counts
  for select to authenticated
  using (partnership_id = any (array(select private.my_partnership_ids())));

create trigger enforce_read_only_when_lapsed before insert or update or delete
  on public.supply_chain_flag_counts
  for each row execute function private.refuse_writes_when_lapsed();

-- The draft buyers a reader's count adds: found without reading the other candidates.
create index supply_chain_buyers_uncontracted_drafts_idx
  on public.supply_chain_buyers (partnership_id, mineral)
  include (project_id, registering_member_id, sponsor_organisation_id)
  where contracted = 0 and stage <> 'mining' and status = 'draft';

-- The links the page adds per request: those touching a draft, few, and read through project_links' policy.
create index project_links_touching_drafts_idx on public.project_links (partnership_id, mineral)
  where supplier_is_draft or buyer_is_draft;

------------------------------------------------------------------------------------------------------------
-- What each link contributes, so a change subtracts the old and adds the new
------------------------------------------------------------------------------------------------------------
-- No key to project_links: a deleted link's row must outlive it until its trigger has subtracted it. Not unique
-- either: a refresh deletes a link's old row and inserts its new one in one statement.
create table private.supply_chain_contributions (
  link_id uuid not null,
  partnership_id uuid not null,
  mineral text not null,
  from_stage text not null,
  from_country text not null,
  to_stage text not null,
  to_country text not null,
  status text not null,
  unit text,
  tonnes numeric not null
);
create index supply_chain_contributions_link_id_idx on private.supply_chain_contributions (link_id);
create index supply_chain_contributions_partnership_id_idx on private.supply_chain_contributions (partnership_id);
alter table private.supply_chain_contributions enable row level security;
revoke all on private.supply_chain_contributions from public, anon, authenticated, service_role;

-- A project's stage for a mineral is its output's, else its segment's (recycling refines): as the page said.
-- Only links between two projects that are not drafts contribute.
create or replace function private.current_supply_chain_contributions(link_ids uuid[])
returns setof private.supply_chain_contributions
language sql stable security definer set search_path = ''
as $$
  select l.id, l.partnership_id, l.mineral,
         coalesce(so.stage, case s.segment when 'mining' then 'mining' when 'magnets' then 'magnets'
                                           else 'refining' end),
         s.host_country::text,
         coalesce(bo.stage, case b.segment when 'mining' then 'mining' when 'magnets' then 'magnets'
                                           else 'refining' end),
         b.host_country::text, l.status, so.unit, l.tonnes_per_year
    from public.project_links l
    join public.projects s on s.id = l.supplier_project_id
    join public.projects b on b.id = l.buyer_project_id
    left join lateral (select min(o.stage) as stage, min(o.unit) as unit from public.project_outputs o
                        where o.project_id = s.id and o.mineral = l.mineral) so on true
    left join lateral (select min(o.stage) as stage from public.project_outputs o
                        where o.project_id = b.id and o.mineral = l.mineral) bo on true
   where l.id = any (link_ids) and not s.is_draft and not b.is_draft
$$;

-- Replaces what the links contribute: subtracts the old, adds the new, in key order (two writers never wait on
-- each other in opposite orders), and drops the groups nobody contributes to. A link whose contribution did not
-- change writes nothing to the sums.
create or replace function private.refresh_supply_chain(link_ids uuid[])
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  touched uuid[];
begin
  if cardinality(link_ids) = 0 then
    return;
  end if;
  with old as (
    delete from private.supply_chain_contributions c where c.link_id = any (link_ids) returning c.*
  ), new as (
    insert into private.supply_chain_contributions
    select * from private.current_supply_chain_contributions(link_ids)
    returning *
  ), change as (
    select partnership_id, mineral, from_stage, from_country, to_stage, to_country, status, unit,
           sum(links)::int as links, sum(tonnes) as tonnes
      from (select n.partnership_id, n.mineral, n.from_stage, n.from_country, n.to_stage, n.to_country,
                   n.status, n.unit, 1 as links, n.tonnes
              from new n
            union all
            select o.partnership_id, o.mineral, o.from_stage, o.from_country, o.to_stage, o.to_country,
                   o.status, o.unit, -1, -o.tonnes
              from old o) both_sides
     group by 1, 2, 3, 4, 5, 6, 7, 8
    having sum(links) <> 0 or sum(tonnes) <> 0
  ), changed as (
    insert into public.supply_chain_flows as f (partnership_id, mineral, from_stage, from_country, to_stage,
                                                to_country, status, unit, links, tonnes)
    select c.* from change c
     -- A partnership being deleted takes its sums with it: nothing to subtract from.
     where exists (select 1 from public.partnerships p where p.id = c.partnership_id)
     order by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict on constraint supply_chain_flows_group
      do update set links = f.links + excluded.links, tonnes = f.tonnes + excluded.tonnes
    returning f.partnership_id
  )
  select array(select distinct c.partnership_id from changed c) into touched;

  -- A group nobody contributes to any more disappears.
  if cardinality(touched) > 0 then
    delete from public.supply_chain_flows f where f.partnership_id = any (touched) and f.links = 0;
  end if;
end
$$;

------------------------------------------------------------------------------------------------------------
-- The buyers' inflow: a project's rows replaced by what it receives now
------------------------------------------------------------------------------------------------------------
-- Rejected and cancelled projects are flagged nowhere: they have no row. Every link counts, whatever its
-- supplier's status, but a draft supplier's: the page adds those its reader may see.
create or replace function private.current_supply_chain_buyers(project_ids uuid[])
returns setof public.supply_chain_buyers
language sql stable security definer set search_path = ''
as $$
  select p.partnership_id, p.id, o.mineral, o.stage, p.name, p.status, p.registering_member_id,
         p.sponsor_organisation_id, inflow.links, inflow.contracted
    from (select o.project_id, o.mineral, min(o.stage) as stage from public.project_outputs o
           where o.project_id = any (project_ids)
           group by 1, 2) o
    join public.projects p on p.id = o.project_id
    cross join lateral (
      select count(*)::int as links, (count(*) filter (where l.status <> 'under_negotiation'))::int as contracted
        from public.project_links l
        join public.projects s on s.id = l.supplier_project_id
       where l.buyer_project_id = p.id and l.mineral = o.mineral and not s.is_draft
    ) inflow
   where p.status not in ('rejected', 'cancelled')
$$;

-- A row the kept count holds: a flag candidate that is not a draft.
create or replace function private.counts_as_flag(contracted int, stage text, status text) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select contracted = 0 and stage <> 'mining' and status <> 'draft'
$$;

-- Replaces the projects' rows and moves the kept counts with them (the old rows out, then the new in: one
-- statement cannot delete and re-insert a key). A row that does not count writes no count.
create or replace function private.refresh_supply_chain_buyers(project_ids uuid[])
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if cardinality(project_ids) = 0 then
    return;
  end if;
  with old as (
    delete from public.supply_chain_buyers b where b.project_id = any (project_ids) returning b.*
  )
  insert into public.supply_chain_flag_counts as c (partnership_id, mineral, projects)
  select o.partnership_id, o.mineral, -count(*) from old o
   where private.counts_as_flag(o.contracted, o.stage, o.status)
     -- A partnership being deleted takes its counts with it.
     and exists (select 1 from public.partnerships p where p.id = o.partnership_id)
   group by 1, 2 order by 1, 2
  on conflict (partnership_id, mineral) do update set projects = c.projects + excluded.projects;
  with new as (
    insert into public.supply_chain_buyers
    select * from private.current_supply_chain_buyers(project_ids) order by 2, 3
    returning *
  )
  insert into public.supply_chain_flag_counts as c (partnership_id, mineral, projects)
  select n.partnership_id, n.mineral, count(*) from new n
   where private.counts_as_flag(n.contracted, n.stage, n.status)
   group by 1, 2 order by 1, 2
  on conflict (partnership_id, mineral) do update set projects = c.projects + excluded.projects;
end
$$;

------------------------------------------------------------------------------------------------------------
-- Triggers: a link, a project's stage, host, status, draft state or listed columns, an output's stage or unit
------------------------------------------------------------------------------------------------------------
create or replace function private.refresh_supply_chain_of_link() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.refresh_supply_chain(array[coalesce(new.id, old.id)]);
  perform private.refresh_supply_chain_buyers(array(
    select distinct x from unnest(array[old.buyer_project_id, new.buyer_project_id]) x
     where x is not null order by 1));
  return null;
end
$$;
create trigger refresh_supply_chain after insert or delete on public.project_links
  for each row execute function private.refresh_supply_chain_of_link();
-- Only when what the chain reads changed (not its kind, its version or a client's no-op edit); a project's
-- draft state reaches its links' copies by cascade, and counts here too.
create trigger refresh_supply_chain_on_change after update on public.project_links
  for each row
  when (old.supplier_project_id is distinct from new.supplier_project_id
        or old.buyer_project_id is distinct from new.buyer_project_id
        or old.mineral is distinct from new.mineral or old.status is distinct from new.status
        or old.tonnes_per_year is distinct from new.tonnes_per_year
        or old.supplier_is_draft is distinct from new.supplier_is_draft
        or old.buyer_is_draft is distinct from new.buyer_is_draft)
  execute function private.refresh_supply_chain_of_link();

-- The links touching some projects, in key order.
create or replace function private.links_of_projects(project_ids uuid[], minerals text[] default null)
returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select array(
    select l.id from public.project_links l
     where (l.supplier_project_id = any (project_ids) or l.buyer_project_id = any (project_ids))
       and (minerals is null or l.mineral = any (minerals))
     order by 1)
$$;

-- A project's segment, host or draft state changes what its links contribute; its status, name, registering
-- government or sponsor its rows as a buyer.
create or replace function private.refresh_supply_chain_of_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.segment is distinct from new.segment or old.host_country is distinct from new.host_country
     or old.is_draft is distinct from new.is_draft then
    perform private.refresh_supply_chain(private.links_of_projects(array[new.id]));
  end if;
  perform private.refresh_supply_chain_buyers(array[new.id]);
  return null;
end
$$;
create trigger refresh_supply_chain_on_change
  after update of segment, host_country, status, name, registering_member_id, sponsor_organisation_id
  on public.projects
  for each row
  when (old.segment is distinct from new.segment or old.host_country is distinct from new.host_country
        or old.status is distinct from new.status or old.name is distinct from new.name
        or old.registering_member_id is distinct from new.registering_member_id
        or old.sponsor_organisation_id is distinct from new.sponsor_organisation_id)
  execute function private.refresh_supply_chain_of_project();

-- An output gives its project a stage (and a supplier its unit) for its mineral.
create or replace function private.refresh_supply_chain_of_output() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  project_ids uuid[];
begin
  project_ids := array(
    select distinct x from unnest(array[old.project_id, new.project_id]) x where x is not null order by 1);
  perform private.refresh_supply_chain(private.links_of_projects(
    project_ids, array(select distinct m from unnest(array[old.mineral, new.mineral]) m where m is not null)));
  perform private.refresh_supply_chain_buyers(project_ids);
  return null;
end
$$;
create trigger refresh_supply_chain after insert or delete on public.project_outputs
  for each row execute function private.refresh_supply_chain_of_output();
-- Not for its capacity or first year, nor for the cascade of its project's draft state (ADR 150).
create trigger refresh_supply_chain_on_change
  after update of project_id, mineral, stage, unit on public.project_outputs
  for each row
  when (old.project_id is distinct from new.project_id or old.mineral is distinct from new.mineral
        or old.stage is distinct from new.stage or old.unit is distinct from new.unit)
  execute function private.refresh_supply_chain_of_output();

------------------------------------------------------------------------------------------------------------
-- Every link and project of a partnership from scratch: after a bulk load that skipped triggers
-- (scripts/bench/data.ts), and below for what exists already. Set-based: one statement per table.
------------------------------------------------------------------------------------------------------------
create or replace function private.refresh_partnership_supply_chain(partnership uuid) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  delete from private.supply_chain_contributions c where c.partnership_id = partnership;
  delete from public.supply_chain_flows f where f.partnership_id = partnership;
  delete from public.supply_chain_buyers b where b.partnership_id = partnership;
  delete from public.supply_chain_flag_counts c where c.partnership_id = partnership;
  insert into private.supply_chain_contributions
  select * from private.current_supply_chain_contributions(array(
    select l.id from public.project_links l where l.partnership_id = partnership));
  insert into public.supply_chain_flows
  select c.partnership_id, c.mineral, c.from_stage, c.from_country, c.to_stage, c.to_country, c.status,
         c.unit, count(*)::int, sum(c.tonnes)
    from private.supply_chain_contributions c
   where c.partnership_id = partnership
   group by 1, 2, 3, 4, 5, 6, 7, 8
   order by 1, 2, 3, 4, 5, 6, 7, 8;
  insert into public.supply_chain_buyers
  select * from private.current_supply_chain_buyers(array(
    select p.id from public.projects p where p.partnership_id = partnership))
   order by 2, 3;
  insert into public.supply_chain_flag_counts
  select b.partnership_id, b.mineral, count(*)::int from public.supply_chain_buyers b
   where b.partnership_id = partnership and private.counts_as_flag(b.contracted, b.stage, b.status)
   group by 1, 2 order by 1, 2;
end
$$;

-- The bench's loader calls this one after loading (migration 20261202120000): it now fills the chain too.
create or replace function private.refresh_partnership_resilience(partnership uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  project_ids uuid[];
begin
  project_ids := array(select p.id from public.projects p where p.partnership_id = partnership order by p.id);
  perform private.refresh_resilience(project_ids);
  perform private.refresh_resilience_project_outputs(project_ids);
  perform private.refresh_partnership_supply_chain(partnership);
end
$$;

------------------------------------------------------------------------------------------------------------
-- What exists already: fill the tables once.
------------------------------------------------------------------------------------------------------------
select private.refresh_partnership_supply_chain(p.id) from public.partnerships p order by p.id;

revoke execute on all functions in schema private from public;
