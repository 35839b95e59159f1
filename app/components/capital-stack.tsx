import type { CapitalStack, Totals } from "~/domain/capital-stack";
import { formatDay } from "~/utils/dates";
import { formatMoney, toMinor } from "~/utils/money";

type Jsonified<T> = { [K in keyof T]: T[K] extends Array<infer U> ? Array<Jsonified<U>> : T[K] };

/** Width of `part` in a bar whose whole is `whole`, in percent (0–100), from exact minor units. */
function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  const basisPoints = (part * 10_000n) / whole;
  return Math.min(100, Number(basisPoints) / 100);
}

function StackBar({ totals, label }: { totals: Totals; label: string }) {
  const committed = toMinor(totals.committedMinor);
  const sought = totals.soughtMinor === null ? null : toMinor(totals.soughtMinor);
  const whole = sought === null ? committed : committed > sought ? committed : sought;
  const committedPct = percent(committed, whole);
  const share = sought && sought > 0n ? percent(committed, sought) : null;
  const money = (minor: string | bigint) => formatMoney(minor, totals.currency);
  return (
    <figure className="stack-figure">
      <figcaption className="visually-hidden">{label}</figcaption>
      <div
        className="stack-bar"
        role="img"
        aria-label={
          sought === null
            ? `${money(committed)} committed; no funding target set.`
            : `${money(committed)} committed of ${money(sought)} sought${
                share !== null ? ` (${share.toFixed(0)}%)` : ""
              }.`
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
            <span className="swatch sought" aria-hidden="true" /> Sought
          </dt>
          <dd>{totals.soughtMinor === null ? "Not stated" : money(totals.soughtMinor)}</dd>
        </div>
        <div>
          <dt>
            <span className="swatch committed" aria-hidden="true" /> Committed
          </dt>
          <dd>
            {money(committed)}
            {share !== null ? <span className="muted"> · {share.toFixed(0)}%</span> : null}
          </dd>
        </div>
        <div>
          <dt>
            <span className="swatch gap" aria-hidden="true" />{" "}
            {totals.surplusMinor && totals.surplusMinor !== "0" ? "Over target" : "Gap"}
          </dt>
          <dd>
            {totals.surplusMinor && totals.surplusMinor !== "0"
              ? money(totals.surplusMinor)
              : totals.gapMinor === null
                ? "—"
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
  const rateDates = [...new Set(stack.rates.map((rate) => rate.asOf))].sort();
  return (
    <section className="capital-stack card" aria-labelledby="capital-stack-title">
      <h2 id="capital-stack-title">Capital stack</h2>
      <p className="muted small-print">
        Pledges that count ({stack.pledgeCount === 1 ? "1 pledge" : `${stack.pledgeCount} pledges`}:
        committed ones, and conditional ones for what their co-funding rule has triggered) against
        the funding sought. Pending conditional pledges are on the Pledges tab.
      </p>
      <div className="stack-views">
        <div>
          <h3>In {stack.projectCurrency}, the project&apos;s currency</h3>
          <StackBar totals={stack.project} label={`Capital stack in ${stack.projectCurrency}`} />
          {!stack.project.complete ? (
            <p className="alert warning small-print">
              Pledges in {stack.missingRates.join(", ")} are left out of this total: there is no FX
              rate for {stack.missingRates.length === 1 ? "it" : "them"} on or before{" "}
              {formatDay(stack.onDate)}.
            </p>
          ) : null}
        </div>
        {stack.reporting ? (
          <div>
            <h3>In {stack.reportingCurrency}, the partnership&apos;s reporting currency</h3>
            <StackBar
              totals={stack.reporting}
              label={`Capital stack in ${stack.reportingCurrency}`}
            />
            {!stack.reporting.complete ? (
              <p className="alert warning small-print">
                No {stack.reportingCurrency} rate for {stack.missingRates.join(", ")} on or before{" "}
                {formatDay(stack.onDate)}: {stack.missingRates.length === 1 ? "it is" : "they are"}{" "}
                left out of the {stack.reportingCurrency} figures. The secretariat can add the rate.
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      {stack.pledged.length > 0 ? (
        <p className="small-print muted">
          As pledged:{" "}
          {stack.pledged.map((group, index) => (
            <span key={group.currency}>
              {index > 0 ? ", " : ""}
              {formatMoney(group.minor, group.currency)}
            </span>
          ))}
          .
        </p>
      ) : null}
      <p className="small-print muted fx-note">
        {stack.rates.length === 0
          ? stack.missingRates.length === 0
            ? "No currency conversion was needed."
            : `No FX rate was available on or before ${formatDay(stack.onDate)}.`
          : `Converted at the newest ${stack.reportingCurrency} rates on or before ${formatDay(stack.onDate)}: ${stack.rates
              .map((rate) => `${rate.currency} ${rate.rate} (${formatDay(rate.asOf)})`)
              .join(
                ", ",
              )}${rateDates.length === 1 ? ` — rate date ${formatDay(rateDates[0] ?? "")}` : ""}.`}
      </p>
    </section>
  );
}
