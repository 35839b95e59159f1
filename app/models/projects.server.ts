/*
 * Projects as the signed-in member sees them (every query runs through user.db, so row-level security
 * decides): the filtered, sorted, paginated list and its CSV, one project, registration, and the project's
 * life (submit, withdraw from review, cancel, and the secretariat's decision).
 */
import type { MemberContext } from "~/auth/auth.server";
import { refusalOf } from "~/db/errors";
import type { Queryable } from "~/db/engine.server";
import {
  STAGES,
  PROJECT_STATUSES,
  type ProjectStatus,
  type Segment,
  type Stage,
} from "~/domain/projects/vocabulary";
import { type ProjectInput } from "~/domain/projects/registration";
import { PAGE_SIZE, type ProjectFilters, type ProjectSort } from "~/domain/projects/filters";
import { REFUSALS, staleProjectMessage } from "~/domain/refusals";
import { perReadRequest } from "~/utils/request-scope.server";

export interface ProjectListRow {
  id: string;
  name: string;
  /** The database accepts only these values (projects_segment_valid, projects_stage_valid). */
  segment: Segment;
  minerals: string[];
  hostCountry: string;
  stage: Stage;
  status: ProjectStatus;
  currency: string;
  fundingSoughtMinor: string | null;
  capexMinor: string | null;
  registeringMemberId: string;
  registeringMemberName: string;
  sponsorOrganisationId: string | null;
  sponsorOrganisationName: string | null;
  updatedAt: Date;
}

export interface ProjectDetail extends ProjectListRow {
  latitude: string | null;
  longitude: string | null;
  esgNotes: string | null;
  decisionReason: string | null;
  /** When the secretariat decided (approved or rejected); null before, or once taken back. */
  decidedAt: Date | null;
  version: number;
  createdAt: Date;
  /** Its government keeps it off the partnership's public pages (ADR 133). */
  keptOffPublic: boolean;
}

/** The list's columns; `registeringMemberName` is the caller's to add (each page reads the names its own way). */
const ROW_COLUMNS = `
  p.id, p.name, p.segment, p.minerals, p.host_country as "hostCountry", p.stage, p.status, p.currency,
  p.funding_sought_minor as "fundingSoughtMinor", p.capex_minor as "capexMinor",
  p.registering_member_id as "registeringMemberId",
  p.sponsor_organisation_id as "sponsorOrganisationId", so.name as "sponsorOrganisationName",
  p.updated_at as "updatedAt"`;

const LIST_COLUMNS = `${ROW_COLUMNS}, mem.name as "registeringMemberName"`;

const FROM_PROJECTS = `
  from public.projects p
  join public.members mem on mem.id = p.registering_member_id
  left join public.sponsor_organisations so on so.id = p.sponsor_organisation_id`;

// i18n-exempt: SQL ORDER BY clauses, never read by a person.
const ORDER_BY: Record<ProjectSort, string> = {
  name: "p.name asc, p.id",
  "-name": "p.name desc, p.id",
  "-updated": "p.updated_at desc, p.id",
  host: "p.host_country asc, p.name, p.id",
  stage: `array_position(array[${STAGES.map((s) => `'${s}'`).join(", ")}], p.stage), p.name, p.id`,
  status: `array_position(array[${PROJECT_STATUSES.map((s) => `'${s}'`).join(", ")}], p.status), p.name, p.id`,
};

/** The WHERE clause and parameters of the list's filters ($1 is the partnership). */
function whereOf(partnershipId: string, filters: Omit<ProjectFilters, "sort" | "page">) {
  const params: unknown[] = [partnershipId];
  const conditions = ["p.partnership_id = $1"];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  // i18n-exempt: SQL, never read by a person.
  if (filters.q) add((n) => `p.name ilike ${n}`, `%${filters.q.replace(/[\\%_]/g, "\\$&")}%`);
  if (filters.segment) add((n) => `p.segment = ${n}`, filters.segment);
  if (filters.mineral) add((n) => `p.minerals @> array[${n}]::text[]`, filters.mineral);
  if (filters.stage) add((n) => `p.stage = ${n}`, filters.stage);
  if (filters.host) add((n) => `p.host_country = ${n}`, filters.host);
  if (filters.status) add((n) => `p.status = ${n}`, filters.status);
  if (filters.member) add((n) => `p.registering_member_id = ${n}`, filters.member);
  if (filters.sponsor) add((n) => `p.sponsor_organisation_id = ${n}`, filters.sponsor);
  return { where: conditions.join(" and "), params };
}

/**
 * How many projects match: summed from the counts kept per segment, stage and status (ADR 163) when the
 * filters name nothing else, counted row by row otherwise. Both read under the same policy sentence, so they
 * agree for every member (tests/db/project-counts.test.ts). `where` is whereOf's, with its parameters.
 */
function countOf(where: string, filters: Omit<ProjectFilters, "sort" | "page">) {
  const kept =
    !filters.q && !filters.mineral && !filters.host && !filters.member && !filters.sponsor;
  if (!kept) {
    // The filters are on the project's own columns: the count needs no joins (each join is another policy).
    return `select count(*)::int as total from public.projects p where ${where}`;
  }
  // i18n-exempt: SQL, never read by a person. The conditions left (partnership, segment, stage, status) name
  // columns the counts have too.
  return `select coalesce(sum(p.projects), 0)::int as total from public.project_counts p where ${where}`;
}

export interface ProjectPage {
  rows: ProjectListRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** The list's columns of the project alone: the names of its government and sponsor are added from the parties. */
const OWN_COLUMNS = `
  p.id, p.name, p.segment, p.minerals, p.host_country as "hostCountry", p.stage, p.status, p.currency,
  p.funding_sought_minor as "fundingSoughtMinor", p.capex_minor as "capexMinor",
  p.registering_member_id as "registeringMemberId", p.sponsor_organisation_id as "sponsorOrganisationId",
  p.updated_at as "updatedAt"`;

type OwnRow = Omit<ProjectListRow, "registeringMemberName" | "sponsorOrganisationName">;

/**
 * One page of the projects the member can see, filtered and sorted in the database. The names of their
 * governments and sponsors come from the partnership's parties, which the list page reads for its filters
 * anyway (once per GET): joining `members` and `sponsor_organisations` tested two more policies (ADR 170).
 */
export async function listProjects(
  context: MemberContext,
  filters: ProjectFilters,
): Promise<ProjectPage> {
  const { user, partnership } = context;
  const { where, params } = whereOf(partnership.id, filters);
  // Read before the rows' transaction, never inside it: it has a transaction of its own, and the embedded
  // engine runs one at a time.
  const parties = await listParties(context);
  return user.db(async (tx) => {
    const [count] = await tx.query<{ total: number }>(countOf(where, filters), params);
    const total = count?.total ?? 0;
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(filters.page, pageCount);
    const own = await tx.query<OwnRow>(
      `select ${OWN_COLUMNS} from public.projects p where ${where}
        order by ${ORDER_BY[filters.sort]} limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`,
      params,
    );
    const rows = await withPartyNames(tx, own, parties);
    return { rows, total, page, pageCount };
  });
}

/**
 * The rows with their government's and sponsor's names, as `join members` and `left join
 * sponsor_organisations` gave them: a party not among `parties` (added since they were read) is read here,
 * under RLS; a row whose government the member cannot see is left out, as the join left it out.
 */
export async function withPartyNames(
  tx: Queryable,
  rows: OwnRow[],
  parties: { members: Party[]; sponsors: Party[] },
): Promise<ProjectListRow[]> {
  const members = new Map(parties.members.map((party) => [party.id, party.name]));
  const sponsors = new Map(parties.sponsors.map((party) => [party.id, party.name]));
  const unreadMembers = [...new Set(rows.map((row) => row.registeringMemberId))].filter(
    (id) => !members.has(id),
  );
  const unreadSponsors = [
    ...new Set(
      rows.flatMap((row) => (row.sponsorOrganisationId ? [row.sponsorOrganisationId] : [])),
    ),
  ].filter((id) => !sponsors.has(id));
  if (unreadMembers.length > 0) {
    const more = await tx.query<Party>(
      `select m.id, m.name from public.members m where m.id = any($1::uuid[])`,
      [unreadMembers],
    );
    for (const party of more) members.set(party.id, party.name);
  }
  if (unreadSponsors.length > 0) {
    const more = await tx.query<Party>(
      `select s.id, s.name from public.sponsor_organisations s where s.id = any($1::uuid[])`,
      [unreadSponsors],
    );
    for (const party of more) sponsors.set(party.id, party.name);
  }
  return rows.flatMap((row) => {
    const registeringMemberName = members.get(row.registeringMemberId);
    if (registeringMemberName === undefined) return [];
    const sponsorOrganisationName = row.sponsorOrganisationId
      ? (sponsors.get(row.sponsorOrganisationId) ?? null)
      : null;
    return [{ ...row, registeringMemberName, sponsorOrganisationName }];
  });
}

/** At most this many rows go into one export; the file says so when the filters match more. */
export const EXPORT_LIMIT = 10_000;

/** Every project matching the filters (no paging), for the CSV export. */
export function exportProjects(
  { user, partnership }: MemberContext,
  filters: ProjectFilters,
): Promise<Array<ProjectListRow & { latitude: string | null; longitude: string | null }>> {
  const { where, params } = whereOf(partnership.id, filters);
  return user.db((tx) =>
    tx.query(
      `select ${LIST_COLUMNS}, p.latitude, p.longitude ${FROM_PROJECTS} where ${where}
        order by ${ORDER_BY[filters.sort]} limit ${EXPORT_LIMIT + 1}`,
      params,
    ),
  );
}

const DETAIL_COLUMNS = `${ROW_COLUMNS},
  p.latitude, p.longitude, p.esg_notes as "esgNotes", p.decision_reason as "decisionReason", p.version,
  p.created_at as "createdAt", p.decided_at as "decidedAt", p.kept_off_public as "keptOffPublic"`;

/** A government of the partnership: the project page names the registering and the pledging ones. */
export interface Government {
  id: string;
  code: string;
  name: string;
}

export interface ProjectWithGovernments {
  project: ProjectDetail;
  /** Every government of the project's partnership that the member can see, by id. */
  governments: Map<string, Government>;
}

/**
 * One project with its partnership's governments, or null when it does not exist in this partnership or is not
 * visible to the member. The governments are read here, once, so the page's pledges and releases need not
 * join `members` (each join is one more table its policy is tested on: ADR 170). A page's layout and its tab
 * both ask for it: a GET reads it once (ADR 073).
 */
export function getProjectWithGovernments(
  tx: Queryable,
  partnershipId: string,
  projectId: string,
): Promise<ProjectWithGovernments | null> {
  if (!isUuid(projectId)) return Promise.resolve(null);
  return perReadRequest(`project:${partnershipId}:${projectId}`, async () => {
    const [row] = await tx.query<
      Omit<ProjectDetail, "registeringMemberName"> & { governments: Government[] | null }
    >(
      // i18n-exempt: SQL, never read by a person.
      `select ${DETAIL_COLUMNS},
              (select json_agg(json_build_object('id', m.id, 'code', m.code, 'name', m.name))
                 from public.members m where m.partnership_id = $2) as governments
         from public.projects p
         left join public.sponsor_organisations so on so.id = p.sponsor_organisation_id
        where p.id = $1 and p.partnership_id = $2`,
      [projectId, partnershipId],
    );
    if (!row) return null;
    const { governments: list, ...rest } = row;
    const governments = new Map((list ?? []).map((government) => [government.id, government]));
    const registering = governments.get(rest.registeringMemberId);
    // As the join it replaces: a project whose government the member cannot see is not shown (it cannot
    // happen: both are read "in my partnerships").
    if (!registering) return null;
    return { project: { ...rest, registeringMemberName: registering.name }, governments };
  });
}

/** One project, or null when it does not exist in this partnership or is not visible to the member. */
export function getProjectIn(
  tx: Queryable,
  partnershipId: string,
  projectId: string,
): Promise<ProjectDetail | null> {
  return getProjectWithGovernments(tx, partnershipId, projectId).then(
    (found) => found?.project ?? null,
  );
}

export function getProject(
  { user, partnership }: MemberContext,
  projectId: string,
): Promise<ProjectDetail | null> {
  return user.db((tx) => getProjectIn(tx, partnership.id, projectId));
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export interface Party {
  id: string;
  name: string;
}

/**
 * The governments and sponsor organisations of the partnership, for pickers and filters (one statement, once
 * per GET: the project list names its rows' parties from it).
 */
export function listParties({
  user,
  partnership,
}: MemberContext): Promise<{ members: Array<Party & { code: string }>; sponsors: Party[] }> {
  return perReadRequest(`parties:${partnership.id}`, () =>
    user
      .db((tx) =>
        tx.query<{ members: Array<Party & { code: string }> | null; sponsors: Party[] | null }>(
          `select (select json_agg(json_build_object('id', m.id, 'name', m.name, 'code', m.code)
                                 order by m.name)
                   from public.members m where m.partnership_id = $1) as members,
                (select json_agg(json_build_object('id', s.id, 'name', s.name) order by s.name)
                   from public.sponsor_organisations s where s.partnership_id = $1) as sponsors`,
          [partnership.id],
        ),
      )
      .then(([row]) => ({ members: row?.members ?? [], sponsors: row?.sponsors ?? [] })),
  );
}

/**
 * The host countries of the projects the member can see (a short picker rather than all 250): a skip scan
 * of the (partnership, host country) index, one probe per country, whatever the size of the portfolio.
 */
export function listHostCountries({ user, partnership }: MemberContext): Promise<string[]> {
  return user
    .db((tx) =>
      tx.query<{ code: string }>(
        `with recursive hosts (code) as (
           (select p.host_country from public.projects p where p.partnership_id = $1
             order by p.host_country limit 1)
           union all
           select (select p.host_country from public.projects p
                    where p.partnership_id = $1 and p.host_country > hosts.code
                    order by p.host_country limit 1)
             from hosts where hosts.code is not null
         )
         select code::text as code from hosts where code is not null`,
        [partnership.id],
      ),
    )
    .then((rows) => rows.map((row) => row.code));
}

/* Registration --------------------------------------------------------------------------------------- */

export type RegisterOutcome =
  { ok: true; id: string; status: ProjectStatus } | { ok: false; errors: Record<string, string> };

/**
 * Registers a project: a delegate for their own government (as a draft or straight to review), a sponsor
 * as a draft for their own organisation. The acting government or organisation comes from the membership;
 * row-level security refuses anything else.
 */
export async function registerProject(
  { user, partnership, membership }: MemberContext,
  input: ProjectInput,
  intent: "draft" | "submit",
  /** Runs in the same transaction once the project exists (the form's outputs): all or nothing. */
  then?: (tx: Queryable, projectId: string) => Promise<void>,
): Promise<RegisterOutcome> {
  if (membership.role === "sponsor" && intent === "submit") {
    return { ok: false, errors: { form: REFUSALS.sponsorSubmits } };
  }
  const registeringMemberId =
    membership.role === "delegate" ? membership.memberId : input.registeringMemberId;
  const sponsorOrganisationId =
    membership.role === "sponsor" ? membership.sponsorOrganisationId : input.sponsorOrganisationId;
  try {
    const [row] = await user.db(async (tx) => {
      const rows = await tx.query<{ id: string; status: ProjectStatus }>(
        `insert into public.projects (partnership_id, name, segment, minerals, host_country, latitude,
           longitude, stage, capex_minor, funding_sought_minor, currency, esg_notes, status,
           registering_member_id, sponsor_organisation_id)
         values ($1, $2, $3, $4::text[], $5, $6::numeric, $7::numeric, $8, $9::int8, $10::int8, $11, $12, $13,
           $14, $15)
         returning id, status`,
        [
          partnership.id,
          input.name,
          input.segment,
          input.minerals,
          input.hostCountry,
          input.latitude,
          input.longitude,
          input.stage,
          input.capexMinor,
          input.fundingSoughtMinor,
          input.currency,
          input.esgNotes,
          intent === "submit" ? "submitted" : "draft",
          registeringMemberId,
          sponsorOrganisationId,
        ],
      );
      if (rows[0] && then) await then(tx, rows[0].id);
      return rows;
    });
    if (!row) throw new Error("The project was not returned after insert.");
    return { ok: true, id: row.id, status: row.status };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal || refusal.kind === "conflict") throw error;
    if (refusal.kind === "forbidden" || refusal.kind === "not-found") {
      const form =
        membership.role === "sponsor" ? REFUSALS.sponsorRegisters : REFUSALS.delegateRegisters;
      return { ok: false, errors: { form } };
    }
    return { ok: false, errors: { form: refusal.message ?? REFUSALS.invalidValue } };
  }
}

/* The project's life --------------------------------------------------------------------------------- */

export type ProjectChange = "submit" | "withdraw" | "cancel" | "approve" | "reject";

const TARGET: Record<ProjectChange, ProjectStatus> = {
  submit: "submitted",
  withdraw: "draft",
  cancel: "cancelled",
  approve: "approved",
  reject: "rejected",
};

export type ChangeOutcome =
  | { ok: true; project: { id: string; name: string; status: ProjectStatus; version: number } }
  | { ok: false; status: 400 | 402 | 403 | 404 | 409 | 422; message: string };

/**
 * Moves a project through its life against the version the person saw (optimistic concurrency). The
 * database decides who may (guard_project, RLS); this turns its refusals into sentences.
 */
export async function changeProjectStatus(
  { user, partnership }: MemberContext,
  input: { projectId: string; version: number; change: ProjectChange; reason?: string | null },
): Promise<ChangeOutcome> {
  const target = TARGET[input.change];
  const decision = input.change === "approve" || input.change === "reject";
  try {
    return await user.db(async (tx) => {
      const current = await getProjectIn(tx, partnership.id, input.projectId);
      if (!current) return { ok: false, status: 404, message: REFUSALS.projectNotFound } as const;
      if (current.version !== input.version) {
        return { ok: false, status: 409, message: staleProjectMessage(current) } as const;
      }
      const rows = await tx.query<{
        id: string;
        name: string;
        status: ProjectStatus;
        version: number;
      }>(
        `update public.projects
            set status = $3 ${decision ? ", decision_reason = $5" : ""}
          where id = $1 and partnership_id = $2 and version = $4
          returning id, name, status, version`,
        decision
          ? [input.projectId, partnership.id, target, input.version, input.reason || null]
          : [input.projectId, partnership.id, target, input.version],
      );
      const [project] = rows;
      if (!project) {
        return { ok: false, status: 403, message: REFUSALS.changeProject } as const;
      }
      return { ok: true, project } as const;
    });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const message =
      refusal.kind === "not-found"
        ? REFUSALS.projectNotFound
        : (refusal.message ?? REFUSALS.changeProject);
    return { ok: false, status: refusal.status, message };
  }
}

/* The secretariat's review -------------------------------------------------------------------------- */

export interface ReviewItem extends ProjectListRow {
  version: number;
  esgNotes: string | null;
  decisionReason: string | null;
  submittedAt: Date;
}

/** Projects waiting for a decision, oldest first (the queue), paginated. */
export function listReviewQueue({ user, partnership }: MemberContext, page: number) {
  return user.db(async (tx) => {
    const [count] = await tx.query<{ total: number }>(
      `select count(*)::int as total from public.projects where partnership_id = $1 and status = 'submitted'`,
      [partnership.id],
    );
    const total = count?.total ?? 0;
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const current = Math.min(page, pageCount);
    const rows = await tx.query<ReviewItem>(
      `select ${LIST_COLUMNS}, p.version, p.esg_notes as "esgNotes", p.decision_reason as "decisionReason",
              p.updated_at as "submittedAt"
         ${FROM_PROJECTS}
        where p.partnership_id = $1 and p.status = 'submitted'
        order by p.updated_at asc, p.id limit ${PAGE_SIZE} offset ${(current - 1) * PAGE_SIZE}`,
      [partnership.id],
    );
    return { rows, total, page: current, pageCount };
  });
}

export interface Decision {
  projectId: string;
  name: string;
  decision: "approved" | "rejected";
  reason: string | null;
  decidedAt: Date;
  decidedBy: string | null;
}

/** The latest decisions, newest first, from the audit trail (who decided, and when). */
export function listRecentDecisions({ user, partnership }: MemberContext, limit = 8) {
  return user.db((tx) =>
    tx.query<Decision>(
      `select e.row_id as "projectId", e.after ->> 'name' as name, e.after ->> 'status' as decision,
              e.after ->> 'decision_reason' as reason, e.created_at as "decidedAt", nullif(btrim(pr.display_name), '') as "decidedBy"
         from public.audit_events e
         left join public.profiles pr on pr.id = e.actor_id
        where e.partnership_id = $1 and e.table_name = 'projects' and e.action = 'update'
          and e.before ->> 'status' = 'submitted' and e.after ->> 'status' in ('approved', 'rejected')
        order by e.created_at desc, e.id desc limit $2`,
      [partnership.id, limit],
    ),
  );
}
