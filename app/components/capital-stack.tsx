import type { CapitalStack, Totals } from "~/domain/capital-stack";
import { useFormat, useT } from "~/i18n/react";
import { toMinor } from "~/utils/money";

type Jsonified<T> = { [K in keyof T]: T[K] extends Array<infer U> ? Array<Jsonified<U>> : T[K] };

/** Width of `part` in a bar whose whole is `whole`, in percent (0–100), from exact minor units. */
function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  const basisPoints = (part * 10_000n) / whole;
  return Math.min(100, Number(basisPoints) / 100);
}

function StackBar({ totals, label }: { totals: Totals; label: string }) {
  const { t } = useT();
  const f = useFormat();
  const committed = toMinor(totals.committedMinor);
  const sought = totals.soughtMinor === null ? null : toMinor(totals.soughtMinor);
  const whole = sought === null ? committed : committed > sought ? committed : sought;
  const committedPct = percent(committed, whole);
  const share = sought && sought > 0n ? percent(committed, sought) : null;
  const money = (minor: string | bigint) => f.money(minor, totals.currency);
  const shareText = share !== null ? f.percent(share, 0) : null;
  return (
    <figure className="stack-figure">
      <figcaption className="visually-hidden">{label}</figcaption>
      <div
        className="stack-bar"
        role="img"
        aria-label={
          sought === null || shareText === null
            ? t("funding.stack.committedNoTarget", { committed: money(committed) })
            : t("funding.stack.committedOf", {
                committed: money(committed),
                sought: money(sought),
                share: shareText,
              })
        }
      >
        <span className="stack-committed" style={{ width: `${committedPct}%` }} />
        {sought !== null && sought > committed ? (
          <span className="stack-gap" style={{ width: `${100 - committedPct}%` }} />
        ) : null}
        {sought !== null && committed > sought ? (
          <span className="stack-target" style={{ left: `${percent(sought, whole)}%` }} />
        ) : null}
      </div>
      <dl className="stack-numbers">
        <div>
          <dt>
            <span className="swatch sought" aria-hidden="true" /> {t("funding.stack.sought")}
          </dt>
          <dd>
            {totals.soughtMinor === null ? t("funding.stack.notStated") : money(totals.soughtMinor)}
          </dd>
        </div>
        <div>
          <dt>
            <span className="swatch committed" aria-hidden="true" /> {t("funding.stack.committed")}
          </dt>
          <dd>
            {money(committed)}
            {shareText !== null ? <span className="muted"> · {shareText}</span> : null}
          </dd>
        </div>
        <div>
          <dt>
            <span className="swatch gap" aria-hidden="true" />{" "}
            {totals.surplusMinor && totals.surplusMinor !== "0"
              ? t("funding.stack.overTarget")
              : t("funding.stack.gap")}
          </dt>
          <dd>
            {totals.surplusMinor && totals.surplusMinor !== "0"
              ? money(totals.surplusMinor)
              : totals.gapMinor === null
                ? t("common.none")
                : money(totals.gapMinor)}
          </dd>
        </div>
      </dl>
    </figure>
  );
}

/**
 * Funding sought against committed pledges, as a bar with the numbers, in the project's currency and in
 * the partnership's reporting currency, naming the rate dates and any currency that had no rate.
 */
export function CapitalStackView({ stack }: { stack: Jsonified<CapitalStack> }) {
  const { t } = useT();
  const f = useFormat();
  const separator = t("common.listSeparator");
  const currencies = stack.missingRates.join(separator);
  const on = f.day(stack.onDate);
  return (
    <section className="capital-stack card" aria-labelledby="capital-stack-title">
      <h2 id="capital-stack-title">{t("funding.stack.title")}</h2>
      <p className="muted small-print">{t("funding.stack.lead", { count: stack.pledgeCount })}</p>
      <div className="stack-views">
        <div>
          <h3>{t("funding.stack.inProject", { currency: stack.projectCurrency })}</h3>
          <StackBar
            totals={stack.project}
            label={t("funding.stack.label", { currency: stack.projectCurrency })}
          />
          {!stack.project.complete ? (
            <p className="alert warning small-print">
              {t("funding.stack.missingProject", { currencies, on })}
            </p>
          ) : null}
        </div>
        {stack.reporting ? (
          <div>
            <h3>{t("funding.stack.inReporting", { currency: stack.reportingCurrency })}</h3>
            <StackBar
              totals={stack.reporting}
              label={t("funding.stack.label", { currency: stack.reportingCurrency })}
            />
            {!stack.reporting.complete ? (
              <p className="alert warning small-print">
                {t("funding.stack.missingReporting", {
                  currency: stack.reportingCurrency,
                  currencies,
                  on,
                })}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      {stack.pledged.length > 0 ? (
        <p className="small-print muted">
          {t("funding.stack.asPledged", {
            amounts: stack.pledged
              .map((group) => f.money(group.minor, group.currency))
              .join(separator),
          })}
        </p>
      ) : null}
      <p className="small-print muted fx-note">
        {stack.rates.length === 0
          ? stack.missingRates.length === 0
            ? t("funding.stack.noConversionNeeded")
            : t("funding.stack.noRate", { on })
          : t("funding.stack.convertedAt", {
              currency: stack.reportingCurrency,
              on,
              rates: stack.rates
                .map((rate) =>
                  t("funding.stack.rateItem", {
                    currency: rate.currency,
                    rate: f.rate(rate.rate),
                    date: f.day(rate.asOf),
                  }),
                )
                .join(separator),
            })}
      </p>
    </section>
  );
}
