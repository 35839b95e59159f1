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

interface ReleasedPledge {
  id: string;
  memberId: string;
  currency: string;
  status: string;
}

/**
 * The project page's releases: the same money as listReleases, read from `tranches` alone (ADR 170). Its
 * pledges are the project's live ones the capital stack has read (a tranche is released only by a milestone of
 * its own pledge's project: private.guard_tranche), its codes those of the governments read with the project.
 * A pledge or a government not among them (committed or added since) is read here, under RLS, as the join did.
 */
export async function listProjectReleases(
  tx: Queryable,
  milestoneIds: ReadonlyArray<string>,
  pledges: ReadonlyArray<ReleasedPledge>,
  governments: ReadonlyMap<string, { code: string }>,
): Promise<Map<string, Release[]>> {
  const releases = new Map<string, Release[]>();
  if (milestoneIds.length === 0) return releases;
  // pledge_is_live is the pledge's own flag, kept equal by a cascading key: it leaves out drafts' tranches.
  const rows = await tx.query<{ milestoneId: string; pledgeId: string; amountMinor: string }>(
    `select t.milestone_id as "milestoneId", t.pledge_id as "pledgeId", t.amount_minor::text as "amountMinor"
       from public.tranches t
      where t.milestone_id = any($1::uuid[]) and t.status = 'scheduled' and t.pledge_is_live
      order by t.due_date, t.id`,
    [milestoneIds],
  );
  const pledgeOf = new Map(pledges.map((pledge) => [pledge.id, pledge]));
  const unreadPledges = [...new Set(rows.map((row) => row.pledgeId))].filter(
    (id) => !pledgeOf.has(id),
  );
  if (unreadPledges.length > 0) {
    const more = await tx.query<ReleasedPledge>(
      `select p.id, p.member_id as "memberId", p.currency::text as currency, p.status
         from public.pledges p where p.id = any($1::uuid[])`,
      [unreadPledges],
    );
    for (const pledge of more) pledgeOf.set(pledge.id, pledge);
  }
  const live = rows.flatMap((row) => {
    const pledge = pledgeOf.get(row.pledgeId);
    return pledge && (pledge.status === "committed" || pledge.status === "disbursing")
      ? [{ ...row, pledge }]
      : [];
  });
  const codeOf = new Map([...governments].map(([id, government]) => [id, government.code]));
  const unreadMembers = [...new Set(live.map((row) => row.pledge.memberId))].filter(
    (id) => !codeOf.has(id),
  );
  if (unreadMembers.length > 0) {
    const more = await tx.query<{ id: string; code: string }>(
      `select m.id, m.code from public.members m where m.id = any($1::uuid[])`,
      [unreadMembers],
    );
    for (const member of more) codeOf.set(member.id, member.code);
  }
  const found = live.flatMap(({ milestoneId, amountMinor, pledge }) => {
    const memberCode = codeOf.get(pledge.memberId);
    return memberCode === undefined
      ? []
      : [{ milestoneId, memberCode, amountMinor, currency: pledge.currency }];
  });
  // listReleases' order (code, due date, id): the rows come by due date and id, and the sort is stable.
  // Codes are ISO 3166 alpha-2 (members_code_iso3166), so every collation orders them as this comparison does.
  found.sort((a, b) => (a.memberCode < b.memberCode ? -1 : a.memberCode > b.memberCode ? 1 : 0));
  for (const { milestoneId, ...release } of found) {
    releases.set(milestoneId, [...(releases.get(milestoneId) ?? []), release]);
  }
  return releases;
}

/** Each milestone with the money completing it requests (none for closed ones): see listProjectReleases. */
export async function withReleases<M extends { id: string; status: string }>(
  tx: Queryable,
  milestones: M[],
  pledges: ReadonlyArray<ReleasedPledge>,
  governments: ReadonlyMap<string, { code: string }>,
): Promise<Array<M & { releases: Release[] }>> {
  const open = milestones.filter((m) => m.status !== "done" && m.status !== "cancelled");
  const releases = await listProjectReleases(
    tx,
    open.map((m) => m.id),
    pledges,
    governments,
  );
  return milestones.map((m) => ({ ...m, releases: releases.get(m.id) ?? [] }));
}
