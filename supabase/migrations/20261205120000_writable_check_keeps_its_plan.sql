-- The read-only check keeps its plan (issue 18, docs/decisions/178-the-writable-check-keeps-its-plan.md).
--
-- private.partnership_is_writable was a SQL function whose body has a subquery, so Postgres cannot inline it:
-- each call started the function afresh, parsing and planning its body again. Every page calls it once per
-- membership of the signed-in user (private.my_memberships(), the first statement of each request), and the
-- read-only trigger calls it on every write. As PL/pgSQL, the function keeps its statement's plan for the
-- session. Measured in a loop of 1,000 calls of my_memberships() on the N = 1,000 bench database: 180–290 µs a
-- call before, 115–120 µs after.
--
-- Nothing else changes: the same rule, still security invoker (ADR 065: it reads public.partnerships under
-- the caller's row-level security, so a member learns only about its own partnerships), the same grants.
-- Postgres re-plans a kept plan when the current user changes, so one session serving several people never
-- answers one person with another's plan.
create or replace function private.partnership_is_writable(partnership uuid) returns boolean
language plpgsql stable security invoker set search_path = ''
as $$
begin
  return coalesce((
    select p.subscription_status = 'active'
        or coalesce(p.trial_ends_at, p.created_at + interval '30 days') > now()
        or (p.subscription_status = 'past_due'
            and coalesce(p.current_period_end, now()) + interval '14 days' > now())
      from public.partnerships p where p.id = partnership), true);
end
$$;
