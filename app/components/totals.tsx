/*
 * The three co-funding totals (committed, triggered-conditional, pending-conditional), the funding gap, and
 * the viewer's own drafts, clearly marked, with the rate date the conversion used.
 */
import { useFormat, useT } from "~/i18n/react";

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
  const { t } = useT();
  const f = useFormat();
  const gap = totals.gap ? BigInt(totals.gap) : null;
  return (
    <div className="stack">
      <h3 className="data-table-title">{label}</h3>
      <dl className="totals-grid">
        <div className="stat">
          <dt className="label">{t("funding.committed")}</dt>
          <dd className="value">{f.money(totals.committed, currency)}</dd>
        </div>
        <div className="stat">
          <dt className="label">{t("funding.triggered")}</dt>
          <dd className="value">{f.money(totals.triggered, currency)}</dd>
        </div>
        <div className="stat">
          <dt className="label">{t("funding.pending")}</dt>
          <dd className="value">{f.money(totals.pending, currency)}</dd>
        </div>
        {totals.sought ? (
          <div className="stat gap">
            <dt className="label">{t("funding.gap")}</dt>
            <dd className="value">
              {gap !== null && gap < 0n
                ? t("funding.overSubscribed", { amount: f.money(-gap, currency) })
                : f.money(totals.gap ?? "0", currency)}
            </dd>
          </div>
        ) : null}
        {showDrafts ? (
          <div className="stat drafts">
            <dt className="label">{t("funding.drafts")}</dt>
            <dd className="value">{f.money(totals.drafts, currency)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/**
 * "Converted to USD at the FX rates of 20 Nov 2026 (…): 1 EUR = 1.158 USD (20 Nov 2026)", and the
 * currencies left out. Each rate with its own date, to six significant digits.
 */
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
  const { t } = useT();
  const f = useFormat();
  const foreign = ratesUsed.filter((rate) => rate.currency !== reportingCurrency);
  const dates =
    rateDate.oldest === rateDate.newest
      ? f.day(rateDate.newest)
      : t("funding.dateRange", { from: f.day(rateDate.oldest), to: f.day(rateDate.newest) });
  return (
    <div className="stack">
      <p className="rate-note">
        {foreign.length === 0
          ? t("funding.noConversion", { currency: reportingCurrency })
          : t("funding.converted", {
              currency: reportingCurrency,
              dates,
              on: f.day(rateDate.on),
              rates: foreign
                .map((rate) =>
                  t("funding.rate", {
                    from: rate.currency,
                    rate: f.rate(rate.rate),
                    to: reportingCurrency,
                    date: f.day(rate.asOf),
                  }),
                )
                .join(t("common.listSeparator")),
            })}
      </p>
      {missingRates.length > 0 ? (
        <p className="alert warning" role="status">
          {t("funding.missingRates", {
            currencies: missingRates.join(t("common.listSeparator")),
            on: f.day(rateDate.on),
          })}
        </p>
      ) : null}
    </div>
  );
}
