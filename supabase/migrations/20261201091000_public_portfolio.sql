-- The public portfolio (issue 16; ADRs 133–136, docs/open-data.md): a project's registering government may keep
-- it off the public page (audited by the projects' audit trigger), and anon reads what /public/:slug shows —
-- milestone titles, outputs, the reference data, the secretariat's world totals and the dates that make an
-- ETag's Last-Modified — only of partnerships that publish (rule 7 of docs/security-model.md).

------------------------------------------------------------------------------------------------------------
-- projects.kept_off_public: the registering government's opt-out (ADR 135)
------------------------------------------------------------------------------------------------------------
alter table public.projects add column kept_off_public boolean not null default false;
grant update (kept_off_public) on public.projects to authenticated;

-- Only the registering government's delegates may keep a project off the public page or put it back: the update
-- policy also lets the sponsor and the secretariat edit the row, so the column has its own guard.
create or replace function private.guard_public_opt_out() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.is_client() and new.kept_off_public is distinct from old.kept_off_public
     and new.registering_member_id not in (select private.my_member_ids()) then
    raise exception 'Only the registering government may keep its project off the public page'
      using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger guard_public_opt_out before update of kept_off_public on public.projects
  for each row execute function private.guard_public_opt_out();

-- A project kept off is unpublished with everything hanging from it (its pledges, milestones, tranches, outputs).
create or replace function private.unpublished_project_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.projects p
  where p.partnership_id in (select private.published_partnership_ids())
    and (p.status <> 'approved' or p.kept_off_public)
$$;

create or replace function private.published_sponsor_organisation_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.sponsor_organisation_id from public.projects p
  where p.partnership_id in (select private.published_partnership_ids()) and p.status = 'approved'
    and not p.kept_off_public and p.sponsor_organisation_id is not null
$$;

drop policy "projects: anyone reads approved projects that are published" on public.projects;
create policy "projects: anyone reads approved projects that are published and not kept off"
  on public.projects
  for select to anon
  using (status = 'approved' and not kept_off_public
         and partnership_id in (select private.published_partnership_ids()));

------------------------------------------------------------------------------------------------------------
-- anon: what the public page shows and the open data's Last-Modified
------------------------------------------------------------------------------------------------------------
grant select (updated_at) on public.partnerships to anon;
grant select (updated_at) on public.projects to anon;
grant select (title, position, updated_at) on public.milestones to anon;
grant select (updated_at) on public.pledges to anon;

grant select (id, partnership_id, project_id, mineral, stage, capacity_per_year, unit, first_output_year,
  updated_at) on public.project_outputs to anon;
create policy "project_outputs: anyone reads the outputs of published projects" on public.project_outputs
  for select to anon
  using (partnership_id in (select private.published_partnership_ids())
         and project_id not in (select private.unpublished_project_ids()));

grant select (partnership_id, mineral, stage, year, world_total, unit, source, source_url, note)
  on public.world_total_overrides to anon;
create policy "world_total_overrides: anyone reads the figures of partnerships that publish"
  on public.world_total_overrides
  for select to anon using (partnership_id in (select private.published_partnership_ids()));

-- The reference data is compiled from public sources (USGS, IEA…): the public resilience summary reads it too.
grant usage on schema reference to anon;
do $$
declare
  t text;
begin
  foreach t in array array['datasets', 'sources', 'supply_groups', 'supply_shares', 'world_totals'] loop
    execute format('grant select on reference.%I to anon', t);
    execute format('create policy %I on reference.%I for select to anon using (true)',
      t || ': anyone reads the public reference data', t);
  end loop;
end
$$;
