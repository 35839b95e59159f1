/*
 * The resilience pages' pickers (horizon, scenario, growth of the rest of the world) as a GET form, so every
 * view has its URL and works without JavaScript; the CSV exports take the same parameters; and the sources
 * list every figure on the page points to.
 */
import type { LinksFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { DraftsNote } from "~/components/resilience/shared";
import {
  GROWTH_CHOICES,
  HORIZON_YEARS,
  SCENARIOS,
  type ResilienceParams,
} from "~/domain/resilience";
import { useT } from "~/i18n/react";
import fundingStyles from "~/styles/funding.css";
import resilienceStyles from "~/styles/resilience.css";

/** The stylesheets of both resilience pages. */
export const resilienceLinks: LinksFunction = () => [
  { rel: "stylesheet", href: fundingStyles },
  { rel: "stylesheet", href: resilienceStyles },
];

/** What both pages show above their figures: the pickers, whose drafts are in, and what is assumed. */
export function ResilienceSettings({
  params,
  baselineYear,
  canUseDrafts,
  exportBase,
  memberName,
  hasDrafts = true,
}: {
  params: ResilienceParams;
  baselineYear: number;
  canUseDrafts: boolean;
  exportBase: string;
  memberName: string | null;
  hasDrafts?: boolean;
}) {
  return (
    <>
      <ResilienceControls
        params={params}
        baselineYear={baselineYear}
        lastYear={baselineYear + HORIZON_YEARS}
        canUseDrafts={canUseDrafts}
        exportBase={exportBase}
      />
      {params.scenario === "with-my-drafts" ? (
        <DraftsNote memberName={memberName} hasDrafts={hasDrafts} />
      ) : null}
      <Assumptions params={params} baselineYear={baselineYear} />
    </>
  );
}

export function paramsQuery(params: ResilienceParams): string {
  const search = new URLSearchParams({
    horizon: String(params.horizon),
    scenario: params.scenario,
  });
  if (params.growthPct) search.set("growth", String(params.growthPct));
  return search.toString();
}

export function ResilienceControls({
  params,
  baselineYear,
  lastYear,
  canUseDrafts,
  exportBase,
}: {
  params: ResilienceParams;
  baselineYear: number;
  lastYear: number;
  canUseDrafts: boolean;
  /** `/p/<slug>`: the exports live beside the page. */
  exportBase: string;
}) {
  const { t } = useT();
  const scenarios = SCENARIOS.filter((s) => s !== "with-my-drafts" || canUseDrafts);
  const years = Array.from({ length: lastYear - baselineYear + 1 }, (_, i) => baselineYear + i);
  const query = paramsQuery(params);
  return (
    <div className="stack">
      <Form method="get" className="controls" aria-label={t("resilience.controls.label")}>
        <div className="field">
          <label htmlFor="horizon">{t("resilience.controls.horizon")}</label>
          <select id="horizon" name="horizon" defaultValue={params.horizon}>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="scenario">{t("resilience.controls.scenario")}</label>
          <select id="scenario" name="scenario" defaultValue={params.scenario}>
            {scenarios.map((scenario) => (
              <option key={scenario} value={scenario}>
                {t(`vocabulary.scenario.${scenario}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="growth">{t("resilience.controls.growth")}</label>
          <select id="growth" name="growth" defaultValue={params.growthPct}>
            {GROWTH_CHOICES.map((growth) => (
              <option key={growth} value={growth}>
                {growth === 0
                  ? t("resilience.controls.growthNone")
                  : t("resilience.controls.growthRate", { rate: growth })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("resilience.controls.show")}
        </button>
      </Form>
      <div className="exports">
        <a
          className="button secondary small"
          href={`${exportBase}/resilience.csv?${query}`}
          download
        >
          {t("resilience.controls.csvMinerals")}
        </a>
        <a
          className="button secondary small"
          href={`${exportBase}/resilience-countries.csv?${query}`}
          download
        >
          {t("resilience.controls.csvCountries")}
        </a>
      </div>
    </div>
  );
}

/** What the projection assumes, in words, for the chosen parameters. */
export function Assumptions({
  params,
  baselineYear,
}: {
  params: ResilienceParams;
  baselineYear: number;
}) {
  const { t } = useT();
  return (
    <ul className="assumptions" aria-label={t("resilience.assumptions.label")}>
      <li>
        <strong>{t(`vocabulary.scenario.${params.scenario}`)}:</strong>{" "}
        {t(`vocabulary.scenarioDescription.${params.scenario}`)}
      </li>
      <li>{t("resilience.assumptions.outputs", { horizon: params.horizon })}</li>
      <li>
        {params.growthPct === 0
          ? t("resilience.assumptions.stillWorld", { year: baselineYear })
          : t("resilience.assumptions.growingWorld", {
              rate: params.growthPct,
              horizon: params.horizon,
            })}
      </li>
      <li>{t("resilience.assumptions.hhi", { source: t("vocabulary.hhiBandSource") })}</li>
    </ul>
  );
}

export interface SourceItem {
  id: string;
  title: string;
  publisher: string;
  year: number;
  url: string;
}

export function SourceList({ sources, note }: { sources: SourceItem[]; note?: string }) {
  const { t } = useT();
  return (
    <section className="card stack" aria-labelledby="sources-title">
      <h2 id="sources-title">{t("resilience.sources.title")}</h2>
      {note ? <p className="small-print muted">{note}</p> : null}
      <ol className="flag-list">
        {sources.map((source) => (
          <li key={source.id} id={`source-${source.id}`}>
            {source.publisher}, <cite>{source.title}</cite> ({source.year}).{" "}
            <a href={source.url} rel="noopener noreferrer">
              {new URL(source.url).hostname}
              <span className="visually-hidden"> — {source.title}</span>
            </a>
          </li>
        ))}
        <li>{t("vocabulary.hhiBandSource")}.</li>
      </ol>
    </section>
  );
}
