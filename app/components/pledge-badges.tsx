/* Badges for a pledge's status and its co-funding state; colour is never the only signal (text says it). */
import { PLEDGE_STATUS_LABELS, type PledgeStatusValue } from "~/domain/pledges";

export function PledgeStatusBadge({ status }: { status: PledgeStatusValue }) {
  return <span className={`badge status-${status}`}>{PLEDGE_STATUS_LABELS[status]}</span>;
}

const STATE_LABELS = {
  committed: "Committed",
  triggered: "Triggered",
  pending: "Pending",
  draft: "Draft",
  withdrawn: "Withdrawn",
  unconverted: "No FX rate",
} as const;

export function RuleStateBadge({
  state,
  waitsOnEachOther = false,
}: {
  state: keyof typeof STATE_LABELS;
  waitsOnEachOther?: boolean;
}) {
  return (
    <span className={`badge rule-${state}`}>
      {STATE_LABELS[state]}
      {waitsOnEachOther ? " · waiting on each other" : ""}
    </span>
  );
}

/** The mark on a government's own drafts: only its delegates ever see them. */
export function DraftMark() {
  return (
    <span className="badge draft-mark" title="Only your government's delegates see drafts">
      Your draft — private
    </span>
  );
}
