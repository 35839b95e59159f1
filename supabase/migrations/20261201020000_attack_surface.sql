-- The database surface an attacker reaches through Supabase's API (issue 17, items 7–10; docs/security-model.md,
-- "Threats and defences"; ADR 065). Each block closes one way in; tests/db/attacks.test.ts tries each of them.

------------------------------------------------------------------------------------------------------------
-- 7. Helpers that answered about any partnership. Both were security definer, so any signed-in user could ask
-- for another tenant's reporting currency or subscription state (and learn that it exists). They now read
-- public.partnerships as the caller, under its row-level security: a member gets the answer for their own
-- partnership; for anyone else's, the same answer as for one that does not exist (null, and "writable").
-- The service role and the owner (webhooks, seeding, the auth server) still see every partnership.
------------------------------------------------------------------------------------------------------------
create or replace function private.reporting_currency(partnership uuid) returns text
language sql stable security invoker set search_path = ''
as $$
  select p.reporting_currency::text from public.partnerships p where p.id = partnership
$$;

create or replace function private.partnership_is_writable(partnership uuid) returns boolean
language sql stable security invoker set search_path = ''
as $$
  select coalesce((
    select p.subscription_status = 'active'
        or coalesce(p.trial_ends_at, p.created_at + interval '30 days') > now()
        or (p.subscription_status = 'past_due'
            and coalesce(p.current_period_end, now()) + interval '14 days' > now())
    from public.partnerships p where p.id = partnership), true)
$$;

------------------------------------------------------------------------------------------------------------
-- 8. Foreign keys ignore row-level security: a delegate could pledge on a project it cannot see (another
-- government's draft), and a tranche could name a milestone its author cannot see. Every policy that lets a
-- row point at another row now also requires that row to be visible to the author.
------------------------------------------------------------------------------------------------------------
drop policy "pledges: delegates draft pledges for their own government" on public.pledges;
create policy "pledges: delegates draft pledges for their own government, on projects they can see"
  on public.pledges
  for insert to authenticated
  with check (status = 'draft'
              and member_id in (select private.my_member_ids())
              and project_id in (select private.my_visible_project_ids()));

drop policy "tranches: delegates schedule their government's tranches" on public.tranches;
create policy "tranches: delegates schedule their government's tranches, on milestones they can see"
  on public.tranches
  for insert to authenticated
  with check (pledge_id in (select private.my_government_pledge_ids())
              and (milestone_id is null or milestone_id in (select private.my_visible_milestone_ids())));

drop policy "tranches: delegates edit their government's tranches" on public.tranches;
create policy "tranches: delegates edit their government's tranches, on milestones they can see"
  on public.tranches
  for update to authenticated
  using (pledge_id in (select private.my_government_pledge_ids()))
  with check (pledge_id in (select private.my_government_pledge_ids())
              and (milestone_id is null or milestone_id in (select private.my_visible_milestone_ids())));

drop policy "tranches: the secretariat records payments on committed pledges" on public.tranches;
create policy "tranches: the secretariat records payments on committed pledges, on milestones it can see"
  on public.tranches
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
         and pledge_id in (select private.my_visible_pledge_ids()))
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
              and pledge_id in (select private.my_visible_pledge_ids())
              and (milestone_id is null or milestone_id in (select private.my_visible_milestone_ids())));

------------------------------------------------------------------------------------------------------------
-- 9. Invitation tokens are never the client's choice. The secretariat could insert its own token_hash and so
-- hold a working link that creates a confirmed account for someone else's address. The column is no longer
-- insertable by API users; a new invitation gets a hash no token can match ("unissued:…", never a SHA-256 hex
-- digest), until the server, through the owner connection, issues the real link's hash and mails the link.
------------------------------------------------------------------------------------------------------------
alter table public.invitations
  alter column token_hash set default 'unissued:' || gen_random_uuid()::text;
revoke insert on public.invitations from authenticated;
grant insert (partnership_id, email, role, member_id, sponsor_organisation_id) on public.invitations
  to authenticated;

------------------------------------------------------------------------------------------------------------
-- 10. The audit trail follows the pledge's visibility for its whole life. Events were hidden from the
-- secretariat only while their pledge was a draft at the time, so a tranche changed after its draft pledge
-- was withdrawn (never committed, so hidden by row-level security) showed up in the trail. The secretariat
-- now reads a pledge's events (its own, its tranches' and amendments') only while it can read the pledge.
-- Draft-time events stay hidden after a commit, as before (is_draft is fixed when the event is written).
------------------------------------------------------------------------------------------------------------
drop policy "audit_events: the secretariat reads its trail, drafts excepted" on public.audit_events;
create policy "audit_events: the secretariat reads its trail, except drafts and pledges it cannot see"
  on public.audit_events
  for select to authenticated
  using (not is_draft
         and partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
         and (scope <> 'pledge'
              or (case when table_name = 'pledges' then row_id
                       else (coalesce(after, before) ->> 'pledge_id')::uuid end)
                 in (select private.my_visible_pledge_ids())));
