-- The next-pledge ranking reads each candidate's figures as float8 and its lookup keys as one text each (ADR 172).
-- ADR 168's statement converted numeric to float8 and looked a country up in three levels of jsonb for each
-- of the ~10,900 candidates at N = 20,000: about 10 µs a row. Generated columns are computed once per change
-- by the database itself, so the refresh (and any writer) cannot let them disagree with the row.
--
-- No new table and no new policy: the columns are the row's own, under the table's one select policy (drafts
-- stay readable only by their registering government and sponsor, as before).

alter table public.resilience_project_outputs
  -- The ranking's join to the groups' funded states (mineral, stage and unit in one key).
  add column group_key text generated always as (mineral || '/' || stage || '/' || unit) stored,
  -- The lookup of the host country's quantity in its group (mineral, stage and country in one key).
  add column quantity_key text generated always as (mineral || '/' || stage || '/' || host_country) stored,
  -- The last first-output year: by a horizon at or after it, the whole capacity counts.
  add column last_year int generated always as (years[cardinality(years)]) stored,
  add column capacity_f float8 generated always as (capacity::float8) stored,
  -- The gap the rank divides by: null when the project does not state what it seeks or has no gap left.
  add column gap_f float8
    generated always as (case when sought_stated and gap_minor > 0 then gap_minor::float8 end) stored;

-- The refresh names the columns it writes: generated columns take no value of their own. The function's
-- result no longer is the table's row (which now has the generated columns), so it is created again.
drop function private.current_resilience_project_outputs(uuid[]);
create function private.current_resilience_project_outputs(project_ids uuid[])
returns table (
  partnership_id uuid, project_id uuid, mineral text, stage text, unit text, name text, host_country text,
  status text, registering_member_id uuid, sponsor_organisation_id uuid, funded boolean, sought_stated boolean,
  gap_minor numeric(38, 0), missing_rates text[], first_year int, capacity numeric, years int[],
  capacities numeric[]
)
language sql stable security definer set search_path = ''
as $$
  select p.partnership_id, p.id, y.mineral, y.stage, y.unit, p.name, p.host_country::text, p.status,
         p.registering_member_id, p.sponsor_organisation_id, f.funded, p.funding_sought_minor is not null,
         f.gap_minor, f.missing_rates, min(y.first_year), sum(y.capacity),
         array_agg(y.first_year order by y.first_year), array_agg(y.capacity order by y.first_year)
    from (select o.project_id, o.mineral, o.stage, o.unit, o.first_output_year as first_year,
                 sum(o.capacity_per_year) as capacity
            from public.project_outputs o
           where o.project_id = any (project_ids)
           group by 1, 2, 3, 4, 5) y
    join public.projects p on p.id = y.project_id
    left join public.project_funding f on f.project_id = p.id
   where p.status not in ('rejected', 'cancelled')
   group by p.partnership_id, p.id, y.mineral, y.stage, y.unit, p.name, p.host_country, p.status,
            p.registering_member_id, p.sponsor_organisation_id, f.funded, p.funding_sought_minor,
            f.gap_minor, f.missing_rates
$$;

create or replace function private.refresh_resilience_project_outputs(project_ids uuid[])
returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if cardinality(project_ids) = 0 then
    return;
  end if;
  delete from public.resilience_project_outputs r where r.project_id = any (project_ids);
  insert into public.resilience_project_outputs
    (partnership_id, project_id, mineral, stage, unit, name, host_country, status, registering_member_id,
     sponsor_organisation_id, funded, sought_stated, gap_minor, missing_rates, first_year, capacity, years,
     capacities)
  select * from private.current_resilience_project_outputs(project_ids) order by 2, 3, 4, 5;
end
$$;

-- The candidates' index carries the ranking's columns: the statement reads them without the heap's wide rows.
drop index public.resilience_project_outputs_candidates_idx;
create index resilience_project_outputs_candidates_idx
  on public.resilience_project_outputs (partnership_id)
  include (project_id, group_key, quantity_key, host_country, first_year, last_year, capacity_f, gap_f)
  where status = 'approved' and not funded;
-- The few candidates whose outputs start in different years: only they add their years up by a horizon.
create index resilience_project_outputs_multi_year_idx
  on public.resilience_project_outputs (partnership_id)
  where status = 'approved' and not funded and first_year < last_year;

revoke execute on all functions in schema private from public;
