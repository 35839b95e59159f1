-- People have names, and a language (ADR 092).
--
-- profiles gains a display name and an organisation, shown wherever an e-mail address was shown (audit history,
-- people, amendments, the header), and the language the person reads Lodestone in (null: follow the browser).
-- Each person edits their own three columns and nothing else; the e-mail stays the auth server's (trigger).
--
-- invitations: inviting an address that already has an unaccepted, unrevoked invitation in the partnership
-- refreshes that invitation (new role, new link, seven more days) instead of adding a second one.

------------------------------------------------------------------------------------------------------------
-- profiles: display name, organisation, language
------------------------------------------------------------------------------------------------------------
alter table public.profiles
  add column display_name text
    constraint profiles_display_name_length
      check (display_name is null or (display_name = btrim(display_name) and char_length(display_name) between 1 and 120)),
  add column organisation text
    constraint profiles_organisation_length
      check (organisation is null or (organisation = btrim(organisation) and char_length(organisation) between 1 and 160)),
  add column language text
    constraint profiles_language_valid check (language is null or language in ('en', 'fr', 'ja'));

-- Only these three columns, and only one's own row (the policy below).
grant update (display_name, organisation, language) on public.profiles to authenticated;

create policy "profiles: people update their own profile" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

create or replace function private.touch_profile() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
revoke all on function private.touch_profile() from public;
create trigger touch_profile before update on public.profiles
  for each row execute function private.touch_profile();

------------------------------------------------------------------------------------------------------------
-- invitations: a second invitation to the same address refreshes the first
------------------------------------------------------------------------------------------------------------
-- The secretariat may now change what an unaccepted invitation offers, besides revoking it.
grant update (role, member_id, sponsor_organisation_id) on public.invitations to authenticated;

drop policy "invitations: the secretariat revokes its invitations" on public.invitations;
create policy "invitations: the secretariat revokes or refreshes its unaccepted invitations"
  on public.invitations
  for update to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')) and accepted_at is null)
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));

-- A change by a signed-in user that does not revoke the invitation refreshes it: the old link stops working
-- (a hash no token matches, until the auth server issues the new link's hash, ADR 065), it runs seven days
-- from now, and the person refreshing it becomes its inviter. Revoking (or changing a revoked one) is no refresh.
create or replace function private.refresh_invitation() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.revoked_at is null and new.revoked_at is null then
    new.token_hash := 'unissued:' || gen_random_uuid()::text;
    new.expires_at := now() + interval '7 days';
    new.invited_by := (select auth.uid());
  end if;
  return new;
end
$$;
revoke all on function private.refresh_invitation() from public;
create trigger refresh_invitation before update on public.invitations
  for each row when (current_setting('role', true) = 'authenticated')
  execute function private.refresh_invitation();
