/*
 * A project's outputs and supply links as the signed-in member sees and changes them (row-level security
 * decides, through user.db). Units come from the reference data; changes are made against the version the
 * person saw, and refusals come back as sentences (docs/decisions/081-*.md).
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { databaseError } from "~/db/errors";
import {
  groupValue,
  mineralLabel,
  splitGroup,
  stageLabel,
  type LinkInput,
  type LinkKind,
  type LinkStatus,
  type OutputGroupOption,
  type OutputInput,
} from "~/domain/supply";
import type { SupplyStage } from "~/domain/supply";
import { isUuid } from "./projects.server";
import { loadReferenceSnapshot } from "./resilience.server";

/** The reference groups a project's output can belong to (those with a unit to measure it in). */
export async function outputGroupOptions(tx: Queryable): Promise<OutputGroupOption[]> {
  const snapshot = await loadReferenceSnapshot(tx);
  return snapshot.groups
    .filter((group) => group.unit !== null)
    .map((group) => ({
      value: groupValue(group.mineral, group.stage),
      mineral: group.mineral,
      stage: group.stage,
      unit: group.unit ?? "",
    }));
}

export interface ProjectOutput {
  id: string;
  mineral: string;
  stage: SupplyStage;
  capacity: string;
  unit: string;
  firstYear: number;
  version: number;
}

export function listProjectOutputs(tx: Queryable, projectId: string): Promise<ProjectOutput[]> {
  return tx.query<ProjectOutput>(
    `select o.id, o.mineral, o.stage, o.capacity_per_year::text as capacity, o.unit,
            o.first_output_year as "firstYear", o.version
       from public.project_outputs o where o.project_id = $1
      order by o.first_output_year, o.mineral, o.stage, o.id`,
    [projectId],
  );
}

export interface ProjectLink {
  id: string;
  direction: "supplies" | "buys";
  counterpartId: string;
  counterpartName: string;
  counterpartStatus: string;
  mineral: string;
  kind: LinkKind;
  tonnes: string;
  status: LinkStatus;
  version: number;
  /** The person edits one of its two projects. */
  editable: boolean;
}

/** The project's links both ways, as far as the person can see both ends. */
export function listProjectLinks(tx: Queryable, projectId: string): Promise<ProjectLink[]> {
  return tx.query<ProjectLink>(
    `select l.id, case when l.supplier_project_id = $1 then 'supplies' else 'buys' end as direction,
            c.id as "counterpartId", c.name as "counterpartName", c.status as "counterpartStatus",
            l.mineral, l.kind, l.tonnes_per_year::text as tonnes, l.status, l.version,
            (private.can_edit_project(l.supplier_project_id)
             or private.can_edit_project(l.buyer_project_id)) as editable
       from public.project_links l
       join public.projects c
         on c.id = case when l.supplier_project_id = $1 then l.buyer_project_id else l.supplier_project_id end
      where l.supplier_project_id = $1 or l.buyer_project_id = $1
      order by direction desc, c.name, l.mineral`,
    [projectId],
  );
}

/** The projects a link from this one may point to: every other project the person can see. */
export function linkCandidates(
  tx: Queryable,
  partnershipId: string,
  projectId: string,
): Promise<Array<{ id: string; name: string; status: string }>> {
  return tx.query(
    `select p.id, p.name, p.status from public.projects p
      where p.partnership_id = $1 and p.id <> $2 and p.status not in ('rejected', 'cancelled')
      order by p.name`,
    [partnershipId, projectId],
  );
}

export type SupplyOutcome =
  | { ok: true; notice: string }
  | { ok: false; status: 400 | 402 | 403 | 404 | 409; message: string };

const NOT_EDITOR =
  "Only the project's sponsor, the delegates of its registering government and the secretariat change its outputs.";
const NOT_LINK_EDITOR =
  "A link is changed by the editors of one of its two projects, between projects they can both see.";

function refusal(error: unknown, forbidden: string): SupplyOutcome {
  const failure = databaseError(error);
  if (failure?.code === "42501") return { ok: false, status: 403, message: forbidden };
  if (failure?.code === "23514" || failure?.code === "22003") {
    return { ok: false, status: 400, message: `The database refused a value: ${failure.message}` };
  }
  if (failure?.code === "23505") {
    return {
      ok: false,
      status: 409,
      message: "These two projects already have a link for this mineral: change that one instead.",
    };
  }
  if (failure?.code === "23503") {
    return { ok: false, status: 404, message: "That project is not in this partnership." };
  }
  if (failure?.code === "PT402") return { ok: false, status: 402, message: failure.message };
  throw error;
}

const outputText = (mineral: string, stage: string) =>
  `${mineralLabel(mineral)}, ${stageLabel(stage).toLowerCase()}`;

export async function addOutput(
  { user, partnership }: MemberContext,
  projectId: string,
  input: OutputInput,
): Promise<SupplyOutcome> {
  const group = splitGroup(input.group);
  if (!group || !isUuid(projectId)) {
    return { ok: false, status: 400, message: "Choose what the project produces." };
  }
  try {
    await user.db((tx) => insertOutputs(tx, partnership.id, projectId, [input]));
    return { ok: true, notice: `Output added: ${outputText(group.mineral, group.stage)}.` };
  } catch (error) {
    return refusal(error, NOT_EDITOR);
  }
}

/** Inserts outputs for a project in the caller's transaction (registration uses it with the new project). */
export async function insertOutputs(
  tx: Queryable,
  partnershipId: string,
  projectId: string,
  outputs: ReadonlyArray<OutputInput>,
): Promise<void> {
  for (const output of outputs) {
    const group = splitGroup(output.group);
    if (!group) throw new Error(`Not a reference group: ${output.group}`);
    await tx.query(
      `insert into public.project_outputs (partnership_id, project_id, mineral, stage, capacity_per_year,
         first_output_year) values ($1, $2, $3, $4, $5::numeric, $6)`,
      [partnershipId, projectId, group.mineral, group.stage, output.capacity, output.firstYear],
    );
  }
}

export async function editOutput(
  { user, partnership }: MemberContext,
  input: OutputInput & { outputId: string; version: number },
): Promise<SupplyOutcome> {
  const group = splitGroup(input.group);
  if (!group) return { ok: false, status: 400, message: "Choose what the project produces." };
  try {
    const rows = await user.db((tx) =>
      tx.query<{ id: string }>(
        `update public.project_outputs set mineral = $3, stage = $4, capacity_per_year = $5::numeric,
                first_output_year = $6
          where id = $1 and partnership_id = $2 and version = $7 returning id`,
        [
          input.outputId,
          partnership.id,
          group.mineral,
          group.stage,
          input.capacity,
          input.firstYear,
          input.version,
        ],
      ),
    );
    if (rows.length === 0) {
      return staleOrHidden(user, "project_outputs", input.outputId, input.version, NOT_EDITOR);
    }
    return { ok: true, notice: `Output saved: ${outputText(group.mineral, group.stage)}.` };
  } catch (error) {
    return refusal(error, NOT_EDITOR);
  }
}

export async function removeOutput(
  { user, partnership }: MemberContext,
  outputId: string,
): Promise<SupplyOutcome> {
  if (!isUuid(outputId)) return { ok: false, status: 404, message: "That output is gone." };
  try {
    const rows = await user.db((tx) =>
      tx.query<{ mineral: string; stage: string }>(
        "delete from public.project_outputs where id = $1 and partnership_id = $2 returning mineral, stage",
        [outputId, partnership.id],
      ),
    );
    const [row] = rows;
    if (!row) return { ok: false, status: 403, message: NOT_EDITOR };
    return { ok: true, notice: `Output removed: ${outputText(row.mineral, row.stage)}.` };
  } catch (error) {
    return refusal(error, NOT_EDITOR);
  }
}

export async function addLink(
  { user, partnership }: MemberContext,
  projectId: string,
  input: LinkInput,
): Promise<SupplyOutcome> {
  if (!isUuid(projectId)) return { ok: false, status: 404, message: "That project is gone." };
  if (input.counterpartId === projectId) {
    return { ok: false, status: 400, message: "A link joins two different projects." };
  }
  const [supplier, buyer] =
    input.direction === "supplies"
      ? [projectId, input.counterpartId]
      : [input.counterpartId, projectId];
  try {
    await user.db((tx) =>
      tx.query(
        `insert into public.project_links (partnership_id, supplier_project_id, buyer_project_id, mineral, kind,
           tonnes_per_year, status) values ($1, $2, $3, $4, $5, $6::numeric, $7)`,
        [partnership.id, supplier, buyer, input.mineral, input.kind, input.tonnes, input.status],
      ),
    );
    return { ok: true, notice: "Supply link added." };
  } catch (error) {
    return refusal(error, NOT_LINK_EDITOR);
  }
}

export async function editLink(
  { user, partnership }: MemberContext,
  input: { linkId: string; version: number; kind: LinkKind; tonnes: string; status: LinkStatus },
): Promise<SupplyOutcome> {
  try {
    const rows = await user.db((tx) =>
      tx.query<{ id: string }>(
        `update public.project_links set kind = $3, tonnes_per_year = $4::numeric, status = $5
          where id = $1 and partnership_id = $2 and version = $6 returning id`,
        [input.linkId, partnership.id, input.kind, input.tonnes, input.status, input.version],
      ),
    );
    if (rows.length === 0) {
      return staleOrHidden(user, "project_links", input.linkId, input.version, NOT_LINK_EDITOR);
    }
    return { ok: true, notice: "Supply link saved." };
  } catch (error) {
    return refusal(error, NOT_LINK_EDITOR);
  }
}

export async function removeLink(
  { user, partnership }: MemberContext,
  linkId: string,
): Promise<SupplyOutcome> {
  if (!isUuid(linkId)) return { ok: false, status: 404, message: "That link is gone." };
  try {
    const rows = await user.db((tx) =>
      tx.query(
        "delete from public.project_links where id = $1 and partnership_id = $2 returning id",
        [linkId, partnership.id],
      ),
    );
    if (rows.length === 0) return { ok: false, status: 403, message: NOT_LINK_EDITOR };
    return { ok: true, notice: "Supply link removed." };
  } catch (error) {
    return refusal(error, NOT_LINK_EDITOR);
  }
}

/** Why an update changed nothing: it is gone (404), someone changed it first (409), or the person may not (403). */
async function staleOrHidden(
  user: MemberContext["user"],
  table: "project_outputs" | "project_links",
  id: string,
  expected: number,
  forbidden: string,
): Promise<SupplyOutcome> {
  const [row] = isUuid(id)
    ? await user.db((tx) =>
        tx.query<{ version: number }>(`select version from public.${table} where id = $1`, [id]),
      )
    : [];
  if (!row) return { ok: false, status: 404, message: "It is gone: someone removed it." };
  if (row.version === expected) return { ok: false, status: 403, message: forbidden };
  return {
    ok: false,
    status: 409,
    message:
      "Someone else changed it since you opened the page: the page now shows their version. Make your change again.",
  };
}
