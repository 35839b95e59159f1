/*
 * The money a milestone releases (ADR 111): the scheduled tranches of live pledges that completing it
 * requests (private.release_tranches). Read as the member, under RLS: every role that sees the board sees
 * live pledges and their tranches (rule 2 of docs/security-model.md), so the card and the confirmation name
 * the same money the database will move.
 */
import type { Queryable } from "~/db/engine.server";
import type { Release } from "~/domain/decisions";

export async function listReleases(
  tx: Queryable,
  milestoneIds: ReadonlyArray<string>,
): Promise<Map<string, Release[]>> {
  const releases = new Map<string, Release[]>();
  if (milestoneIds.length === 0) return releases;
  const rows = await tx.query<Release & { milestoneId: string }>(
    `select t.milestone_id as "milestoneId", m.code as "memberCode", t.amount_minor::text as "amountMinor",
            trim(p.currency) as currency
       from public.tranches t
       join public.pledges p on p.id = t.pledge_id
       join public.members m on m.id = p.member_id
      where t.milestone_id = any($1::uuid[]) and t.status = 'scheduled'
        and p.status in ('committed', 'disbursing')
      order by m.code, t.due_date, t.id`,
    [milestoneIds],
  );
  for (const { milestoneId, ...release } of rows) {
    releases.set(milestoneId, [...(releases.get(milestoneId) ?? []), release]);
  }
  return releases;
}

/** Each milestone with the money completing it requests (none for closed ones). */
export async function withReleases<M extends { id: string; status: string }>(
  tx: Queryable,
  milestones: M[],
): Promise<Array<M & { releases: Release[] }>> {
  const open = milestones.filter((m) => m.status !== "done" && m.status !== "cancelled");
  const releases = await listReleases(
    tx,
    open.map((m) => m.id),
  );
  return milestones.map((m) => ({ ...m, releases: releases.get(m.id) ?? [] }));
}
