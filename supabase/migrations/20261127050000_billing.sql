-- Billing: the partnership's Stripe subscription (state kept by signed, idempotent webhooks), the read-only
-- rule once the trial has lapsed without a subscription, and tranche payments (Stripe invoices or bank
-- transfers recorded by hand) in one ledger. See docs/billing.md and docs/decisions/040-*.md to 043-*.md.

------------------------------------------------------------------------------------------------------------
-- Subscription state on the partnership (written by the webhook as service_role only)
------------------------------------------------------------------------------------------------------------
alter table public.partnerships
  add column stripe_customer_id text
    constraint partnerships_stripe_customer_id_unique unique
    constraint partnerships_stripe_customer_id_format check (stripe_customer_id ~ '^cus_[A-Za-z0-9]+$'),
  add column stripe_subscription_id text
    constraint partnerships_stripe_subscription_id_format
    check (stripe_subscription_id ~ '^sub_[A-Za-z0-9]+$'),
  add column current_period_end timestamptz,
  add column cancel_at_period_end boolean not null default false,
  -- `created` of the Stripe event whose subscription state is shown: an older event never overwrites it.
  add column subscription_state_at timestamptz;
create index partnerships_stripe_subscription_id_idx on public.partnerships (stripe_subscription_id);

-- Stripe's subscription statuses, all of them, so a webhook never fails on a status it did not expect.
alter table public.partnerships drop constraint partnerships_subscription_status_valid;
alter table public.partnerships add constraint partnerships_subscription_status_valid
  check (subscription_status in ('trialing', 'active', 'past_due', 'canceled', 'unpaid', 'incomplete',
                                 'incomplete_expired', 'paused'));
-- A new partnership gets its 30-day trial.
alter table public.partnerships alter column trial_ends_at set default now() + interval '30 days';

-- The Stripe customer a government's tranche invoices are addressed to (its billing contact).
alter table public.members
  add column stripe_customer_id text
    constraint members_stripe_customer_id_format check (stripe_customer_id ~ '^cus_[A-Za-z0-9]+$');
grant update (stripe_customer_id) on public.members to authenticated;

------------------------------------------------------------------------------------------------------------
-- stripe_events: every webhook event id once (idempotency). Only the webhook (service_role) reads or writes.
------------------------------------------------------------------------------------------------------------
create table public.stripe_events (
  id text primary key constraint stripe_events_id_format check (id ~ '^evt_[A-Za-z0-9_]+$' and length(id) <= 255),
  type text not null constraint stripe_events_type_length check (length(type) between 1 and 200),
  created timestamptz not null,
  received_at timestamptz not null default now(),
  -- What the handler did: applied, stale (an older state than the one kept), ignored (unhandled type).
  outcome text not null default 'applied'
    constraint stripe_events_outcome_valid check (outcome in ('applied', 'stale', 'ignored')),
  payload jsonb not null
);
create index stripe_events_type_created_idx on public.stripe_events (type, created);
alter table public.stripe_events enable row level security;
revoke all on public.stripe_events from anon, authenticated, service_role;
grant select, insert, update on public.stripe_events to service_role;

------------------------------------------------------------------------------------------------------------
-- tranche_invoices: the Stripe invoices issued for tranches, with the state Stripe last reported
------------------------------------------------------------------------------------------------------------
-- Payments and invoices point at (tranche, pledge, partnership) together, so their pledge is the tranche's.
alter table public.tranches
  add constraint tranches_id_pledge_partnership_unique unique (id, pledge_id, partnership_id);

create table public.tranche_invoices (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  tranche_id uuid not null,
  pledge_id uuid not null,
  stripe_invoice_id text not null
    constraint tranche_invoices_stripe_invoice_id_unique unique
    constraint tranche_invoices_stripe_invoice_id_format
    check (stripe_invoice_id ~ '^in_[A-Za-z0-9_]+$' and length(stripe_invoice_id) <= 255),
  stripe_customer_id text,
  status text not null default 'open'
    constraint tranche_invoices_status_valid
    check (status in ('open', 'paid', 'partially_paid', 'payment_failed', 'void')),
  amount_due_minor int8 not null constraint tranche_invoices_amount_due_positive check (amount_due_minor > 0),
  amount_paid_minor int8 not null default 0
    constraint tranche_invoices_amount_paid_not_negative check (amount_paid_minor >= 0),
  currency char(3) not null
    constraint tranche_invoices_currency_iso4217 check (private.is_currency_code(currency)),
  hosted_invoice_url text
    constraint tranche_invoices_hosted_invoice_url_https check (hosted_invoice_url ~ '^https://'),
  -- Stripe time of the state shown (event `created`): an older event never overwrites a newer state.
  state_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tranche_invoices_tranche_of_pledge foreign key (tranche_id, pledge_id, partnership_id)
    references public.tranches (id, pledge_id, partnership_id) on delete cascade
);
create index tranche_invoices_tranche_id_idx on public.tranche_invoices (tranche_id);
create index tranche_invoices_pledge_id_idx on public.tranche_invoices (pledge_id);
create index tranche_invoices_partnership_id_idx on public.tranche_invoices (partnership_id, created_at);
create index tranche_invoices_created_by_idx on public.tranche_invoices (created_by);
alter table public.tranche_invoices enable row level security;
revoke all on public.tranche_invoices from anon, authenticated, service_role;
grant select, insert, update on public.tranche_invoices to service_role;
grant select on public.tranche_invoices to authenticated;
grant insert (partnership_id, tranche_id, pledge_id, stripe_invoice_id, stripe_customer_id, amount_due_minor,
  currency, hosted_invoice_url) on public.tranche_invoices to authenticated;
create trigger stamp before insert or update on public.tranche_invoices
  for each row execute function private.stamp();

------------------------------------------------------------------------------------------------------------
-- tranche_payments: the ledger. One row per bank transfer recorded by hand, one per paid Stripe invoice.
-- Append-only for clients; the unique Stripe invoice id makes a replayed invoice.paid a no-op.
------------------------------------------------------------------------------------------------------------
create table public.tranche_payments (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  tranche_id uuid not null,
  pledge_id uuid not null,
  amount_minor int8 not null constraint tranche_payments_amount_positive check (amount_minor > 0),
  currency char(3) not null
    constraint tranche_payments_currency_iso4217 check (private.is_currency_code(currency)),
  method text not null
    constraint tranche_payments_method_valid check (method in ('stripe_invoice', 'bank_transfer')),
  reference text not null
    constraint tranche_payments_reference_length check (length(btrim(reference)) between 1 and 200),
  paid_on date not null,
  stripe_invoice_id text constraint tranche_payments_stripe_invoice_id_unique unique,
  recorded_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint tranche_payments_stripe_has_invoice
    check ((method = 'stripe_invoice') = (stripe_invoice_id is not null)),
  constraint tranche_payments_tranche_of_pledge foreign key (tranche_id, pledge_id, partnership_id)
    references public.tranches (id, pledge_id, partnership_id)
);
create index tranche_payments_tranche_id_idx on public.tranche_payments (tranche_id);
create index tranche_payments_pledge_id_idx on public.tranche_payments (pledge_id);
create index tranche_payments_partnership_id_idx on public.tranche_payments (partnership_id, paid_on);
create index tranche_payments_recorded_by_idx on public.tranche_payments (recorded_by);
alter table public.tranche_payments enable row level security;
revoke all on public.tranche_payments from anon, authenticated, service_role;
grant select, insert on public.tranche_payments to service_role;
grant select on public.tranche_payments to authenticated;
grant insert (partnership_id, tranche_id, pledge_id, amount_minor, currency, method, reference, paid_on)
  on public.tranche_payments to authenticated;

-- Checks a payment against its tranche: the pledge's currency; by hand, only on a requested tranche, not
-- dated in the future, and never more than is still due. The tranche row is locked, so two clerks recording
-- at once cannot overpay it together.
create or replace function private.guard_tranche_payment() returns trigger
language plpgsql set search_path = ''
as $$
declare
  client boolean := private.is_client();
  tranche record;
  paid int8;
begin
  new.created_at := now();
  new.recorded_by := case when client then (select auth.uid()) end;
  new.reference := btrim(new.reference);
  select t.status, t.amount_minor, p.currency into tranche
  from public.tranches t join public.pledges p on p.id = t.pledge_id
  where t.id = new.tranche_id and t.pledge_id = new.pledge_id
  for update of t;
  if not found then
    return new; -- not visible to the caller: row-level security or the foreign key refuses the row
  end if;
  if new.currency is distinct from tranche.currency then
    raise exception 'A payment is in its pledge''s currency (%)', tranche.currency using errcode = '23514';
  end if;
  if client then
    if new.method <> 'bank_transfer' then
      raise exception 'Stripe payments are recorded by Stripe''s webhook, not by hand' using errcode = '42501';
    end if;
    if tranche.status <> 'requested' then
      raise exception 'Only a requested tranche takes a payment (this one is %)', tranche.status
        using errcode = 'P0001';
    end if;
    if new.paid_on > current_date then
      raise exception 'A payment cannot be dated in the future' using errcode = 'P0001';
    end if;
    select coalesce(sum(tp.amount_minor), 0) into paid
    from public.tranche_payments tp where tp.tranche_id = new.tranche_id;
    if paid + new.amount_minor > tranche.amount_minor then
      raise exception 'The payment is more than is still due on this tranche (% minor units)',
        tranche.amount_minor - paid using errcode = 'P0001';
    end if;
  end if;
  return new;
end
$$;
create trigger guard_tranche_payment before insert on public.tranche_payments
  for each row execute function private.guard_tranche_payment();

-- Payments that cover a tranche's amount mark it paid (which moves its pledge on, see advance_pledge_on_payment).
-- Runs as the owner: the rule, not the caller's privileges, decides. Tranches of closed pledges keep their
-- state (the payment stays in the ledger).
create or replace function private.settle_tranche() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  tranche record;
  paid int8;
begin
  select t.amount_minor, t.status into tranche from public.tranches t where t.id = new.tranche_id for update;
  select coalesce(sum(tp.amount_minor), 0) into paid
  from public.tranche_payments tp where tp.tranche_id = new.tranche_id;
  if tranche.status <> 'paid' and paid >= tranche.amount_minor
     and exists (select 1 from public.pledges p
                 where p.id = new.pledge_id and p.status in ('committed', 'disbursing')) then
    update public.tranches t
    set status = 'paid', paid_at = (new.paid_on::timestamp at time zone 'UTC'),
        payment_reference = new.reference
    where t.id = new.tranche_id;
  end if;
  return null;
end
$$;
create trigger settle_tranche after insert on public.tranche_payments
  for each row execute function private.settle_tranche();

create trigger audit after insert or update or delete on public.tranche_invoices
  for each row execute function private.record_audit_event();
create trigger audit after insert or update or delete on public.tranche_payments
  for each row execute function private.record_audit_event();

create policy "tranche_payments: the secretariat reads its partnership's" on public.tranche_payments
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "tranche_payments: delegates read their government's" on public.tranche_payments
  for select to authenticated using (pledge_id in (select private.my_government_pledge_ids()));
create policy "tranche_payments: the secretariat records bank transfers" on public.tranche_payments
  for insert to authenticated
  with check (method = 'bank_transfer'
              and partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
              and pledge_id in (select private.my_visible_pledge_ids()));

create policy "tranche_invoices: the secretariat reads its partnership's" on public.tranche_invoices
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));
create policy "tranche_invoices: delegates read their government's" on public.tranche_invoices
  for select to authenticated using (pledge_id in (select private.my_government_pledge_ids()));
create policy "tranche_invoices: the secretariat records issued invoices" on public.tranche_invoices
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{secretariat}'))
              and pledge_id in (select private.my_visible_pledge_ids()));

------------------------------------------------------------------------------------------------------------
-- Read-only once lapsed (docs/decisions/041-*.md). A partnership is writable while its subscription is
-- active, during its trial (trial_ends_at, 30 days from creation by default), or for 14 days past the end of
-- a period whose renewal failed (past_due). Otherwise every insert, update and delete by a signed-in user on
-- its rows is refused with SQLSTATE PT402; reads, exports and the service role (webhooks) are unaffected.
------------------------------------------------------------------------------------------------------------
create or replace function private.partnership_is_writable(partnership uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((
    select p.subscription_status = 'active'
        or coalesce(p.trial_ends_at, p.created_at + interval '30 days') > now()
        or (p.subscription_status = 'past_due'
            and coalesce(p.current_period_end, now()) + interval '14 days' > now())
    from public.partnerships p where p.id = partnership), true)
$$;

create or replace function private.refuse_writes_when_lapsed() returns trigger
language plpgsql set search_path = ''
as $$
declare
  subject jsonb := case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end;
  target uuid;
begin
  if private.is_client() then
    target := (subject ->> case when tg_table_name = 'partnerships' then 'id' else 'partnership_id' end)::uuid;
    -- Only for the partnership's own members: anyone else is refused by row-level security as before.
    if target in (select private.my_partnership_ids()) and not private.partnership_is_writable(target) then
      raise exception 'This partnership''s subscription has lapsed: Lodestone is read-only until the secretariat renews it.'
        using errcode = 'PT402',
              hint = 'Reads and exports still work. The secretariat renews the subscription on the Billing page.';
    end if;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

-- On the partnership and on every table in public that holds a partnership's rows (the audit trail is
-- written by triggers only). A table created by a later migration attaches the same trigger itself.
do $$
declare
  t record;
begin
  for t in
    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'audit_events'
      and (c.relname = 'partnerships' or exists (
        select 1 from pg_attribute a
        where a.attrelid = c.oid and a.attname = 'partnership_id' and not a.attisdropped))
    order by c.relname
  loop
    execute format(
      'create trigger enforce_read_only_when_lapsed before insert or update or delete on public.%I '
      'for each row execute function private.refuse_writes_when_lapsed()', t.relname);
  end loop;
end
$$;

revoke execute on function private.partnership_is_writable(uuid), private.refuse_writes_when_lapsed(),
  private.guard_tranche_payment(), private.settle_tranche() from public;
grant execute on function private.partnership_is_writable(uuid) to authenticated, service_role;
