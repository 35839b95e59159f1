-- The audit trail keeps a never-committed pledge private after its withdrawal (ADR 112): withdrawing it cancels
-- its tranches, and those events are classified by the pledge, which is no longer a draft but was never shown
-- to anyone. As in 20261127010300_audit.sql, except that a pledge never committed counts as a draft for its
-- amendments' and tranches' events.
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
  v_never_committed boolean;
begin
  case tg_table_name
    when 'pledges' then
      v_scope := 'pledge';
      v_member := (subject ->> 'member_id')::uuid;
      v_draft := coalesce(prior ->> 'status' = 'draft', false) or coalesce(later ->> 'status' = 'draft', false);
    when 'pledge_amendments', 'tranches' then
      v_scope := 'pledge';
      v_pledge := (subject ->> 'pledge_id')::uuid;
      select p.member_id, p.status, p.committed_at is null into v_member, v_status, v_never_committed
      from public.pledges p where p.id = v_pledge;
      -- A pledge that is gone (a deleted draft) is treated as a draft: hidden is the safe default.
      -- A pledge withdrawn before it was ever committed stays private too (its tranches are cancelled with it).
      v_draft := coalesce(v_status = 'draft' or v_never_committed, true);
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

revoke execute on all functions in schema private from public;
