/*
 * Revising a project that is not final (ADR 110): a draft, or a rejected project before it is resubmitted.
 * Every field of the registration and its outputs change in one transaction, against the version the person
 * saw; a lost race answers 409 with the project as it is now, and the form keeps what was typed. The audit
 * trail records each change (triggers on projects and project_outputs).
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { refusalOf } from "~/db/errors";
import { isEditableProjectStatus } from "~/domain/edits";
import type { ProjectInput } from "~/domain/projects/registration";
import type { ProjectStatus } from "~/domain/projects/vocabulary";
import { REFUSALS } from "~/domain/refusals";
import type { OutputInput } from "~/domain/supply";
import { msg } from "~/i18n/message";
import { getProjectIn } from "./projects.server";
import { insertOutputs } from "./supply.server";

export type EditOutcome =
  | { ok: true; id: string; status: ProjectStatus; version: number }
  | { ok: false; status: 400 | 402 | 403 | 404 | 409 | 422; message: string; version?: number };

/** Thrown inside the transaction to roll back everything done so far. */
class Refused extends Error {
  constructor(readonly outcome: Exclude<EditOutcome, { ok: true }>) {
    super("refused");
  }
}

async function replaceOutputs(
  tx: Queryable,
  partnershipId: string,
  projectId: string,
  outputs: ReadonlyArray<OutputInput>,
) {
  await tx.query("delete from public.project_outputs where project_id = $1", [projectId]);
  await insertOutputs(tx, partnershipId, projectId, outputs);
}

/**
 * Saves the revised registration of a draft or rejected project; `submit` then sends it (back) to the
 * secretariat in the same transaction. The acting party stays as registered: the registering government and
 * the sponsor are not changed here.
 */
export async function editProject(
  { user, partnership, membership }: MemberContext,
  input: {
    projectId: string;
    version: number;
    fields: ProjectInput;
    outputs: ReadonlyArray<OutputInput>;
    submit: boolean;
  },
): Promise<EditOutcome> {
  if (input.submit && membership.role === "sponsor") {
    return { ok: false, status: 403, message: REFUSALS.sponsorSubmits };
  }
  try {
    return await user.db(async (tx) => {
      const current = await getProjectIn(tx, partnership.id, input.projectId);
      if (!current)
        throw new Refused({ ok: false, status: 404, message: REFUSALS.projectNotFound });
      if (current.version !== input.version) {
        throw new Refused({
          ok: false,
          status: 409,
          message: msg("everyday.edit.staleProject", { version: current.version }),
          version: current.version,
        });
      }
      if (!isEditableProjectStatus(current.status)) {
        throw new Refused({
          ok: false,
          status: 422,
          message: msg("everyday.edit.projectNotEditable"),
        });
      }
      const f = input.fields;
      const [row] = await tx.query<{ id: string; status: ProjectStatus; version: number }>(
        `update public.projects
            set name = $4, segment = $5, minerals = $6::text[], host_country = $7, latitude = $8::numeric,
                longitude = $9::numeric, stage = $10, capex_minor = $11::int8, funding_sought_minor = $12::int8,
                currency = $13, esg_notes = $14
          where id = $1 and partnership_id = $2 and version = $3
          returning id, status, version`,
        [
          input.projectId,
          partnership.id,
          input.version,
          f.name,
          f.segment,
          f.minerals,
          f.hostCountry,
          f.latitude,
          f.longitude,
          f.stage,
          f.capexMinor,
          f.fundingSoughtMinor,
          f.currency,
          f.esgNotes,
        ],
      );
      if (!row) throw new Refused({ ok: false, status: 403, message: REFUSALS.changeProject });
      await replaceOutputs(tx, partnership.id, row.id, input.outputs);
      if (!input.submit) return { ok: true, ...row } as const;
      const [sent] = await tx.query<{ id: string; status: ProjectStatus; version: number }>(
        `update public.projects set status = 'submitted' where id = $1 and version = $2
         returning id, status, version`,
        [row.id, row.version],
      );
      if (!sent) throw new Refused({ ok: false, status: 403, message: REFUSALS.changeProject });
      return { ok: true, ...sent } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (refusal.kind === "not-found") {
      return { ok: false, status: 404, message: REFUSALS.projectNotFound };
    }
    return {
      ok: false,
      status: refusal.status,
      message: refusal.message ?? REFUSALS.changeProject,
    };
  }
}

/**
 * The secretariat takes back its decision (approved or rejected → submitted) within the undo window, as long
 * as no pledge has been committed since (guard_project decides; ADR 111).
 */
export async function undoDecision(
  { user, partnership }: MemberContext,
  input: { projectId: string; version: number },
): Promise<EditOutcome> {
  try {
    return await user.db(async (tx) => {
      const current = await getProjectIn(tx, partnership.id, input.projectId);
      if (!current)
        throw new Refused({ ok: false, status: 404, message: REFUSALS.projectNotFound });
      if (current.version !== input.version) {
        throw new Refused({
          ok: false,
          status: 409,
          message: msg("everyday.edit.staleProject", { version: current.version }),
          version: current.version,
        });
      }
      const [row] = await tx.query<{ id: string; status: ProjectStatus; version: number }>(
        `update public.projects set status = 'submitted'
          where id = $1 and partnership_id = $2 and version = $3 and status in ('approved', 'rejected')
          returning id, status, version`,
        [input.projectId, partnership.id, input.version],
      );
      if (!row) throw new Refused({ ok: false, status: 403, message: REFUSALS.changeProject });
      return { ok: true, ...row } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return {
      ok: false,
      status: refusal.status,
      message: refusal.message ?? REFUSALS.changeProject,
    };
  }
}
