-- Demo data for Lodestone: the "Critical Minerals Ministerial" partnership (twelve participants, four sponsors,
-- a dozen projects, milestones, pledges in seven currencies, tranches, FX rates) and a second partnership,
-- "Pacific Battery Metals Forum", to prove isolation. Runs once, on a fresh database, in one transaction.
-- Every demo user signs in with the password `lodestone-demo`.
-- Fixed ids (tests rely on them): partnerships a1…, members b1…/b2…, sponsors c1…/c2…, users d0…,
-- memberships e1…/e2…, projects f1…/f2…, milestones 5a…/5b…, milestone updates 5c…, pledges 9a…/9b…,
-- amendments 9c…, tranches 7a…/7b…, outputs 6a…/6c…, links 6b…, technology offers 8a…, requests 8b…, national
-- actions 8c…/8d…, expressions of interest 8e…, meetings 8f…, presentations 4a….
--
-- Dates: the file is written as of its reference day, 2026-11-30, and every date and timestamp in it is moved
-- by the days between that day and the load day, so the demo never goes stale (ADR 050). The load day is
-- today in UTC, or the setting lodestone.seed_today when a test loads the seed as of another day. The
-- first statement keeps that number of days in lodestone.seed_shift for this transaction; a date written
-- D is loaded as D + current_setting('lodestone.seed_shift')::int. (created_at, updated_at and the audit
-- trail are stamped by the database at load time, not shifted.)

select set_config('lodestone.seed_shift',
  (coalesce(nullif(current_setting('lodestone.seed_today', true), '')::date,
            (now() at time zone 'utc')::date)
   - date '2026-11-30')::text,
  true);

------------------------------------------------------------------------------------------------------------
-- Partnerships (the Pacific forum's 30-day trial ends at the start of the 30th day after the load day)
------------------------------------------------------------------------------------------------------------
insert into public.partnerships (id, slug, name, reporting_currency, subscription_status, trial_ends_at)
values
  ('a1000000-0000-4000-8000-000000000001', 'critical-minerals', 'Critical Minerals Ministerial', 'USD',
   'active', null),
  ('a1000000-0000-4000-8000-000000000002', 'pacific-battery', 'Pacific Battery Metals Forum', 'AUD',
   'trialing', timestamptz '2026-12-30 00:00:00+00'
                 + make_interval(days => current_setting('lodestone.seed_shift')::int));

------------------------------------------------------------------------------------------------------------
-- Members
------------------------------------------------------------------------------------------------------------
insert into public.members (id, partnership_id, code, name, billing_email)
select ('b1000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000001', code, name,
       'treasury.' || lower(code) || '@demo.lodestone.example'
from (values
  ('01', 'AU', 'Australia'),
  ('02', 'CA', 'Canada'),
  ('03', 'EU', 'European Union'),
  ('04', 'FR', 'France'),
  ('05', 'DE', 'Germany'),
  ('06', 'IT', 'Italy'),
  ('07', 'JP', 'Japan'),
  ('08', 'MX', 'Mexico'),
  ('09', 'KR', 'Republic of Korea'),
  ('10', 'GB', 'United Kingdom'),
  ('11', 'US', 'United States'),
  ('12', 'IN', 'India')
) as m (n, code, name);

insert into public.members (id, partnership_id, code, name, billing_email)
select ('b2000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000002', code, name,
       null
from (values
  ('01', 'AU', 'Australia'),
  ('02', 'JP', 'Japan'),
  ('03', 'KR', 'Republic of Korea'),
  ('04', 'US', 'United States'),
  ('05', 'CL', 'Chile')
) as m (n, code, name);

------------------------------------------------------------------------------------------------------------
-- Sponsor organisations (fictional)
------------------------------------------------------------------------------------------------------------
insert into public.sponsor_organisations (id, partnership_id, name, country) values
  ('c1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001',
   'Austral Rare Earths Ltd', 'AU'),
  ('c1000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000001',
   'Northern Shield Lithium & Graphite Inc.', 'CA'),
  ('c1000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000001',
   'Hokuyo Magnetics K.K.', 'JP'),
  ('c1000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000001',
   'Meridian Critical Metals plc', 'GB'),
  ('c2000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002',
   'Coral Sea Nickel Pty Ltd', 'AU');

------------------------------------------------------------------------------------------------------------
-- Demo users (password: lodestone-demo)
------------------------------------------------------------------------------------------------------------
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        confirmation_token, recovery_token, email_change_token_new, email_change,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', ('d0000000-0000-4000-8000-0000000000' || n)::uuid,
       'authenticated', 'authenticated', email,
       '$2b$10$btVMRm6se81CVHeRiNHex.rHBhb5XCcRcpFEu98BCsBxInNoOAOHq', joined,
       '', '', '', '', '{"provider": "email", "providers": ["email"]}'::jsonb,
       jsonb_build_object('full_name', full_name), joined, joined
from (select timestamptz '2026-11-01 09:00:00+00'
             + make_interval(days => current_setting('lodestone.seed_shift')::int) as joined) as d,
     (values
  ('01', 'secretariat@demo.lodestone.example', 'Amara Okafor (Secretariat)'),
  ('02', 'delegate.jp@demo.lodestone.example', 'Haruto Sato (Japan)'),
  ('03', 'delegate.au@demo.lodestone.example', 'Olivia Nguyen (Australia)'),
  ('04', 'delegate.us@demo.lodestone.example', 'Marcus Bell (United States)'),
  ('05', 'sponsor@demo.lodestone.example', 'Grace Whitfield (Austral Rare Earths)'),
  ('06', 'observer@demo.lodestone.example', 'Lena Fischer (Observer)'),
  ('07', 'two.hats@demo.lodestone.example', 'Jean-Luc Tremblay (Canada / Pacific secretariat)'),
  ('08', 'secretariat@pacific.lodestone.example', 'Mele Tupou (Pacific secretariat)'),
  ('09', 'sponsor.northern@demo.lodestone.example', 'Ryan MacLeod (Northern Shield)'),
  ('10', 'former.delegate.de@demo.lodestone.example', 'Katrin Vogel (Germany, revoked)')
) as u (n, email, full_name);

------------------------------------------------------------------------------------------------------------
-- Memberships
------------------------------------------------------------------------------------------------------------
insert into public.memberships (id, partnership_id, user_id, role, member_id, sponsor_organisation_id, status)
values
  ('e1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000001', 'secretariat', null, null, 'active'),
  ('e1000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000002', 'delegate', 'b1000000-0000-4000-8000-000000000007', null, 'active'),
  ('e1000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000003', 'delegate', 'b1000000-0000-4000-8000-000000000001', null, 'active'),
  ('e1000000-0000-4000-8000-000000000004', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000004', 'delegate', 'b1000000-0000-4000-8000-000000000011', null, 'active'),
  ('e1000000-0000-4000-8000-000000000005', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000005', 'sponsor', null, 'c1000000-0000-4000-8000-000000000001', 'active'),
  ('e1000000-0000-4000-8000-000000000006', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000006', 'observer', null, null, 'active'),
  ('e1000000-0000-4000-8000-000000000007', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000007', 'delegate', 'b1000000-0000-4000-8000-000000000002', null, 'active'),
  ('e1000000-0000-4000-8000-000000000009', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000009', 'sponsor', null, 'c1000000-0000-4000-8000-000000000002', 'active'),
  ('e1000000-0000-4000-8000-000000000010', 'a1000000-0000-4000-8000-000000000001',
   'd0000000-0000-4000-8000-000000000010', 'delegate', 'b1000000-0000-4000-8000-000000000005', null, 'revoked'),
  ('e2000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002',
   'd0000000-0000-4000-8000-000000000008', 'secretariat', null, null, 'active'),
  ('e2000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000002',
   'd0000000-0000-4000-8000-000000000007', 'secretariat', null, null, 'active');

------------------------------------------------------------------------------------------------------------
-- Projects
------------------------------------------------------------------------------------------------------------
insert into public.projects (id, partnership_id, name, segment, minerals, host_country, latitude, longitude,
                             stage, capex_minor, funding_sought_minor, currency, esg_notes, status,
                             decision_reason, registering_member_id, sponsor_organisation_id)
select ('f1000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000001', name,
       segment, minerals::text[], host, lat, lon, stage, capex, sought, currency, esg, status, reason,
       ('b1000000-0000-4000-8000-0000000000' || reg)::uuid,
       ('c1000000-0000-4000-8000-00000000000' || sponsor)::uuid
from (values
  ('01', 'Kalgoorlie Basin Rare Earths Mine', 'mining', '{NdPr,Dy,Tb}', 'AU', -30.7490, 121.4660,
   'construction', 120000000000, 40000000000, 'AUD',
   'Native title agreement with traditional owners; tailings stored dry-stacked; water recycled at 85%.',
   'approved', null, '01', '1'),
  ('02', 'Pilbara Rare Earth Separation Plant', 'refining', '{NdPr,Dy,Tb}', 'AU', -20.3106, 118.5747,
   'construction', 85000000000, 30000000000, 'USD',
   'Solvent-extraction circuit with thorium residues returned to licensed storage; powered 60% by solar.',
   'approved', null, '07', '1'),
  ('03', 'Darwin Heavy Rare Earths Refinery', 'refining', '{Dy,Tb}', 'AU', -12.4634, 130.8456,
   'concept', 60000000000, 20000000000, 'AUD', 'Site screening under way; cyclone design criteria pending.',
   'draft', null, '07', '1'),
  ('04', 'Kitakyushu Sintered Magnet Line', 'magnets', '{NdPr,Dy}', 'JP', 33.8834, 130.8752,
   'construction', 45000000000, 15000000000, 'JPY',
   'Grain-boundary diffusion cuts dysprosium use by 40%; swarf returned for recycling.',
   'approved', null, '07', '3'),
  ('05', 'James Bay Spodumene Mine', 'mining', '{lithium}', 'CA', 52.2297, -77.0750,
   'construction', 78000000000, 25000000000, 'CAD',
   'Impact and benefit agreement with the Cree Nation of Eeyou Istchee; caribou corridor monitoring.',
   'approved', null, '02', '2'),
  ('06', 'Bécancour Graphite Anode Plant', 'refining', '{graphite}', 'CA', 46.3400, -72.4300,
   'feasibility', 42000000000, 12000000000, 'CAD', 'Hydro-powered purification without hydrofluoric acid.',
   'submitted', null, '02', '2'),
  ('07', 'Lacq Magnet Recycling Hub', 'recycling', '{NdPr,Dy,Tb}', 'FR', 43.4119, -0.6242,
   'feasibility', 18000000000, 6000000000, 'EUR',
   'Recovers magnets from end-of-life motors and hard drives; brownfield chemical-park site.',
   'approved', null, '04', '4'),
  ('08', 'Sonora Lithium Clay Project', 'mining', '{lithium}', 'MX', 29.8000, -109.1400,
   'feasibility', 90000000000, 30000000000, 'USD', 'Water-use permit pending in an arid basin.',
   'rejected',
   'Water-use permit and community consultation not yet demonstrated; resubmission welcome once granted.',
   '08', '2'),
  ('09', 'Gwangyang NdFeB Alloy Plant', 'magnets', '{NdPr}', 'KR', 34.9407, 127.6959,
   'construction', 210000000000, 60000000000, 'KRW',
   'Strip-casting furnaces on the steelworks'' renewable power contract.', 'approved', null, '09', '3'),
  ('10', 'Gulf Coast Gallium & Germanium Recovery', 'refining', '{gallium,germanium}', 'US', 29.7355,
   -94.9774, 'feasibility', 32000000000, 12000000000, 'USD',
   'Recovers gallium and germanium from alumina and zinc refinery residues.', 'approved', null, '11', '4'),
  ('11', 'Teesside Lithium Hydroxide Refinery', 'refining', '{lithium}', 'GB', 54.5800, -1.1800,
   'production', 25000000000, 5000000000, 'GBP', 'Lime-free process; carbon capture on the kiln.',
   'completed', null, '10', '4'),
  ('12', 'Visakhapatnam Rare Earth Magnet Park', 'magnets', '{NdPr,Dy}', 'IN', 17.6868, 83.2185,
   'concept', 40000000000, 10000000000, 'USD', 'Coastal zoning review pending.', 'cancelled', null, '11', '3')
) as p (n, name, segment, minerals, host, lat, lon, stage, capex, sought, currency, esg, status, reason, reg,
        sponsor);

insert into public.projects (id, partnership_id, name, segment, minerals, host_country, latitude, longitude,
                             stage, capex_minor, funding_sought_minor, currency, esg_notes, status,
                             registering_member_id, sponsor_organisation_id)
values
  ('f2000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002',
   'Townsville Nickel-Cobalt Refinery', 'refining', '{nickel,cobalt}', 'AU', -19.2590, 146.8169,
   'construction', 150000000000, 40000000000, 'AUD', 'Imports ore under a traceability standard.',
   'approved', 'b2000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-000000000001'),
  ('f2000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000002',
   'Atacama Lithium Brine Expansion', 'mining', '{lithium}', 'CL', -23.5000, -68.2000,
   'feasibility', 120000000000, 30000000000, 'USD', 'Direct lithium extraction with brine reinjection.',
   'submitted', 'b2000000-0000-4000-8000-000000000005', null);

------------------------------------------------------------------------------------------------------------
-- Milestones (on the reference day four need attention: 09 and 19 at risk, 12 delayed, and 09, 12, 16 overdue)
------------------------------------------------------------------------------------------------------------
insert into public.milestones (id, partnership_id, project_id, title, due_date, status, position, notes,
                               completed_at)
select ('5a000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000001',
       ('f1000000-0000-4000-8000-0000000000' || p)::uuid, title,
       due::date + current_setting('lodestone.seed_shift')::int, status, pos, notes,
       case when status = 'done'
            then (due::date + current_setting('lodestone.seed_shift')::int - 3)::timestamptz end
from (values
  ('01', '01', 'Environmental approval granted', '2026-03-31', 'done', 0, null),
  ('02', '01', 'Processing plant EPC contract awarded', '2026-12-15', 'in_progress', 1,
   'Two bidders shortlisted.'),
  ('03', '01', 'First mixed rare earth concentrate shipped', '2027-09-30', 'planned', 2, null),
  ('04', '02', 'Front-end engineering design complete', '2026-05-29', 'done', 0, null),
  ('05', '02', 'Pilot separation circuit commissioned', '2027-02-26', 'in_progress', 1,
   'Leach circuit mechanically complete.'),
  ('06', '02', 'First commercial NdPr oxide', '2028-03-31', 'planned', 2, null),
  ('07', '03', 'Scoping study', '2027-06-30', 'planned', 0, null),
  ('08', '04', 'Line 1 presses installed', '2026-06-30', 'done', 0, null),
  ('09', '04', 'Automotive customer qualification', '2026-10-30', 'at_risk', 1,
   'Coercivity variance found in the second audit.'),
  ('10', '04', 'Line 2 ramp-up to 3,000 t a year', '2027-12-17', 'planned', 2, null),
  ('11', '05', 'Mining lease granted', '2025-11-28', 'done', 0, null),
  ('12', '05', 'Concentrator construction complete', '2026-09-30', 'delayed', 1,
   'Winter road closed three weeks early.'),
  ('13', '05', 'First spodumene concentrate', '2027-11-30', 'planned', 2, null),
  ('14', '06', 'Pilot anode qualification', '2027-03-31', 'planned', 0, null),
  ('15', '07', 'Scrap collection agreements signed', '2026-04-30', 'done', 0, null),
  ('16', '07', 'Hydrometallurgy pilot running', '2026-11-13', 'in_progress', 1, 'Solvent replaced.'),
  ('17', '07', 'Demonstration plant commissioned', '2028-06-30', 'planned', 2, null),
  ('18', '08', 'Definitive feasibility study', '2026-08-31', 'cancelled', 0, null),
  ('19', '09', 'Strip-casting furnace commissioned', '2027-01-29', 'at_risk', 0,
   'Furnace lining delivery slipped.'),
  ('20', '09', 'First alloy shipments to magnet makers', '2027-10-29', 'planned', 1, null),
  ('21', '10', 'Recovery circuit design frozen', '2026-07-31', 'done', 0, null),
  ('22', '10', 'Demonstration unit producing 4N gallium', '2027-04-30', 'in_progress', 1, null),
  ('23', '11', 'Refinery commissioning', '2026-02-27', 'done', 0, null),
  ('24', '11', 'Battery-grade hydroxide qualified', '2026-09-30', 'done', 1, null),
  ('25', '12', 'Land acquisition', '2026-12-31', 'cancelled', 0, null)
) as m (n, p, title, due, status, pos, notes);

insert into public.milestones (id, partnership_id, project_id, title, due_date, status, position)
select id::uuid, 'a1000000-0000-4000-8000-000000000002', 'f2000000-0000-4000-8000-000000000001', title,
       due::date + current_setting('lodestone.seed_shift')::int, status, pos
from (values
  ('5b000000-0000-4000-8000-000000000001', 'Autoclave installed', '2027-03-31', 'in_progress', 0),
  ('5b000000-0000-4000-8000-000000000002', 'First mixed hydroxide precipitate', '2027-11-30', 'planned', 1)
) as m (id, title, due, status, pos);

insert into public.milestone_updates (id, partnership_id, milestone_id, note, status_change, evidence_url)
select ('5c000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000001',
       ('5a000000-0000-4000-8000-0000000000' || m)::uuid, note, change, url
from (values
  ('01', '05', 'Leach circuit mechanically complete; commissioning crews on site.', 'in_progress',
   'https://evidence.demo.lodestone.example/pilbara/leach-circuit.pdf'),
  ('02', '09', 'Second automotive audit found coercivity variance; corrective plan filed.', 'at_risk',
   'https://evidence.demo.lodestone.example/kitakyushu/audit-2.pdf'),
  ('03', '12', 'Concentrator delayed by the early winter road closure.', 'delayed', null),
  ('04', '16', 'Pilot restarted after the solvent was replaced.', 'in_progress', null),
  ('05', '07', 'Terms of reference for the scoping study drafted.', null, null)
) as u (n, m, note, change, url);

------------------------------------------------------------------------------------------------------------
-- Pledges (amounts in minor units of their currency; JPY and KRW have none)
------------------------------------------------------------------------------------------------------------
insert into public.pledges (id, partnership_id, project_id, member_id, amount_minor, currency, instrument,
                            status, conditions, cofunding_rule, withdrawal_reason, committed_at)
select ('9a000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000001',
       ('f1000000-0000-4000-8000-0000000000' || p)::uuid, ('b1000000-0000-4000-8000-0000000000' || m)::uuid,
       amount, currency, instrument, status, conditions, rule::jsonb, reason,
       committed::timestamptz + make_interval(days => current_setting('lodestone.seed_shift')::int)
from (values
  ('01', '02', '07', 3000000000, 'JPY', 'loan', 'committed',
   'Offtake priority for Japanese magnet makers on 30% of NdPr oxide output.', null, null,
   '2026-06-15 10:00:00+00'),
  ('02', '04', '07', 1500000000, 'JPY', 'grant', 'disbursing', null, null, null, '2026-03-10 10:00:00+00'),
  ('03', '01', '07', 800000000, 'JPY', 'equity', 'draft', 'Subject to cabinet approval.', null, null, null),
  ('04', '01', '01', 5000000000, 'AUD', 'grant', 'committed', null,
   '{"kind": "min_other_members", "n": 2}', null, '2026-05-20 10:00:00+00'),
  ('05', '02', '01', 2500000000, 'AUD', 'loan', 'draft', 'Concessional rate under review.', null, null, null),
  ('06', '02', '11', 3500000000, 'USD', 'loan', 'committed', null,
   '{"kind": "match", "ratio": {"numerator": 1, "denominator": 1}, "cap_minor": 2500000000}', null,
   '2026-07-01 10:00:00+00'),
  ('07', '10', '11', 3000000000, 'USD', 'grant', 'disbursing', null, null, null, '2026-08-12 10:00:00+00'),
  ('08', '07', '03', 2000000000, 'EUR', 'grant', 'committed', 'Under the Critical Raw Materials Act.',
   '{"kind": "min_cofunding", "amount_minor": 1000000000, "currency": "USD"}', null,
   '2026-09-03 10:00:00+00'),
  ('09', '05', '02', 3500000000, 'CAD', 'equity', 'fulfilled', null, null, null, '2026-01-20 10:00:00+00'),
  ('10', '11', '10', 1200000000, 'GBP', 'grant', 'fulfilled', null, null, null, '2025-12-05 10:00:00+00'),
  ('11', '09', '09', 20000000000, 'KRW', 'loan', 'committed', null, null, null, '2026-10-02 10:00:00+00'),
  ('12', '07', '05', 800000000, 'EUR', 'guarantee', 'withdrawn', null, null,
   'Guarantee facility reallocated by the federal budget committee.', '2026-04-14 10:00:00+00'),
  ('13', '07', '04', 500000000, 'EUR', 'offtake', 'draft', 'Offtake of recycled oxide at market price.',
   null, null, null),
  ('14', '04', '06', 300000000, 'EUR', 'grant', 'withdrawn', null, null,
   'Superseded by a national programme before commitment.', null),
  ('15', '06', '02', 1000000000, 'CAD', 'grant', 'draft', 'Pending Treasury Board approval.', null, null,
   null)
) as p (n, p, m, amount, currency, instrument, status, conditions, rule, reason, committed);

insert into public.pledges (id, partnership_id, project_id, member_id, amount_minor, currency, instrument,
                            status, committed_at)
select id::uuid, 'a1000000-0000-4000-8000-000000000002', 'f2000000-0000-4000-8000-000000000001', m::uuid,
       amount, currency, instrument, status,
       committed::timestamptz + make_interval(days => current_setting('lodestone.seed_shift')::int)
from (values
  ('9b000000-0000-4000-8000-000000000001', 'b2000000-0000-4000-8000-000000000002', 2000000000, 'JPY', 'loan',
   'committed', '2026-09-01 10:00:00+00'),
  ('9b000000-0000-4000-8000-000000000002', 'b2000000-0000-4000-8000-000000000003', 5000000000, 'KRW', 'grant',
   'draft', null)
) as p (id, m, amount, currency, instrument, status, committed);

-- The United States raised its Pilbara loan after the cost review: a recorded amendment, then the amount.
insert into public.pledge_amendments (id, partnership_id, pledge_id, previous_amount_minor, new_amount_minor,
                                      reason)
values ('9c000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001',
        '9a000000-0000-4000-8000-000000000006', 3500000000, 4000000000,
        'Raised after the pilot circuit''s cost review.');
update public.pledges set amount_minor = 4000000000 where id = '9a000000-0000-4000-8000-000000000006';

------------------------------------------------------------------------------------------------------------
-- Tranches
------------------------------------------------------------------------------------------------------------
insert into public.tranches (id, partnership_id, pledge_id, milestone_id, amount_minor, due_date, status,
                             paid_at, payment_reference)
select ('7a000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000001',
       ('9a000000-0000-4000-8000-0000000000' || p)::uuid, ('5a000000-0000-4000-8000-0000000000' || m)::uuid,
       amount, due::date + current_setting('lodestone.seed_shift')::int, status,
       paid::timestamptz + make_interval(days => current_setting('lodestone.seed_shift')::int), ref
from (values
  ('01', '01', '05', 1000000000, '2027-03-31', 'scheduled', null, null),
  ('02', '01', '06', 2000000000, '2028-04-30', 'scheduled', null, null),
  ('03', '02', '08', 500000000, '2026-07-31', 'paid', '2026-07-20 08:00:00+00', 'JBIC-2026-0718'),
  ('04', '02', '09', 1000000000, '2026-11-30', 'scheduled', null, null),
  ('05', '03', '02', 800000000, '2027-01-31', 'scheduled', null, null),
  ('06', '04', '02', 2000000000, '2027-01-15', 'scheduled', null, null),
  ('07', '04', '03', 3000000000, '2027-10-31', 'scheduled', null, null),
  ('08', '06', '04', 1500000000, '2026-06-30', 'requested', null, null),
  ('09', '06', '05', 2500000000, '2027-03-31', 'scheduled', null, null),
  ('10', '07', '21', 1000000000, '2026-08-31', 'paid', '2026-08-28 08:00:00+00', 'USDOE-GG-0041'),
  ('11', '07', '22', 2000000000, '2027-05-31', 'scheduled', null, null),
  ('12', '08', '16', 2000000000, '2026-12-31', 'scheduled', null, null),
  ('13', '09', '11', 1500000000, '2025-12-15', 'paid', '2025-12-12 08:00:00+00', 'CIB-LI-2025-112'),
  ('14', '09', '12', 2000000000, '2026-10-15', 'paid', '2026-10-14 08:00:00+00', 'CIB-LI-2026-087'),
  ('15', '10', '23', 1200000000, '2026-03-15', 'paid', '2026-03-13 08:00:00+00', 'UKEF-TS-0312'),
  ('16', '11', '19', 20000000000, '2027-02-26', 'scheduled', null, null),
  ('17', '05', '05', 2500000000, '2027-03-31', 'scheduled', null, null)
) as t (n, p, m, amount, due, status, paid, ref);

insert into public.tranches (id, partnership_id, pledge_id, milestone_id, amount_minor, due_date)
values
  ('7b000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002',
   '9b000000-0000-4000-8000-000000000001', '5b000000-0000-4000-8000-000000000001', 2000000000,
   date '2027-04-30' + current_setting('lodestone.seed_shift')::int);

------------------------------------------------------------------------------------------------------------
-- FX rates: units of the reporting currency per unit of the currency (major units), dated
------------------------------------------------------------------------------------------------------------
insert into public.fx_rates (partnership_id, currency, rate, as_of)
select 'a1000000-0000-4000-8000-000000000001', currency, rate,
       as_of::date + current_setting('lodestone.seed_shift')::int
from (values
  ('EUR', 1.1580, '2026-11-20'), ('JPY', 0.0065200, '2026-11-20'), ('AUD', 0.6540, '2026-11-20'),
  ('CAD', 0.7150, '2026-11-20'), ('GBP', 1.3120, '2026-11-20'), ('KRW', 0.00068400, '2026-11-20'),
  ('EUR', 1.1630, '2026-10-30'), ('JPY', 0.0066100, '2026-10-30'), ('AUD', 0.6580, '2026-10-30'),
  ('CAD', 0.7190, '2026-10-30'), ('GBP', 1.3270, '2026-10-30'), ('KRW', 0.00069000, '2026-10-30')
) as r (currency, rate, as_of);

insert into public.fx_rates (partnership_id, currency, rate, as_of)
select 'a1000000-0000-4000-8000-000000000002', currency, rate,
       as_of::date + current_setting('lodestone.seed_shift')::int
from (values
  ('USD', 1.5290, '2026-11-20'),
  ('JPY', 0.0099700, '2026-11-20'),
  ('KRW', 0.00104600, '2026-11-20')
) as r (currency, rate, as_of);

------------------------------------------------------------------------------------------------------------
-- Resilience (issue 19): what each project will produce, and the supply links between projects.
-- Years and whole numbers only. The unit of each output comes from the reference data (a trigger), so the
-- capacities are in tonnes of the reference group's measure (t REO, t magnet rare earth elements, t Li
-- content, t sintered NdFeB…; gallium in kg). Fixed ids: outputs 6a…/6c…, links 6b….
-- The Darwin refinery is Japan's draft: its output and its link count only for Japan and its sponsor.
-- A chain for rare earths: the Kalgoorlie mine feeds the Pilbara separation plant (signed), which sells
-- NdPr oxide to the Kitakyushu magnet line (MoU) and is negotiating with the Gwangyang alloy plant.
------------------------------------------------------------------------------------------------------------
insert into public.project_outputs (id, partnership_id, project_id, mineral, stage, capacity_per_year,
                                    first_output_year)
select ('6a000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000001',
       ('f1000000-0000-4000-8000-0000000000' || p)::uuid, mineral, stage, capacity, first_year
from (values
  ('01', '01', 'rare_earths', 'mining', 12000, 2027),
  ('02', '02', 'rare_earths', 'refining', 3000, 2028),
  ('03', '03', 'rare_earths', 'refining', 1200, 2030),
  ('04', '04', 'rare_earths', 'magnets', 3000, 2027),
  ('05', '05', 'lithium', 'mining', 8000, 2028),
  ('06', '06', 'graphite', 'refining', 20000, 2029),
  ('07', '07', 'rare_earths', 'refining', 500, 2028),
  ('08', '08', 'lithium', 'mining', 17500, 2029),
  ('09', '09', 'rare_earths', 'magnets', 5000, 2027),
  ('10', '10', 'gallium', 'refining', 50000, 2028),
  ('11', '11', 'lithium', 'refining', 2000, 2026),
  ('12', '12', 'rare_earths', 'magnets', 2000, 2029)
) as o (n, p, mineral, stage, capacity, first_year);

insert into public.project_outputs (id, partnership_id, project_id, mineral, stage, capacity_per_year,
                                    first_output_year)
values
  ('6c000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002',
   'f2000000-0000-4000-8000-000000000001', 'nickel', 'refining', 30000, 2028),
  ('6c000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000002',
   'f2000000-0000-4000-8000-000000000001', 'cobalt', 'refining', 3000, 2028),
  ('6c000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000002',
   'f2000000-0000-4000-8000-000000000002', 'lithium', 'mining', 10000, 2029);

insert into public.project_links (id, partnership_id, supplier_project_id, buyer_project_id, mineral, kind,
                                  tonnes_per_year, status)
select ('6b000000-0000-4000-8000-0000000000' || n)::uuid, 'a1000000-0000-4000-8000-000000000001',
       ('f1000000-0000-4000-8000-0000000000' || supplier)::uuid,
       ('f1000000-0000-4000-8000-0000000000' || buyer)::uuid, 'rare_earths', kind, tonnes, status
from (values
  ('01', '01', '02', 'feedstock', 10000, 'signed'),
  ('02', '02', '04', 'offtake', 900, 'mou'),
  ('03', '02', '09', 'offtake', 600, 'under_negotiation'),
  ('04', '01', '03', 'feedstock', 2000, 'under_negotiation')
) as l (n, supplier, buyer, kind, tonnes, status);

-- How the demo people are known to their partners (ADR 092): the names they signed up with, and their
-- organisations, on their profiles.
update public.profiles p set display_name = v.display_name, organisation = v.organisation
from (values
  ('secretariat@demo.lodestone.example', 'Amara Okafor', 'Critical Minerals Ministerial Secretariat'),
  ('delegate.jp@demo.lodestone.example', 'Haruto Sato', 'Ministry of Economy, Trade and Industry'),
  ('delegate.au@demo.lodestone.example', 'Olivia Nguyen', 'Department of Industry, Science and Resources'),
  ('delegate.us@demo.lodestone.example', 'Marcus Bell', 'U.S. Department of State'),
  ('sponsor@demo.lodestone.example', 'Grace Whitfield', 'Austral Rare Earths Ltd'),
  ('observer@demo.lodestone.example', 'Lena Fischer', 'International Energy Agency'),
  ('two.hats@demo.lodestone.example', 'Jean-Luc Tremblay', 'Natural Resources Canada'),
  ('secretariat@pacific.lodestone.example', 'Mele Tupou', 'Pacific Battery Metals Forum Secretariat'),
  ('sponsor.northern@demo.lodestone.example', 'Ryan MacLeod', 'Northern Shield Lithium & Graphite Inc.'),
  ('former.delegate.de@demo.lodestone.example', 'Katrin Vogel',
   'Federal Ministry for Economic Affairs and Climate Action')
) as v (email, display_name, organisation)
where p.email = v.email;

------------------------------------------------------------------------------------------------------------
-- Technology sharing, national actions and meetings (issue 13). Fixed ids: offers 8a…, requests 8b…, national
-- actions 8c… (the Pacific forum's 8d…), expressions of interest 8e…, meetings 8f…, presentations 4a….
-- Each item's audience is its government's choice (rule 8 of docs/security-model.md):
--   Japan offers its heavy rare earth separation to Canada and France only (the secretariat not ticked), and
--   Canada has expressed interest; Japan's grain-boundary diffusion offer and its Dy-free research programme are
--   private drafts. Canada shares its graphite purification with Australia and Japan and ticks the secretariat;
--   the United States shares its magnet tariff-rate quota with Japan alone. France's magnet recycling offer
--   turned into an agreement with Korea; Japan is in talks to answer Australia's separation request.
------------------------------------------------------------------------------------------------------------
insert into public.shared_items (id, partnership_id, item_type, owner_member_id, audience, includes_secretariat)
select id::uuid, 'a1000000-0000-4000-8000-000000000001', item_type,
       ('b1000000-0000-4000-8000-0000000000' || owner)::uuid, audience, secretariat
from (values
  ('8a000000-0000-4000-8000-000000000001', 'technology_offer', '07', 'chosen', false),
  ('8a000000-0000-4000-8000-000000000002', 'technology_offer', '04', 'partnership', false),
  ('8a000000-0000-4000-8000-000000000003', 'technology_offer', '11', 'partnership', false),
  ('8a000000-0000-4000-8000-000000000004', 'technology_offer', '07', 'private', false),
  ('8a000000-0000-4000-8000-000000000005', 'technology_offer', '02', 'chosen', true),
  ('8a000000-0000-4000-8000-000000000006', 'technology_offer', '09', 'partnership', false),
  ('8b000000-0000-4000-8000-000000000001', 'technology_request', '01', 'partnership', false),
  ('8b000000-0000-4000-8000-000000000002', 'technology_request', '07', 'partnership', false),
  ('8c000000-0000-4000-8000-000000000001', 'national_action', '07', 'partnership', false),
  ('8c000000-0000-4000-8000-000000000002', 'national_action', '01', 'partnership', false),
  ('8c000000-0000-4000-8000-000000000003', 'national_action', '02', 'chosen', true),
  ('8c000000-0000-4000-8000-000000000004', 'national_action', '11', 'chosen', false),
  ('8c000000-0000-4000-8000-000000000005', 'national_action', '07', 'private', false),
  ('8c000000-0000-4000-8000-000000000006', 'national_action', '04', 'partnership', false)
) as s (id, item_type, owner, audience, secretariat);

insert into public.shared_item_audiences (partnership_id, item_id, member_id)
select 'a1000000-0000-4000-8000-000000000001', item::uuid, ('b1000000-0000-4000-8000-0000000000' || member)::uuid
from (values
  ('8a000000-0000-4000-8000-000000000001', '02'), ('8a000000-0000-4000-8000-000000000001', '04'),
  ('8a000000-0000-4000-8000-000000000005', '01'), ('8a000000-0000-4000-8000-000000000005', '07'),
  ('8c000000-0000-4000-8000-000000000003', '07'), ('8c000000-0000-4000-8000-000000000003', '01'),
  ('8c000000-0000-4000-8000-000000000004', '07')
) as a (item, member);

insert into public.technology_offers (id, partnership_id, title, description, category, minerals, trl,
                                      holder_organisation, licensing_terms, export_controlled,
                                      export_control_regime, export_control_note, status, contact_membership_id)
select id::uuid, 'a1000000-0000-4000-8000-000000000001', title, description, category, minerals::text[], trl,
       holder, terms, controlled, regime, note, status, contact::uuid
from (values
  ('8a000000-0000-4000-8000-000000000001', 'Solvent-extraction separation of heavy rare earths',
   'A 60-stage mixer-settler flowsheet separating dysprosium and terbium oxides at 99.9% from mixed heavy rare earth carbonate, with solvent recovery above 98%.',
   'separation', '{Dy,Tb}', 8, 'Kansai Rare Earth Separation Institute',
   'Non-exclusive licence per plant; royalty on separated oxide; operators trained in Japan.', false, null, null,
   'open', 'e1000000-0000-4000-8000-000000000002'),
  ('8a000000-0000-4000-8000-000000000002', 'Hydrogen decrepitation of end-of-life magnets',
   'Turns scrap sintered magnets from motors and hard drives into powder ready for re-sintering, without dissolving them.',
   'recycling', '{NdPr,Dy}', 6, 'Aquitaine Magnet Recycling Consortium',
   'Licence with a joint pilot; terms agreed case by case.', false, null, null, 'agreed', null),
  ('8a000000-0000-4000-8000-000000000003', 'Gallium and germanium recovery from refinery residues',
   'Ion-exchange recovery of gallium from Bayer liquor and germanium from zinc leach residues, to 4N purity.',
   'processing', '{gallium,germanium}', 7, 'Gulf Coast Critical Metals Laboratory',
   'Exclusive licence per country for ten years.', true, 'Wassenaar Arrangement, category 1C',
   'The production technology needs a US export licence, applied for once terms are agreed.', 'open',
   'e1000000-0000-4000-8000-000000000004'),
  ('8a000000-0000-4000-8000-000000000004', 'Grain-boundary diffusion for low-dysprosium magnets',
   'Diffuses dysprosium along grain boundaries only, cutting its use by 40% at the same coercivity.',
   'magnet_manufacturing', '{NdPr,Dy}', 9, 'Hokuyo Magnetics K.K.', null, false, null, null, 'open',
   'e1000000-0000-4000-8000-000000000002'),
  ('8a000000-0000-4000-8000-000000000005', 'Fluoride-free purification of natural graphite',
   'Thermal and alkaline purification of spherical graphite to 99.95% carbon without hydrofluoric acid.',
   'processing', '{graphite}', 5, 'Northern Shield Lithium & Graphite Inc.',
   'Joint development agreement; licence terms after the pilot.', false, null, null, 'open',
   'e1000000-0000-4000-8000-000000000007'),
  ('8a000000-0000-4000-8000-000000000006', 'Ionic-liquid separation of dysprosium and terbium',
   'A bench-proven ionic-liquid extraction that needs a tenth of the stages of solvent extraction.',
   'separation', '{Dy,Tb}', 5, 'Gwangyang Advanced Materials Institute',
   'Research collaboration first, then a licence.', false, null, null, 'open', null)
) as o (id, title, description, category, minerals, trl, holder, terms, controlled, regime, note, status, contact);

insert into public.technology_requests (id, partnership_id, title, description, category, minerals, trl,
                                        holder_organisation, licensing_terms, status, contact_membership_id)
select id::uuid, 'a1000000-0000-4000-8000-000000000001', title, description, category, minerals::text[], trl,
       holder, terms, status, contact::uuid
from (values
  ('8b000000-0000-4000-8000-000000000001', 'Heavy rare earth separation at pilot scale',
   'A proven flowsheet to separate dysprosium and terbium at the Pilbara plant, at TRL 6 or above.',
   'separation', '{Dy,Tb}', 6, 'Australian Critical Minerals Facilitation Office',
   'A licence or a joint venture for a plant in Western Australia.', 'in_talks',
   'e1000000-0000-4000-8000-000000000003'),
  ('8b000000-0000-4000-8000-000000000002', 'Pre-processing of magnet scrap for recycling',
   'Dismantling and demagnetising motors and drives at scale before recycling.', 'recycling', '{NdPr}', 5,
   'Hokuyo Magnetics K.K.', null, 'open', 'e1000000-0000-4000-8000-000000000002')
) as r (id, title, description, category, minerals, trl, holder, terms, status, contact);

insert into public.national_actions (id, partnership_id, kind, title, summary, minerals, status, amount_minor,
                                     currency, starts_on, target_on, public_url)
select id::uuid, 'a1000000-0000-4000-8000-000000000001', kind, title, summary, minerals::text[], status, amount,
       currency, starts::date + current_setting('lodestone.seed_shift')::int,
       target::date + current_setting('lodestone.seed_shift')::int, url
from (values
  ('8c000000-0000-4000-8000-000000000001', 'investment', 'Economic security fund for rare earth separation',
   'Grants and equity for separation and magnet plants in Japan and in partner countries.', '{NdPr,Dy,Tb}',
   'under_way', 50000000000, 'JPY', '2025-04-01', '2030-03-31',
   'https://actions.demo.lodestone.example/jp/separation-fund'),
  ('8c000000-0000-4000-8000-000000000002', 'stockpile', 'Critical Minerals Strategic Reserve',
   'Offtake agreements and a national stockpile for rare earths and battery minerals.',
   '{NdPr,Dy,Tb,lithium,cobalt}', 'planned', 120000000000, 'AUD', '2027-01-01', '2028-06-30',
   'https://actions.demo.lodestone.example/au/strategic-reserve'),
  ('8c000000-0000-4000-8000-000000000003', 'permitting', 'One project, one review for critical minerals mines',
   'Federal and provincial assessments of critical minerals mines combined into one review with one timeline.',
   '{lithium,graphite,nickel}', 'under_way', null, null, '2026-01-15', '2027-12-31', null),
  ('8c000000-0000-4000-8000-000000000004', 'trade_measure', 'Tariff-rate quota on sintered NdFeB magnet imports',
   'A quota above which imported sintered magnets pay a higher tariff, with partner-country magnets exempt.',
   '{NdPr,Dy}', 'planned', null, null, '2027-07-01', null, null),
  ('8c000000-0000-4000-8000-000000000005', 'r_and_d', 'Dysprosium-free magnet research programme',
   'Five-year programme on cerium-substituted and dysprosium-free high-coercivity magnets.', '{NdPr,Dy}',
   'planned', 3000000000, 'JPY', '2027-04-01', '2032-03-31', null),
  ('8c000000-0000-4000-8000-000000000006', 'policy', 'Recycling obligation for magnets in motors',
   'Producers of electric motors must take back and recycle the magnets of the motors they sell.', '{NdPr,Dy,Tb}',
   'done', null, null, '2025-01-01', '2026-06-30', 'https://actions.demo.lodestone.example/fr/magnet-recycling')
) as a (id, kind, title, summary, minerals, status, amount, currency, starts, target, url);

insert into public.expressions_of_interest (id, partnership_id, item_id, member_id, message, status,
                                            terms_summary, agreed_on)
select id::uuid, 'a1000000-0000-4000-8000-000000000001', item::uuid,
       ('b1000000-0000-4000-8000-0000000000' || member)::uuid, message, status, terms,
       agreed::date + current_setting('lodestone.seed_shift')::int
from (values
  ('8e000000-0000-4000-8000-000000000001', '8a000000-0000-4000-8000-000000000001', '02',
   'Canada would like to license this flowsheet for a separation plant in Quebec, fed from James Bay concentrate.',
   'sent', null, null),
  ('8e000000-0000-4000-8000-000000000002', '8a000000-0000-4000-8000-000000000002', '09',
   'Korea would like to recycle swarf and end-of-life magnets from the Gwangyang alloy plant''s customers.',
   'agreed', 'Non-exclusive licence for one plant in Korea; 2% royalty on recovered oxide; joint pilot in 2027.',
   '2026-10-15'),
  ('8e000000-0000-4000-8000-000000000003', '8b000000-0000-4000-8000-000000000001', '07',
   'Japan can second separation engineers to the Pilbara pilot and share its flowsheet data.', 'in_talks', null,
   null)
) as e (id, item, member, message, status, terms, agreed);

insert into public.meetings (id, partnership_id, title, place, held_on)
select id::uuid, partnership::uuid, title, place, held::date + current_setting('lodestone.seed_shift')::int
from (values
  ('8f000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000001',
   'Fourth Critical Minerals Ministerial', 'Tokyo', '2026-10-20'),
  ('8f000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000001',
   'Fifth Critical Minerals Ministerial', 'Ottawa', '2027-04-14'),
  ('8f000000-0000-4000-8000-000000000003', 'a1000000-0000-4000-8000-000000000002',
   'Pacific Battery Metals Forum officials'' meeting', 'Brisbane', '2026-11-05')
) as m (id, partnership, title, place, held);

insert into public.meeting_presentations (id, partnership_id, meeting_id, action_id)
select id::uuid, 'a1000000-0000-4000-8000-000000000001', '8f000000-0000-4000-8000-000000000001', action::uuid
from (values
  ('4a000000-0000-4000-8000-000000000001', '8c000000-0000-4000-8000-000000000001'),
  ('4a000000-0000-4000-8000-000000000002', '8c000000-0000-4000-8000-000000000002'),
  ('4a000000-0000-4000-8000-000000000003', '8c000000-0000-4000-8000-000000000006')
) as p (id, action);

-- The Pacific forum's own national action, shared with its whole partnership (and nobody outside it).
insert into public.shared_items (id, partnership_id, item_type, owner_member_id, audience)
values ('8d000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'national_action',
        'b2000000-0000-4000-8000-000000000001', 'partnership');
insert into public.national_actions (id, partnership_id, kind, title, summary, minerals, status)
values ('8d000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'policy',
        'Battery metals offtake facilitation', 'A desk that matches Pacific nickel and cobalt refiners with buyers.',
        '{nickel,cobalt}', 'under_way');
