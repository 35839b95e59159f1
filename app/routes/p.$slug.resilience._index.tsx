import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import {
  Assumptions,
  paramsQuery,
  ResilienceControls,
  SourceList,
} from "~/components/resilience-controls";
import {
  formatDelta,
  formatHhi,
  formatMilli,
  formatPct,
  formatQuantity,
  HHI_BAND_LABELS,
  HORIZON_YEARS,
  SCENARIO_LABELS,
  type HhiBand,
} from "~/domain/resilience";
import { getResilience, nextPledgeTable, type Figures } from "~/models/resilience.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import resilienceStyles from "~/styles/resilience.css";
import { formatMoney } from "~/utils/money";
import * as clock from "~/utils/clock.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fundingStyles },
  { rel: "stylesheet", href: resilienceStyles },
];
export const meta: MetaFunction = () => [{ title: "Resilience — Lodestone" }];

/** Rows of the ranking shown on the page. */
const LIST_ROWS = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const outcome = await getResilience(context, new URL(request.url).searchParams, clock.today());
  if (!outcome.ok) throw new Response(outcome.message, { status: outcome.status });
  const { model } = outcome;
  const role = context.membership.role;
  const ranked =
    role === "delegate" || role === "secretariat" ? await nextPledgeTable(context, model) : null;
  // The page shows the highest-ranked rows; the rest rank below them (the table grows with the portfolio).
  const pledges = ranked?.slice(0, LIST_ROWS) ?? null;
  const pledgeCount = ranked?.length ?? 0;
  const used = new Set(model.groups.flatMap(({ view }) => view.sourceIds));
  return json({
    slug: context.partnership.slug,
    reportingCurrency: context.partnership.reportingCurrency,
    memberName: context.membership.memberName,
    params: model.params,
    baselineYear: model.reference.baselineYear,
    reference: { version: model.reference.version, loadedAt: model.reference.loadedAt },
    canUseDrafts: model.canUseDrafts,
    hasDrafts: model.hasDrafts,
    rows: model.groups.map(({ view }) => view),
    sources: Object.values(model.reference.sources).filter((source) => used.has(source.id)),
    sourceNames: Object.fromEntries(
      Object.values(model.reference.sources).map((s) => [s.id, `${s.publisher} (${s.year})`]),
    ),
    pledges,
    pledgeCount,
  });
}

/** The heat class of an HHI: the 2023 bands, with the highly concentrated band split in three. */
function heat(hhi: number): string {
  if (hhi < 1000) return "heat-1";
  if (hhi <= 1800) return "heat-2";
  if (hhi < 4000) return "heat-3";
  if (hhi < 7000) return "heat-4";
  return "heat-5";
}

const HEAT_LEGEND: Array<[string, string]> = [
  ["heat-1", "below 1,000: unconcentrated"],
  ["heat-2", "1,000–1,800: moderately concentrated"],
  ["heat-3", "1,800–4,000: highly concentrated"],
  ["heat-4", "4,000–7,000: highly concentrated"],
  ["heat-5", "7,000 and above: highly concentrated"],
];

function HhiCell({ figures, label }: { figures: Figures; label: string }) {
  return (
    <td className={`num ${heat(figures.hhi)}`}>
      {formatHhi(figures.hhi)}
      <span className="band-note">
        {HHI_BAND_LABELS[figures.band as HhiBand]}
        <span className="visually-hidden"> ({label})</span>
      </span>
    </td>
  );
}

export default function ResiliencePage() {
  const data = useLoaderData<typeof loader>();
  const { params, rows, pledges, pledgeCount, reportingCurrency } = data;
  const base = `/p/${data.slug}`;
  const query = paramsQuery(params);
  const horizon = params.horizon;
  // Spelled out, not a compact currency format: browsers and Node abbreviate it differently.
  const hundredMillion = `100 million ${reportingCurrency}`;
  const rareEarthRefining = rows.find((r) => r.key === "rare_earths:refining");

  return (
    <div className="stack resilience">
      <h1>Resilience: how concentrated is supply?</h1>
      <p className="lead">
        Where the world&rsquo;s critical minerals are mined, refined and made into magnets today,
        and how the partnership&rsquo;s projects change that by {horizon}. A lower HHI and a higher
        partner share mean a more diverse supply.
        {rareEarthRefining
          ? ` Rare-earth refining, for example: HHI ${formatHhi(rareEarthRefining.baseline.hhi)} in ${rareEarthRefining.year}, ${formatHhi(rareEarthRefining.projected.hhi)} in ${horizon} (${SCENARIO_LABELS[params.scenario].toLowerCase()}).`
          : ""}
      </p>

      <ResilienceControls
        params={params}
        baselineYear={data.baselineYear}
        lastYear={data.baselineYear + HORIZON_YEARS}
        canUseDrafts={data.canUseDrafts}
        exportBase={base}
      />
      {params.scenario === "with-my-drafts" ? (
        <div className="alert warning" role="note">
          Includes {data.memberName}&rsquo;s own draft projects
          {data.hasDrafts ? "" : " (none has an output yet)"}: these figures are private to your
          government&rsquo;s delegates.
        </div>
      ) : null}
      <Assumptions params={params} baselineYear={data.baselineYear} />

      <section className="stack" aria-labelledby="concentration-title">
        <h2 id="concentration-title">Concentration by mineral and stage: baseline → {horizon}</h2>
        <ul className="heat-legend" aria-label="HHI colours">
          {HEAT_LEGEND.map(([className, label]) => (
            <li key={className}>
              <span className={`swatch ${className}`} aria-hidden="true" />
              {label}
            </li>
          ))}
        </ul>
        <div className="table-wrap">
          <table className="concentration-table" aria-describedby="concentration-note">
            <caption className="visually-hidden">
              Concentration of world supply by mineral and stage: baseline and {horizon}
            </caption>
            <thead>
              <tr>
                <th scope="col">Mineral and stage</th>
                <th scope="col">Top producer</th>
                <th scope="col" className="num">
                  Top 3
                </th>
                <th scope="col" className="num">
                  HHI, baseline
                </th>
                <th scope="col" className="num">
                  HHI, {horizon}
                </th>
                <th scope="col" className="num">
                  Partner share
                </th>
                <th scope="col" className="num">
                  Projects add by {horizon}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    <Link to={`${base}/resilience/${row.mineral}?${query}#${row.stage}`}>
                      {row.mineralLabel}, {row.stageLabel.toLowerCase()}
                    </Link>
                    {row.estimated ? <span className="estimate">estimate</span> : null}
                    <span className="source">
                      {row.sourceIds.map((id, index) => (
                        <span key={id}>
                          {index > 0 ? "; " : ""}
                          <a href={`#source-${id}`}>{data.sourceNames[id] ?? id}</a>
                        </span>
                      ))}
                      , {row.year} data
                    </span>
                  </th>
                  <td className="pair">
                    {row.baseline.top1
                      ? `${row.baseline.top1.name} ${formatPct(row.baseline.top1.sharePct)}`
                      : "—"}
                    <span className="arrow" aria-label="then">
                      →
                    </span>
                    {row.projected.top1
                      ? `${row.projected.top1.country === row.baseline.top1?.country ? "" : `${row.projected.top1.name} `}${formatPct(row.projected.top1.sharePct)}`
                      : "—"}
                  </td>
                  <td className="num pair">
                    {formatPct(row.baseline.top3Pct)}
                    <span className="arrow" aria-label="then">
                      →
                    </span>
                    {formatPct(row.projected.top3Pct)}
                  </td>
                  <HhiCell figures={row.baseline} label={`${row.year}`} />
                  <HhiCell figures={row.projected} label={`${horizon}`} />
                  <td className="num pair">
                    {formatPct(row.baseline.partnerPct)}
                    <span className="arrow" aria-label="then">
                      →
                    </span>
                    {formatPct(row.projected.partnerPct)}
                  </td>
                  <td className="num">
                    {row.added > 0 ? `${formatQuantity(row.added)} ${row.unit}` : "—"}
                    {row.uncounted ? (
                      <span className="band-note">
                        {formatQuantity(row.uncounted.capacity)} {row.uncounted.unit} not counted
                        (old unit)
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p id="concentration-note" className="small-print muted">
          Shares are of world production in each row&rsquo;s baseline year (the source&rsquo;s
          latest), by producing country. Partner share counts the partnership&rsquo;s participants,
          the EU as its 27 member states. Rows marked <span className="estimate">estimate</span> are
          known only as shares; their projection uses a dated world-total estimate (see the mineral
          page). Reference data version {data.reference.version}, loaded {data.reference.loadedAt}.
        </p>
      </section>

      {pledges ? (
        <section className="stack" aria-labelledby="pledge-title">
          <h2 id="pledge-title">Where the next pledge helps most</h2>
          <p className="callout section-lead">
            Approved projects that still have a funding gap, ranked by how much they would lower
            concentration per {hundredMillion} of that gap if they came online — measured in{" "}
            {horizon} against the funded scenario. The top row is where the next pledge buys the
            most diversification.
          </p>
          {pledges.length === 0 ? (
            <p className="muted">
              No approved project with a funding gap has an output you can see.
            </p>
          ) : (
            <div className="table-wrap">
              <table className="pledge-table">
                <caption className="visually-hidden">
                  Where the next pledge helps most, {horizon}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Rank</th>
                    <th scope="col">Project</th>
                    <th scope="col">Adds</th>
                    <th scope="col" className="num">
                      ΔHHI in {horizon}
                    </th>
                    <th scope="col" className="num">
                      Δ partner share
                    </th>
                    <th scope="col" className="num">
                      Funding gap ({reportingCurrency})
                    </th>
                    <th scope="col" className="num">
                      ΔHHI per {hundredMillion} of gap
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pledges.map((row, index) => (
                    <tr key={`${row.projectId}:${row.groupKey}`}>
                      <td className="rank">{index + 1}</td>
                      <th scope="row">
                        <Link to={`${base}/projects/${row.projectId}`}>{row.projectName}</Link>
                        <span className="source">{row.hostName}</span>
                      </th>
                      <td>
                        <Link to={`${base}/resilience/${row.groupKey.split(":")[0]}?${query}`}>
                          {row.mineralLabel}, {row.stageLabel.toLowerCase()}
                        </Link>
                        : {formatQuantity(row.capacity)} {row.unit} a year from {row.firstYear}
                        {row.firstYear > horizon ? ` (after ${horizon})` : ""}
                        {row.estimated ? <span className="estimate">estimate</span> : null}
                      </td>
                      <td
                        className={`num ${row.deltaHhi < 0 ? "helps" : row.deltaHhi > 0 ? "hurts" : ""}`}
                      >
                        {formatDelta(row.deltaHhi)}
                      </td>
                      <td className="num">{formatDelta(row.deltaPartnerPct, 2, " pp")}</td>
                      <td className="num">
                        {row.gapMinor === null
                          ? `No FX rate for ${row.missingRates.join(", ") || "its currency"}`
                          : formatMoney(row.gapMinor, reportingCurrency)}
                      </td>
                      <td
                        className={`num ratio ${row.perHundredMillionMilli !== null && BigInt(row.perHundredMillionMilli) < 0n ? "helps" : ""}`}
                      >
                        {row.perHundredMillionMilli === null
                          ? "—"
                          : formatMilli(BigInt(row.perHundredMillionMilli))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pledges.length > 0 && pledgeCount > pledges.length ? (
            <p className="small-print muted">
              The {pledges.length} highest-ranked of {pledgeCount.toLocaleString("en")} rows.
            </p>
          ) : null}
          <p className="small-print muted">
            ΔHHI: the change in the Herfindahl-Hirschman index of the project&rsquo;s mineral and
            stage (negative = less concentrated). Gaps are sought minus committed and triggered
            pledges, in {reportingCurrency} at the partnership&rsquo;s newest FX rates. A project
            producing after {horizon} changes nothing by then: choose a later horizon.
          </p>
        </section>
      ) : null}

      <SourceList
        sources={data.sources}
        note="Figures as published; quantities the source withholds stay empty and count as zero."
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
