-- Foundation: the private schema that holds security-definer membership helpers (filled by later migrations),
-- closed to the API roles, as Supabase recommends for functions that must not be called through the API.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Tables and functions created later in `public` start with no privileges for the API roles:
-- each migration grants exactly what its policies need.
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from public, anon, authenticated;
