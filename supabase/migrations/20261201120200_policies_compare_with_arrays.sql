-- Policies compare with the caller's few ids as an array (issue 18, docs/decisions/161-*.md). The visibility
-- rules of docs/security-model.md do not change; how a policy asks them does.
--
-- `partnership_id in (select private.my_partnership_ids())` is planned as a hashed subplan: the set is built once,
-- then every row probes the hash, and the planner cannot use the condition to find rows. The caller's
-- partnerships, delegate memberships and sponsor organisations are a handful of ids (one per membership), so
-- `partnership_id = any (array(select private.my_partnership_ids()))` says the same thing (for a null column and
-- for an empty set too) as an init plan: built once per statement, and compared as an index condition, which
-- lets an index-only scan answer "how many projects in this partnership" without reading the table. Measured at
-- N = 5,000 projects per partnership: the project list's count, as a delegate, 2.4 → 0.55 ms against 0.2 ms
-- for the service role.
--
-- Only these four helpers change: the draft and private-pledge exceptions (`my_draft_project_ids`,
-- `my_private_pledge_ids`) stay hashed sets, since they are consulted only on the exception rows and may
-- hold hundreds of ids, where a hash beats a linear search of an array; the public pages' helpers are not a
-- member's, and `fellow_user_ids` grows with the partnership's people.

------------------------------------------------------------------------------------------------------------
-- Projects: "in my partnerships, and not a draft or a draft of mine" (rule 1). The same rows as before: a
-- draft is its registering government's and its sponsor's. The draft test reads the row's own columns, not
-- my_draft_project_ids(): an insert's returning row is checked against this policy, and a set built from the
-- table cannot hold the row being inserted.
------------------------------------------------------------------------------------------------------------
drop policy "projects: members read submitted ones, parties their drafts" on public.projects;
create policy "projects: members read submitted ones, parties their drafts"
  on public.projects
  for select to authenticated
  using (partnership_id = any (array(select private.my_partnership_ids()))
         and (status <> 'draft'
              or registering_member_id = any (array(select private.my_member_ids()))
              or sponsor_organisation_id = any (array(select private.my_sponsor_organisation_ids()))));

-- The list's count reads the columns the policy tests beside the partnership: answered from the index.
create index projects_partnership_id_status_idx_v2 on public.projects (partnership_id, status)
  include (registering_member_id, sponsor_organisation_id);
drop index public.projects_partnership_id_status_idx;
alter index public.projects_partnership_id_status_idx_v2 rename to projects_partnership_id_status_idx;

------------------------------------------------------------------------------------------------------------
-- Every other policy: the same sentence, with the four small sets compared as arrays. A mechanical rewrite of
-- the expressions Postgres stores (pg_policies prints them in one form on every engine), so no policy's
-- wording can drift from what it was.
------------------------------------------------------------------------------------------------------------
create function pg_temp.as_arrays(expression text) returns text
language sql immutable
as $$
  select regexp_replace(
    expression,
    '(\w+(?:\.\w+)?) IN \( SELECT (private\.(?:my_partnership_ids|my_partnership_ids_as|my_member_ids|my_sponsor_organisation_ids)\([^()]*\)) AS \w+\)',
    '\1 = ANY (ARRAY( SELECT \2))',
    'g')
$$;

do $$
declare
  policy record;
begin
  for policy in
    select schemaname, tablename, policyname, qual, with_check from pg_policies
     where schemaname in ('public', 'reference')
  loop
    if policy.qual is not null and pg_temp.as_arrays(policy.qual) <> policy.qual then
      execute format('alter policy %I on %I.%I using (%s)', policy.policyname, policy.schemaname,
                     policy.tablename, pg_temp.as_arrays(policy.qual));
    end if;
    if policy.with_check is not null and pg_temp.as_arrays(policy.with_check) <> policy.with_check then
      execute format('alter policy %I on %I.%I with check (%s)', policy.policyname, policy.schemaname,
                     policy.tablename, pg_temp.as_arrays(policy.with_check));
    end if;
  end loop;
end
$$;

drop function pg_temp.as_arrays(text);
