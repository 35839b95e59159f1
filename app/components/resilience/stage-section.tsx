/*
 * One stage of a mineral on its page: where the baseline comes from, the four headline figures then and at the
 * horizon, the shares by country (chart and table), and the trajectory year by year (charts and table).
 */
import { ShareBars, TrendChart } from "~/components/resilience-charts";
import type { Scenario } from "~/domain/resilience";
import { useT } from "~/i18n/react";
import type { GroupView } from "~/models/resilience.server";
import { useResilienceFormat } from "./format";
import { SourceLinks } from "./shared";
import { WorldTotalForm } from "./world-total-form";
import { TableHead } from "~/components/table-head";

export interface CountryRow {
  country: string;
  baselineQuantity: number | null;
  baselineShare: number | null;
  added: number;
  projectedQuantity: number | null;
  projectedShare: number | null;
}

export interface TrajectoryPoint {
  year: number;
  hhi: number;
  partnerPct: number;
}

export interface StageData {
  view: GroupView;
  countries: CountryRow[];
  bars: Array<{ country: string; baseline: number | null; projected: number | null }>;
  trajectory: TrajectoryPoint[];
}

interface StageContext {
  horizon: number;
  scenario: Scenario;
  sourceNames: Record<string, string>;
  isSecretariat: boolean;
}

export function StageSection({ stage, context }: { stage: StageData; context: StageContext }) {
  const { view } = stage;
  return (
    <section id={view.stage} className="stage-section card" aria-labelledby={`${view.stage}-title`}>
      <StageHeading view={view} sourceNames={context.sourceNames} />
      {view.estimated && context.isSecretariat ? (
        <WorldTotalForm
          stage={view.stage}
          unit={view.unit}
          setBySecretariat={view.worldTotal?.setBy === "secretariat"}
        />
      ) : null}
      <StageFigures view={view} horizon={context.horizon} />
      <StageShares stage={stage} horizon={context.horizon} scenario={context.scenario} />
      <StageTrajectory view={view} trajectory={stage.trajectory} />
    </section>
  );
}

function StageHeading({
  view,
  sourceNames,
}: {
  view: GroupView;
  sourceNames: Record<string, string>;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const total = view.worldTotal;
  return (
    <>
      <h2 id={`${view.stage}-title`}>
        {f.stage(view.stage)}
        {view.estimated ? <span className="estimate">{t("resilience.estimate")}</span> : null}
      </h2>
      <p className="small-print">
        {view.printedUnit !== view.unit
          ? t("resilience.stage.publishedIn", {
              year: view.year,
              unit: view.unit,
              printed: view.printedUnit,
            })
          : t("resilience.stage.baseline", { year: view.year, unit: view.unit })}{" "}
        {t("resilience.stage.source")} <SourceLinks ids={view.sourceIds} names={sourceNames} />
      </p>
      {view.estimated ? (
        <div className="alert warning" role="note">
          {t("resilience.stage.estimated", {
            total: total
              ? t("resilience.stage.worldTotal", {
                  value: f.quantity(total.value),
                  unit: total.unit,
                  year: total.year,
                  origin:
                    t(
                      total.setBy === "secretariat"
                        ? "resilience.stage.setBySecretariat"
                        : "resilience.stage.estimatedFrom",
                      { source: total.source },
                    ) + (total.note ? ` — ${total.note}` : ""),
                })
              : t("resilience.stage.noWorldTotal"),
          })}
        </div>
      ) : null}
    </>
  );
}

function FigureStat({
  label,
  baseline,
  projected,
  format,
  horizon,
}: {
  label: string;
  baseline: number;
  projected: number;
  format: (value: number) => string;
  horizon: number;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  return (
    <div className="stat">
      <dt className="label">{label}</dt>
      <dd className="value">{format(projected)}</dd>
      <dd className="change">
        {t("resilience.stage.change", {
          horizon,
          baseline: format(baseline),
          delta: f.delta(projected - baseline),
        })}
      </dd>
    </div>
  );
}

function StageFigures({ view, horizon }: { view: GroupView; horizon: number }) {
  const { t } = useT();
  const f = useResilienceFormat();
  const pct = (value: number) => f.pct(value);
  const top = view.projected.top1;
  const { baseline, projected } = view;
  const stats = [
    {
      label: t("resilience.stage.hhi"),
      baseline: baseline.hhi,
      projected: projected.hhi,
      format: f.hhi,
    },
    {
      label: t("resilience.stage.topProducer", {
        country: top ? f.country(top.country) : t("resilience.none"),
      }),
      baseline: baseline.top1?.sharePct ?? 0,
      projected: top?.sharePct ?? 0,
      format: pct,
    },
    {
      label: t("resilience.stage.top3"),
      baseline: baseline.top3Pct,
      projected: projected.top3Pct,
      format: pct,
    },
    {
      label: t("resilience.stage.partnerShare"),
      baseline: baseline.partnerPct,
      projected: projected.partnerPct,
      format: pct,
    },
  ];
  return (
    <>
      <dl className="figures-grid">
        {stats.map((stat) => (
          <FigureStat key={stat.label} {...stat} horizon={horizon} />
        ))}
      </dl>
      <p className="small-print muted">
        {t("resilience.stage.bands", {
          baseline: t(`vocabulary.hhiBand.${view.baseline.band}`),
          year: view.year,
          projected: t(`vocabulary.hhiBand.${view.projected.band}`),
          horizon,
        })}
      </p>
    </>
  );
}

function StageShares({
  stage,
  horizon,
  scenario,
}: {
  stage: StageData;
  horizon: number;
  scenario: Scenario;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const { view } = stage;
  return (
    <>
      <ShareBars
        id={`shares-${view.stage}`}
        title={t("resilience.stage.sharesTitle", {
          group: f.group(view.mineral, view.stage),
          year: view.year,
          horizon,
        })}
        rows={stage.bars.map((bar) => ({ ...bar, label: f.country(bar.country) }))}
        baselineLabel={t("resilience.stage.baselineLegend", { year: view.year })}
        projectedLabel={t("resilience.stage.projectedLegend", {
          horizon,
          scenario: t(`vocabulary.scenario.${scenario}`),
        })}
      />
      <CountryTable view={view} countries={stage.countries} horizon={horizon} />
    </>
  );
}

function CountryTable({
  view,
  countries,
  horizon,
}: {
  view: GroupView;
  countries: CountryRow[];
  horizon: number;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const quantity = (value: number | null) =>
    value === null ? t("resilience.stage.withheld") : f.quantity(value);
  const share = (value: number | null) => (value === null ? t("resilience.none") : f.pct(value));
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">
          {t("resilience.stage.countriesCaption", { stage: f.stage(view.stage), horizon })}
        </caption>
        <TableHead
          columns={[
            { label: t("resilience.stage.country") },
            {
              label: t("resilience.stage.quantityIn", { year: view.year, unit: view.unit }),
              numeric: true,
            },
            { label: t("resilience.stage.share"), numeric: true },
            { label: t("resilience.stage.projectsAdd"), numeric: true },
            { label: horizon, numeric: true },
            { label: t("resilience.stage.share"), numeric: true },
          ]}
        />
        <tbody>
          {countries.map((c) => (
            <tr key={c.country}>
              <th scope="row">{f.country(c.country)}</th>
              <td className="num">{quantity(c.baselineQuantity)}</td>
              <td className="num">{share(c.baselineShare)}</td>
              <td className="num">{c.added ? f.quantity(c.added) : t("resilience.none")}</td>
              <td className="num">{quantity(c.projectedQuantity)}</td>
              <td className="num">{share(c.projectedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StageTrajectory({ view, trajectory }: { view: GroupView; trajectory: TrajectoryPoint[] }) {
  const { t } = useT();
  const f = useResilienceFormat();
  return (
    <>
      <div className="chart-pair">
        <TrendChart
          id={`hhi-${view.stage}`}
          title={t("resilience.stage.hhiTrend", { year: view.year })}
          points={trajectory.map((p) => ({ year: p.year, value: p.hhi }))}
          kind="hhi"
          baseline={view.baseline.hhi}
          baselineYear={view.year}
        />
        <TrendChart
          id={`partner-${view.stage}`}
          title={t("resilience.stage.partnerTrend", { year: view.year })}
          points={trajectory.map((p) => ({ year: p.year, value: p.partnerPct }))}
          kind="pct"
          baseline={view.baseline.partnerPct}
          baselineYear={view.year}
        />
      </div>
      <details>
        <summary>{t("resilience.stage.byYear")}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {t("resilience.stage.byYearCaption", { stage: f.stage(view.stage) })}
            </caption>
            <TableHead
              columns={[
                { label: t("resilience.stage.year") },
                { label: t("resilience.stage.hhi"), numeric: true },
                { label: t("resilience.stage.partnerShare"), numeric: true },
              ]}
            />
            <tbody>
              {trajectory.map((p) => (
                <tr key={p.year}>
                  <th scope="row">{p.year}</th>
                  <td className="num">{f.hhi(p.hhi)}</td>
                  <td className="num">{f.pct(p.partnerPct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
