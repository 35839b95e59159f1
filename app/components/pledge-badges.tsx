/* Badges for a pledge's status and its co-funding state; colour is never the only signal (text says it). */
import type { PledgeStatusValue } from "~/domain/pledges";
import { useT } from "~/i18n/react";

export function PledgeStatusBadge({ status }: { status: PledgeStatusValue }) {
  const { t } = useT();
  return <span className={`badge status-${status}`}>{t(`vocabulary.pledgeStatus.${status}`)}</span>;
}

export type RuleState =
  "committed" | "triggered" | "pending" | "draft" | "withdrawn" | "unconverted";

export function RuleStateBadge({
  state,
  waitsOnEachOther = false,
}: {
  state: RuleState;
  waitsOnEachOther?: boolean;
}) {
  const { t } = useT();
  return (
    <span className={`badge rule-${state}`}>
      {t(`pledges.state.${state}`)}
      {waitsOnEachOther ? t("pledges.waitingOnEachOther") : ""}
    </span>
  );
}

/** The mark on a government's own drafts: only its delegates ever see them. */
export function DraftMark() {
  const { t } = useT();
  return (
    <span className="badge draft-mark" title={t("pledges.draftMarkTitle")}>
      {t("pledges.draftMark")}
    </span>
  );
}
