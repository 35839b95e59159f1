-- The caller's memberships also say whether each partnership publishes (issue 18, docs/decisions/164-*.md).
--
-- Every page's guard reads the caller's memberships in one call (ADR 073). The project page then asked the
-- partnership again, in a statement of its own, whether it publishes (for the "public listing" section): one
-- more statement, planned and tested under two tables' policies, for one column of a row the guard had just
-- read. The flag joins the memberships instead. Nothing else changes: the same rows, the same columns in the
-- same order, read only from the caller's own memberships. Postgres cannot add a column to a function's result
-- with `create or replace`, so the function is dropped and created again, with its grant.
drop function private.my_memberships();

create function private.my_memberships()
returns table (partnership_id uuid, slug text, name text, reporting_currency text, subscription_status text,
               writable boolean, membership_id uuid, role text, member_id uuid, member_code text,
               member_name text, sponsor_organisation_id uuid, sponsor_organisation_name text,
               is_published boolean)
language plpgsql stable security definer set search_path = '' rows 2
as $$
begin
  return query
    select p.id, p.slug, p.name, p.reporting_currency::text, p.subscription_status,
           private.partnership_is_writable(p.id), m.id, m.role, m.member_id, mem.code, mem.name,
           m.sponsor_organisation_id, so.name, p.is_published
      from public.memberships m
      join public.partnerships p on p.id = m.partnership_id
      left join public.members mem on mem.id = m.member_id
      left join public.sponsor_organisations so on so.id = m.sponsor_organisation_id
     where m.user_id = (select auth.uid()) and m.status = 'active'
     order by p.name;
end
$$;

revoke execute on function private.my_memberships() from public;
grant execute on function private.my_memberships() to authenticated, service_role;
