-- Billing anomalies (issue 17; docs/decisions/068-*.md): what Stripe reported that Lodestone cannot account for,
-- kept for the secretariat to look into instead of being booked. The first kind: an invoice.paid for an invoice
-- Lodestone never issued (no tranche_invoices row), which used to be booked as a payment on the tranche its
-- metadata named. Only the webhook (service_role) writes; the secretariat of the partnership the invoice points
-- at reads; an anomaly that points at no partnership is kept for the operators (partnership_id null).

------------------------------------------------------------------------------------------------------------
-- billing_anomalies
------------------------------------------------------------------------------------------------------------
create table public.billing_anomalies (
  id uuid primary key default gen_random_uuid(),
  -- Whose secretariat sees it: the partnership of the tranche, customer or metadata the invoice names; null
  -- when it names none.
  partnership_id uuid references public.partnerships (id) on delete cascade,
  kind text not null
    constraint billing_anomalies_kind_valid check (kind in ('unknown_invoice_paid')),
  -- The first event that reported it (a replay is a duplicate event; another event about the same invoice
  -- adds nothing: one anomaly per invoice and kind).
  stripe_event_id text not null references public.stripe_events (id) on delete cascade,
  stripe_invoice_id text not null
    constraint billing_anomalies_stripe_invoice_id_format
    check (stripe_invoice_id ~ '^in_[A-Za-z0-9_]+$' and length(stripe_invoice_id) <= 255),
  -- The invoice's number as Stripe shows it (to find it in the Dashboard), and who was billed.
  invoice_number text constraint billing_anomalies_invoice_number_length check (length(invoice_number) <= 100),
  stripe_customer_id text
    constraint billing_anomalies_stripe_customer_id_format
    check (stripe_customer_id ~ '^cus_[A-Za-z0-9_]+$' and length(stripe_customer_id) <= 255),
  amount_minor int8 not null constraint billing_anomalies_amount_not_negative check (amount_minor >= 0),
  -- Null when Stripe reported a code that is not ISO 4217.
  currency char(3) constraint billing_anomalies_currency_iso4217 check (private.is_currency_code(currency)),
  -- When Stripe says it happened (the event's `created`), and when Lodestone recorded it.
  occurred_at timestamptz not null,
  created_at timestamptz not null default now(),
  constraint billing_anomalies_invoice_kind_unique unique (stripe_invoice_id, kind)
);
create index billing_anomalies_partnership_id_idx on public.billing_anomalies (partnership_id, occurred_at);
create index billing_anomalies_stripe_event_id_idx on public.billing_anomalies (stripe_event_id);
alter table public.billing_anomalies enable row level security;
revoke all on public.billing_anomalies from anon, authenticated, service_role;
grant select, insert on public.billing_anomalies to service_role;
grant select on public.billing_anomalies to authenticated;

create policy "billing_anomalies: the secretariat reads its partnership's" on public.billing_anomalies
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids_as('{secretariat}')));

-- Like every table holding a partnership's rows (ADR 041); members write nothing here anyway.
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.billing_anomalies
  for each row execute function private.refuse_writes_when_lapsed();

------------------------------------------------------------------------------------------------------------
-- stripe_events: an event can now have recorded an anomaly
------------------------------------------------------------------------------------------------------------
alter table public.stripe_events drop constraint stripe_events_outcome_valid;
alter table public.stripe_events add constraint stripe_events_outcome_valid
  check (outcome in ('applied', 'stale', 'ignored', 'anomaly'));
