-- Resilience (issue 19, docs/decisions/081-*.md): what each project will produce (project_outputs), the supply
-- relations between projects of one partnership (project_links), and the secretariat's own sourced world total
-- for a group the reference data knows only as shares (world_total_overrides).
--
-- Outputs follow their project's visibility exactly as milestones do (a draft's outputs are its registering
-- government's and sponsor's only). A link is visible only to those who can see both of its projects, and is
-- edited by the editors of either end. Units are never typed: a trigger takes them from the newest reference
-- data (reference.supply_groups.output_unit).

------------------------------------------------------------------------------------------------------------
-- The unit of a mineral × stage in the newest reference version (refusing a group it does not have)
------------------------------------------------------------------------------------------------------------
create or replace function private.stamp_reference_unit() returns trigger
language plpgsql set search_path = ''
as $$
declare
  found_group record;
begin
  select g.output_unit, g.shares_only into found_group
    from reference.supply_groups g
   where g.dataset_version = private.reference_version() and g.mineral = new.mineral and g.stage = new.stage
   order by g.year desc
   limit 1;
  if found_group.output_unit is null then
    raise exception 'The reference data has no % % figures to measure this against', replace(new.mineral, '_', ' '),
      new.stage using errcode = '23514',
      hint = 'Choose a mineral and stage from the list.';
  end if;
  if tg_table_name = 'world_total_overrides' and not found_group.shares_only then
    raise exception 'The reference data gives % % quantities by country: its world total is their sum',
      replace(new.mineral, '_', ' '), new.stage using errcode = '23514';
  end if;
  new.unit := found_group.output_unit;
  return new;
end
$$;

------------------------------------------------------------------------------------------------------------
-- project_outputs
------------------------------------------------------------------------------------------------------------
create table public.project_outputs (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  project_id uuid not null,
  mineral text not null constraint project_outputs_mineral_format check (mineral ~ '^[a-z][a-z_]{1,39}$'),
  stage text not null
    constraint project_outputs_stage_valid check (stage in ('mining', 'refining', 'magnets')),
  capacity_per_year numeric(16, 3) not null
    constraint project_outputs_capacity_positive check (capacity_per_year > 0),
  unit text not null,
  first_output_year int not null
    constraint project_outputs_first_output_year_range check (first_output_year between 2000 and 2100),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint project_outputs_id_partnership_unique unique (id, partnership_id),
  constraint project_outputs_project_in_partnership foreign key (project_id, partnership_id)
    references public.projects (id, partnership_id) on delete cascade
);
create index project_outputs_project_id_idx on public.project_outputs (project_id);
-- The resilience page sums outputs per mineral × stage of a partnership.
create index project_outputs_partnership_id_mineral_stage_idx
  on public.project_outputs (partnership_id, mineral, stage);
create index project_outputs_created_by_idx on public.project_outputs (created_by);
alter table public.project_outputs enable row level security;
revoke all on public.project_outputs from anon, authenticated, service_role;
grant select, insert, update, delete on public.project_outputs to service_role;
grant select, delete on public.project_outputs to authenticated;
-- No unit (the trigger sets it), never project_id or partnership_id on update: an output stays with its project.
grant insert (partnership_id, project_id, mineral, stage, capacity_per_year, first_output_year)
  on public.project_outputs to authenticated;
grant update (mineral, stage, capacity_per_year, first_output_year) on public.project_outputs to authenticated;
create trigger stamp before insert or update on public.project_outputs
  for each row execute function private.stamp();
create trigger stamp_unit before insert or update on public.project_outputs
  for each row execute function private.stamp_reference_unit();

------------------------------------------------------------------------------------------------------------
-- project_links
------------------------------------------------------------------------------------------------------------
create table public.project_links (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  supplier_project_id uuid not null,
  buyer_project_id uuid not null,
  mineral text not null constraint project_links_mineral_format check (mineral ~ '^[a-z][a-z_]{1,39}$'),
  kind text not null constraint project_links_kind_valid check (kind in ('offtake', 'feedstock', 'tolling')),
  tonnes_per_year numeric(16, 3) not null
    constraint project_links_tonnes_positive check (tonnes_per_year > 0),
  status text not null default 'under_negotiation'
    constraint project_links_status_valid check (status in ('under_negotiation', 'mou', 'signed')),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint project_links_two_projects check (supplier_project_id <> buyer_project_id),
  constraint project_links_one_per_pair unique (supplier_project_id, buyer_project_id, mineral),
  constraint project_links_supplier_in_partnership foreign key (supplier_project_id, partnership_id)
    references public.projects (id, partnership_id) on delete cascade,
  constraint project_links_buyer_in_partnership foreign key (buyer_project_id, partnership_id)
    references public.projects (id, partnership_id) on delete cascade
);
create index project_links_buyer_project_id_idx on public.project_links (buyer_project_id);
create index project_links_partnership_id_mineral_idx on public.project_links (partnership_id, mineral);
create index project_links_created_by_idx on public.project_links (created_by);
alter table public.project_links enable row level security;
revoke all on public.project_links from anon, authenticated, service_role;
grant select, insert, update, delete on public.project_links to service_role;
grant select, delete on public.project_links to authenticated;
grant insert (partnership_id, supplier_project_id, buyer_project_id, mineral, kind, tonnes_per_year, status)
  on public.project_links to authenticated;
-- The ends and the mineral are fixed: a different relation is a new link.
grant update (kind, tonnes_per_year, status) on public.project_links to authenticated;
create trigger stamp before insert or update on public.project_links
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- world_total_overrides: one sourced figure per mineral × stage of a partnership, set by its secretariat
------------------------------------------------------------------------------------------------------------
create table public.world_total_overrides (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  mineral text not null
    constraint world_total_overrides_mineral_format check (mineral ~ '^[a-z][a-z_]{1,39}$'),
  stage text not null
    constraint world_total_overrides_stage_valid check (stage in ('mining', 'refining', 'magnets')),
  year int not null constraint world_total_overrides_year_range check (year between 1990 and 2100),
  world_total numeric(18, 3) not null constraint world_total_overrides_positive check (world_total > 0),
  unit text not null,
  source text not null constraint world_total_overrides_source_length check (length(btrim(source)) between 3 and 500),
  source_url text constraint world_total_overrides_source_url_http check (source_url ~ '^https?://[^[:space:]]+$'),
  note text constraint world_total_overrides_note_length check (length(note) <= 2000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint world_total_overrides_one_per_group unique (partnership_id, mineral, stage)
);
create index world_total_overrides_created_by_idx on public.world_total_overrides (created_by);
alter table public.world_total_overrides enable row level security;
revoke all on public.world_total_overrides from anon, authenticated, service_role;
grant select, insert, update, delete on public.world_total_overrides to service_role;
grant select, delete on public.world_total_overrides to authenticated;
grant insert (partnership_id, mineral, stage, year, world_total, source, source_url, note)
  on public.world_total_overrides to authenticated;
grant update (year, world_total, source, source_url, note) on public.world_total_overrides to authenticated;
create trigger stamp before insert or update on public.world_total_overrides
  for each row execute function private.stamp();
create trigger stamp_unit before insert or update on public.world_total_overrides
  for each row execute function private.stamp_reference_unit();

------------------------------------------------------------------------------------------------------------
-- Policies
------------------------------------------------------------------------------------------------------------
create policy "project_outputs: members read outputs of projects they can see" on public.project_outputs
  for select to authenticated using (project_id in (select private.my_visible_project_ids()));
create policy "project_outputs: the project's editors add outputs" on public.project_outputs
  for insert to authenticated with check (project_id in (select private.my_editable_project_ids()));
create policy "project_outputs: the project's editors edit outputs" on public.project_outputs
  for update to authenticated
  using (project_id in (select private.my_editable_project_ids()))
  with check (project_id in (select private.my_editable_project_ids()));
create policy "project_outputs: the project's editors remove outputs" on public.project_outputs
  for delete to authenticated using (project_id in (select private.my_editable_project_ids()));

create policy "project_links: members read links whose two projects they can see" on public.project_links
  for select to authenticated
  using (supplier_project_id in (select private.my_visible_project_ids())
         and buyer_project_id in (select private.my_visible_project_ids()));
create policy "project_links: editors of either project add links to projects they can see"
  on public.project_links
  for insert to authenticated
  with check ((supplier_project_id in (select private.my_editable_project_ids())
               or buyer_project_id in (select private.my_editable_project_ids()))
              and supplier_project_id in (select private.my_visible_project_ids())
              and buyer_project_id in (select private.my_visible_project_ids()));
create policy "project_links: editors of either project edit links" on public.project_links
  for update to authenticated
  using ((supplier_project_id in (select private.my_editable_project_ids())
          or buyer_project_id in (select private.my_editable_project_ids()))
         and supplier_project_id in (select private.my_visible_project_ids())
         and buyer_project_id in (select private.my_visible_project_ids()))
  with check ((supplier_project_id in (select private.my_editable_project_ids())
               or buyer_project_id in (select private.my_editable_project_ids()))
              and supplier_project_id in (select private.my_visible_project_ids())
              and buyer_project_id in (select private.my_visible_project_ids()));
create policy "project_links: editors of either project remove links" on public.project_links
  for delete to authenticated
  using ((supplier_project_id in (select private.my_editable_project_ids())
          or buyer_project_id in (select private.my_editable_project_ids()))
         and supplier_project_id in (select private.my_visible_project_ids())
         and buyer_project_id in (select private.my_visible_project_ids()));

create policy "world_total_overrides: members read their partnership's figures"
  on public.world_total_overrides
  for select to authenticated using (partnership_id in (select private.my_partnership_ids()));
create policy "world_total_overrides: the secretariat sets a figure" on public.world_total_overrides
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "world_total_overrides: the secretariat corrects a figure" on public.world_total_overrides
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')))
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "world_total_overrides: the secretariat removes a figure" on public.world_total_overrides
  for delete to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));

------------------------------------------------------------------------------------------------------------
-- Audit trail (rule 6): outputs and links are board events that keep a draft's secrets. An output is its
-- project's; a link is a draft event when either project is a draft, and then belongs to the drafts'
-- government only when there is exactly one (nobody reads it otherwise). A project that is gone counts as a
-- draft: hidden is the safe default.
------------------------------------------------------------------------------------------------------------
create or replace function private.record_supply_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  prior jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  later jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  subject jsonb := coalesce(later, prior);
  ends uuid[];
  v_member uuid;
  v_draft boolean;
begin
  ends := case tg_table_name
    when 'project_outputs' then array[(subject ->> 'project_id')::uuid]
    else array[(subject ->> 'supplier_project_id')::uuid, (subject ->> 'buyer_project_id')::uuid]
  end;
  select count(*) < cardinality(ends) or bool_or(p.status = 'draft'),
         case when bool_or(p.status = 'draft') then
                case when count(distinct p.registering_member_id) filter (where p.status = 'draft') = 1
                     then (array_agg(p.registering_member_id) filter (where p.status = 'draft'))[1] end
              else (array_agg(p.registering_member_id order by p.id = ends[1] desc))[1]
         end
    into v_draft, v_member
    from public.projects p where p.id = any (ends);
  insert into public.audit_events
    (partnership_id, actor_id, action, table_name, row_id, before, after, scope, member_id, is_draft)
  values ((subject ->> 'partnership_id')::uuid, auth.uid(), lower(tg_op), tg_table_name,
          (subject ->> 'id')::uuid, prior, later, 'board', v_member, coalesce(v_draft, true));
  return null;
end
$$;
create trigger audit after insert or update or delete on public.project_outputs
  for each row execute function private.record_supply_event();
create trigger audit after insert or update or delete on public.project_links
  for each row execute function private.record_supply_event();
-- A partnership's own reference figure: tenancy events, read by its secretariat.
create trigger audit after insert or update or delete on public.world_total_overrides
  for each row execute function private.record_audit_event();

------------------------------------------------------------------------------------------------------------
-- Read-only once the subscription lapsed (docs/decisions/041-*.md), like every partnership-scoped table
------------------------------------------------------------------------------------------------------------
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.project_outputs
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.project_links
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.world_total_overrides
  for each row execute function private.refuse_writes_when_lapsed();

------------------------------------------------------------------------------------------------------------
-- Function privileges
------------------------------------------------------------------------------------------------------------
revoke execute on all functions in schema private from public;
