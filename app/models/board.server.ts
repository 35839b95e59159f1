/*
 * The shared board and the timeline: milestones of the partnership's approved projects, as the member sees
 * them (RLS), filtered in the database. The board is windowed: each column reads at most `perColumn` cards
 * (by due date, through the (partnership_id, status, due_date) index) and the column's total. Whether a
 * milestone is overdue depends on `today`, which the caller passes (the route takes it from the clock).
 */
import type { MemberContext } from "~/auth/auth.server";
import { isClosed, MILESTONE_STATUSES, type MilestoneStatus } from "~/domain/milestones";
import { actorOf, allowedMoves, canEditMilestones } from "~/domain/permissions";
import type { BoardFilters, TimelineFilters } from "~/domain/projects/filters";
import { PAGE_SIZE } from "~/domain/projects/filters";

export interface BoardCard {
  id: string;
  title: string;
  dueDate: string;
  status: MilestoneStatus;
  version: number;
  projectId: string;
  projectName: string;
  hostCountry: string;
  /** Who runs the milestone: the project's sponsor organisation, else its registering government. */
  owner: string;
  /** The statuses this member may move the card to (empty: they may only look). */
  moves: MilestoneStatus[];
  /** Closed, and this member edits the board but may not reopen it (only the secretariat does). */
  locked: boolean;
}

export interface BoardColumn {
  status: MilestoneStatus;
  total: number;
  cards: BoardCard[];
}

export interface Board {
  today: string;
  columns: BoardColumn[];
  total: number;
  overdue: number;
}

interface CardRow extends Omit<BoardCard, "moves" | "locked"> {
  projectStatus: string;
  registeringMemberId: string;
  sponsorOrganisationId: string | null;
}

/**
 * The WHERE clause of the board's filters, on projects `p` (and, for the board, milestones `m` joined to
 * them); $1 is the partnership, the filters' values follow. `today` decides which milestones are overdue.
 */
function filterWhere(
  filters: Pick<BoardFilters, "segment" | "mineral" | "host" | "sponsor"> & { attention?: boolean },
  on: "milestones" | "projects",
  today?: string,
) {
  const params: unknown[] = [];
  // The milestones' and their projects' partnership both, so each table is read through its own index.
  const conditions = [
    ...(on === "milestones" ? ["m.partnership_id = $1"] : []),
    "p.partnership_id = $1",
    "p.status = 'approved'",
  ];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length + 1}`));
  };
  if (filters.segment) add((n) => `p.segment = ${n}`, filters.segment);
  if (filters.mineral) add((n) => `p.minerals @> array[${n}]::text[]`, filters.mineral);
  if (filters.host) add((n) => `p.host_country = ${n}`, filters.host);
  if (filters.sponsor) add((n) => `p.sponsor_organisation_id = ${n}`, filters.sponsor);
  if (on === "milestones" && filters.attention) {
    add(
      // i18n-exempt: SQL, never read by a person.
      (n) =>
        `(m.status in ('at_risk', 'delayed') or (m.due_date < ${n}::date and m.status not in ('done', 'cancelled')))`,
      today,
    );
  }
  return { where: conditions.join(" and "), params };
}

/** The board as of `today` ('YYYY-MM-DD'): overdue counts and the attention filter read it. */
export function getBoard(
  context: MemberContext,
  filters: BoardFilters,
  today: string,
): Promise<Board> {
  const { user, partnership } = context;
  const actor = actorOf(context);
  const { where, params } = filterWhere(filters, "milestones", today);
  // The parameters after the filters' own: today for the counts; statuses and the window for the cards.
  const todayParam = `$${params.length + 2}`;
  const statusParam = `$${params.length + 2}`;
  const limitParam = `$${params.length + 3}`;
  const unfiltered = params.length === 0;
  return user.db(async (tx) => {
    // The whole board's counts are kept per change (ADR 072); a filtered board counts its own milestones.
    const counts = await tx.query<{ status: MilestoneStatus; total: number; overdue: number }>(
      unfiltered
        ? `select c.status, sum(c.milestones)::int as total,
                  coalesce(sum(c.milestones) filter (where c.due_date < $2::date
                                                       and c.status not in ('done', 'cancelled')), 0)::int
                    as overdue
             from public.milestone_counts c
            where c.partnership_id = $1 and c.project_status = 'approved'
            group by c.status`
        : `select m.status, count(*)::int as total,
                  count(*) filter (where m.due_date < ${todayParam}::date
                                     and m.status not in ('done', 'cancelled'))::int as overdue
             from public.milestones m join public.projects p on p.id = m.project_id
            where ${where}
            group by m.status`,
      [partnership.id, ...params, today],
    );
    const rows = await tx.query<CardRow>(
      `select card.* from unnest(${statusParam}::text[]) with ordinality as col (status, ord)
       cross join lateral (
         select m.id, m.title, m.due_date::text as "dueDate", m.status, m.version,
                p.id as "projectId", p.name as "projectName", p.host_country as "hostCountry",
                p.status as "projectStatus", p.registering_member_id as "registeringMemberId",
                p.sponsor_organisation_id as "sponsorOrganisationId",
                coalesce(so.name, mem.name) as owner
           from public.milestones m
           -- Each milestone's project looked up by its key, in the column's date order, until the column is
           -- full: "offset 0" keeps Postgres from hashing every project and milestone of the partnership
           -- instead, which it chose under row-level security (ADR 150).
           cross join lateral (select p.* from public.projects p where p.id = m.project_id offset 0) p
           join public.members mem on mem.id = p.registering_member_id
           left join public.sponsor_organisations so on so.id = p.sponsor_organisation_id
          where ${where} and m.status = col.status
          order by m.due_date, m.id
          limit ${limitParam}
       ) card
       order by col.ord, card."dueDate", card.id`,
      [partnership.id, ...params, MILESTONE_STATUSES, filters.perColumn],
    );
    const columns = MILESTONE_STATUSES.map((status) => ({
      status,
      total: counts.find((count) => count.status === status)?.total ?? 0,
      cards: rows
        .filter((row) => row.status === status)
        .map(({ projectStatus, registeringMemberId, sponsorOrganisationId, ...card }) => {
          const scope = { status: projectStatus, registeringMemberId, sponsorOrganisationId };
          return {
            ...card,
            moves: allowedMoves(actor, scope, card.status),
            locked:
              isClosed(card.status) &&
              actor.role !== "secretariat" &&
              canEditMilestones(actor, scope),
          };
        }),
    }));
    return {
      today,
      columns,
      total: counts.reduce((sum, count) => sum + count.total, 0),
      overdue: counts.reduce((sum, count) => sum + count.overdue, 0),
    };
  });
}

/* Timeline ------------------------------------------------------------------------------------------- */

export interface TimelineProject {
  id: string;
  name: string;
  hostCountry: string;
  owner: string;
  milestones: Array<{ id: string; title: string; dueDate: string; status: MilestoneStatus }>;
}

export interface Timeline {
  today: string;
  projects: TimelineProject[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * Approved projects with their milestones, a page of projects at a time (by their next due date), drawn as
 * of `today` ('YYYY-MM-DD').
 */
export function getTimeline(
  context: MemberContext,
  filters: TimelineFilters,
  today: string,
): Promise<Timeline> {
  const { user, partnership } = context;
  const { where: projectWhere, params } = filterWhere(filters, "projects");
  return user.db(async (tx) => {
    const [count] = await tx.query<{ total: number }>(
      `select count(*)::int as total from public.projects p where ${projectWhere}`,
      [partnership.id, ...params],
    );
    const total = count?.total ?? 0;
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(filters.page, pageCount);
    const projects = await tx.query<Omit<TimelineProject, "milestones">>(
      `select p.id, p.name, p.host_country as "hostCountry", coalesce(so.name, mem.name) as owner
         from public.projects p
         join public.members mem on mem.id = p.registering_member_id
         left join public.sponsor_organisations so on so.id = p.sponsor_organisation_id
        where ${projectWhere}
        order by p.name, p.id
        limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`,
      [partnership.id, ...params],
    );
    const milestones = await tx.query<{
      id: string;
      projectId: string;
      title: string;
      dueDate: string;
      status: MilestoneStatus;
    }>(
      `select m.id, m.project_id as "projectId", m.title, m.due_date::text as "dueDate", m.status
         from public.milestones m
        where m.project_id = any($1::uuid[])
        order by m.due_date, m.position, m.id`,
      [projects.map((project) => project.id)],
    );
    return {
      today,
      projects: projects.map((project) => ({
        ...project,
        milestones: milestones
          .filter((milestone) => milestone.projectId === project.id)
          .map(({ projectId: _projectId, ...milestone }) => milestone),
      })),
      total,
      page,
      pageCount,
    };
  });
}
