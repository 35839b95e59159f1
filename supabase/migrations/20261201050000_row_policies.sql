-- Policies that test the row (issue 18, docs/decisions/070-*.md). The visibility rules of docs/security-model.md
-- do not change; what changes is how each policy decides them:
--   - reads compare the row's own columns with small sets computed once per statement: the caller's
--     partnerships, governments and sponsor organisations, and the exceptions (the draft projects and the
--     pledges the caller may not see), instead of enumerating every id the caller may see;
--   - writes, and checks that a row may point at another row, look the other row up by primary key;
--   - one permissive policy per table, role and action (several cases OR-ed in one sentence).
-- The helpers that enumerated visible ids are dropped at the end, so nothing new is written on them.

------------------------------------------------------------------------------------------------------------
-- The helpers, in PL/pgSQL: Postgres plans a PL/pgSQL function's query once per session, where a SQL function's
-- body is planned again in every statement that calls it (measured: half the cost of row-level security on
-- the small statements of a page). ROWS tells the planner how small the sets are, so a policy's subplan does
-- not look like a thousand-row set and push it off the indexes and the early LIMIT a query's own plan uses.
------------------------------------------------------------------------------------------------------------
create or replace function private.my_partnership_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 2
as $$
begin
  return query select m.partnership_id from public.memberships m
                where m.user_id = (select auth.uid()) and m.status = 'active';
end
$$;

create or replace function private.my_partnership_ids_as(roles text[]) returns setof uuid
language plpgsql stable security definer set search_path = '' rows 2
as $$
begin
  return query select m.partnership_id from public.memberships m
                where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = any (roles);
end
$$;

create or replace function private.my_member_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 2
as $$
begin
  return query select m.member_id from public.memberships m
                where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = 'delegate';
end
$$;

create or replace function private.my_sponsor_organisation_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 2
as $$
begin
  return query select m.sponsor_organisation_id from public.memberships m
                where m.user_id = (select auth.uid()) and m.status = 'active' and m.role = 'sponsor';
end
$$;

create or replace function private.published_partnership_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 10
as $$
begin
  return query select p.id from public.partnerships p where p.is_published;
end
$$;

create or replace function private.fellow_user_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 50
as $$
begin
  return query select distinct m.user_id from public.memberships m
                where m.partnership_id in (
                  select mine.partnership_id from public.memberships mine
                   where mine.user_id = (select auth.uid()) and mine.status = 'active');
end
$$;

-- The caller's active memberships with their partnerships, governments and organisations, and whether each
-- partnership takes writes (ADR 041): what every page's guard reads, in one call (ADR 073). It reads only the
-- caller's own rows, like the helpers above, instead of evaluating four tables' policies on rows the caller
-- is known to be allowed.
create or replace function private.my_memberships()
returns table (partnership_id uuid, slug text, name text, reporting_currency text, subscription_status text,
               writable boolean, membership_id uuid, role text, member_id uuid, member_code text,
               member_name text, sponsor_organisation_id uuid, sponsor_organisation_name text)
language plpgsql stable security definer set search_path = '' rows 2
as $$
begin
  return query
    select p.id, p.slug, p.name, p.reporting_currency::text, p.subscription_status,
           private.partnership_is_writable(p.id), m.id, m.role, m.member_id, mem.code, mem.name,
           m.sponsor_organisation_id, so.name
      from public.memberships m
      join public.partnerships p on p.id = m.partnership_id
      left join public.members mem on mem.id = m.member_id
      left join public.sponsor_organisations so on so.id = m.sponsor_organisation_id
     where m.user_id = (select auth.uid()) and m.status = 'active'
     order by p.name;
end
$$;

-- The exceptions, as sets: computed once per statement, read through partial indexes over drafts only.
-- Draft projects in the caller's partnerships that neither its government registered nor its organisation
-- sponsors: everything else in those partnerships is visible to it (rule 1 of docs/security-model.md).
create or replace function private.my_hidden_project_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 100
as $$
begin
  return query
    select p.id
      from public.memberships m
      join public.projects p on p.partnership_id = m.partnership_id and p.status = 'draft'
     where m.user_id = (select auth.uid()) and m.status = 'active'
       -- coalesce: a comparison with a null id (a secretariat has no government) never makes a draft visible
       and not coalesce(m.role = 'delegate' and p.registering_member_id = m.member_id, false)
       and not coalesce(m.role = 'sponsor' and p.sponsor_organisation_id = m.sponsor_organisation_id, false);
end
$$;
create index projects_drafts_idx on public.projects (partnership_id)
  include (registering_member_id, sponsor_organisation_id) where status = 'draft';

-- Pledges in the caller's partnerships that it may not read (rule 2): other governments' drafts, and for
-- delegates, the secretariat and observers the pledges withdrawn before they were ever committed; for
-- sponsors every pledge that is not live. Only drafts and withdrawn pledges can be hidden.
create or replace function private.my_hidden_pledge_ids() returns setof uuid
language plpgsql stable security definer set search_path = '' rows 100
as $$
begin
  return query
    select p.id
      from public.memberships m
      join public.pledges p on p.partnership_id = m.partnership_id and p.status in ('draft', 'withdrawn')
     where m.user_id = (select auth.uid()) and m.status = 'active'
       and not coalesce(m.role = 'delegate' and p.member_id = m.member_id, false)
       and not (m.role <> 'sponsor' and p.status = 'withdrawn' and p.committed_at is not null);
end
$$;
create index pledges_unseen_idx on public.pledges (partnership_id)
  include (member_id, status, committed_at) where status in ('draft', 'withdrawn');

------------------------------------------------------------------------------------------------------------
-- Point checks, for writes and references: one primary-key lookup per row.
------------------------------------------------------------------------------------------------------------
-- The project is visible to the caller: past draft in one of its partnerships, or a draft of its own
-- government or organisation.
create or replace function private.can_see_project(project uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (
    select 1 from public.projects p
      join public.memberships m on m.partnership_id = p.partnership_id
     where p.id = project and m.user_id = (select auth.uid()) and m.status = 'active'
       and (p.status <> 'draft'
            or (m.role = 'delegate' and p.registering_member_id = m.member_id)
            or (m.role = 'sponsor' and p.sponsor_organisation_id = m.sponsor_organisation_id)));
end
$$;

-- The caller edits the project's board (rule 4): its sponsor, its registering government, and the
-- secretariat once it is past draft.
create or replace function private.can_edit_project(project uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (
    select 1 from public.projects p
      join public.memberships m on m.partnership_id = p.partnership_id
     where p.id = project and m.user_id = (select auth.uid()) and m.status = 'active'
       and ((m.role = 'delegate' and p.registering_member_id = m.member_id)
            or (m.role = 'sponsor' and p.sponsor_organisation_id = m.sponsor_organisation_id)
            or (m.role = 'secretariat' and p.status <> 'draft')));
end
$$;

create or replace function private.can_see_milestone(milestone uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return coalesce((select private.can_see_project(ms.project_id) from public.milestones ms
                    where ms.id = milestone), false);
end
$$;

create or replace function private.can_edit_milestone(milestone uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return coalesce((select private.can_edit_project(ms.project_id) from public.milestones ms
                    where ms.id = milestone), false);
end
$$;

-- The pledge is readable by the caller (rule 2, as the pledges' select policy says it).
create or replace function private.can_see_pledge(pledge uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (
    select 1 from public.pledges p
      join public.memberships m on m.partnership_id = p.partnership_id
     where p.id = pledge and m.user_id = (select auth.uid()) and m.status = 'active'
       and ((m.role = 'delegate' and p.member_id = m.member_id)
            or (m.role in ('delegate', 'secretariat', 'observer') and p.status <> 'draft'
                and p.committed_at is not null)
            or (m.role = 'sponsor' and p.status in ('committed', 'disbursing', 'fulfilled'))));
end
$$;

-- The pledge is one of the caller's government's (rule 3: only its delegates change it).
create or replace function private.is_my_government_pledge(pledge uuid) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (
    select 1 from public.pledges p
      join public.memberships m on m.partnership_id = p.partnership_id
     where p.id = pledge and m.user_id = (select auth.uid()) and m.status = 'active'
       and m.role = 'delegate' and p.member_id = m.member_id);
end
$$;

------------------------------------------------------------------------------------------------------------
-- milestone_updates carry their project (rule 1 of ADR 070), pinned by a composite key to their milestone's.
------------------------------------------------------------------------------------------------------------
alter table public.milestones
  add constraint milestones_id_project_partnership_unique unique (id, project_id, partnership_id);
alter table public.milestone_updates add column project_id uuid;
-- Filling the new column is not a change anyone made: no audit event, notification or stamp.
alter table public.milestone_updates disable trigger user;
update public.milestone_updates u set project_id = m.project_id
  from public.milestones m where m.id = u.milestone_id;
alter table public.milestone_updates enable trigger user;
alter table public.milestone_updates alter column project_id set not null;
alter table public.milestone_updates
  add constraint milestone_updates_milestone_of_project foreign key (milestone_id, project_id, partnership_id)
    references public.milestones (id, project_id, partnership_id) on delete cascade,
  drop constraint milestone_updates_milestone_in_partnership;
-- A project's updates feed, newest first.
create index milestone_updates_project_id_created_at_idx
  on public.milestone_updates (project_id, created_at desc);

-- The project is always the milestone's, whatever the client sent (it may not send one: no column grant).
create or replace function private.stamp_update_project() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  select m.project_id into new.project_id from public.milestones m where m.id = new.milestone_id;
  return new;
end
$$;
create trigger stamp_project before insert on public.milestone_updates
  for each row execute function private.stamp_update_project();

------------------------------------------------------------------------------------------------------------
-- Policies, table by table: reads test the row, writes look the other row up.
------------------------------------------------------------------------------------------------------------
-- memberships, profiles: one select policy each.
drop policy "memberships: users read their own memberships" on public.memberships;
drop policy "memberships: members read their partnership's memberships" on public.memberships;
create policy "memberships: people read their own and their partnerships'"
  on public.memberships
  for select to authenticated
  using (user_id = (select auth.uid()) or partnership_id in (select private.my_partnership_ids()));

drop policy "profiles: people read their own profile" on public.profiles;
drop policy "profiles: members read the profiles of their partners" on public.profiles;
create policy "profiles: people read their own and their partners' profiles" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or id in (select private.fellow_user_ids()));

-- projects
drop policy "projects: members read their partnership's submitted projects" on public.projects;
drop policy "projects: the registering government and sponsor read drafts" on public.projects;
create policy "projects: members read submitted ones, parties their drafts"
  on public.projects
  for select to authenticated
  using ((status <> 'draft' and partnership_id in (select private.my_partnership_ids()))
         or registering_member_id in (select private.my_member_ids())
         or sponsor_organisation_id in (select private.my_sponsor_organisation_ids()));

drop policy "projects: delegates register projects for their own government" on public.projects;
drop policy "projects: sponsors draft projects for their own organisation" on public.projects;
create policy "projects: delegates register, sponsors draft for themselves"
  on public.projects
  for insert to authenticated
  with check ((status in ('draft', 'submitted')
               and registering_member_id in (select private.my_member_ids()))
              or (status = 'draft'
                  and sponsor_organisation_id in (select private.my_sponsor_organisation_ids())));

-- milestones
drop policy "milestones: members read the board of projects they can see" on public.milestones;
drop policy "milestones: the project's editors add milestones" on public.milestones;
drop policy "milestones: the project's editors edit milestones" on public.milestones;
drop policy "milestones: the project's editors remove milestones" on public.milestones;
create policy "milestones: members read the board of projects they can see" on public.milestones
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and project_id not in (select private.my_hidden_project_ids()));
create policy "milestones: the project's editors add milestones" on public.milestones
  for insert to authenticated with check ((select private.can_edit_project(project_id)));
create policy "milestones: the project's editors edit milestones" on public.milestones
  for update to authenticated
  using ((select private.can_edit_project(project_id)))
  with check ((select private.can_edit_project(project_id)));
create policy "milestones: the project's editors remove milestones" on public.milestones
  for delete to authenticated using ((select private.can_edit_project(project_id)));

-- milestone_updates
drop policy "milestone_updates: members read updates of visible milestones" on public.milestone_updates;
drop policy "milestone_updates: the board's editors post updates" on public.milestone_updates;
create policy "milestone_updates: members read updates of visible milestones" on public.milestone_updates
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and project_id not in (select private.my_hidden_project_ids()));
create policy "milestone_updates: the board's editors post updates" on public.milestone_updates
  for insert to authenticated with check ((select private.can_edit_milestone(milestone_id)));

-- pledges
drop policy "pledges: delegates read their government's drafts and pledges" on public.pledges;
drop policy "pledges: delegates, secretariat, observers read committed ones" on public.pledges;
drop policy "pledges: sponsors read live commitments" on public.pledges;
create policy "pledges: delegates see theirs, members committed, sponsors live"
  on public.pledges
  for select to authenticated
  using (member_id in (select private.my_member_ids())
         or (status <> 'draft' and committed_at is not null
             and partnership_id in (select private.my_partnership_ids_as('{delegate,secretariat,observer}')))
         or (status in ('committed', 'disbursing', 'fulfilled')
             and partnership_id in (select private.my_partnership_ids_as('{sponsor}'))));

drop policy "pledges: delegates draft pledges for their own government, on projects they can see"
  on public.pledges;
create policy "pledges: delegates draft theirs on projects they can see"
  on public.pledges
  for insert to authenticated
  with check (status = 'draft'
              and member_id in (select private.my_member_ids())
              and (select private.can_see_project(project_id)));

-- pledge_amendments
drop policy "pledge_amendments: members read amendments of visible pledges" on public.pledge_amendments;
drop policy "pledge_amendments: delegates amend their government's pledges" on public.pledge_amendments;
create policy "pledge_amendments: members read amendments of visible pledges" on public.pledge_amendments
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and pledge_id not in (select private.my_hidden_pledge_ids()));
create policy "pledge_amendments: delegates amend their government's pledges" on public.pledge_amendments
  for insert to authenticated with check ((select private.is_my_government_pledge(pledge_id)));

-- tranches
drop policy "tranches: members read tranches of pledges they can see" on public.tranches;
drop policy "tranches: delegates schedule their government's tranches, on milestones they can see"
  on public.tranches;
drop policy "tranches: delegates edit their government's tranches, on milestones they can see"
  on public.tranches;
drop policy "tranches: the secretariat records payments on committed pledges, on milestones it can see"
  on public.tranches;
drop policy "tranches: delegates remove their government's scheduled ones" on public.tranches;
create policy "tranches: members read tranches of pledges they can see" on public.tranches
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and pledge_id not in (select private.my_hidden_pledge_ids()));
create policy "tranches: delegates schedule theirs on milestones they can see"
  on public.tranches
  for insert to authenticated
  with check ((select private.is_my_government_pledge(pledge_id))
              and (milestone_id is null or (select private.can_see_milestone(milestone_id))));
create policy "tranches: delegates edit theirs, secretariat records payments"
  on public.tranches
  for update to authenticated
  using ((select private.is_my_government_pledge(pledge_id))
         or (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
             and (select private.can_see_pledge(pledge_id))))
  with check (((select private.is_my_government_pledge(pledge_id))
               or (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
                   and (select private.can_see_pledge(pledge_id))))
              and (milestone_id is null or (select private.can_see_milestone(milestone_id))));
create policy "tranches: delegates remove their government's scheduled ones" on public.tranches
  for delete to authenticated
  using (status = 'scheduled' and (select private.is_my_government_pledge(pledge_id)));

-- tranche_payments and tranche_invoices: the secretariat's, or the delegates' of the pledge's government.
drop policy "tranche_payments: the secretariat reads its partnership's" on public.tranche_payments;
drop policy "tranche_payments: delegates read their government's" on public.tranche_payments;
drop policy "tranche_payments: the secretariat records bank transfers" on public.tranche_payments;
create policy "tranche_payments: read by the secretariat and their government"
  on public.tranche_payments
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
         or (select private.is_my_government_pledge(pledge_id)));
create policy "tranche_payments: the secretariat records bank transfers" on public.tranche_payments
  for insert to authenticated
  with check (method = 'bank_transfer'
              and partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
              and (select private.can_see_pledge(pledge_id)));

drop policy "tranche_invoices: the secretariat reads its partnership's" on public.tranche_invoices;
drop policy "tranche_invoices: delegates read their government's" on public.tranche_invoices;
drop policy "tranche_invoices: the secretariat records issued invoices" on public.tranche_invoices;
create policy "tranche_invoices: read by the secretariat and their government"
  on public.tranche_invoices
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
         or (select private.is_my_government_pledge(pledge_id)));
create policy "tranche_invoices: the secretariat records issued invoices" on public.tranche_invoices
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
              and (select private.can_see_pledge(pledge_id)));

-- audit_events: the three readers in one policy. A pledge's events follow the pledge's visibility for its
-- whole life (ADR 065), looked up per event: a pledge that is gone shows none of its events.
drop policy "audit_events: the secretariat reads its trail, except drafts and pledges it cannot see"
  on public.audit_events;
drop policy "audit_events: delegates read their government's history" on public.audit_events;
drop policy "audit_events: delegates read the shared board's history" on public.audit_events;
create policy "audit_events: secretariat reads the trail, delegates their part"
  on public.audit_events
  for select to authenticated
  using ((not is_draft
          and partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
          and (scope <> 'pledge'
               or (select private.can_see_pledge(case when table_name = 'pledges' then row_id
                                                      else (coalesce(after, before) ->> 'pledge_id')::uuid end))))
         or (scope in ('pledge', 'board') and member_id in (select private.my_member_ids()))
         or (scope = 'board' and not is_draft
             and partnership_id in (select private.my_partnership_ids_as('{delegate}'))));

-- project_outputs: as milestones.
drop policy "project_outputs: members read outputs of projects they can see" on public.project_outputs;
drop policy "project_outputs: the project's editors add outputs" on public.project_outputs;
drop policy "project_outputs: the project's editors edit outputs" on public.project_outputs;
drop policy "project_outputs: the project's editors remove outputs" on public.project_outputs;
create policy "project_outputs: members read outputs of projects they can see" on public.project_outputs
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and project_id not in (select private.my_hidden_project_ids()));
create policy "project_outputs: the project's editors add outputs" on public.project_outputs
  for insert to authenticated with check ((select private.can_edit_project(project_id)));
create policy "project_outputs: the project's editors edit outputs" on public.project_outputs
  for update to authenticated
  using ((select private.can_edit_project(project_id)))
  with check ((select private.can_edit_project(project_id)));
create policy "project_outputs: the project's editors remove outputs" on public.project_outputs
  for delete to authenticated using ((select private.can_edit_project(project_id)));

-- project_links: both ends visible; written by the editors of either end.
drop policy "project_links: members read links whose two projects they can see" on public.project_links;
drop policy "project_links: editors of either project add links to projects they can see"
  on public.project_links;
drop policy "project_links: editors of either project edit links" on public.project_links;
drop policy "project_links: editors of either project remove links" on public.project_links;
create policy "project_links: members read links between visible projects" on public.project_links
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and supplier_project_id not in (select private.my_hidden_project_ids())
         and buyer_project_id not in (select private.my_hidden_project_ids()));
create policy "project_links: editors of either end link visible projects"
  on public.project_links
  for insert to authenticated
  with check (((select private.can_edit_project(supplier_project_id))
               or (select private.can_edit_project(buyer_project_id)))
              and (select private.can_see_project(supplier_project_id))
              and (select private.can_see_project(buyer_project_id)));
create policy "project_links: editors of either project edit links" on public.project_links
  for update to authenticated
  using (((select private.can_edit_project(supplier_project_id))
          or (select private.can_edit_project(buyer_project_id)))
         and (select private.can_see_project(supplier_project_id))
         and (select private.can_see_project(buyer_project_id)))
  with check (((select private.can_edit_project(supplier_project_id))
               or (select private.can_edit_project(buyer_project_id)))
              and (select private.can_see_project(supplier_project_id))
              and (select private.can_see_project(buyer_project_id)));
create policy "project_links: editors of either project remove links" on public.project_links
  for delete to authenticated
  using (((select private.can_edit_project(supplier_project_id))
          or (select private.can_edit_project(buyer_project_id)))
         and (select private.can_see_project(supplier_project_id))
         and (select private.can_see_project(buyer_project_id)));

------------------------------------------------------------------------------------------------------------
-- The helpers that enumerated every visible id: no policy uses them any more.
------------------------------------------------------------------------------------------------------------
drop function private.my_visible_milestone_ids();
drop function private.my_editable_milestone_ids();
drop function private.my_visible_project_ids();
drop function private.my_editable_project_ids();
drop function private.my_visible_pledge_ids();
drop function private.my_government_pledge_ids();

------------------------------------------------------------------------------------------------------------
-- Function privileges
------------------------------------------------------------------------------------------------------------
revoke execute on all functions in schema private from public;
grant execute on function private.published_partnership_ids() to anon, authenticated, service_role;
grant execute on function private.my_memberships(), private.my_hidden_project_ids(), private.my_hidden_pledge_ids(),
  private.can_see_project(uuid), private.can_edit_project(uuid), private.can_see_milestone(uuid),
  private.can_edit_milestone(uuid), private.can_see_pledge(uuid), private.is_my_government_pledge(uuid)
  to authenticated, service_role;
