-- A partnership can be deleted again (ADR 179): the rollups kept by triggers (ADRs 072, 152, 162, 163,
-- 169) skip the rows of a partnership that no longer exists instead of writing them back.
--
-- Deleting a partnership cascades to its projects, milestones, pledges, tranches, outputs and links. Their
-- triggers fire once the partnership's row is gone (the cascade runs after the parent's row is deleted) and
-- refresh the rollups as for any change: `forget_contributions_of_project` subtracts a deleted project's share
-- from `portfolio_figures` with an upsert, and the other refreshes do the same for their tables. Each of those
-- writes names the deleted partnership, so its foreign key refused it and the whole delete failed.
--
-- The fix is one guard, before insert or update on every table the rollup triggers write: a row whose
-- partnership does not exist is skipped (the trigger returns null). It is correct because:
-- - it changes only writes that could never have succeeded: the public rollups have a foreign key to
--   `partnerships`, so a row naming a missing partnership was refused anyway, and the private contribution
--   tables only ever hold rows of projects and links that exist; every write for a partnership that exists
--   (every other partnership, and this one until its delete) is untouched, so their figures stay exactly as
--   they were;
-- - nothing of the deleted partnership is left behind: its rollup rows are removed by their `on delete
--   cascade` keys (to the partnership, or to the project for the per-project tables), whichever order the
--   cascade takes, since a trigger that runs later cannot write them back; the contributions of its links are
--   deleted by the links' own delete trigger (that table has no key, by design).
-- The audit trail keeps the partnership's events, as it was built to (rule 6: append-only, no foreign key).
--
-- A guard on the tables rather than an early return in each refresh function: one rule covers every writer,
-- including the set-based refreshes that write several partnerships' rows in one statement, and a future
-- rollup is covered by adding its table to the list below.
--
-- The guard runs only in a transaction that has deleted a partnership: a trigger on `partnerships` raises a
-- transaction-local flag before the delete, and the guard's `when` clause reads it without calling any
-- function body, so an everyday change pays nothing for it (called on every row, the guard cost 25–40 µs per
-- rollup row written on the shared N = 1,000 bench machine, and a project's status change writes some 50). The flag decides only
-- whether to look, never what is skipped: anyone may set it, and all it does is run the check above. A
-- partnership deleted by another transaction is not this transaction's to skip: its foreign key refuses the
-- write, as before.

create or replace function private.note_partnership_deleted() returns trigger
language plpgsql set search_path = ''
as $$
begin
  perform set_config('lodestone.partnership_deleted', 'on', true);
  return old;
end
$$;
revoke execute on function private.note_partnership_deleted() from public;

create trigger note_partnership_deleted before delete on public.partnerships
  for each row execute function private.note_partnership_deleted();

create or replace function private.skip_rows_of_a_deleted_partnership() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.partnerships p where p.id = new.partnership_id) then
    return null;
  end if;
  return new;
end
$$;
revoke execute on function private.skip_rows_of_a_deleted_partnership() from public;

do $$
declare
  t text;
begin
  foreach t in array array[
    'public.portfolio_figures', 'private.portfolio_contributions',
    'public.project_funding', 'public.project_draft_funding',
    'public.milestone_counts', 'public.project_counts',
    'public.resilience_output_sums', 'public.resilience_draft_sums', 'public.resilience_project_outputs',
    'private.resilience_contributions',
    'public.supply_chain_flows', 'public.supply_chain_buyers', 'public.supply_chain_flag_counts',
    'private.supply_chain_contributions'
  ] loop
    execute format('create trigger skip_rows_of_a_deleted_partnership before insert or update on %s for each row '
                   'when (current_setting(''lodestone.partnership_deleted'', true) = ''on'') '
                   'execute function private.skip_rows_of_a_deleted_partnership()', t);
  end loop;
end
$$;

-- Expressions of interest were the one tenant table without a key to the partnership: they point at their item
-- and at the interested government without a cascade (an item that drew interest is closed, not deleted), so
-- deleting the partnership's members and items was refused while they stood. The partnership's own key
-- cascades, as every other tenant table's does; deleting an item or a member alone is still refused as before.
-- (partnership_id, status) is already indexed, so the cascade finds the rows by index.
alter table public.expressions_of_interest
  add constraint expressions_of_interest_partnership_id_fkey
  foreign key (partnership_id) references public.partnerships (id) on delete cascade;
