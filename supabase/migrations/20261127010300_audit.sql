-- Audit trail: one append-only event per insert, update and delete on every tenant table (rule 6 of
-- docs/security-model.md), written by triggers, readable by role without leaking draft pledges (see
-- docs/decisions/012-*.md).

create table public.audit_events (
  id bigint generated always as identity primary key,
  -- No foreign key: the trail outlives the rows it describes, and is never deleted with them.
  partnership_id uuid not null,
  actor_id uuid,
  action text not null constraint audit_events_action_valid check (action in ('insert', 'update', 'delete')),
  table_name text not null,
  row_id uuid not null,
  before jsonb,
  after jsonb,
  -- Classification fixed when the event is written, so policies need no joins:
  --   scope: tenancy | board | pledge | reference;
  --   member_id: the government whose pledge (scope pledge) or registered project (scope board) it concerns;
  --   is_draft: the event shows a draft pledge or a draft project (before or after the change).
  scope text not null
    constraint audit_events_scope_valid check (scope in ('tenancy', 'board', 'pledge', 'reference')),
  member_id uuid,
  is_draft boolean not null default false,
  created_at timestamptz not null default now()
);
create index audit_events_partnership_id_created_at_idx on public.audit_events (partnership_id, created_at);
create index audit_events_member_id_idx on public.audit_events (member_id);
create index audit_events_row_id_idx on public.audit_events (table_name, row_id);
alter table public.audit_events enable row level security;
revoke all on public.audit_events from anon, authenticated, service_role;
grant select on public.audit_events to authenticated, service_role;

-- Append-only for everyone: the API roles have no privilege to change it, and this trigger stops the
-- service role and the owner too.
create or replace function private.forbid_audit_change() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'audit_events is append-only: % is not allowed', lower(tg_op) using errcode = '42501';
end
$$;
create trigger audit_events_append_only before update or delete on public.audit_events
  for each row execute function private.forbid_audit_change();
create trigger audit_events_no_truncate before truncate on public.audit_events
  for each statement execute function private.forbid_audit_change();

create or replace function private.record_audit_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  prior jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  later jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  subject jsonb := coalesce(later, prior);
  v_scope text := 'tenancy';
  v_member uuid;
  v_draft boolean := false;
  v_project uuid;
  v_pledge uuid;
  v_status text;
begin
  case tg_table_name
    when 'pledges' then
      v_scope := 'pledge';
      v_member := (subject ->> 'member_id')::uuid;
      v_draft := coalesce(prior ->> 'status' = 'draft', false) or coalesce(later ->> 'status' = 'draft', false);
    when 'pledge_amendments', 'tranches' then
      v_scope := 'pledge';
      v_pledge := (subject ->> 'pledge_id')::uuid;
      select p.member_id, p.status into v_member, v_status from public.pledges p where p.id = v_pledge;
      -- A pledge that is gone (a deleted draft) is treated as a draft: hidden is the safe default.
      v_draft := coalesce(v_status = 'draft', true);
    when 'projects' then
      v_scope := 'board';
      v_member := (subject ->> 'registering_member_id')::uuid;
      v_draft := coalesce(prior ->> 'status' = 'draft', false) or coalesce(later ->> 'status' = 'draft', false);
    when 'milestones', 'milestone_updates' then
      v_scope := 'board';
      if tg_table_name = 'milestones' then
        v_project := (subject ->> 'project_id')::uuid;
      else
        select m.project_id into v_project from public.milestones m
        where m.id = (subject ->> 'milestone_id')::uuid;
      end if;
      select p.registering_member_id, p.status into v_member, v_status
      from public.projects p where p.id = v_project;
      v_draft := coalesce(v_status = 'draft', true);
    when 'fx_rates' then
      v_scope := 'reference';
    else
      v_scope := 'tenancy';
  end case;

  insert into public.audit_events
    (partnership_id, actor_id, action, table_name, row_id, before, after, scope, member_id, is_draft)
  values (
    case when tg_table_name = 'partnerships' then (subject ->> 'id')::uuid
         else (subject ->> 'partnership_id')::uuid end,
    auth.uid(), lower(tg_op), tg_table_name, (subject ->> 'id')::uuid, prior, later,
    v_scope, v_member, v_draft);
  return null;
end
$$;

create trigger audit after insert or update or delete on public.partnerships
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.members
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.sponsor_organisations
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.memberships
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.projects
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.milestones
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.milestone_updates
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.pledges
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.pledge_amendments
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.tranches
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.fx_rates
  for each row execute function private.record_audit_event();

create policy "audit_events: the secretariat reads its trail, drafts excepted"
  on public.audit_events
  for select to authenticated
  using (not is_draft and partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "audit_events: delegates read their government's history"
  on public.audit_events
  for select to authenticated
  using (scope in ('pledge', 'board') and member_id in (select private.my_member_ids()));
create policy "audit_events: delegates read the shared board's history" on public.audit_events
  for select to authenticated
  using (scope = 'board' and not is_draft
         and partnership_id in (select private.my_partnership_ids_as('{delegate}')));

revoke execute on all functions in schema private from public;
