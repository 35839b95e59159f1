/*
 * The three co-funding totals (committed, triggered-conditional, pending-conditional), the funding gap, and
 * the viewer's own drafts, clearly marked, with the rate date the conversion used.
 */
import { formatMoney } from "~/utils/money";

export interface TotalsView {
  committed: string;
  triggered: string;
  pending: string;
  drafts: string;
  sought?: string | null;
  gap?: string | null;
}

export function FundingTotals({
  totals,
  currency,
  label,
  showDrafts,
}: {
  totals: TotalsView;
  currency: string;
  label: string;
  showDrafts: boolean;
}) {
  const gap = totals.gap ? BigInt(totals.gap) : null;
  return (
    <div className="stack">
      <h3 className="data-table-title">{label}</h3>
      <dl className="totals-grid">
        <div className="stat">
          <dt className="label">Committed</dt>
          <dd className="value">{formatMoney(totals.committed, currency)}</dd>
        </div>
        <div className="stat">
          <dt className="label">Conditional, triggered</dt>
          <dd className="value">{formatMoney(totals.triggered, currency)}</dd>
        </div>
        <div className="stat">
          <dt className="label">Conditional, pending</dt>
          <dd className="value">{formatMoney(totals.pending, currency)}</dd>
        </div>
        {totals.sought ? (
          <div className="stat gap">
            <dt className="label">Funding gap (sought − committed − triggered)</dt>
            <dd className="value">
              {gap !== null && gap < 0n
                ? `Over-subscribed by ${formatMoney(-gap, currency)}`
                : formatMoney(totals.gap ?? "0", currency)}
            </dd>
          </div>
        ) : null}
        {showDrafts ? (
          <div className="stat drafts">
            <dt className="label">Your drafts (private, not in the totals)</dt>
            <dd className="value">{formatMoney(totals.drafts, currency)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/** "Converted at the FX rates of 2026-11-20 (EUR 1.158, JPY 0.00652)", and the currencies left out. */
export function RateNote({
  rateDate,
  ratesUsed,
  missingRates,
  reportingCurrency,
}: {
  rateDate: { oldest: string | null; newest: string | null; on: string };
  ratesUsed: Array<{ currency: string; rate: string; asOf: string }>;
  missingRates: string[];
  reportingCurrency: string;
}) {
  const foreign = ratesUsed.filter((rate) => rate.currency !== reportingCurrency);
  return (
    <div className="stack">
      <p className="rate-note">
        {foreign.length === 0
          ? `All amounts are in ${reportingCurrency}; no conversion needed.`
          : `Converted to ${reportingCurrency} at the FX rates of ${
              rateDate.oldest === rateDate.newest
                ? rateDate.newest
                : `${rateDate.oldest} to ${rateDate.newest}`
            } (newest on or before ${rateDate.on}): ${foreign
              .map(
                (rate) =>
                  `1 ${rate.currency} = ${rate.rate.replace(/0+$/, "").replace(/\.$/, "")} ${reportingCurrency} (${rate.asOf})`,
              )
              .join("; ")}.`}
      </p>
      {missingRates.length > 0 ? (
        <p className="alert warning" role="status">
          No FX rate for {missingRates.join(", ")} on or before {rateDate.on}: those pledges are
          left out of the converted totals until the secretariat adds a rate.
        </p>
      ) : null}
    </div>
  );
}
