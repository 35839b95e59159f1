-- The shared board, live (issue 5): change notifications for the live board, sponsors' project drafts, who may
-- reopen a closed milestone, and the indexes the project list, the board and a project's history use.
-- See docs/decisions/020-*.md to 023-*.md.

------------------------------------------------------------------------------------------------------------
-- Change notifications: one NOTIFY per changed project, milestone or milestone update, delivered when its
-- transaction commits (never for a rolled-back change). The payload carries ids and versions only, plus what
-- the server needs to keep a draft's changes to the draft's own parties (draft, member_id, sponsor_id); the
-- browser receives ids and versions only and refetches through its own RLS-scoped loaders.
--   {"partnership_id": …, "table": "milestones", "op": "update", "id": …, "version": 4, "project_id": …,
--    "milestone_id": null, "draft": false, "member_id": …, "sponsor_id": …}
------------------------------------------------------------------------------------------------------------
create or replace function private.notify_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  subject jsonb;
  v_project uuid;
  v_status text;
  v_member uuid;
  v_sponsor uuid;
begin
  if tg_op = 'DELETE' then
    subject := to_jsonb(old);
  else
    subject := to_jsonb(new);
  end if;
  if tg_table_name = 'projects' then
    v_project := (subject ->> 'id')::uuid;
    v_status := subject ->> 'status';
    v_member := (subject ->> 'registering_member_id')::uuid;
    v_sponsor := (subject ->> 'sponsor_organisation_id')::uuid;
  else
    v_project := case tg_table_name
      when 'milestones' then (subject ->> 'project_id')::uuid
      else (select m.project_id from public.milestones m where m.id = (subject ->> 'milestone_id')::uuid)
    end;
    select p.status, p.registering_member_id, p.sponsor_organisation_id into v_status, v_member, v_sponsor
    from public.projects p where p.id = v_project;
  end if;
  perform pg_notify('lodestone_changes', json_build_object(
    'partnership_id', subject ->> 'partnership_id',
    'table', tg_table_name,
    'op', lower(tg_op),
    'id', subject ->> 'id',
    'version', (subject ->> 'version')::int,
    'project_id', v_project,
    'milestone_id', subject ->> 'milestone_id',
    -- A project that is gone (deleted with its milestones) counts as a draft: hidden is the safe default.
    'draft', coalesce(v_status = 'draft', true),
    'member_id', v_member,
    'sponsor_id', v_sponsor)::text);
  return null;
end
$$;
create trigger notify_change after insert or update or delete on public.projects
  for each row execute function private.notify_change();
create trigger notify_change after insert or update or delete on public.milestones
  for each row execute function private.notify_change();
create trigger notify_change after insert or update or delete on public.milestone_updates
  for each row execute function private.notify_change();

------------------------------------------------------------------------------------------------------------
-- Projects: a sponsor drafts a project for its own organisation, naming the government it asks to register
-- it; that government's delegates submit it (they register projects for their government). A draft stays
-- visible to the sponsor and the registering government only, as before.
------------------------------------------------------------------------------------------------------------
create policy "projects: sponsors draft projects for their own organisation" on public.projects
  for insert to authenticated
  with check (status = 'draft'
              and sponsor_organisation_id in (select private.my_sponsor_organisation_ids()));

-- As in 20261127010100_portfolio.sql, except that submitting (draft or rejected → submitted) is for the
-- registering government's delegates alone.
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
    elsif (old.status, new.status) in (('draft', 'submitted'), ('rejected', 'submitted')) then
      if not is_registering then
        raise exception 'The registering government''s delegates submit a project for review'
          using errcode = '42501';
      end if;
    elsif (old.status, new.status) = ('submitted', 'draft') then
      if is_secretariat then
        raise exception 'The project''s own government or sponsor withdraws it from review, not the secretariat'
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

------------------------------------------------------------------------------------------------------------
-- Milestones: done and cancelled are closed. Any editor of the board (rule 4 of docs/security-model.md) moves
-- an open milestone to any status; only the secretariat reopens a closed one (a done milestone may already
-- have released tranches).
-- app/domain/milestones.ts states the same rule for the interface; tests/db/board.test.ts checks they agree.
------------------------------------------------------------------------------------------------------------
create or replace function private.guard_milestone() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if private.is_client() and new.status is distinct from old.status
     and old.status in ('done', 'cancelled')
     and new.partnership_id not in (select private.my_partnership_ids_as('{secretariat}')) then
    raise exception 'Only the secretariat reopens a % milestone', replace(old.status, '_', ' ')
      using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger guard_milestone before update of status on public.milestones
  for each row execute function private.guard_milestone();

------------------------------------------------------------------------------------------------------------
-- Indexes
------------------------------------------------------------------------------------------------------------
-- The board: one column per status, cards by due date (also the overdue count).
create index milestones_partnership_id_status_due_date_idx
  on public.milestones (partnership_id, status, due_date);
-- The project list: sorted by name within a partnership; filtered by mineral (array containment).
create index projects_partnership_id_name_idx on public.projects (partnership_id, name);
create index projects_minerals_idx on public.projects using gin (minerals);
-- A project's history: events of its milestones (by the project they belonged to, even once deleted) and of
-- their updates (by milestone).
create index audit_events_milestone_project_idx
  on public.audit_events (((coalesce(after, before)) ->> 'project_id'))
  where table_name = 'milestones';
create index audit_events_update_milestone_idx
  on public.audit_events (((coalesce(after, before)) ->> 'milestone_id'))
  where table_name = 'milestone_updates';

------------------------------------------------------------------------------------------------------------
-- Function privileges
------------------------------------------------------------------------------------------------------------
revoke execute on all functions in schema private from public;
