-- Reference data (issue 19, docs/decisions/080-*.md): where the world's critical minerals are mined, refined and
-- made into magnets, by country, with the source of every figure. Global facts, not a partnership's rows: every
-- signed-in user reads them, only the service role (the loader) writes them, and nobody changes or deletes a
-- loaded version. Each load of the files adds a dataset version; pages use the newest. The rows are loaded by
-- the migration runner from supabase/reference/*.csv (app/db/reference.server.ts) and by
-- `npm run reference:load -- <file.csv>`, which check them first (app/domain/supply-reference.ts).

create schema if not exists reference;
revoke all on schema reference from public;
grant usage on schema reference to authenticated, service_role;

------------------------------------------------------------------------------------------------------------
-- datasets: one row per loaded version
------------------------------------------------------------------------------------------------------------
create table reference.datasets (
  version int generated always as identity primary key,
  -- The file names as given to the loader, and a SHA-256 of the three files, so the same files load once.
  shares_file text not null constraint datasets_shares_file_length check (length(shares_file) between 1 and 500),
  checksum text not null constraint datasets_checksum_sha256 check (checksum ~ '^[0-9a-f]{64}$'),
  loaded_via text not null constraint datasets_loaded_via_valid check (loaded_via in ('migrate', 'reference:load')),
  row_count int not null constraint datasets_row_count_positive check (row_count > 0),
  loaded_at timestamptz not null default now(),
  constraint datasets_checksum_unique unique (checksum)
);

------------------------------------------------------------------------------------------------------------
-- sources: the documents the figures come from (sources.csv of the version)
------------------------------------------------------------------------------------------------------------
create table reference.sources (
  dataset_version int not null references reference.datasets (version),
  source_id text not null,
  title text not null,
  publisher text not null,
  year int not null constraint sources_year_range check (year between 1900 and 2100),
  url text not null constraint sources_url_http check (url ~ '^https?://[^[:space:]]+$'),
  what_it_gives text not null default '',
  primary key (dataset_version, source_id)
);

------------------------------------------------------------------------------------------------------------
-- supply_groups: one per mineral × stage × year of the version, with the unit projects' outputs use
------------------------------------------------------------------------------------------------------------
create table reference.supply_groups (
  dataset_version int not null references reference.datasets (version),
  mineral text not null constraint supply_groups_mineral_format check (mineral ~ '^[a-z][a-z_]{1,39}$'),
  stage text not null constraint supply_groups_stage_valid check (stage in ('mining', 'refining', 'magnets')),
  year int not null constraint supply_groups_year_range check (year between 1900 and 2100),
  unit text not null,
  shares_only boolean not null,
  -- Null when a shares-only group has no world total to project with: it then takes no outputs.
  output_unit text,
  output_factor numeric not null constraint supply_groups_output_factor_positive check (output_factor > 0),
  source_ids text[] not null,
  first_line int not null,
  last_line int not null,
  primary key (dataset_version, mineral, stage, year)
);

------------------------------------------------------------------------------------------------------------
-- supply_shares: the rows of supply-shares.csv, as printed (empty quantity and share = withheld)
------------------------------------------------------------------------------------------------------------
create table reference.supply_shares (
  dataset_version int not null,
  mineral text not null,
  stage text not null,
  year int not null,
  country_iso2 char(2) not null constraint supply_shares_country_format check (country_iso2 ~ '^[A-Z]{2}$'),
  country_name text not null,
  quantity numeric constraint supply_shares_quantity_non_negative check (quantity >= 0),
  unit text not null,
  share_pct numeric(6, 2) constraint supply_shares_share_range check (share_pct between 0 and 100),
  source_ids text[] not null constraint supply_shares_sources_present check (cardinality(source_ids) > 0),
  note text,
  line int not null,
  primary key (dataset_version, mineral, stage, year, country_iso2),
  constraint supply_shares_in_group foreign key (dataset_version, mineral, stage, year)
    references reference.supply_groups (dataset_version, mineral, stage, year)
);

------------------------------------------------------------------------------------------------------------
-- world_totals: dated, sourced estimates for groups known only as shares (world-totals.csv of the version)
------------------------------------------------------------------------------------------------------------
create table reference.world_totals (
  dataset_version int not null references reference.datasets (version),
  mineral text not null,
  stage text not null constraint world_totals_stage_valid check (stage in ('mining', 'refining', 'magnets')),
  year int not null,
  world_total numeric not null constraint world_totals_positive check (world_total > 0),
  unit text not null,
  source_ids text[] not null constraint world_totals_sources_present check (cardinality(source_ids) > 0),
  note text,
  line int not null,
  primary key (dataset_version, mineral, stage, year)
);

------------------------------------------------------------------------------------------------------------
-- Privileges: read by every signed-in user, appended by the service role, never changed
------------------------------------------------------------------------------------------------------------
do $$
declare
  t text;
begin
  foreach t in array array['datasets', 'sources', 'supply_groups', 'supply_shares', 'world_totals'] loop
    execute format('alter table reference.%I enable row level security', t);
    execute format('revoke all on reference.%I from public, anon, authenticated, service_role', t);
    execute format('grant select on reference.%I to authenticated', t);
    execute format('grant select, insert on reference.%I to service_role', t);
    execute format(
      'create policy %I on reference.%I for select to authenticated, service_role using (true)',
      t || ': signed-in users read the reference data', t);
    execute format(
      'create policy %I on reference.%I for insert to service_role with check (true)',
      t || ': the loader adds a version', t);
  end loop;
end
$$;
grant usage on sequence reference.datasets_version_seq to service_role;

-- Loaded versions never change: not by the service role, not by the owner.
create or replace function private.forbid_reference_change() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'Reference data is append-only: load a new version instead of % on %', lower(tg_op),
    tg_table_name using errcode = '42501';
end
$$;
do $$
declare
  t text;
begin
  foreach t in array array['datasets', 'sources', 'supply_groups', 'supply_shares', 'world_totals'] loop
    execute format('create trigger append_only before update or delete on reference.%I '
                   'for each row execute function private.forbid_reference_change()', t);
  end loop;
end
$$;

-- The newest loaded version (pages and the outputs' unit use it).
create or replace function private.reference_version() returns int
language sql stable security definer set search_path = ''
as $$
  select max(d.version) from reference.datasets d
$$;

revoke execute on all functions in schema private from public;
grant execute on function private.reference_version() to authenticated, service_role;
