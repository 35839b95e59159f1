/*
 * "Where the next pledge helps most" (delegates and secretariat): approved projects with a funding gap, ranked
 * by the fall in concentration per 100 million of gap if they came online.
 */
import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n/react";
import type { PledgeRowView } from "~/models/resilience.server";
import { useResilienceFormat } from "./format";
import { TableHead } from "~/components/table-head";

interface PledgeContext {
  base: string;
  query: string;
  horizon: number;
  currency: string;
}

export function NextPledgeSection({
  pledges,
  pledgeCount,
  context,
}: {
  pledges: PledgeRowView[];
  pledgeCount: number;
  context: PledgeContext;
}) {
  const { t } = useT();
  const format = useFormat();
  const { horizon, currency } = context;
  // Spelled out, not a compact currency format: browsers and Node abbreviate it differently.
  const amount = t("resilience.pledge.hundredMillion", { currency });
  return (
    <section className="stack" aria-labelledby="pledge-title">
      <h2 id="pledge-title">{t("resilience.pledge.title")}</h2>
      <p className="callout section-lead">{t("resilience.pledge.lead", { amount, horizon })}</p>
      {pledges.length === 0 ? (
        <p className="muted">{t("resilience.pledge.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="pledge-table">
            <caption className="visually-hidden">
              {t("resilience.pledge.caption", { horizon })}
            </caption>
            <TableHead
              columns={[
                { label: t("resilience.pledge.rank") },
                { label: t("resilience.pledge.project") },
                { label: t("resilience.pledge.adds") },
                { label: t("resilience.pledge.deltaHhi", { horizon }), numeric: true },
                { label: t("resilience.pledge.deltaPartner"), numeric: true },
                { label: t("resilience.pledge.gap", { currency }), numeric: true },
                { label: t("resilience.pledge.perGap", { amount }), numeric: true },
              ]}
            />
            <tbody>
              {pledges.map((row, index) => (
                <PledgeRow
                  key={`${row.projectId}:${row.groupKey}`}
                  rank={index + 1}
                  row={row}
                  context={context}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pledges.length > 0 && pledgeCount > pledges.length ? (
        <p className="small-print muted">
          {t("resilience.pledge.truncated", {
            shown: pledges.length,
            all: format.number(pledgeCount, 0),
          })}
        </p>
      ) : null}
      <p className="small-print muted">{t("resilience.pledge.note", { currency, horizon })}</p>
    </section>
  );
}

function PledgeRow({
  rank,
  row,
  context,
}: {
  rank: number;
  row: PledgeRowView;
  context: PledgeContext;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const format = useFormat();
  const [mineral = "", stage = ""] = row.groupKey.split(":");
  const ratio = row.perHundredMillionMilli === null ? null : BigInt(row.perHundredMillionMilli);
  return (
    <tr>
      <td className="rank">{rank}</td>
      <th scope="row">
        <Link to={`${context.base}/projects/${row.projectId}`}>{row.projectName}</Link>
        <span className="source">{format.country(row.hostCountry)}</span>
      </th>
      <td>
        <Link to={`${context.base}/resilience/${mineral}?${context.query}`}>
          {f.group(mineral, stage)}
        </Link>
        {t("resilience.pledge.output", {
          quantity: f.quantity(row.capacity),
          unit: row.unit,
          year: row.firstYear,
        })}
        {row.firstYear > context.horizon
          ? t("resilience.pledge.afterHorizon", { horizon: context.horizon })
          : ""}
        {row.estimated ? <span className="estimate">{t("resilience.estimate")}</span> : null}
      </td>
      <td className={`num ${row.deltaHhi < 0 ? "helps" : row.deltaHhi > 0 ? "hurts" : ""}`}>
        {f.delta(row.deltaHhi)}
      </td>
      <td className="num">{f.delta(row.deltaPartnerPct, 2, t("resilience.pledge.pp"))}</td>
      <td className="num">
        {row.gapMinor !== null
          ? format.money(row.gapMinor, context.currency)
          : row.missingRates.length > 0
            ? t("resilience.pledge.noRate", { currencies: row.missingRates.join(", ") })
            : t("resilience.pledge.noRateUnknown")}
      </td>
      <td className={`num ratio ${ratio !== null && ratio < 0n ? "helps" : ""}`}>
        {ratio === null ? t("resilience.none") : f.milli(ratio)}
      </td>
    </tr>
  );
}
