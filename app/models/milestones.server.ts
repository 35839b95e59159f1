/*
 * Milestones and their updates, as the signed-in member sees and changes them (RLS decides, through
 * user.db). Every change is made against the version the person saw: a move, an edit or an update with a
 * status change that lost a race is refused with the fresh state and a sentence saying what happened, never
 * silently applied over someone else's change (docs/decisions/013-*.md, 021-*.md).
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { refusalOf } from "~/db/errors";
import type { MilestoneStatus, VersionedMilestone } from "~/domain/milestones";
import { conflictMessage, REFUSALS, staleEditMessage, staleUpdateMessage } from "~/domain/refusals";
import { needsEvidence } from "~/domain/decisions";
import { msg } from "~/i18n/message";
import { isUuid } from "./projects.server";
import { listReleases } from "./releases.server";

export interface Milestone extends VersionedMilestone {
  projectId: string;
  dueDate: string;
  position: number;
  notes: string | null;
  completedAt: Date | null;
  updatedAt: Date;
}

const COLUMNS = `m.id, m.project_id as "projectId", m.title, m.due_date::text as "dueDate", m.status,
  m.position, m.notes, m.version, m.completed_at as "completedAt", m.updated_at as "updatedAt"`;

export function listProjectMilestones(tx: Queryable, projectId: string): Promise<Milestone[]> {
  return tx.query<Milestone>(
    `select ${COLUMNS} from public.milestones m where m.project_id = $1
      order by m.due_date, m.position, m.id`,
    [projectId],
  );
}

async function findMilestone(
  tx: Queryable,
  partnershipId: string,
  milestoneId: string,
): Promise<Milestone | null> {
  if (!isUuid(milestoneId)) return null;
  const [row] = await tx.query<Milestone>(
    `select ${COLUMNS} from public.milestones m where m.id = $1 and m.partnership_id = $2`,
    [milestoneId, partnershipId],
  );
  return row ?? null;
}

export interface MilestoneUpdate {
  id: string;
  milestoneId: string;
  milestoneTitle: string;
  note: string;
  statusChange: MilestoneStatus | null;
  evidenceUrl: string | null;
  author: string | null;
  createdAt: Date;
}

/**
 * The project's updates feed, newest first. `milestones` are the project's, as the page read them: the feed
 * takes their titles from there instead of joining `milestones` once more (one table fewer to test its policy
 * on, ADR 170). An update on a milestone not among them (added since) is named by a read of its own, under RLS,
 * as the join did.
 */
export async function listProjectUpdates(
  tx: Queryable,
  projectId: string,
  milestones: ReadonlyArray<{ id: string; title: string }>,
  limit = 30,
): Promise<MilestoneUpdate[]> {
  const rows = await tx.query<Omit<MilestoneUpdate, "milestoneTitle">>(
    // The newest `limit` updates first (one index range), then their authors: joined before the limit, every
    // update of the project was joined and tested by the policies (ADR 164).
    `select u.id, u.milestone_id as "milestoneId", u.note, u.status_change as "statusChange",
            u.evidence_url as "evidenceUrl", coalesce(pr.display_name, pr.email) as author,
            u.created_at as "createdAt"
       from (select * from public.milestone_updates where project_id = $1
              order by created_at desc, id desc limit $2) u
       left join public.profiles pr on pr.id = u.created_by
      order by u.created_at desc, u.id desc`,
    [projectId, limit],
  );
  const titles = new Map(milestones.map((milestone) => [milestone.id, milestone.title]));
  const unread = [...new Set(rows.map((row) => row.milestoneId))].filter((id) => !titles.has(id));
  if (unread.length > 0) {
    const more = await tx.query<{ id: string; title: string }>(
      `select m.id, m.title from public.milestones m where m.id = any($1::uuid[]) and m.project_id = $2`,
      [unread, projectId],
    );
    for (const milestone of more) titles.set(milestone.id, milestone.title);
  }
  // As the join did: an update whose milestone the member cannot see is left out.
  return rows.flatMap((row) => {
    const milestoneTitle = titles.get(row.milestoneId);
    return milestoneTitle === undefined ? [] : [{ ...row, milestoneTitle }];
  });
}

/* Outcomes ------------------------------------------------------------------------------------------- */

export type MilestoneOutcome =
  | { ok: true; milestone: Milestone }
  | { ok: false; kind: "conflict"; status: 409; message: string; current: Milestone }
  | { ok: false; kind: "refused"; status: 400 | 402 | 403 | 404 | 422; message: string };

const notFound = {
  ok: false,
  kind: "refused",
  status: 404,
  message: REFUSALS.milestoneNotFound,
} as const;

/** A refused change (app/db/errors.ts): `forbidden` says who may, `missing` what was not found. */
function refusedBy(
  error: unknown,
  forbidden: string,
  missing: string = REFUSALS.milestoneNotFound,
): MilestoneOutcome | null {
  const refusal = refusalOf(error);
  if (!refusal || refusal.kind === "conflict") return null;
  if (refusal.kind === "not-found") {
    return { ok: false, kind: "refused", status: refusal.status, message: missing };
  }
  return {
    ok: false,
    kind: "refused",
    status: refusal.status,
    message: refusal.message ?? forbidden,
  };
}

/** Thrown inside a transaction to roll it back when the version the person saw is no longer current. */
class StaleVersion extends Error {}

/** Thrown inside a transaction to roll back a move to Done that releases money without evidence (ADR 111). */
class EvidenceMissing extends Error {}

/** Whether the change lost a race: its version was stale when read, or the database said so. */
function lostRace(error: unknown): boolean {
  return error instanceof StaleVersion || refusalOf(error)?.kind === "conflict";
}

/**
 * Changes the status of a milestone the caller has already read in `tx`, against `expectedVersion`.
 * Done goes through complete_milestone (which releases tranches); other statuses through a plain update
 * guarded by the version. Returns the updated row, or null when RLS let nothing change.
 */
async function applyStatus(
  tx: Queryable,
  milestone: Milestone,
  expectedVersion: number,
  status: MilestoneStatus,
): Promise<Milestone | null> {
  if (status === "done") {
    await tx.query("select 1 from public.complete_milestone($1, $2)", [
      milestone.id,
      expectedVersion,
    ]);
  } else {
    const rows = await tx.query<{ id: string }>(
      `update public.milestones set status = $2 where id = $1 and version = $3 returning id`,
      [milestone.id, status, expectedVersion],
    );
    if (rows.length === 0) {
      // Either row-level security let nothing change, or someone changed it since it was read.
      const [now] = await tx.query<{ version: number }>(
        "select version from public.milestones where id = $1",
        [milestone.id],
      );
      if (now && now.version !== expectedVersion) throw new StaleVersion();
      return null;
    }
  }
  const [row] = await tx.query<Milestone>(
    `select ${COLUMNS} from public.milestones m where m.id = $1`,
    [milestone.id],
  );
  return row ?? null;
}

/** After a refused change: the milestone as it is now, read in a fresh transaction. */
async function conflictOutcome(
  context: MemberContext,
  milestoneId: string,
  describe: (current: Milestone) => string,
): Promise<MilestoneOutcome> {
  const current = await context.user.db((tx) =>
    findMilestone(tx, context.partnership.id, milestoneId),
  );
  if (!current) return notFound;
  return { ok: false, kind: "conflict", status: 409, message: describe(current), current };
}

/** Moves a card on the board: the same action for drag and drop and for the keyboard's "Move to…". */
export async function moveMilestone(
  context: MemberContext,
  input: {
    milestoneId: string;
    version: number;
    status: MilestoneStatus;
    note?: string | null;
    evidenceUrl?: string | null;
  },
): Promise<MilestoneOutcome> {
  const { user, partnership } = context;
  const attempted = input.status;
  try {
    return await user.db(async (tx) => {
      const current = await findMilestone(tx, partnership.id, input.milestoneId);
      if (!current) return notFound;
      if (current.version !== input.version) throw new StaleVersion();
      if (current.status === attempted) return { ok: true, milestone: current } as const;
      // Money depends on it: completing it asks for evidence, kept as the milestone's update (ADR 111).
      const releases =
        attempted === "done" ? ((await listReleases(tx, [current.id])).get(current.id) ?? []) : [];
      const moved = await applyStatus(tx, current, input.version, attempted);
      // Asked only of someone who may move it (the database said so above); rolls the move back.
      if (moved && needsEvidence(releases) && !input.note) throw new EvidenceMissing();
      if (moved && input.note) {
        await tx.query(
          `insert into public.milestone_updates (partnership_id, milestone_id, note, status_change, evidence_url)
           values ($1, $2, $3, $4, $5)`,
          [partnership.id, current.id, input.note, attempted, input.evidenceUrl ?? null],
        );
      }
      if (!moved) {
        return {
          ok: false,
          kind: "refused",
          status: 403,
          message: REFUSALS.moveMilestone,
        } as const;
      }
      return { ok: true, milestone: moved } as const;
    });
  } catch (error) {
    if (error instanceof EvidenceMissing) {
      return {
        ok: false,
        kind: "refused",
        status: 422,
        message: msg("everyday.evidence.required"),
      };
    }
    if (lostRace(error)) {
      return conflictOutcome(context, input.milestoneId, (current) =>
        conflictMessage(current, attempted),
      );
    }
    const refused = refusedBy(error, REFUSALS.moveMilestone);
    if (refused) return refused;
    throw error;
  }
}

export interface MilestoneFields {
  title: string;
  dueDate: string;
  notes: string | null;
}

/** Adds a milestone at the end of the project's list (RLS: the project's editors only). */
export async function addMilestone(
  { user, partnership }: MemberContext,
  projectId: string,
  fields: MilestoneFields & { status: MilestoneStatus },
): Promise<MilestoneOutcome> {
  try {
    const [row] = await user.db((tx) =>
      tx.query<Milestone>(
        `insert into public.milestones as m (partnership_id, project_id, title, due_date, status, position, notes)
         values ($1, $2, $3, $4::date, $5,
                 (select coalesce(max(x.position) + 1, 0) from public.milestones x where x.project_id = $2), $6)
         returning ${COLUMNS}`,
        [partnership.id, projectId, fields.title, fields.dueDate, fields.status, fields.notes],
      ),
    );
    if (!row) throw new Error("The milestone was not returned after insert.");
    return { ok: true, milestone: row };
  } catch (error) {
    const refused = refusedBy(error, REFUSALS.addMilestone, REFUSALS.projectNotFound);
    if (refused) return refused;
    throw error;
  }
}

/** Edits a milestone's title, due date and notes against the version the person saw. */
export async function editMilestone(
  context: MemberContext,
  input: MilestoneFields & { milestoneId: string; version: number },
): Promise<MilestoneOutcome> {
  const { user, partnership } = context;
  try {
    return await user.db(async (tx) => {
      const current = await findMilestone(tx, partnership.id, input.milestoneId);
      if (!current) return notFound;
      if (current.version !== input.version) throw new StaleVersion();
      const [row] = await tx.query<Milestone>(
        `update public.milestones as m set title = $2, due_date = $3::date, notes = $4
          where m.id = $1 and m.version = $5 returning ${COLUMNS}`,
        [input.milestoneId, input.title, input.dueDate, input.notes, input.version],
      );
      if (!row) {
        const now = await findMilestone(tx, partnership.id, input.milestoneId);
        if (now && now.version !== input.version) throw new StaleVersion();
        return {
          ok: false,
          kind: "refused",
          status: 403,
          message: REFUSALS.editMilestone,
        } as const;
      }
      return { ok: true, milestone: row } as const;
    });
  } catch (error) {
    if (lostRace(error)) {
      return conflictOutcome(context, input.milestoneId, staleEditMessage);
    }
    const refused = refusedBy(error, REFUSALS.editMilestone);
    if (refused) return refused;
    throw error;
  }
}

/**
 * Posts a dated note on a milestone, with an optional status change and evidence link, in one
 * transaction: when the status change loses a race, nothing is posted and the person is told why.
 */
export async function postMilestoneUpdate(
  context: MemberContext,
  input: {
    milestoneId: string;
    version: number;
    note: string;
    statusChange: MilestoneStatus | null;
    evidenceUrl: string | null;
  },
): Promise<MilestoneOutcome> {
  const { user, partnership } = context;
  try {
    return await user.db(async (tx) => {
      const current = await findMilestone(tx, partnership.id, input.milestoneId);
      if (!current) return notFound;
      const change =
        input.statusChange && input.statusChange !== current.status ? input.statusChange : null;
      if (change && current.version !== input.version) throw new StaleVersion();
      let milestone = current;
      if (change) {
        const moved = await applyStatus(tx, current, input.version, change);
        if (!moved) {
          return { ok: false, kind: "refused", status: 403, message: REFUSALS.postUpdate } as const;
        }
        milestone = moved;
      }
      await tx.query(
        `insert into public.milestone_updates (partnership_id, milestone_id, note, status_change, evidence_url)
         values ($1, $2, $3, $4, $5)`,
        [partnership.id, input.milestoneId, input.note, change, input.evidenceUrl],
      );
      return { ok: true, milestone } as const;
    });
  } catch (error) {
    if (lostRace(error)) {
      return conflictOutcome(context, input.milestoneId, staleUpdateMessage);
    }
    const refused = refusedBy(error, REFUSALS.postUpdate);
    if (refused) return refused;
    throw error;
  }
}
