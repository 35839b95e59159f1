-- IATI 2.03 activity export (issue 16; docs/iati.md, ADRs 130–134): each government's IATI organisation
-- identifier, and what anon may read of a partnership that publishes so that the same export can be built
-- under anon's row-level security for the public pages (rule 7 of docs/security-model.md).

------------------------------------------------------------------------------------------------------------
-- members.iati_org_ref: the government's IATI organisation identifier ({registration agency}-{number}, e.g.
-- XM-DAC-701), the prefix of every iati-identifier it reports (ADR 131). Set by the secretariat.
------------------------------------------------------------------------------------------------------------
alter table public.members
  add column iati_org_ref text
    constraint members_iati_org_ref_format
    check (iati_org_ref ~ '^[A-Z]{2}-[A-Z0-9]+(-[A-Za-z0-9._]+)+$' and length(iati_org_ref) <= 100),
  add constraint members_iati_org_ref_unique unique (partnership_id, iati_org_ref);
grant insert (iati_org_ref), update (iati_org_ref) on public.members to authenticated;

------------------------------------------------------------------------------------------------------------
-- What anon may not see of a partnership that publishes (ADR 133). Exception sets, as the row policies test
-- rows against small sets; one definition of "published" for projects and one for pledges, so every anon
-- policy and any later public page say the same.
------------------------------------------------------------------------------------------------------------

-- Projects of publishing partnerships that are not public: everything but approved (drafts, submissions,
-- rejections, completed and cancelled projects stay private, ADR 016).
create or replace function private.unpublished_project_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.projects p
  where p.partnership_id in (select private.published_partnership_ids()) and p.status <> 'approved'
$$;

-- Pledges of publishing partnerships that are not public: anything but a live, unconditional pledge to a
-- published project. Drafts and withdrawals never; conditional pledges neither, until the database can say
-- which are triggered (the public page shows no conditional amount that is not triggered).
create or replace function private.unpublished_pledge_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select pl.id from public.pledges pl
  where pl.partnership_id in (select private.published_partnership_ids())
    and (pl.status not in ('committed', 'disbursing', 'fulfilled')
         or pl.cofunding_rule is not null
         or pl.project_id in (select private.unpublished_project_ids()))
$$;

-- Sponsor organisations that run a published project (a sponsor with only private projects stays private).
create or replace function private.published_sponsor_organisation_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.sponsor_organisation_id from public.projects p
  where p.partnership_id in (select private.published_partnership_ids()) and p.status = 'approved'
    and p.sponsor_organisation_id is not null
$$;

revoke execute on function private.unpublished_project_ids(), private.unpublished_pledge_ids(),
  private.published_sponsor_organisation_ids() from public;
grant execute on function private.unpublished_project_ids(), private.unpublished_pledge_ids(),
  private.published_sponsor_organisation_ids() to anon, authenticated, service_role;

------------------------------------------------------------------------------------------------------------
-- anon: the columns the export reads, and only of what is published
------------------------------------------------------------------------------------------------------------
-- The registering government (the reporting organisation of an activity), the sponsor (the implementing
-- organisation) and the registration day (the planned start of a project without milestones).
grant select (registering_member_id, sponsor_organisation_id, created_at) on public.projects to anon;

grant select (id, partnership_id, code, name, iati_org_ref) on public.members to anon;
create policy "members: anyone reads the governments of partnerships that publish" on public.members
  for select to anon using (partnership_id in (select private.published_partnership_ids()));

grant select (id, partnership_id, name, country) on public.sponsor_organisations to anon;
create policy "sponsor_organisations: anyone reads the sponsors of published projects"
  on public.sponsor_organisations
  for select to anon using (id in (select private.published_sponsor_organisation_ids()));

grant select (id, partnership_id, project_id, due_date, status, completed_at) on public.milestones to anon;
create policy "milestones: anyone reads the milestone dates of published projects" on public.milestones
  for select to anon
  using (partnership_id in (select private.published_partnership_ids())
         and project_id not in (select private.unpublished_project_ids()));

grant select (id, partnership_id, project_id, member_id, amount_minor, currency, instrument, status,
  cofunding_rule, committed_at) on public.pledges to anon;
create policy "pledges: anyone reads the unconditional live pledges of published projects" on public.pledges
  for select to anon
  using (partnership_id in (select private.published_partnership_ids())
         and id not in (select private.unpublished_pledge_ids()));

grant select (id, partnership_id, pledge_id, amount_minor, status, paid_at) on public.tranches to anon;
create policy "tranches: anyone reads the paid tranches of published pledges" on public.tranches
  for select to anon
  using (status = 'paid'
         and partnership_id in (select private.published_partnership_ids())
         and pledge_id not in (select private.unpublished_pledge_ids()));

grant select (partnership_id, currency, rate, as_of) on public.fx_rates to anon;
create policy "fx_rates: anyone reads the rates of partnerships that publish" on public.fx_rates
  for select to anon using (partnership_id in (select private.published_partnership_ids()));
