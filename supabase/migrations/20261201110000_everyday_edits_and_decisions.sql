-- Everyday use (issue 12): what may still be edited, decisions that can be taken back for a short while,
-- and a withdrawn pledge's unpaid tranches cancelled with it. See docs/decisions/110-*.md to 112-*.md.

------------------------------------------------------------------------------------------------------------
-- Projects: the registration (name, segment, minerals, place, stage, money) is edited while the project is a
-- draft or has been rejected, and is fixed from submission on: the secretariat decides on what it read. ESG
-- notes stay a living record. The secretariat may take back its own decision (approved or rejected →
-- submitted) within private.decision_undo_window() of making it, as long as no pledge to the project has
-- been committed since (app/domain/decisions.ts states the same window; tests/db/everyday.test.ts checks
-- they agree). Everything else is as in 20261127030000_board_and_live_changes.sql.
------------------------------------------------------------------------------------------------------------
-- When the secretariat last decided (approved or rejected): set by guard_project, never by a client.
alter table public.projects add column decided_at timestamptz;

create or replace function private.decision_undo_window() returns interval
language sql immutable parallel safe set search_path = ''
as $$
  select interval '15 minutes'
$$;

create or replace function private.guard_project() returns trigger
language plpgsql set search_path = ''
as $$
declare
  is_secretariat boolean;
  is_registering boolean;
  is_undo boolean;
begin
  if not private.is_client() then
    return new;
  end if;
  if tg_op = 'UPDATE' then
    new.decided_at := old.decided_at;
  end if;
  is_secretariat := new.partnership_id in (select private.my_partnership_ids_as('{secretariat}'));
  is_registering := new.registering_member_id in (select private.my_member_ids());
  if tg_op = 'INSERT' then
    if new.status not in ('draft', 'submitted') then
      raise exception 'A new project starts as draft or submitted, not %', new.status
        using errcode = '42501';
    end if;
    new.decision_reason := null;
    new.decided_at := null;
    return new;
  end if;
  if old.status not in ('draft', 'rejected')
     and (new.name, new.segment, new.minerals, new.host_country, new.latitude, new.longitude, new.stage,
          new.capex_minor, new.funding_sought_minor, new.currency)
         is distinct from
         (old.name, old.segment, old.minerals, old.host_country, old.latitude, old.longitude, old.stage,
          old.capex_minor, old.funding_sought_minor, old.currency) then
    raise exception 'A project''s registration is fixed once it is submitted (this one is %)', old.status
      using errcode = 'P0001';
  end if;
  is_undo := is_secretariat and new.status = 'submitted' and old.status in ('approved', 'rejected');
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
      if old.status = 'submitted' then
        new.decided_at := now();
      end if;
    elsif is_undo then
      if old.decided_at is null or old.decided_at < now() - private.decision_undo_window() then
        raise exception 'A decision can be taken back only within % of making it', private.decision_undo_window()
          using errcode = 'P0001';
      end if;
      if exists (select 1 from public.pledges p
                 where p.project_id = new.id and p.committed_at >= old.decided_at) then
        raise exception 'A pledge has been committed since the decision: it stands'
          using errcode = 'P0001';
      end if;
      new.decision_reason := null;
      new.decided_at := null;
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
-- Tranches: a fourth state, cancelled. Withdrawing a pledge cancels its unpaid tranches (scheduled or
-- requested) in the same transaction, so no page, total or export can still count them as money to come.
-- Nobody cancels a tranche by hand (a delegate removes a scheduled one instead), and a cancelled tranche
-- never changes again.
------------------------------------------------------------------------------------------------------------
alter table public.tranches drop constraint tranches_status_valid;
alter table public.tranches add constraint tranches_status_valid
  check (status in ('scheduled', 'requested', 'paid', 'cancelled'));

create or replace function private.guard_tranche() returns trigger
language plpgsql set search_path = ''
as $$
declare
  client boolean := private.is_client();
  pledge record;
  milestone_project uuid;
begin
  if tg_op = 'INSERT' and client then
    new.status := 'scheduled';
  end if;
  if tg_op = 'UPDATE' and old.status = 'cancelled' then
    raise exception 'A cancelled tranche cannot change' using errcode = 'P0001';
  end if;
  if tg_op = 'UPDATE' and old.status = 'paid' and (new.status <> 'paid'
     or new.amount_minor <> old.amount_minor or new.pledge_id <> old.pledge_id) then
    raise exception 'A paid tranche cannot change' using errcode = 'P0001';
  end if;
  if new.status = 'paid' then
    if tg_op = 'UPDATE' and old.status = 'paid' then
      new.paid_at := old.paid_at;
    elsif client or new.paid_at is null then
      new.paid_at := now();
    end if;
  else
    new.paid_at := null;
  end if;
  select p.project_id, p.status into pledge from public.pledges p where p.id = new.pledge_id;
  if not found then
    return new; -- not visible to the caller: row-level security refuses the row
  end if;
  if new.milestone_id is not null then
    select m.project_id into milestone_project from public.milestones m where m.id = new.milestone_id;
    if milestone_project is distinct from pledge.project_id then
      raise exception 'A tranche is released by a milestone of its own pledge''s project'
        using errcode = '23514';
    end if;
  end if;
  if new.status = 'cancelled' then
    if client then
      raise exception 'A tranche is cancelled by withdrawing its pledge' using errcode = '42501';
    end if;
    if pledge.status <> 'withdrawn' then
      raise exception 'Only the tranches of a withdrawn pledge are cancelled' using errcode = 'P0001';
    end if;
    return new;
  end if;
  if tg_op = 'UPDATE' and new.status is distinct from old.status then
    if pledge.status not in ('committed', 'disbursing') then
      raise exception 'Tranches of a % pledge are not requested or paid', pledge.status
        using errcode = 'P0001';
    end if;
    if client and new.status = 'paid'
       and new.partnership_id not in (select private.my_partnership_ids_as('{secretariat}')) then
      raise exception 'Only the secretariat records a payment' using errcode = '42501';
    end if;
  end if;
  return new;
end
$$;

-- Runs as the owner: the withdrawing delegate may edit the tranches, but the rule, not the caller's
-- privileges, decides (the same for a sponsor-visible requested tranche).
create or replace function private.cancel_unpaid_tranches() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.tranches t set status = 'cancelled'
  where t.pledge_id = new.id and t.status in ('scheduled', 'requested');
  return null;
end
$$;
create trigger cancel_unpaid_tranches after update of status on public.pledges
  for each row when (new.status = 'withdrawn' and old.status <> 'withdrawn')
  execute function private.cancel_unpaid_tranches();

-- Pledges withdrawn before this rule: their unpaid tranches were left as they were.
update public.tranches t set status = 'cancelled'
where t.status in ('scheduled', 'requested')
  and t.pledge_id in (select p.id from public.pledges p where p.status = 'withdrawn');

------------------------------------------------------------------------------------------------------------
-- Function privileges
------------------------------------------------------------------------------------------------------------
revoke execute on all functions in schema private from public;
grant execute on function private.decision_undo_window() to authenticated, service_role;
