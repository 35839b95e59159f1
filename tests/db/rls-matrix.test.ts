/*
 * The RLS matrix: every table × role × select/insert/update/delete, each case in its own rolled-back
 * transaction, asserting the exact outcome: the number of rows seen or affected, or the refusal.
 * Roles are seen from the target project "Pilbara Rare Earth Separation Plant" (registered by Japan,
 * sponsored by Austral Rare Earths). Linked from docs/security-model.md.
 */
import type { TestDatabase } from "../support/database";
import { seededTargets } from "../support/exported";
import {
  attempt,
  demoUsers,
  expectOutcome,
  ids,
  matrixActors,
  type MatrixActor,
  type Outcome,
} from "../support/rls";
import { isoToday, seedDate } from "../support/seed-dates";

const D = "denied" as const;
const NOT_FOUND = /not found/;
/** The guard on kept_off_public (ADR 135): the sponsor and the secretariat may edit the row, not this column. */
const ONLY_REGISTERING = /Only the registering government may keep its project off/;
const FIXED = /registration is fixed once it is submitted/;
const CANNOT_GO = /cannot go from approved to submitted/;
const BY_WITHDRAWING = /cancelled by withdrawing its pledge/;
const CANCELLED = /cancelled tranche cannot change/;

/** Outcomes in the order of `actors`. */
type Row = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
const actors = Object.keys(matrixActors) as MatrixActor[];

interface Case {
  verb: string;
  sql: string;
  params?: unknown[];
  setup?: string;
  expected: Row;
}

/** The day the seed is loaded as; its EUR rate written 2026-11-20 is dated relative to it. */
const TODAY = isoToday();
const SEEDED_RATE_DAY = seedDate("2026-11-20", TODAY);

const cm = ids.cm;
const JP_DELEGATE = demoUsers.delegateJp.id;
const P02 = ids.project(2);
const freshSponsor = ids.fresh(1);
const overrideId = ids.fresh(19);
/** Setup that publishes the Critical Minerals Ministerial, for the anon cases of rule 7 (ADR 133). */
const publish = `update public.partnerships set is_published = true where id = '${cm}'`;
/** Setup that publishes and has Japan keep Pilbara off the public page (ADR 135), as the owner. */
const publishKeptOff = `${publish}; update public.projects set kept_off_public = true where id = '${ids.project(2)}'`;
const overrideSetup = `insert into public.world_total_overrides (id, partnership_id, mineral, stage, year,
  world_total, source) values ('${overrideId}', '${cm}', 'rare_earths', 'magnets', 2024, 240000,
  'Secretariat survey of magnet makers, 2025')`;

/** A new item of Japan's, created as the owner, for the insert cases of the item tables. */
const freshItem = ids.fresh(20);
const freshItemSetup = (
  type: string,
) => `insert into public.shared_items (id, partnership_id, item_type,
  owner_member_id) values ('${freshItem}', '${cm}', '${type}', '${ids.member.JP}')`;

/*
 * Collaboration rows (issue 14). Comments and documents are written as Japan's delegate whoever the case's actor
 * is (the stamp trigger takes the author from the claims), then the actor's claims are put back.
 */
const asJapan = (
  sql: string,
) => `select set_config('lodestone.case_claims', current_setting('request.jwt.claims', true), true),
  set_config('request.jwt.claims', '{"sub": "${JP_DELEGATE}", "role": "authenticated"}', true);
  ${sql};
  select set_config('request.jwt.claims', current_setting('lodestone.case_claims', true), true)`;
const commentOnP02 = ids.fresh(41);
const commentOnDraftPledge = ids.fresh(42);
const commentOnDraftProject = ids.fresh(43);
const commentSetup =
  asJapan(`insert into public.comments (id, partnership_id, subject_type, project_id, body)
    values ('${commentOnP02}', '${cm}', 'project', '${P02}', 'Has the solvent-extraction audit been shared?');
  insert into public.comments (id, partnership_id, subject_type, pledge_id, body)
    values ('${commentOnDraftPledge}', '${cm}', 'pledge', '${ids.pledge(3)}', 'Cabinet meets next week.');
  insert into public.comments (id, partnership_id, subject_type, project_id, body)
    values ('${commentOnDraftProject}', '${cm}', 'project', '${ids.project(3)}', 'Cyclone criteria first.')`);
const AU_DELEGATE = demoUsers.delegateAu.id;
const mentionSetup = `${commentSetup}; insert into public.comment_mentions (id, partnership_id, comment_id,
  mentioned_user_id) values ('${ids.fresh(44)}', '${cm}', '${commentOnP02}', '${AU_DELEGATE}')`;
const documentOnP02 = ids.fresh(45);
const documentOnDraftProject = ids.fresh(46);
const SHA = "a".repeat(64);
const documentSetup =
  asJapan(`insert into public.attachments (id, partnership_id, subject_type, project_id, name,
    size_bytes, content_type, sha256, storage_key)
    values ('${documentOnP02}', '${cm}', 'project', '${P02}', 'feasibility-study.pdf', 1024, 'application/pdf',
      '${SHA}', 'rls/${documentOnP02}'),
      ('${documentOnDraftProject}', '${cm}', 'project', '${ids.project(3)}', 'site-screening.pdf', 2048,
      'application/pdf', '${SHA}', 'rls/${documentOnDraftProject}')`);
const newDocument = (
  project: string,
) => `insert into public.attachments (partnership_id, subject_type, project_id,
  name, size_bytes, content_type, sha256, storage_key) values ('${cm}', 'project', '${project}', 'term-sheet.pdf',
  10, 'application/pdf', '${SHA}', 'rls/new-' || gen_random_uuid()) returning id`;
/** A notification for the case's actor (Japan's delegate for anon), and one for Japan's delegate alone. */
const ME = `coalesce(auth.uid(), '${JP_DELEGATE}')`;
const notificationSetup = `insert into public.notifications (id, partnership_id, recipient_id, category, kind,
    subject_type, subject_id, project_id, event_key) values
  ('${ids.fresh(47)}', '${cm}', ${ME}, 'projects', 'project_approved', 'project', '${P02}', '${P02}', 'rls:mine'),
  ('${ids.fresh(48)}', '${cm}', '${JP_DELEGATE}', 'projects', 'project_approved', 'project', '${P02}', '${P02}',
   'rls:japan'),
  ('${ids.fresh(49)}', '${cm}', ${ME}, 'pledges', 'pledge_amended', 'pledge', '${ids.pledge(3)}', '${ids.project(1)}',
   'rls:draft')`;
const preferencesSetup = `insert into public.notification_preferences (user_id, digest) values (${ME}, 'weekly')
  on conflict (user_id) do nothing;
  insert into public.notification_preferences (user_id, digest) values ('${JP_DELEGATE}', 'weekly')
  on conflict (user_id) do nothing`;
const MENTION_REFUSED = /The person mentioned cannot see what this comment is about/;
/* Billing anomalies (ADR 068): one of this partnership's, one of the Pacific partnership's, one of nobody's. */
const anomalyId = ids.fresh(30);
const anomalyEvent = `insert into public.stripe_events (id, type, created, payload)
  values ('evt_matrixAnomaly', 'invoice.paid', now(), '{}')`;
const anomalySetup = `${anomalyEvent};
  insert into public.billing_anomalies (id, partnership_id, kind, stripe_event_id, stripe_invoice_id,
    amount_minor, currency, occurred_at) values
  ('${anomalyId}', '${cm}', 'unknown_invoice_paid', 'evt_matrixAnomaly', 'in_matrixAnomaly1', 100, 'USD', now()),
  ('${ids.fresh(31)}', '${ids.pb}', 'unknown_invoice_paid', 'evt_matrixAnomaly', 'in_matrixAnomaly2', 100, 'USD', now()),
  ('${ids.fresh(32)}', null, 'unknown_invoice_paid', 'evt_matrixAnomaly', 'in_matrixAnomaly3', 100, 'USD', now())`;

const matrix: Record<string, Case[]> = {
  partnerships: [
    {
      verb: "select",
      sql: "select id from public.partnerships where id = $1",
      params: [cm],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "insert",
      sql: "insert into public.partnerships (slug, name, reporting_currency) values ('rls-test', 'RLS test', 'USD') returning id",
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.partnerships set name = name where id = $1 returning id",
      params: [cm],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.partnerships where id = $1 returning id",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  members: [
    {
      verb: "select",
      sql: "select id from public.members where id = $1",
      params: [ids.member.JP],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select once the partnership publishes",
      sql: "select id, iati_org_ref from public.members where id = $1",
      params: [ids.member.JP],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "select the billing address once the partnership publishes",
      sql: "select billing_email from public.members where id = $1",
      params: [ids.member.JP],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.members (partnership_id, code, name) values ($1, 'NZ', 'New Zealand') returning id",
      params: [cm],
      expected: [D, D, D, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.members set billing_email = 'treasury@example.org' where id = $1 returning id",
      params: [ids.member.JP],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "update the IATI organisation identifier",
      sql: "update public.members set iati_org_ref = 'XM-DAC-701-8' where id = $1 returning id",
      params: [ids.member.JP],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.members where id = $1 returning id",
      params: [ids.member.IN],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
  ],
  sponsor_organisations: [
    {
      verb: "select",
      sql: "select id from public.sponsor_organisations where id = $1",
      params: [ids.sponsor.austral],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select a published project's sponsor once the partnership publishes",
      sql: "select id from public.sponsor_organisations where id = $1",
      params: [ids.sponsor.austral],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "select a sponsor of no published project once the partnership publishes",
      sql: "select id from public.sponsor_organisations where id = $1",
      params: [freshSponsor],
      setup: `${publish}; insert into public.sponsor_organisations (id, partnership_id, name, country)
              values ('${freshSponsor}', '${cm}', 'Unlisted Metals Ltd', 'NZ')`,
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "insert",
      sql: "insert into public.sponsor_organisations (partnership_id, name, country) values ($1, 'Tasman Tungsten Ltd', 'NZ') returning id",
      params: [cm],
      expected: [D, D, D, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.sponsor_organisations set name = name where id = $1 returning id",
      params: [ids.sponsor.austral],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.sponsor_organisations where id = $1 returning id",
      params: [freshSponsor],
      setup: `insert into public.sponsor_organisations (id, partnership_id, name, country)
              values ('${freshSponsor}', '${cm}', 'Disposable Metals Ltd', 'NZ')`,
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
  ],
  memberships: [
    {
      verb: "select",
      sql: "select id from public.memberships where id = $1",
      params: [ids.membership.delegateAu],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.memberships (partnership_id, user_id, role) values ($1, 'd0000000-0000-4000-8000-000000000008', 'observer') returning id",
      params: [cm],
      expected: [D, D, D, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.memberships set status = 'revoked' where id = $1 returning id",
      params: [ids.membership.observer],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.memberships where id = $1 returning id",
      params: [ids.membership.observer],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
  ],
  projects: [
    {
      verb: "select",
      sql: "select id from public.projects where id = $1",
      params: [P02],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select a draft",
      sql: "select id from public.projects where id = $1",
      params: [ids.project(3)],
      expected: [1, 0, 1, 0, 0, 0, 0, 0],
    },
    {
      verb: "select its parties once the partnership publishes",
      sql: "select registering_member_id, sponsor_organisation_id, created_at from public.projects where id = $1",
      params: [P02],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "select its decision once the partnership publishes",
      sql: "select decision_reason from public.projects where id = $1",
      params: [P02],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select once published but kept off by its government",
      sql: "select id from public.projects where id = $1",
      params: [P02],
      setup: publishKeptOff,
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select whether it is kept off, once the partnership publishes",
      sql: "select kept_off_public from public.projects where id = $1",
      params: [P02],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "update kept off the public page",
      sql: "update public.projects set kept_off_public = true where id = $1 returning id",
      params: [P02],
      expected: [1, 0, ONLY_REGISTERING, 0, ONLY_REGISTERING, 0, 0, D],
    },
    {
      verb: "insert",
      sql: `insert into public.projects (partnership_id, name, segment, minerals, host_country, stage, currency,
              registering_member_id)
            values ($1, 'Test mine', 'mining', '{lithium}', 'AU', 'concept', 'AUD', $2) returning id`,
      params: [cm, ids.member.JP],
      expected: [1, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.projects set esg_notes = esg_notes || ' Reviewed.' where id = $1 returning id",
      params: [P02],
      expected: [1, 0, 1, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.projects where id = $1 returning id",
      params: [ids.project(3)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      // Bécancour (Canada's, Northern's), under review: its registration is fixed (ADR 110).
      verb: "update a submitted project's registration",
      sql: "update public.projects set name = name || ' (revised)' where id = $1 returning id",
      params: [ids.project(6)],
      expected: [0, 0, 0, FIXED, FIXED, 0, 0, D],
    },
    {
      // Sonora (Mexico's, Northern's), rejected: revised by its parties before resubmission.
      verb: "update a rejected project's registration",
      sql: "update public.projects set name = name || ' (revised)' where id = $1 returning id",
      params: [ids.project(8)],
      expected: [0, 0, 0, 1, 1, 0, 0, D],
    },
    {
      verb: "take back a decision made just now",
      setup: `update public.projects set decided_at = now() where id = '${ids.project(8)}'`,
      sql: "update public.projects set status = 'submitted' where id = $1 returning id",
      params: [ids.project(8)],
      expected: [0, 0, 0, /registering government/, 1, 0, 0, D],
    },
    {
      verb: "take back a decision made long ago",
      setup: `update public.projects set decided_at = now() - interval '1 hour' where id = '${P02}'`,
      sql: "update public.projects set status = 'submitted' where id = $1 returning id",
      params: [P02],
      expected: [CANNOT_GO, 0, CANNOT_GO, 0, /only within/, 0, 0, D],
    },
  ],
  milestones: [
    {
      verb: "select",
      sql: "select id from public.milestones where id = $1",
      params: [ids.milestone(5)],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select a draft project's",
      sql: "select id from public.milestones where id = $1",
      params: [ids.milestone(7)],
      expected: [1, 0, 1, 0, 0, 0, 0, 0],
    },
    {
      verb: "select the dates once the partnership publishes",
      sql: "select due_date, status, completed_at from public.milestones where id = $1",
      params: [ids.milestone(5)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "select the notes once the partnership publishes",
      sql: "select notes from public.milestones where id = $1",
      params: [ids.milestone(5)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select the titles once the partnership publishes",
      sql: "select title, position, updated_at from public.milestones where id = $1",
      params: [ids.milestone(5)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "select a kept-off project's titles once the partnership publishes",
      sql: "select title from public.milestones where project_id = $1 limit 1",
      params: [P02],
      setup: publishKeptOff,
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select a draft project's dates once the partnership publishes",
      sql: "select due_date from public.milestones where id = $1",
      params: [ids.milestone(7)],
      setup: publish,
      expected: [1, 0, 1, 0, 0, 0, 0, 0],
    },
    {
      verb: "insert",
      sql: "insert into public.milestones (partnership_id, project_id, title, due_date) values ($1, $2, 'Test', '2027-06-30') returning id",
      params: [cm, P02],
      expected: [1, D, 1, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.milestones set notes = 'On track.' where id = $1 returning id",
      params: [ids.milestone(5)],
      expected: [1, 0, 1, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.milestones where id = $1 returning id",
      params: [ids.milestone(6)],
      expected: [1, 0, 1, 0, 1, 0, 0, D],
    },
  ],
  milestone_updates: [
    {
      verb: "select",
      sql: "select id from public.milestone_updates where id = $1",
      params: [ids.milestoneUpdate(1)],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.milestone_updates (partnership_id, milestone_id, note) values ($1, $2, 'Site visit done.') returning id",
      params: [cm, ids.milestone(5)],
      expected: [1, D, 1, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.milestone_updates set note = 'Rewritten.' where id = $1 returning id",
      params: [ids.milestoneUpdate(1)],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.milestone_updates where id = $1 returning id",
      params: [ids.milestoneUpdate(1)],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  pledges: [
    {
      verb: "select a committed one",
      sql: "select id from public.pledges where id = $1",
      params: [ids.pledge(1)],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select Japan's draft",
      sql: "select id from public.pledges where id = $1",
      params: [ids.pledge(3)],
      expected: [1, 0, 0, 0, 0, 0, 0, 0],
    },
    {
      verb: "select Australia's draft",
      sql: "select id from public.pledges where id = $1",
      params: [ids.pledge(5)],
      expected: [0, 1, 0, 0, 0, 0, 0, 0],
    },
    {
      verb: "select one withdrawn before commitment",
      sql: "select id from public.pledges where id = $1",
      params: [ids.pledge(14)],
      expected: [0, 0, 0, 0, 0, 0, 0, 0],
    },
    {
      verb: "select one withdrawn after commitment",
      sql: "select id from public.pledges where id = $1",
      params: [ids.pledge(12)],
      expected: [1, 1, 0, 0, 1, 1, 0, 0],
    },
    {
      verb: "select a committed one once the partnership publishes",
      sql: "select id, amount_minor, committed_at from public.pledges where id = $1",
      params: [ids.pledge(1)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "select its conditions once the partnership publishes",
      sql: "select conditions from public.pledges where id = $1",
      params: [ids.pledge(1)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select a conditional one once the partnership publishes",
      sql: "select id from public.pledges where id = $1",
      params: [ids.pledge(4)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select Japan's draft once the partnership publishes",
      sql: "select id from public.pledges where id = $1",
      params: [ids.pledge(3)],
      setup: publish,
      expected: [1, 0, 0, 0, 0, 0, 0, 0],
    },
    {
      verb: "select one withdrawn after commitment once the partnership publishes",
      sql: "select id from public.pledges where id = $1",
      params: [ids.pledge(12)],
      setup: publish,
      expected: [1, 1, 0, 0, 1, 1, 0, 0],
    },
    {
      verb: "insert",
      sql: `insert into public.pledges (partnership_id, project_id, member_id, amount_minor, currency, instrument)
            values ($1, $2, $3, 1000000, 'JPY', 'grant') returning id`,
      params: [cm, P02, ids.member.JP],
      expected: [1, D, D, D, D, D, D, D],
    },
    {
      verb: "update a draft",
      sql: "update public.pledges set conditions = 'Revised.' where id = $1 returning id",
      params: [ids.pledge(3)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "delete a draft",
      sql: "delete from public.pledges where id = $1 returning id",
      params: [ids.pledge(3)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
  ],
  pledge_amendments: [
    {
      verb: "select",
      sql: "select id from public.pledge_amendments where id = $1",
      params: [ids.amendment(1)],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: `insert into public.pledge_amendments (partnership_id, pledge_id, previous_amount_minor,
              new_amount_minor, reason)
            values ($1, $2, 1, 3200000000, 'Cost review.') returning id`,
      params: [cm, ids.pledge(1)],
      expected: [1, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.pledge_amendments set reason = 'Rewritten.' where id = $1 returning id",
      params: [ids.amendment(1)],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.pledge_amendments where id = $1 returning id",
      params: [ids.amendment(1)],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  tranches: [
    {
      verb: "select a committed pledge's",
      sql: "select id from public.tranches where id = $1",
      params: [ids.tranche(1)],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select a draft pledge's",
      sql: "select id from public.tranches where id = $1",
      params: [ids.tranche(5)],
      expected: [1, 0, 0, 0, 0, 0, 0, 0],
    },
    {
      verb: "select a paid one once the partnership publishes",
      sql: "select id, amount_minor, paid_at from public.tranches where id = $1",
      params: [ids.tranche(3)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "select a scheduled one once the partnership publishes",
      sql: "select id from public.tranches where id = $1",
      params: [ids.tranche(1)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select a payment reference once the partnership publishes",
      sql: "select payment_reference from public.tranches where id = $1",
      params: [ids.tranche(3)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.tranches (partnership_id, pledge_id, amount_minor, due_date) values ($1, $2, 1000, '2027-06-30') returning id",
      params: [cm, ids.pledge(1)],
      expected: [1, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.tranches set due_date = due_date + 1 where id = $1 returning id",
      params: [ids.tranche(1)],
      expected: [1, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.tranches where id = $1 returning id",
      params: [ids.tranche(1)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "cancel by hand",
      sql: "update public.tranches set status = 'cancelled' where id = $1 returning id",
      params: [ids.tranche(1)],
      expected: [BY_WITHDRAWING, 0, 0, 0, BY_WITHDRAWING, 0, 0, D],
    },
    {
      // Withdrawing the pledge cancelled its unpaid tranches (ADR 112): they never change again.
      verb: "update a withdrawn pledge's cancelled one",
      setup: `update public.pledges set status = 'withdrawn', withdrawal_reason = 'Budget reallocated.'
              where id = '${ids.pledge(1)}'`,
      sql: "update public.tranches set due_date = due_date + 1 where id = $1 returning status",
      params: [ids.tranche(1)],
      expected: [CANCELLED, 0, 0, 0, CANCELLED, 0, 0, D],
    },
  ],
  fx_rates: [
    {
      verb: "select",
      sql: "select id from public.fx_rates where partnership_id = $1 and currency = 'EUR' and as_of = $2",
      params: [cm, SEEDED_RATE_DAY],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select a rate",
      sql: "select rate from public.fx_rates where partnership_id = $1 and currency = 'EUR' and as_of = $2",
      params: [cm, SEEDED_RATE_DAY],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select a rate once the partnership publishes",
      sql: "select rate from public.fx_rates where partnership_id = $1 and currency = 'EUR' and as_of = $2",
      params: [cm, SEEDED_RATE_DAY],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "insert",
      sql: "insert into public.fx_rates (partnership_id, currency, rate, as_of) values ($1, 'CHF', 1.25, '2026-11-20') returning id",
      params: [cm],
      expected: [D, D, D, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.fx_rates set rate = 1.16 where partnership_id = $1 and currency = 'EUR' and as_of = $2 returning id",
      params: [cm, SEEDED_RATE_DAY],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.fx_rates where partnership_id = $1 and currency = 'EUR' and as_of = $2 returning id",
      params: [cm, SEEDED_RATE_DAY],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
  ],
  project_outputs: [
    {
      verb: "select",
      sql: "select id from public.project_outputs where id = $1",
      params: [ids.output(2)],
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select a draft project's",
      sql: "select id from public.project_outputs where id = $1",
      params: [ids.output(3)],
      expected: [1, 0, 1, 0, 0, 0, 0, 0],
    },
    {
      verb: "select once the partnership publishes",
      sql: "select id, mineral, capacity_per_year, unit, first_output_year from public.project_outputs where id = $1",
      params: [ids.output(2)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "select a draft project's once the partnership publishes",
      sql: "select id from public.project_outputs where id = $1",
      params: [ids.output(3)],
      setup: publish,
      expected: [1, 0, 1, 0, 0, 0, 0, 0],
    },
    {
      verb: "select who added it once the partnership publishes",
      sql: "select created_by from public.project_outputs where id = $1",
      params: [ids.output(2)],
      setup: publish,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: `insert into public.project_outputs (partnership_id, project_id, mineral, stage, capacity_per_year,
              first_output_year) values ($1, $2, 'rare_earths', 'refining', 100, 2029) returning id`,
      params: [cm, P02],
      expected: [1, D, 1, D, 1, D, D, D],
    },
    {
      verb: "insert on a draft project",
      sql: `insert into public.project_outputs (partnership_id, project_id, mineral, stage, capacity_per_year,
              first_output_year) values ($1, $2, 'rare_earths', 'refining', 100, 2031) returning id`,
      params: [cm, ids.project(3)],
      expected: [1, D, 1, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.project_outputs set capacity_per_year = 3200 where id = $1 returning id",
      params: [ids.output(2)],
      expected: [1, 0, 1, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.project_outputs where id = $1 returning id",
      params: [ids.output(2)],
      expected: [1, 0, 1, 0, 1, 0, 0, D],
    },
  ],
  project_links: [
    {
      verb: "select (mine → separation plant)",
      sql: "select id from public.project_links where id = $1",
      params: [ids.link(1)],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select one with a draft at an end",
      sql: "select id from public.project_links where id = $1",
      params: [ids.link(4)],
      expected: [1, 0, 1, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: `insert into public.project_links (partnership_id, supplier_project_id, buyer_project_id, mineral, kind,
              tonnes_per_year) values ($1, $2, $3, 'rare_earths', 'feedstock', 100) returning id`,
      params: [cm, P02, ids.project(7)],
      expected: [1, D, 1, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.project_links set status = 'signed' where id = $1 returning id",
      params: [ids.link(1)],
      expected: [1, 1, 1, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.project_links where id = $1 returning id",
      params: [ids.link(1)],
      expected: [1, 1, 1, 0, 1, 0, 0, D],
    },
  ],
  world_total_overrides: [
    {
      verb: "select",
      sql: "select id from public.world_total_overrides where id = $1",
      params: [overrideId],
      setup: overrideSetup,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select the figure",
      sql: "select world_total, source from public.world_total_overrides where mineral = 'rare_earths' and stage = 'magnets' and partnership_id = $1",
      params: [cm],
      setup: overrideSetup,
      expected: [1, 1, 1, 1, 1, 1, 0, 0],
    },
    {
      verb: "select the figure once the partnership publishes",
      sql: "select world_total, source from public.world_total_overrides where mineral = 'rare_earths' and stage = 'magnets' and partnership_id = $1",
      params: [cm],
      setup: `${overrideSetup}; ${publish}`,
      expected: [1, 1, 1, 1, 1, 1, 0, 1],
    },
    {
      verb: "insert",
      sql: `insert into public.world_total_overrides (partnership_id, mineral, stage, year, world_total, source)
            values ($1, 'rare_earths', 'magnets', 2024, 240000, 'Secretariat survey of magnet makers, 2025')
            returning id`,
      params: [cm],
      expected: [D, D, D, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.world_total_overrides set world_total = 250000 where id = $1 returning id",
      params: [overrideId],
      setup: overrideSetup,
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.world_total_overrides where id = $1 returning id",
      params: [overrideId],
      setup: overrideSetup,
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
  ],
  billing_anomalies: [
    {
      verb: "select",
      sql: "select id from public.billing_anomalies where id = $1",
      params: [anomalyId],
      setup: anomalySetup,
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "select every anomaly (each secretariat its own; nobody the unattributed one)",
      sql: "select id from public.billing_anomalies",
      setup: anomalySetup,
      expected: [0, 0, 0, 0, 1, 0, 1, D],
    },
    {
      verb: "insert",
      sql: `insert into public.billing_anomalies (partnership_id, kind, stripe_event_id, stripe_invoice_id,
              amount_minor, currency, occurred_at)
            values ($1, 'unknown_invoice_paid', 'evt_matrixAnomaly', 'in_matrixInsert', 1, 'USD', now())
            returning id`,
      params: [cm],
      setup: anomalyEvent,
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.billing_anomalies set amount_minor = 0 where id = $1 returning id",
      params: [anomalyId],
      setup: anomalySetup,
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.billing_anomalies where id = $1 returning id",
      params: [anomalyId],
      setup: anomalySetup,
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  shared_items: [
    {
      verb: "select an offer Japan shares with Canada and France",
      sql: "select id from public.shared_items where id = $1",
      params: [ids.offer(1)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select a partnership-wide offer",
      sql: "select id from public.shared_items where id = $1",
      params: [ids.offer(3)],
      expected: [1, 1, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "select Canada's offer to Australia and Japan, secretariat ticked",
      sql: "select id from public.shared_items where id = $1",
      params: [ids.offer(5)],
      expected: [1, 1, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "select a private draft",
      sql: "select id from public.shared_items where id = $1",
      params: [ids.offer(4)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: `insert into public.shared_items (partnership_id, item_type, owner_member_id, audience)
            values ($1, 'technology_offer', $2, 'private') returning id`,
      params: [cm, ids.member.JP],
      expected: [1, D, D, D, D, D, D, D],
    },
    {
      verb: "update the audience",
      sql: "update public.shared_items set audience = 'partnership' where id = $1 returning id",
      params: [ids.offer(1)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.shared_items where id = $1 returning id",
      params: [ids.offer(4)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
  ],
  shared_item_audiences: [
    {
      verb: "select an offer's audience",
      sql: "select id from public.shared_item_audiences where item_id = $1",
      params: [ids.offer(1)],
      expected: [2, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select an audience that includes the reader",
      sql: "select id from public.shared_item_audiences where item_id = $1",
      params: [ids.offer(5)],
      expected: [0, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.shared_item_audiences (partnership_id, item_id, member_id) values ($1, $2, $3) returning id",
      params: [cm, ids.offer(1), ids.member.AU],
      // Those who cannot see the offer are told it was not found, as if it did not exist.
      expected: [1, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, D],
    },
    {
      verb: "update",
      sql: "update public.shared_item_audiences set member_id = $2 where item_id = $1 returning id",
      params: [ids.offer(1), ids.member.AU],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.shared_item_audiences where item_id = $1 and member_id = $2 returning id",
      params: [ids.offer(1), ids.member.FR],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
  ],
  technology_offers: [
    {
      verb: "select one shared with Canada and France",
      sql: "select id from public.technology_offers where id = $1",
      params: [ids.offer(1)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select a partnership-wide one",
      sql: "select id from public.technology_offers where id = $1",
      params: [ids.offer(3)],
      expected: [1, 1, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "select a private draft",
      sql: "select id from public.technology_offers where id = $1",
      params: [ids.offer(4)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert for Japan's new item",
      sql: `insert into public.technology_offers (id, partnership_id, title, category, minerals, trl,
              holder_organisation) values ($1, $2, 'Test offer', 'separation', '{Dy}', 4, 'Test lab') returning id`,
      params: [freshItem, cm],
      setup: freshItemSetup("technology_offer"),
      expected: [1, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, D],
    },
    {
      verb: "update",
      sql: "update public.technology_offers set trl = 9 where id = $1 returning id",
      params: [ids.offer(1)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.technology_offers where id = $1 returning id",
      params: [ids.offer(4)],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  technology_requests: [
    {
      verb: "select a partnership-wide one",
      sql: "select id from public.technology_requests where id = $1",
      params: [ids.request(1)],
      expected: [1, 1, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "insert for Japan's new item",
      sql: `insert into public.technology_requests (id, partnership_id, title, category, minerals, trl,
              holder_organisation) values ($1, $2, 'Test request', 'recycling', '{NdPr}', 5, 'Test lab') returning id`,
      params: [freshItem, cm],
      setup: freshItemSetup("technology_request"),
      expected: [1, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, D],
    },
    {
      verb: "update Australia's",
      sql: "update public.technology_requests set trl = 7 where id = $1 returning id",
      params: [ids.request(1)],
      expected: [0, 1, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.technology_requests where id = $1 returning id",
      params: [ids.request(2)],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  national_actions: [
    {
      verb: "select one the United States shares with Japan alone",
      sql: "select id from public.national_actions where id = $1",
      params: [ids.action(4)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select Canada's, shared with Japan, Australia and the secretariat",
      sql: "select id from public.national_actions where id = $1",
      params: [ids.action(3)],
      expected: [1, 1, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "select a private draft",
      sql: "select id from public.national_actions where id = $1",
      params: [ids.action(5)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert for Japan's new item",
      sql: `insert into public.national_actions (id, partnership_id, kind, title, summary)
            values ($1, $2, 'policy', 'Test action', 'Test.') returning id`,
      params: [freshItem, cm],
      setup: freshItemSetup("national_action"),
      expected: [1, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, D],
    },
    {
      verb: "update",
      sql: "update public.national_actions set status = 'done' where id = $1 returning id",
      params: [ids.action(1)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.national_actions where id = $1 returning id",
      params: [ids.action(5)],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  expressions_of_interest: [
    {
      verb: "select Canada's interest in Japan's offer",
      sql: "select id from public.expressions_of_interest where id = $1",
      params: [ids.interest(1)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select Japan's answer to Australia's request",
      sql: "select id from public.expressions_of_interest where id = $1",
      params: [ids.interest(3)],
      expected: [1, 1, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "select Korea's agreement on France's offer",
      sql: "select id from public.expressions_of_interest where id = $1",
      params: [ids.interest(2)],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "insert Japan's interest in a partnership-wide offer",
      sql: `insert into public.expressions_of_interest (partnership_id, item_id, member_id, message)
            values ($1, $2, $3, 'Interested.') returning id`,
      params: [cm, ids.offer(3), ids.member.JP],
      // Those who cannot see the offer are told it was not found, as if it did not exist.
      expected: [1, D, NOT_FOUND, NOT_FOUND, D, NOT_FOUND, NOT_FOUND, D],
    },
    {
      verb: "update (take into talks)",
      sql: "update public.expressions_of_interest set status = 'in_talks' where id = $1 returning id",
      params: [ids.interest(1)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.expressions_of_interest where id = $1 returning id",
      params: [ids.interest(1)],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  meetings: [
    {
      verb: "select",
      sql: "select id from public.meetings where id = $1",
      params: [ids.meeting(1)],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.meetings (partnership_id, title, place, held_on) values ($1, 'Sixth Ministerial', 'Paris', '2027-10-01') returning id",
      params: [cm],
      expected: [D, D, D, D, 1, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.meetings set place = 'Montréal' where id = $1 returning id",
      params: [ids.meeting(2)],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.meetings where id = $1 returning id",
      params: [ids.meeting(2)],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
  ],
  meeting_presentations: [
    {
      verb: "select a partnership-wide action's",
      sql: "select id from public.meeting_presentations where id = $1",
      params: [ids.presentation(1)],
      expected: [1, 1, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "insert for an action shared with the secretariat",
      sql: "insert into public.meeting_presentations (partnership_id, meeting_id, action_id) values ($1, $2, $3) returning id",
      params: [cm, ids.meeting(2), ids.action(3)],
      expected: [D, D, NOT_FOUND, NOT_FOUND, 1, NOT_FOUND, NOT_FOUND, D],
    },
    {
      verb: "insert for an action not shared with the secretariat",
      sql: "insert into public.meeting_presentations (partnership_id, meeting_id, action_id) values ($1, $2, $3) returning id",
      params: [cm, ids.meeting(2), ids.action(4)],
      expected: [D, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, D],
    },
    {
      verb: "update",
      sql: "update public.meeting_presentations set meeting_id = $2 where id = $1 returning id",
      params: [ids.presentation(1), ids.meeting(2)],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.meeting_presentations where id = $1 returning id",
      params: [ids.presentation(1)],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
  ],
  audit_events: [
    {
      verb: "select the shared board's history",
      sql: "select id from public.audit_events where table_name = 'projects' and row_id = $1 and action = 'insert'",
      params: [P02],
      expected: [1, 1, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "select a committed pledge's history",
      sql: "select id from public.audit_events where table_name = 'pledges' and row_id = $1",
      params: [ids.pledge(1)],
      expected: [1, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "select a draft pledge's history",
      sql: "select id from public.audit_events where table_name = 'pledges' and row_id = $1",
      params: [ids.pledge(3)],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select the history of an offer shared with Canada and France",
      sql: `select id from public.audit_events
             where item_id = $1 and table_name in ('shared_items', 'technology_offers')`,
      params: [ids.offer(1)],
      expected: [2, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select the history of a partnership-wide offer",
      sql: `select id from public.audit_events
             where item_id = $1 and table_name in ('shared_items', 'technology_offers')`,
      params: [ids.offer(3)],
      expected: [2, 2, 0, 0, 2, 0, 0, D],
    },
    {
      verb: "select the history of a private draft",
      sql: "select id from public.audit_events where item_id = $1",
      params: [ids.action(5)],
      expected: [2, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select the history of an audience list",
      sql: "select id from public.audit_events where item_id = $1 and table_name = 'shared_item_audiences'",
      params: [ids.action(3)],
      expected: [0, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select the history of Korea's agreement with France",
      sql: "select id from public.audit_events where table_name = 'expressions_of_interest' and row_id = $1",
      params: [ids.interest(2)],
      expected: [0, 0, 0, 0, 1, 0, 0, D],
    },
    {
      verb: "insert",
      sql: `insert into public.audit_events (partnership_id, action, table_name, row_id, scope)
            values ($1, 'insert', 'projects', $2, 'board') returning id`,
      params: [cm, P02],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.audit_events set actor_id = null where row_id = $1 returning id",
      params: [P02],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.audit_events where row_id = $1 returning id",
      params: [P02],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  // Rollups (ADR 072): read under the same rules as the rows they sum; written only by triggers.
  project_funding: [
    {
      verb: "select",
      sql: "select project_id from public.project_funding where project_id = $1",
      params: [P02],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select a draft project's",
      sql: "select project_id from public.project_funding where project_id = $1",
      params: [ids.project(3)],
      expected: [1, 0, 1, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.project_funding (project_id, partnership_id) values ($1, $2) returning project_id",
      params: [ids.project(3), cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.project_funding set committed_minor = 0 where project_id = $1 returning project_id",
      params: [P02],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.project_funding where project_id = $1 returning project_id",
      params: [P02],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  project_draft_funding: [
    {
      verb: "select (Australia's draft on the project)",
      sql: "select project_id from public.project_draft_funding where project_id = $1",
      params: [P02],
      expected: [0, 1, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.project_draft_funding (project_id, member_id, partnership_id) values ($1, $2, $3) returning project_id",
      params: [P02, ids.member.JP, cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.project_draft_funding set drafts_minor = 0 where project_id = $1 returning project_id",
      params: [P02],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.project_draft_funding where project_id = $1 returning project_id",
      params: [P02],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  milestone_counts: [
    {
      verb: "select",
      sql: "select distinct partnership_id from public.milestone_counts where partnership_id = $1",
      params: [cm],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.milestone_counts (partnership_id, project_status, status, due_date, milestones) values ($1, 'approved', 'planned', '2030-01-01', 1) returning milestones",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.milestone_counts set milestones = 0 where partnership_id = $1 returning milestones",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.milestone_counts where partnership_id = $1 returning milestones",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  portfolio_figures: [
    {
      verb: "select the live total",
      sql: "select key from public.portfolio_figures where partnership_id = $1 and dimension = 'total' and member_id is null",
      params: [cm],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select Australia's drafts",
      sql: "select distinct member_id from public.portfolio_figures where partnership_id = $1 and member_id = $2",
      params: [cm, ids.member.AU],
      expected: [0, 1, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.portfolio_figures (partnership_id, dimension, key) values ($1, 'total', 'x') returning key",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.portfolio_figures set projects = 0 where partnership_id = $1 returning key",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.portfolio_figures where partnership_id = $1 returning key",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  // The resilience pages' output sums (ADR 152): live sums for the partnership's members, a government's
  // drafts for its own delegates only; written only by triggers.
  resilience_output_sums: [
    {
      verb: "select",
      sql: "select distinct partnership_id from public.resilience_output_sums where partnership_id = $1",
      params: [cm],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.resilience_output_sums (partnership_id, mineral, stage, unit, country, first_year, project_class) values ($1, 'lithium', 'mining', 't Li content', 'AU', 2030, 'funded') returning capacity",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.resilience_output_sums set capacity = 0 where partnership_id = $1 returning capacity",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.resilience_output_sums where partnership_id = $1 returning capacity",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  resilience_draft_sums: [
    {
      verb: "select (Japan's Darwin draft)",
      sql: "select distinct member_id from public.resilience_draft_sums where partnership_id = $1 and member_id = $2",
      params: [cm, ids.member.JP],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.resilience_draft_sums (partnership_id, member_id, mineral, stage, unit, country, first_year) values ($1, $2, 'lithium', 'mining', 't Li content', 'AU', 2030) returning capacity",
      params: [cm, ids.member.AU],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.resilience_draft_sums set capacity = 0 where partnership_id = $1 returning capacity",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.resilience_draft_sums where partnership_id = $1 returning capacity",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  // What each project contributes (ADR 162): read under the projects' own sentence, so a draft's rows only by
  // its registering government and its sponsor; written only by triggers.
  resilience_project_outputs: [
    {
      verb: "select an approved project's",
      sql: "select project_id from public.resilience_project_outputs where project_id = $1",
      params: [P02],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select Japan's Darwin draft's",
      sql: "select project_id from public.resilience_project_outputs where project_id = $1",
      params: [ids.project(3)],
      expected: [1, 0, 1, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.resilience_project_outputs (partnership_id, project_id, mineral, stage, unit, name, host_country, status, sought_stated, first_year, capacity, years, capacities) values ($1, $2, 'lithium', 'mining', 't Li content', 'x', 'AU', 'approved', false, 2030, 1, '{2030}', '{1}') returning project_id",
      params: [cm, P02],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.resilience_project_outputs set capacity = 0 where partnership_id = $1 returning project_id",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.resilience_project_outputs where partnership_id = $1 returning project_id",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  // The mineral page's supply chain (ADR 169): links between two projects that are not drafts, summed for every
  // member (the Darwin draft's link, Kalgoorlie → Darwin under negotiation, is in no row); each project's
  // inflow under the projects' own sentence; written only by triggers.
  supply_chain_flows: [
    {
      verb: "select the partnership's flows",
      sql: "select distinct partnership_id from public.supply_chain_flows where partnership_id = $1",
      params: [cm],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select the Darwin draft's link",
      sql: "select partnership_id from public.supply_chain_flows where mineral = 'rare_earths' and from_stage = 'mining' and status = 'under_negotiation'",
      expected: [0, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.supply_chain_flows (partnership_id, mineral, from_stage, from_country, to_stage, to_country, status, links, tonnes) values ($1, 'lithium', 'mining', 'AU', 'refining', 'AU', 'signed', 1, 1) returning links",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.supply_chain_flows set links = 0 where partnership_id = $1 returning links",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.supply_chain_flows where partnership_id = $1 returning links",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  supply_chain_buyers: [
    {
      verb: "select an approved project's",
      sql: "select project_id from public.supply_chain_buyers where project_id = $1",
      params: [P02],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select Japan's Darwin draft's",
      sql: "select project_id from public.supply_chain_buyers where project_id = $1",
      params: [ids.project(3)],
      expected: [1, 0, 1, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.supply_chain_buyers (partnership_id, project_id, mineral, stage, name, status, links, contracted) values ($1, $2, 'lithium', 'refining', 'x', 'approved', 0, 0) returning project_id",
      params: [cm, P02],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.supply_chain_buyers set contracted = 0 where partnership_id = $1 returning project_id",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.supply_chain_buyers where partnership_id = $1 returning project_id",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  supply_chain_flag_counts: [
    {
      verb: "select the partnership's count",
      sql: "select projects from public.supply_chain_flag_counts where partnership_id = $1 and mineral = 'rare_earths'",
      params: [cm],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.supply_chain_flag_counts (partnership_id, mineral, projects) values ($1, 'lithium', 1) returning projects",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.supply_chain_flag_counts set projects = 0 where partnership_id = $1 returning projects",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.supply_chain_flag_counts where partnership_id = $1 returning projects",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  // The project list's counts (ADR 163): the projects' own read policy on the same columns, so the seed's one
  // draft group (Japan's Darwin draft, sponsored by Austral) reaches its two parties only; written only by
  // the trigger.
  project_counts: [
    {
      verb: "select the submitted ones' counts",
      sql: "select distinct partnership_id from public.project_counts where partnership_id = $1 and status <> 'draft'",
      params: [cm],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select Japan's draft group",
      sql: "select projects from public.project_counts where partnership_id = $1 and status = 'draft'",
      params: [cm],
      expected: [1, 0, 1, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.project_counts (partnership_id, segment, stage, status, projects) values ($1, 'mining', 'concept', 'approved', 1) returning projects",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.project_counts set projects = 100 where partnership_id = $1 returning projects",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.project_counts where partnership_id = $1 returning projects",
      params: [cm],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  /* Names, organisation and language (ADR 092): each person edits their own three columns, nothing else. */
  comments: [
    {
      verb: "select a comment on an approved project",
      sql: "select id from public.comments where id = $1",
      params: [commentOnP02],
      setup: commentSetup,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select a comment on Japan's draft pledge (as private as the pledge)",
      sql: "select id from public.comments where id = $1",
      params: [commentOnDraftPledge],
      setup: commentSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select a comment on a draft project",
      sql: "select id from public.comments where id = $1",
      params: [commentOnDraftProject],
      setup: commentSetup,
      expected: [1, 0, 1, 0, 0, 0, 0, D],
    },
    {
      verb: "count every comment (an aggregate sees no more)",
      sql: "select 1 from public.comments where partnership_id = $1 having count(*) = 3",
      params: [cm],
      setup: commentSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert on an approved project",
      sql: `insert into public.comments (partnership_id, subject_type, project_id, body)
            values ($1, 'project', $2, 'Agreed.') returning id`,
      params: [cm, P02],
      expected: [1, 1, 1, 1, 1, D, D, D],
    },
    {
      verb: "insert on Japan's draft pledge",
      sql: `insert into public.comments (partnership_id, subject_type, pledge_id, body)
            values ($1, 'pledge', $2, 'Agreed.') returning id`,
      params: [cm, ids.pledge(3)],
      expected: [1, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, D],
    },
    {
      verb: "edit Japan's comment",
      sql: "update public.comments set body = 'Edited.' where id = $1 returning edited_at is not null as edited",
      params: [commentOnP02],
      setup: commentSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "delete Japan's comment (a tombstone)",
      sql: "update public.comments set body = null where id = $1 returning deleted_at",
      params: [commentOnP02],
      setup: commentSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "change a comment's author",
      sql: "update public.comments set created_by = (select auth.uid()) where id = $1 returning id",
      params: [commentOnP02],
      setup: commentSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete the row",
      sql: "delete from public.comments where id = $1 returning id",
      params: [commentOnP02],
      setup: commentSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  comment_mentions: [
    {
      verb: "select a mention on an approved project's comment",
      sql: "select id from public.comment_mentions where id = $1",
      params: [ids.fresh(44)],
      setup: mentionSetup,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert: mention Australia's delegate in Japan's comment",
      sql: `insert into public.comment_mentions (partnership_id, comment_id, mentioned_user_id)
            values ($1, $2, $3) returning id`,
      params: [cm, commentOnP02, AU_DELEGATE],
      setup: commentSetup,
      expected: [1, D, D, D, D, D, NOT_FOUND, D],
    },
    {
      verb: "insert: mention an outsider (another partnership's secretariat)",
      sql: `insert into public.comment_mentions (partnership_id, comment_id, mentioned_user_id)
            values ($1, $2, $3) returning id`,
      params: [cm, commentOnP02, demoUsers.pacificSecretariat.id],
      setup: commentSetup,
      expected: [
        MENTION_REFUSED,
        MENTION_REFUSED,
        MENTION_REFUSED,
        MENTION_REFUSED,
        MENTION_REFUSED,
        MENTION_REFUSED,
        NOT_FOUND,
        D,
      ],
    },
    {
      verb: "insert: mention Australia's delegate on Japan's draft pledge",
      sql: `insert into public.comment_mentions (partnership_id, comment_id, mentioned_user_id)
            values ($1, $2, $3) returning id`,
      params: [cm, commentOnDraftPledge, AU_DELEGATE],
      setup: commentSetup,
      expected: [
        MENTION_REFUSED,
        NOT_FOUND,
        NOT_FOUND,
        NOT_FOUND,
        NOT_FOUND,
        NOT_FOUND,
        NOT_FOUND,
        D,
      ],
    },
    {
      verb: "update",
      sql: "update public.comment_mentions set mentioned_user_id = (select auth.uid()) where id = $1 returning id",
      params: [ids.fresh(44)],
      setup: mentionSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.comment_mentions where id = $1 returning id",
      params: [ids.fresh(44)],
      setup: mentionSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  attachments: [
    {
      verb: "select a document on an approved project",
      sql: "select id from public.attachments where id = $1",
      params: [documentOnP02],
      setup: documentSetup,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select a document on a draft project",
      sql: "select id from public.attachments where id = $1",
      params: [documentOnDraftProject],
      setup: documentSetup,
      expected: [1, 0, 1, 0, 0, 0, 0, D],
    },
    {
      verb: "insert on an approved project",
      sql: newDocument(P02),
      expected: [1, 1, 1, 1, 1, D, D, D],
    },
    {
      verb: "insert on a draft project",
      sql: newDocument(ids.project(3)),
      expected: [1, D, 1, D, D, D, D, D],
    },
    {
      verb: "update",
      sql: "update public.attachments set name = 'renamed.pdf' where id = $1 returning id",
      params: [documentOnP02],
      setup: documentSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.attachments where id = $1 returning id",
      params: [documentOnP02],
      setup: documentSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  notifications: [
    {
      verb: "select one's own about an approved project",
      sql: "select id from public.notifications where id = $1",
      params: [ids.fresh(47)],
      setup: notificationSetup,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "select Japan's delegate's",
      sql: "select id from public.notifications where id = $1",
      params: [ids.fresh(48)],
      setup: notificationSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "select one's own about Japan's draft pledge",
      sql: "select id from public.notifications where id = $1",
      params: [ids.fresh(49)],
      setup: notificationSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert",
      sql: `insert into public.notifications (partnership_id, recipient_id, category, kind, subject_type,
              subject_id, event_key) values ($1, $2, 'projects', 'project_approved', 'project', $3, 'forged')
            returning id`,
      params: [cm, JP_DELEGATE, P02],
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "mark one's own read",
      sql: "update public.notifications set read_at = now() where id = $1 returning id",
      params: [ids.fresh(47)],
      setup: notificationSetup,
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "mark Japan's delegate's read",
      sql: "update public.notifications set read_at = now() where id = $1 returning id",
      params: [ids.fresh(48)],
      setup: notificationSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "readdress one",
      sql: "update public.notifications set recipient_id = $2 where id = $1 returning id",
      params: [ids.fresh(47), JP_DELEGATE],
      setup: notificationSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "delete",
      sql: "delete from public.notifications where id = $1 returning id",
      params: [ids.fresh(47)],
      setup: notificationSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  notification_preferences: [
    {
      verb: "select one's own",
      sql: "select user_id from public.notification_preferences where user_id = (select auth.uid())",
      setup: preferencesSetup,
      expected: [1, 1, 1, 1, 1, 1, 1, D],
    },
    {
      verb: "select Japan's delegate's",
      sql: "select user_id from public.notification_preferences where user_id = $1",
      params: [JP_DELEGATE],
      setup: preferencesSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "insert one's own",
      sql: `insert into public.notification_preferences (user_id, digest) values ((select auth.uid()), 'weekly')
            returning user_id`,
      expected: [1, 1, 1, 1, 1, 1, 1, D],
    },
    {
      verb: "insert Japan's delegate's",
      sql: "insert into public.notification_preferences (user_id) values ($1) returning user_id",
      params: [JP_DELEGATE],
      expected: [1, D, D, D, D, D, D, D],
    },
    {
      verb: "unsubscribe from a category",
      sql: `update public.notification_preferences set unsubscribed = '{comments}'
            where user_id = (select auth.uid()) returning user_id`,
      setup: preferencesSetup,
      expected: [1, 1, 1, 1, 1, 1, 1, D],
    },
    {
      verb: "unsubscribe Japan's delegate",
      sql: "update public.notification_preferences set unsubscribed = '{pledges}' where user_id = $1 returning user_id",
      params: [JP_DELEGATE],
      setup: preferencesSetup,
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "delete",
      sql: "delete from public.notification_preferences where user_id = $1 returning user_id",
      params: [JP_DELEGATE],
      setup: preferencesSetup,
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
  profiles: [
    {
      verb: "select a fellow member's profile (the Japanese delegate's)",
      sql: "select display_name, organisation, language from public.profiles where id = $1",
      params: [JP_DELEGATE],
      expected: [1, 1, 1, 1, 1, 1, 0, D],
    },
    {
      verb: "insert",
      sql: "insert into public.profiles (id, email) values (gen_random_uuid(), 'new@ministry.example') returning id",
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update one's own name, organisation and language",
      sql: `update public.profiles set display_name = 'A Name', organisation = 'A Ministry', language = 'fr'
            where id = (select auth.uid()) returning id`,
      expected: [1, 1, 1, 1, 1, 1, 1, D],
    },
    {
      verb: "update the Japanese delegate's name",
      sql: "update public.profiles set display_name = 'Someone Else' where id = $1 returning id",
      params: [JP_DELEGATE],
      expected: [1, 0, 0, 0, 0, 0, 0, D],
    },
    {
      verb: "update one's own e-mail (the auth server's)",
      sql: "update public.profiles set email = 'other@ministry.example' where id = (select auth.uid()) returning id",
      expected: [D, D, D, D, D, D, D, D],
    },
    {
      verb: "update one's language to one Lodestone does not speak",
      sql: "update public.profiles set language = 'de' where id = (select auth.uid()) returning id",
      expected: [
        /profiles_language_valid/,
        /profiles_language_valid/,
        /profiles_language_valid/,
        /profiles_language_valid/,
        /profiles_language_valid/,
        /profiles_language_valid/,
        /profiles_language_valid/,
        D,
      ],
    },
    {
      verb: "delete",
      sql: "delete from public.profiles where id = $1 returning id",
      params: [JP_DELEGATE],
      expected: [D, D, D, D, D, D, D, D],
    },
  ],
};

const describeOutcome = (outcome: Outcome) =>
  typeof outcome === "number" ? `${outcome} row${outcome === 1 ? "" : "s"}` : String(outcome);

// Each engine, and PostgreSQL holding the embedded demo moved there by db:export and db:restore.
describe.each(seededTargets(TODAY))("RLS matrix on %s", (_target, open) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(() => handle.dispose());

  describe.each(Object.entries(matrix))("%s", (_table, cases) => {
    const rows = cases.flatMap((c) =>
      actors.map((actor, index) => ({ ...c, actor, outcome: c.expected[index] as Outcome })),
    );
    it.each(
      rows.map((r) => [`${r.verb} as ${r.actor} → ${describeOutcome(r.outcome)}`, r] as const),
    )("%s", async (_name, r) => {
      const result = await attempt(handle.db, matrixActors[r.actor], r.sql, r.params, r.setup);
      expectOutcome(result, r.outcome);
    });
  });

  it("covers every table in public that holds tenant data", async () => {
    const tables = await handle.db.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public' order by tablename",
    );
    // Owned by the sign-in and billing work, tested in their own suites (tests/app/auth, tests/db/billing-rls).
    const others = ["invitations", "stripe_events", "tranche_invoices", "tranche_payments"];
    expect(tables.map((t) => t.tablename).filter((t) => !others.includes(t))).toEqual(
      Object.keys(matrix).sort(),
    );
  });
});
