/*
 * The resilience pages' pickers (horizon, scenario, growth of the rest of the world) as a GET form, so every
 * view has its URL and works without JavaScript; the CSV exports take the same parameters; and the sources
 * list every figure on the page points to.
 */
import { Form } from "@remix-run/react";
import {
  GROWTH_CHOICES,
  HHI_BAND_SOURCE,
  SCENARIO_DESCRIPTIONS,
  SCENARIO_LABELS,
  SCENARIOS,
  type ResilienceParams,
  type Scenario,
} from "~/domain/resilience";

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
  const scenarios = SCENARIOS.filter((s) => s !== "with-my-drafts" || canUseDrafts);
  const years = Array.from({ length: lastYear - baselineYear + 1 }, (_, i) => baselineYear + i);
  const query = paramsQuery(params);
  return (
    <div className="stack">
      <Form method="get" className="controls" aria-label="What to show">
        <div className="field">
          <label htmlFor="horizon">Horizon year</label>
          <select id="horizon" name="horizon" defaultValue={params.horizon}>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="scenario">Scenario</label>
          <select id="scenario" name="scenario" defaultValue={params.scenario}>
            {scenarios.map((scenario) => (
              <option key={scenario} value={scenario}>
                {SCENARIO_LABELS[scenario]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="growth">Rest of the world grows</label>
          <select id="growth" name="growth" defaultValue={params.growthPct}>
            {GROWTH_CHOICES.map((growth) => (
              <option key={growth} value={growth}>
                {growth === 0 ? "Not at all (0 % a year)" : `${growth} % a year`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      <div className="exports">
        <a
          className="button secondary small"
          href={`${exportBase}/resilience.csv?${query}`}
          download
        >
          Download CSV: minerals
        </a>
        <a
          className="button secondary small"
          href={`${exportBase}/resilience-countries.csv?${query}`}
          download
        >
          Download CSV: countries
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
  return (
    <ul className="assumptions" aria-label="Assumptions">
      <li>
        <strong>{SCENARIO_LABELS[params.scenario as Scenario]}:</strong>{" "}
        {SCENARIO_DESCRIPTIONS[params.scenario as Scenario]}
      </li>
      <li>
        Each output counts at full capacity from its first output year, if that is {params.horizon}{" "}
        or earlier, in the project&rsquo;s host country.
      </li>
      <li>
        {params.growthPct === 0
          ? `The rest of the world stands still: every country's ${baselineYear} figure is kept as it is (choose a growth rate to change this).`
          : `Every country's baseline figure grows by ${params.growthPct} % a year from its baseline year to ${params.horizon}.`}
      </li>
      <li>
        HHI is the sum of squared shares (in percent) of named countries; &ldquo;rest of
        world&rdquo; is not a country and is left out. Bands: {HHI_BAND_SOURCE}.
      </li>
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
  return (
    <section className="card stack" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
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
        <li>{HHI_BAND_SOURCE}.</li>
      </ol>
    </section>
  );
}
