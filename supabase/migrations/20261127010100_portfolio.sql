-- Portfolio: projects, their milestones on the shared board, and milestone updates (dated notes with evidence).

------------------------------------------------------------------------------------------------------------
-- projects
------------------------------------------------------------------------------------------------------------
create table public.projects (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  name text not null constraint projects_name_length check (length(btrim(name)) between 1 and 200),
  segment text not null
    constraint projects_segment_valid check (segment in ('mining', 'refining', 'magnets', 'recycling')),
  minerals text[] not null
    constraint projects_minerals_valid check (
      cardinality(minerals) > 0
      and array_position(minerals, null) is null
      and minerals <@ array['NdPr', 'Dy', 'Tb', 'lithium', 'cobalt', 'nickel', 'graphite', 'gallium',
        'germanium', 'manganese', 'vanadium', 'tungsten', 'antimony', 'platinum-group']::text[]
    ),
  host_country char(2) not null
    constraint projects_host_country_iso3166 check (private.is_country_code(host_country)),
  latitude numeric constraint projects_latitude_range check (latitude between -90 and 90),
  longitude numeric constraint projects_longitude_range check (longitude between -180 and 180),
  stage text not null
    constraint projects_stage_valid check (stage in ('concept', 'feasibility', 'construction', 'production')),
  capex_minor int8 constraint projects_capex_positive check (capex_minor > 0),
  funding_sought_minor int8
    constraint projects_funding_sought_positive check (funding_sought_minor > 0),
  currency char(3) not null constraint projects_currency_iso4217 check (private.is_currency_code(currency)),
  esg_notes text,
  status text not null default 'draft'
    constraint projects_status_valid
    check (status in ('draft', 'submitted', 'approved', 'rejected', 'completed', 'cancelled')),
  decision_reason text,
  registering_member_id uuid not null,
  sponsor_organisation_id uuid,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint projects_id_partnership_unique unique (id, partnership_id),
  constraint projects_member_in_partnership foreign key (registering_member_id, partnership_id)
    references public.members (id, partnership_id),
  constraint projects_sponsor_in_partnership foreign key (sponsor_organisation_id, partnership_id)
    references public.sponsor_organisations (id, partnership_id)
);
create index projects_partnership_id_status_idx on public.projects (partnership_id, status);
create index projects_registering_member_id_idx on public.projects (registering_member_id);
create index projects_sponsor_organisation_id_idx on public.projects (sponsor_organisation_id);
create index projects_created_by_idx on public.projects (created_by);
alter table public.projects enable row level security;
revoke all on public.projects from anon, authenticated, service_role;
grant select, insert, update, delete on public.projects to service_role;
grant select, delete on public.projects to authenticated;
grant insert (partnership_id, name, segment, minerals, host_country, latitude, longitude, stage, capex_minor,
  funding_sought_minor, currency, esg_notes, status, registering_member_id, sponsor_organisation_id)
  on public.projects to authenticated;
grant update (name, segment, minerals, host_country, latitude, longitude, stage, capex_minor,
  funding_sought_minor, currency, esg_notes, status, decision_reason)
  on public.projects to authenticated;
grant select (id, partnership_id, name, segment, minerals, host_country, latitude, longitude, stage,
  capex_minor, funding_sought_minor, currency, esg_notes, status)
  on public.projects to anon;
create trigger stamp before insert or update on public.projects
  for each row execute function private.stamp();

-- Who may move a project through its life (rule 5 of docs/security-model.md: only the secretariat decides).
-- Applies to API users; the service role and the owner are trusted.
create or replace function private.guard_project() returns trigger
language plpgsql set search_path = ''
as $$
declare
  is_secretariat boolean;
  is_registering boolean;
begin
  if not private.is_client() then
    return new;
  end if;
  is_secretariat := new.partnership_id in (select private.my_partnership_ids_as('{secretariat}'));
  is_registering := new.registering_member_id in (select private.my_member_ids());
  if tg_op = 'INSERT' then
    if new.status not in ('draft', 'submitted') then
      raise exception 'A new project starts as draft or submitted, not %', new.status
        using errcode = '42501';
    end if;
    new.decision_reason := null;
    return new;
  end if;
  if new.decision_reason is distinct from old.decision_reason and not is_secretariat then
    raise exception 'Only the secretariat records a decision on a project' using errcode = '42501';
  end if;
  if new.status is distinct from old.status then
    if (old.status, new.status) in (('submitted', 'approved'), ('submitted', 'rejected'),
                                    ('approved', 'completed')) then
      if not is_secretariat then
        raise exception 'Only the secretariat may move a project from % to %', old.status, new.status
          using errcode = '42501';
      end if;
    elsif (old.status, new.status) in (('draft', 'submitted'), ('rejected', 'submitted'),
                                       ('submitted', 'draft')) then
      if is_secretariat then
        raise exception 'The project''s own government or sponsor submits it, not the secretariat'
          using errcode = '42501';
      end if;
    elsif new.status = 'cancelled' and old.status in ('draft', 'submitted', 'approved') then
      if not (is_secretariat or is_registering) then
        raise exception 'Only the registering government or the secretariat may cancel a project'
          using errcode = '42501';
      end if;
    else
      raise exception 'A project cannot go from % to %', old.status, new.status using errcode = 'P0001';
    end if;
  end if;
  return new;
end
$$;
create trigger guard_project before insert or update on public.projects
  for each row execute function private.guard_project();

------------------------------------------------------------------------------------------------------------
-- milestones
------------------------------------------------------------------------------------------------------------
create table public.milestones (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  project_id uuid not null,
  title text not null constraint milestones_title_length check (length(btrim(title)) between 1 and 200),
  due_date date not null,
  status text not null default 'planned'
    constraint milestones_status_valid
    check (status in ('planned', 'in_progress', 'at_risk', 'done', 'delayed', 'cancelled')),
  position int not null default 0 constraint milestones_position_non_negative check (position >= 0),
  notes text,
  version int not null default 1,
  completed_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint milestones_id_partnership_unique unique (id, partnership_id),
  constraint milestones_project_in_partnership foreign key (project_id, partnership_id)
    references public.projects (id, partnership_id) on delete cascade,
  constraint milestones_completed_when_done check ((status = 'done') = (completed_at is not null))
);
create index milestones_project_id_position_idx on public.milestones (project_id, position);
create index milestones_partnership_id_due_date_idx on public.milestones (partnership_id, due_date);
create index milestones_created_by_idx on public.milestones (created_by);
alter table public.milestones enable row level security;
revoke all on public.milestones from anon, authenticated, service_role;
grant select, insert, update, delete on public.milestones to service_role;
grant select, delete on public.milestones to authenticated;
grant insert (partnership_id, project_id, title, due_date, status, position, notes)
  on public.milestones to authenticated;
-- No project_id, partnership_id, version or completed_at: a milestone never moves to another project.
grant update (title, due_date, status, position, notes) on public.milestones to authenticated;
create trigger stamp before insert or update on public.milestones
  for each row execute function private.stamp();

create or replace function private.stamp_milestone_completion() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.status <> 'done' then
    new.completed_at := null;
  elsif tg_op = 'UPDATE' and old.status = 'done' then
    new.completed_at := old.completed_at;
  elsif private.is_client() or new.completed_at is null then
    new.completed_at := now();
  end if;
  return new;
end
$$;
create trigger stamp_completion before insert or update on public.milestones
  for each row execute function private.stamp_milestone_completion();

------------------------------------------------------------------------------------------------------------
-- milestone_updates
------------------------------------------------------------------------------------------------------------
create table public.milestone_updates (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  milestone_id uuid not null,
  note text not null constraint milestone_updates_note_length check (length(btrim(note)) between 1 and 4000),
  status_change text constraint milestone_updates_status_change_valid
    check (status_change in ('planned', 'in_progress', 'at_risk', 'done', 'delayed', 'cancelled')),
  evidence_url text
    constraint milestone_updates_evidence_url_http check (evidence_url ~ '^https?://[^[:space:]]+$'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint milestone_updates_milestone_in_partnership foreign key (milestone_id, partnership_id)
    references public.milestones (id, partnership_id) on delete cascade
);
create index milestone_updates_milestone_id_idx on public.milestone_updates (milestone_id, created_at);
create index milestone_updates_partnership_id_idx on public.milestone_updates (partnership_id);
create index milestone_updates_created_by_idx on public.milestone_updates (created_by);
alter table public.milestone_updates enable row level security;
revoke all on public.milestone_updates from anon, authenticated, service_role;
grant select, insert, update, delete on public.milestone_updates to service_role;
grant select on public.milestone_updates to authenticated;
grant insert (partnership_id, milestone_id, note, status_change, evidence_url)
  on public.milestone_updates to authenticated;
create trigger stamp before insert or update on public.milestone_updates
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- Board helpers
------------------------------------------------------------------------------------------------------------
-- Projects the user may see: everything past draft in their partnerships, plus drafts of their own
-- government or sponsor organisation.
create or replace function private.my_visible_project_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.projects p
  where p.partnership_id in (select private.my_partnership_ids())
    and (p.status <> 'draft'
         or p.registering_member_id in (select private.my_member_ids())
         or p.sponsor_organisation_id in (select private.my_sponsor_organisation_ids()))
$$;

-- Projects whose board the user may edit (rule 4 of docs/security-model.md): the sponsor's own, the
-- registering government's, and for the secretariat every project past draft.
create or replace function private.my_editable_project_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.projects p
  where p.registering_member_id in (select private.my_member_ids())
     or p.sponsor_organisation_id in (select private.my_sponsor_organisation_ids())
     or (p.status <> 'draft'
         and p.partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
$$;

create or replace function private.my_visible_milestone_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.id from public.milestones m
  where m.project_id in (select private.my_visible_project_ids())
$$;

create or replace function private.my_editable_milestone_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.id from public.milestones m
  where m.project_id in (select private.my_editable_project_ids())
$$;

------------------------------------------------------------------------------------------------------------
-- Policies
------------------------------------------------------------------------------------------------------------
create policy "projects: members read their partnership's submitted projects" on public.projects
  for select to authenticated
  using (status <> 'draft' and partnership_id in (select private.my_partnership_ids()));
create policy "projects: the registering government and sponsor read drafts" on public.projects
  for select to authenticated
  using (registering_member_id in (select private.my_member_ids())
         or sponsor_organisation_id in (select private.my_sponsor_organisation_ids()));
create policy "projects: anyone reads approved projects that are published" on public.projects
  for select to anon
  using (status = 'approved' and partnership_id in (select private.published_partnership_ids()));
create policy "projects: delegates register projects for their own government" on public.projects
  for insert to authenticated
  with check (registering_member_id in (select private.my_member_ids())
              and status in ('draft', 'submitted'));
create policy "projects: sponsor, registering government, secretariat edit"
  on public.projects
  for update to authenticated
  using (registering_member_id in (select private.my_member_ids())
         or sponsor_organisation_id in (select private.my_sponsor_organisation_ids())
         or (status <> 'draft'
             and partnership_id in (select private.my_partnership_ids_as('{secretariat}'))))
  with check (registering_member_id in (select private.my_member_ids())
              or sponsor_organisation_id in (select private.my_sponsor_organisation_ids())
              or partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "projects: the registering government deletes its drafts" on public.projects
  for delete to authenticated
  using (status = 'draft' and registering_member_id in (select private.my_member_ids()));

create policy "milestones: members read the board of projects they can see" on public.milestones
  for select to authenticated using (project_id in (select private.my_visible_project_ids()));
create policy "milestones: the project's editors add milestones"
  on public.milestones
  for insert to authenticated with check (project_id in (select private.my_editable_project_ids()));
create policy "milestones: the project's editors edit milestones"
  on public.milestones
  for update to authenticated
  using (project_id in (select private.my_editable_project_ids()))
  with check (project_id in (select private.my_editable_project_ids()));
create policy "milestones: the project's editors remove milestones"
  on public.milestones
  for delete to authenticated using (project_id in (select private.my_editable_project_ids()));

create policy "milestone_updates: members read updates of visible milestones"
  on public.milestone_updates
  for select to authenticated using (milestone_id in (select private.my_visible_milestone_ids()));
create policy "milestone_updates: the board's editors post updates" on public.milestone_updates
  for insert to authenticated
  with check (milestone_id in (select private.my_editable_milestone_ids()));

------------------------------------------------------------------------------------------------------------
-- Function privileges
------------------------------------------------------------------------------------------------------------
revoke execute on all functions in schema private from public;
grant execute on function private.my_visible_project_ids(), private.my_editable_project_ids(),
  private.my_visible_milestone_ids(), private.my_editable_milestone_ids()
  to authenticated, service_role;
