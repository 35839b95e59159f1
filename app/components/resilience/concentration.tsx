/* The resilience page's main table: concentration of every mineral and stage, baseline beside horizon. */
import { Link } from "@remix-run/react";
import { useFormat, useT } from "~/i18n/react";
import type { Figures, GroupView } from "~/models/resilience.server";
import { useResilienceFormat } from "./format";
import { SourceLinks } from "./shared";
import { TableHead } from "~/components/table-head";

/** The heat class of an HHI: the 2023 bands, with the highly concentrated band split in three. */
function heat(hhi: number): string {
  if (hhi < 1000) return "heat-1";
  if (hhi <= 1800) return "heat-2";
  if (hhi < 4000) return "heat-3";
  if (hhi < 7000) return "heat-4";
  return "heat-5";
}

const HEAT_LEGEND = [
  ["heat-1", "resilience.concentration.heat1"],
  ["heat-2", "resilience.concentration.heat2"],
  ["heat-3", "resilience.concentration.heat3"],
  ["heat-4", "resilience.concentration.heat4"],
  ["heat-5", "resilience.concentration.heat5"],
] as const;

interface TableContext {
  base: string;
  query: string;
  horizon: number;
  sourceNames: Record<string, string>;
}

export function ConcentrationSection({
  rows,
  context,
  reference,
}: {
  rows: GroupView[];
  context: TableContext;
  reference: { version: number | string; loadedAt: string };
}) {
  const { t } = useT();
  const format = useFormat();
  const { horizon } = context;
  return (
    <section className="stack" aria-labelledby="concentration-title">
      <h2 id="concentration-title">{t("resilience.concentration.title", { horizon })}</h2>
      <ul className="heat-legend" aria-label={t("resilience.concentration.legend")}>
        {HEAT_LEGEND.map(([className, key]) => (
          <li key={className}>
            <span className={`swatch ${className}`} aria-hidden="true" />
            {t(key)}
          </li>
        ))}
      </ul>
      <div className="table-wrap">
        <table className="concentration-table" aria-describedby="concentration-note">
          <caption className="visually-hidden">
            {t("resilience.concentration.caption", { horizon })}
          </caption>
          <TableHead
            columns={[
              { label: t("resilience.concentration.group") },
              { label: t("resilience.concentration.topProducer") },
              { label: t("resilience.concentration.top3"), numeric: true },
              { label: t("resilience.concentration.hhiBaseline"), numeric: true },
              { label: t("resilience.concentration.hhiAt", { horizon }), numeric: true },
              { label: t("resilience.concentration.partnerShare"), numeric: true },
              { label: t("resilience.concentration.addedBy", { horizon }), numeric: true },
            ]}
          />
          <tbody>
            {rows.map((row) => (
              <ConcentrationRow key={row.key} row={row} context={context} />
            ))}
          </tbody>
        </table>
      </div>
      <p id="concentration-note" className="small-print muted">
        {t("resilience.concentration.note", {
          version: reference.version,
          loaded: format.day(reference.loadedAt),
        })}
      </p>
    </section>
  );
}

/** "12.0% → 10.5%": a figure at the baseline and at the horizon. */
function Pair({ from, to }: { from: string; to: string }) {
  const { t } = useT();
  return (
    <>
      {from}
      <span className="arrow" aria-label={t("resilience.then")}>
        →
      </span>
      {to}
    </>
  );
}

function ConcentrationRow({ row, context }: { row: GroupView; context: TableContext }) {
  const { t } = useT();
  const f = useResilienceFormat();
  const { baseline, projected } = row;
  const top = (figures: Figures, showName: boolean) =>
    figures.top1
      ? `${showName ? `${f.country(figures.top1.country)} ` : ""}${f.pct(figures.top1.sharePct)}`
      : t("resilience.none");
  return (
    <tr>
      <th scope="row">
        <Link to={`${context.base}/resilience/${row.mineral}?${context.query}#${row.stage}`}>
          {f.group(row.mineral, row.stage)}
        </Link>
        {row.estimated ? <span className="estimate">{t("resilience.estimate")}</span> : null}
        <span className="source">
          <SourceLinks ids={row.sourceIds} names={context.sourceNames} />
          {t("resilience.sourceYear", { year: row.year })}
        </span>
      </th>
      <td className="pair">
        <Pair
          from={top(baseline, true)}
          to={top(projected, projected.top1?.country !== baseline.top1?.country)}
        />
      </td>
      <td className="num pair">
        <Pair from={f.pct(baseline.top3Pct)} to={f.pct(projected.top3Pct)} />
      </td>
      <HhiCell figures={baseline} label={`${row.year}`} />
      <HhiCell figures={projected} label={`${context.horizon}`} />
      <td className="num pair">
        <Pair from={f.pct(baseline.partnerPct)} to={f.pct(projected.partnerPct)} />
      </td>
      <td className="num">
        {row.added > 0 ? `${f.quantity(row.added)} ${row.unit}` : t("resilience.none")}
        {row.uncounted ? (
          <span className="band-note">
            {t("resilience.concentration.notCounted", {
              quantity: f.quantity(row.uncounted.capacity),
              unit: row.uncounted.unit,
            })}
          </span>
        ) : null}
      </td>
    </tr>
  );
}

function HhiCell({ figures, label }: { figures: Figures; label: string }) {
  const { t } = useT();
  const f = useResilienceFormat();
  return (
    <td className={`num ${heat(figures.hhi)}`}>
      {f.hhi(figures.hhi)}
      <span className="band-note">
        {t(`vocabulary.hhiBand.${figures.band}`)}
        <span className="visually-hidden"> ({label})</span>
      </span>
    </td>
  );
}
