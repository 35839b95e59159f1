/*
 * Tranches: the parts of a pledge, each due on a date and optionally released by a milestone. Pure helpers for
 * the schedule (quarters), progress, and re-spreading an amended amount over what is still scheduled.
 */
import { allocate } from "~/utils/money";
import { msg } from "~/i18n/message";

export interface TrancheLike {
  id: string;
  amountMinor: bigint;
  status: "scheduled" | "requested" | "paid" | "cancelled";
}

/** "2027-Q1" for a date 'YYYY-MM-DD'. */
export function quarterOf(date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/** Paid, requested and scheduled sums of a pledge's tranches; cancelled ones (ADR 112) count for nothing. */
export function trancheProgress(tranches: ReadonlyArray<TrancheLike>) {
  const totals = { paid: 0n, requested: 0n, scheduled: 0n, cancelled: 0n };
  for (const tranche of tranches) totals[tranche.status] += tranche.amountMinor;
  return { ...totals, total: totals.paid + totals.requested + totals.scheduled };
}

export type Respread =
  | { ok: true; changes: Array<{ id: string; amountMinor: bigint }> }
  | { ok: false; message: string };

/**
 * After an amendment to `newAmount`, the still-scheduled tranches take up the difference in proportion to
 * their amounts, so the schedule again adds up to the pledge exactly. Paid and requested tranches never
 * change. Refused when the new amount is below what is already paid or requested, or when nothing is
 * scheduled any more.
 */
export function respreadAfterAmendment(
  tranches: ReadonlyArray<TrancheLike>,
  newAmount: bigint,
): Respread {
  const { paid, requested, scheduled } = trancheProgress(tranches);
  const fixed = paid + requested;
  const open = tranches.filter((tranche) => tranche.status === "scheduled");
  const available = newAmount - fixed;
  if (available < 0n || (available === 0n && open.length > 0)) {
    return { ok: false, message: msg("pledges.detail.belowPaid") };
  }
  if (open.length === 0) {
    if (available === 0n) return { ok: true, changes: [] };
    return { ok: false, message: msg("pledges.detail.nothingScheduled") };
  }
  const weights = scheduled > 0n ? open.map((tranche) => tranche.amountMinor) : open.map(() => 1n);
  const parts = allocate(available, weights);
  if (parts.some((part) => part <= 0n)) {
    return { ok: false, message: msg("pledges.detail.tooSmall") };
  }
  return {
    ok: true,
    changes: open.map((tranche, index) => ({ id: tranche.id, amountMinor: parts[index] ?? 0n })),
  };
}
