-- Drafts tested on the row (issue 18, docs/decisions/150-*.md). The visibility rules of docs/security-model.md
-- do not change; what changes is how the children of a project or a pledge decide them. Until now each read
-- policy enumerated the exceptions per statement (`project_id not in (select private.my_hidden_project_ids())`:
-- every draft of the caller's partnerships that is not theirs, 102 at N = 1,000 and 479 at N = 5,000; 1,019
-- hidden pledges at N = 1,000). Now every child row carries what decides it:
--   - projects.is_draft, and on their children project_is_draft (project_links: supplier_is_draft and
--     buyer_is_draft);
--   - pledges.is_private (a draft, or withdrawn before it was ever committed: its government's alone) and
--     pledges.is_live (committed, disbursing or fulfilled: what sponsors read), and on their children
--     pledge_is_private and pledge_is_live;
-- pinned by composite foreign keys that cascade a change of the parent (so a copy can never disagree with its
-- parent, and a client cannot forge one: it has no grant on the columns, and a wrong value has no parent row).
-- A read policy then says "in my partnerships, and not a draft or one of the drafts I may see": the set of the
-- drafts the caller may see (its own government's or organisation's) is built only when a draft row is met.

------------------------------------------------------------------------------------------------------------
-- What the parents say, as columns the children's keys can point at
------------------------------------------------------------------------------------------------------------
alter table public.projects add column is_draft boolean generated always as (status = 'draft') stored;
alter table public.projects
  add constraint projects_id_partnership_draft_unique unique (id, partnership_id, is_draft);

-- A draft is never committed (pledges_draft_has_no_commit_date); a live pledge always was.
alter table public.pledges
  add column is_private boolean generated always as (status = 'draft' or committed_at is null) stored,
  add column is_live boolean generated always as (status in ('committed', 'disbursing', 'fulfilled')) stored;
alter table public.pledges
  add constraint pledges_id_partnership_visibility_unique unique (id, partnership_id, is_private, is_live);

------------------------------------------------------------------------------------------------------------
-- The copies on the children (filled below, then pinned by their keys)
------------------------------------------------------------------------------------------------------------
alter table public.milestones add column project_is_draft boolean not null default false;
alter table public.milestone_updates add column project_is_draft boolean not null default false;
alter table public.project_outputs add column project_is_draft boolean not null default false;
alter table public.project_funding add column project_is_draft boolean not null default false;
alter table public.project_links
  add column supplier_is_draft boolean not null default false,
  add column buyer_is_draft boolean not null default false;
alter table public.pledge_amendments
  add column pledge_is_private boolean not null default true,
  add column pledge_is_live boolean not null default false;
alter table public.tranches
  add column pledge_is_private boolean not null default true,
  add column pledge_is_live boolean not null default false;

-- An update that changes nothing but these copies: the parent's state changed, nobody edited the child. It
-- keeps the child's version, and writes no audit event, live change or rollup refresh (the parent's own
-- change does).
create or replace function private.is_visibility_cascade(prior jsonb, later jsonb) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select prior - array['project_is_draft', 'supplier_is_draft', 'buyer_is_draft', 'pledge_is_private',
                       'pledge_is_live', 'updated_at', 'version']
       = later - array['project_is_draft', 'supplier_is_draft', 'buyer_is_draft', 'pledge_is_private',
                       'pledge_is_live', 'updated_at', 'version']
     and prior - array['updated_at', 'version'] <> later - array['updated_at', 'version']
$$;

-- Copies the parent's state onto a new child, or one moved to another parent (whatever the client sent: it
-- may send nothing, having no grant on the columns). Security definer: the copy is the truth even where the
-- caller cannot see the parent, so the insert policy, not the key, refuses such a row, as before. A parent that
-- does not exist leaves the defaults, and its foreign key refuses the row.
create or replace function private.stamp_visibility() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and private.is_visibility_cascade(to_jsonb(old), to_jsonb(new)) then
    new := jsonb_populate_record(new, jsonb_build_object(
      'version', to_jsonb(old) -> 'version', 'updated_at', to_jsonb(old) -> 'updated_at'));
    return new;
  end if;
  if tg_table_name = 'project_links' then
    if tg_op = 'INSERT' or new.supplier_project_id is distinct from old.supplier_project_id
       or new.buyer_project_id is distinct from old.buyer_project_id then
      new.supplier_is_draft := coalesce(
        (select p.is_draft from public.projects p where p.id = new.supplier_project_id), false);
      new.buyer_is_draft := coalesce(
        (select p.is_draft from public.projects p where p.id = new.buyer_project_id), false);
    end if;
  elsif tg_table_name in ('pledge_amendments', 'tranches') then
    if tg_op = 'INSERT' or new.pledge_id is distinct from old.pledge_id then
      new.pledge_is_private := coalesce(
        (select p.is_private from public.pledges p where p.id = new.pledge_id), true);
      new.pledge_is_live := coalesce(
        (select p.is_live from public.pledges p where p.id = new.pledge_id), false);
    end if;
  elsif tg_op = 'INSERT' or new.project_id is distinct from old.project_id then
    new.project_is_draft := coalesce(
      (select p.is_draft from public.projects p where p.id = new.project_id), false);
  end if;
  return new;
end
$$;

-- After "stamp" (and milestone_updates' "stamp_project", which sets the project): triggers fire in name order.
do $$
declare
  t text;
begin
  foreach t in array array['milestones', 'milestone_updates', 'project_outputs', 'project_funding',
                           'project_links', 'pledge_amendments', 'tranches'] loop
    execute format('create trigger stamp_visibility before insert or update on public.%I '
                   'for each row execute function private.stamp_visibility()', t);
  end loop;
end
$$;

-- The audit trail, the live stream and the tranches' rollup ignore the copies' cascade: split each trigger so
-- its update half can say so (a WHEN clause cannot read OLD in an insert trigger).
do $$
declare
  t record;
begin
  for t in select * from (values
             ('milestones', 'audit', 'record_audit_event'),
             ('milestone_updates', 'audit', 'record_audit_event'),
             ('pledge_amendments', 'audit', 'record_audit_event'),
             ('tranches', 'audit', 'record_audit_event'),
             ('project_outputs', 'audit', 'record_supply_event'),
             ('project_links', 'audit', 'record_supply_event'),
             ('milestones', 'notify_change', 'notify_change'),
             ('milestone_updates', 'notify_change', 'notify_change')) as x (tbl, name, fn) loop
    execute format('drop trigger %I on public.%I', t.name, t.tbl);
    execute format('create trigger %I after insert or delete on public.%I '
                   'for each row execute function private.%I()', t.name, t.tbl, t.fn);
    execute format('create trigger %I after update on public.%I for each row '
                   'when (not private.is_visibility_cascade(to_jsonb(old), to_jsonb(new))) '
                   'execute function private.%I()', t.name || '_update', t.tbl, t.fn);
  end loop;
end
$$;
drop trigger refresh_contributions_on_change on public.tranches;
create trigger refresh_contributions_on_change after update of amount_minor, due_date, status, pledge_id
  on public.tranches
  for each row when (not private.is_visibility_cascade(to_jsonb(old), to_jsonb(new)))
  execute function private.refresh_contributions_of_tranche();

------------------------------------------------------------------------------------------------------------
-- Filling the copies from the parents: here for the rows a partnership already holds, and by the benchmark's
-- loader (scripts/bench/data.ts), which loads with triggers off. Only rows whose copy differs are touched, and
-- the triggers above keep this silent.
------------------------------------------------------------------------------------------------------------
create or replace function private.copy_visibility_from_parents() returns void
language plpgsql security definer set search_path = ''
as $$
begin
  update public.milestones c set project_is_draft = p.is_draft
    from public.projects p where p.id = c.project_id and c.project_is_draft <> p.is_draft;
  update public.milestone_updates c set project_is_draft = p.is_draft
    from public.projects p where p.id = c.project_id and c.project_is_draft <> p.is_draft;
  update public.project_outputs c set project_is_draft = p.is_draft
    from public.projects p where p.id = c.project_id and c.project_is_draft <> p.is_draft;
  update public.project_funding c set project_is_draft = p.is_draft
    from public.projects p where p.id = c.project_id and c.project_is_draft <> p.is_draft;
  update public.project_links c set supplier_is_draft = s.is_draft, buyer_is_draft = b.is_draft
    from public.projects s, public.projects b
   where s.id = c.supplier_project_id and b.id = c.buyer_project_id
     and (c.supplier_is_draft <> s.is_draft or c.buyer_is_draft <> b.is_draft);
  update public.pledge_amendments c set pledge_is_private = p.is_private, pledge_is_live = p.is_live
    from public.pledges p
   where p.id = c.pledge_id and (c.pledge_is_private <> p.is_private or c.pledge_is_live <> p.is_live);
  update public.tranches c set pledge_is_private = p.is_private, pledge_is_live = p.is_live
    from public.pledges p
   where p.id = c.pledge_id and (c.pledge_is_private <> p.is_private or c.pledge_is_live <> p.is_live);
end
$$;
-- A lapsed partnership refuses clients' writes only; this runs as the owner.
select private.copy_visibility_from_parents();

------------------------------------------------------------------------------------------------------------
-- The keys that pin the copies (same names, one more column each, and the parent's change cascades)
------------------------------------------------------------------------------------------------------------
alter table public.milestones
  drop constraint milestones_project_in_partnership,
  add constraint milestones_project_in_partnership foreign key (project_id, partnership_id, project_is_draft)
    references public.projects (id, partnership_id, is_draft) on update cascade on delete cascade;
alter table public.milestone_updates
  add constraint milestone_updates_project_in_partnership
    foreign key (project_id, partnership_id, project_is_draft)
    references public.projects (id, partnership_id, is_draft) on update cascade on delete cascade;
alter table public.project_outputs
  drop constraint project_outputs_project_in_partnership,
  add constraint project_outputs_project_in_partnership
    foreign key (project_id, partnership_id, project_is_draft)
    references public.projects (id, partnership_id, is_draft) on update cascade on delete cascade;
alter table public.project_funding
  drop constraint project_funding_project_in_partnership,
  add constraint project_funding_project_in_partnership
    foreign key (project_id, partnership_id, project_is_draft)
    references public.projects (id, partnership_id, is_draft) on update cascade on delete cascade;
alter table public.project_links
  drop constraint project_links_supplier_in_partnership,
  drop constraint project_links_buyer_in_partnership,
  add constraint project_links_supplier_in_partnership
    foreign key (supplier_project_id, partnership_id, supplier_is_draft)
    references public.projects (id, partnership_id, is_draft) on update cascade on delete cascade,
  add constraint project_links_buyer_in_partnership
    foreign key (buyer_project_id, partnership_id, buyer_is_draft)
    references public.projects (id, partnership_id, is_draft) on update cascade on delete cascade;
alter table public.pledge_amendments
  drop constraint pledge_amendments_pledge_in_partnership,
  add constraint pledge_amendments_pledge_in_partnership
    foreign key (pledge_id, partnership_id, pledge_is_private, pledge_is_live)
    references public.pledges (id, partnership_id, is_private, is_live) on update cascade on delete cascade;
alter table public.tranches
  drop constraint tranches_pledge_in_partnership,
  add constraint tranches_pledge_in_partnership
    foreign key (pledge_id, partnership_id, pledge_is_private, pledge_is_live)
    references public.pledges (id, partnership_id, is_private, is_live) on update cascade on delete cascade;

------------------------------------------------------------------------------------------------------------
-- The exceptions a caller may see, as small sets: built only when a policy meets a draft (or private) row.
------------------------------------------------------------------------------------------------------------
-- Drafts in the caller's partnerships that its government registered or its organisation sponsors (rule 1).
create or replace function private.my_draft_project_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 10
as $$
begin
  return query
    select p.id from public.memberships m
      join public.projects p on p.registering_member_id = m.member_id and p.partnership_id = m.partnership_id
     where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = 'delegate'
       and p.status = 'draft'
    union all
    select p.id from public.memberships m
      join public.projects p
        on p.sponsor_organisation_id = m.sponsor_organisation_id and p.partnership_id = m.partnership_id
     where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = 'sponsor'
       and p.status = 'draft';
end
$$;
create index projects_drafts_by_member_idx on public.projects (registering_member_id) where status = 'draft';
create index projects_drafts_by_sponsor_idx on public.projects (sponsor_organisation_id) where status = 'draft';

-- The caller's government's pledges that only it may read (rule 2): drafts, and those withdrawn before they
-- were ever committed.
create or replace function private.my_private_pledge_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 10
as $$
begin
  return query
    select p.id from public.memberships m
      join public.pledges p on p.member_id = m.member_id and p.partnership_id = m.partnership_id
     where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = 'delegate'
       and p.is_private;
end
$$;
create index pledges_private_by_member_idx on public.pledges (member_id) where is_private;

------------------------------------------------------------------------------------------------------------
-- Read policies: "in my partnerships, and not a draft or one of the drafts I may see"
------------------------------------------------------------------------------------------------------------
drop policy "milestones: members read the board of projects they can see" on public.milestones;
create policy "milestones: members read the board of projects they can see" on public.milestones
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and (not project_is_draft or project_id in (select private.my_draft_project_ids())));

drop policy "milestone_updates: members read updates of visible milestones" on public.milestone_updates;
create policy "milestone_updates: members read updates of visible milestones" on public.milestone_updates
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and (not project_is_draft or project_id in (select private.my_draft_project_ids())));

drop policy "project_outputs: members read outputs of projects they can see" on public.project_outputs;
create policy "project_outputs: members read outputs of projects they can see" on public.project_outputs
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and (not project_is_draft or project_id in (select private.my_draft_project_ids())));

drop policy "project_funding: members read the funding of projects they can see" on public.project_funding;
create policy "project_funding: members read the funding of projects they can see" on public.project_funding
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and (not project_is_draft or project_id in (select private.my_draft_project_ids())));

drop policy "project_links: members read links between visible projects" on public.project_links;
create policy "project_links: members read links between visible projects" on public.project_links
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and (not supplier_is_draft or supplier_project_id in (select private.my_draft_project_ids()))
         and (not buyer_is_draft or buyer_project_id in (select private.my_draft_project_ids())));

-- Pledges' children, as the pledges' own policy: the delegates, the secretariat and observers read what was
-- committed once, sponsors what is live, a government its own private ones.
drop policy "pledge_amendments: members read amendments of visible pledges" on public.pledge_amendments;
create policy "pledge_amendments: members read amendments of visible pledges" on public.pledge_amendments
  for select to authenticated
  using ((not pledge_is_private
          and partnership_id in (select private.my_partnership_ids_as('{delegate,secretariat,observer}')))
         or (pledge_is_live and partnership_id in (select private.my_partnership_ids_as('{sponsor}')))
         or (pledge_is_private and pledge_id in (select private.my_private_pledge_ids())));

drop policy "tranches: members read tranches of pledges they can see" on public.tranches;
create policy "tranches: members read tranches of pledges they can see" on public.tranches
  for select to authenticated
  using ((not pledge_is_private
          and partnership_id in (select private.my_partnership_ids_as('{delegate,secretariat,observer}')))
         or (pledge_is_live and partnership_id in (select private.my_partnership_ids_as('{sponsor}')))
         or (pledge_is_private and pledge_id in (select private.my_private_pledge_ids())));

------------------------------------------------------------------------------------------------------------
-- The sets of hidden ids: no policy uses them any more.
------------------------------------------------------------------------------------------------------------
drop function private.my_hidden_project_ids();
drop function private.my_hidden_pledge_ids();
drop index public.projects_drafts_idx;
drop index public.pledges_unseen_idx;

revoke execute on function private.is_visibility_cascade(jsonb, jsonb), private.stamp_visibility(),
  private.copy_visibility_from_parents(), private.my_draft_project_ids(), private.my_private_pledge_ids()
  from public;
grant execute on function private.is_visibility_cascade(jsonb, jsonb), private.my_draft_project_ids(),
  private.my_private_pledge_ids() to authenticated, service_role;
