import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { WorldMap } from "~/components/world-map";
import { asAnon } from "~/db/rls.server";
import { requireParam } from "~/forms/params.server";
import { OPEN_DATA_LICENCE } from "~/domain/open-data";
import { getPublicPortfolio } from "~/models/public-portfolio.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import publicStyles from "~/styles/public.css";
import * as clock from "~/utils/clock.server";
import { formatDay, formatMoment } from "~/utils/dates";
import { PUBLIC_CACHE_CONTROL } from "~/utils/http-cache.server";
import { formatMoney } from "~/utils/money";

/** Every word of the page, in one place (ready for the catalogues). */
const TEXT = {
  eyebrow: "Public portfolio",
  lead: "The approved critical-minerals projects this partnership co-funds, published by its secretariat. Amounts are firm, unconditional commitments; conditional pledges, drafts and projects under review are not shown.",
  projects: "approved projects",
  countries: "host countries",
  committed: "committed",
  byGovernment: "Committed funding by government",
  government: "Government",
  amount: (currency: string) => `Committed (${currency})`,
  noFunding: "No committed funding is published yet.",
  notConverted: (currencies: string) => `Not converted for want of a rate: ${currencies}.`,
  portfolio: "Projects",
  noProjects: "No project is published yet.",
  host: "Host country",
  segment: "Segment",
  minerals: "Minerals",
  stage: "Stage",
  sponsor: "Sponsor",
  outputs: "Planned output",
  funding: "Committed funding",
  milestones: "Milestones",
  done: (n: number) => `${n} done`,
  next: (title: string, due: string) => `next: ${title}, due ${due}`,
  overdue: " (overdue)",
  noNext: "none planned",
  none: "—",
  resilience: "Resilience summary",
  resilienceLead: (horizon: number) =>
    `What the published projects add to world supply by ${horizon}, if they come online as planned: the partners' share of supply and the concentration of supply (Herfindahl–Hirschman index, 0–10,000; lower is more diverse).`,
  noResilience: "No published project has a recorded output yet.",
  mineralStage: "Mineral and stage",
  added: "Added a year",
  partnerShare: "Partners' share",
  hhi: "Concentration (HHI)",
  arrow: "→",
  openData: "Open data",
  openDataLead:
    "Download the projects as open data, paginated, with a documented schema; or the IATI 2.03 activity file.",
  licence: "Licence",
  updated: "Last changed",
};

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fundingStyles },
  { rel: "stylesheet", href: publicStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.portfolio.partnership.name ?? "Public portfolio"} — public portfolio` },
  {
    name: "description",
    content: data
      ? `${data.portfolio.projects.length} approved critical-minerals projects co-funded by ${data.portfolio.partnership.name}.`
      : "",
  },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": PUBLIC_CACHE_CONTROL });

/** Signed in or not, the page is read as anon: it shows exactly what the partnership publishes (ADR 136). */
export async function loader({ params }: LoaderFunctionArgs) {
  const portfolio = await getPublicPortfolio(
    asAnon,
    requireParam(params, "slug", "slug"),
    clock.today(),
  );
  if (!portfolio) throw new Response("Not found", { status: 404 });
  return json({ portfolio });
}

type Portfolio = ReturnType<typeof useLoaderData<typeof loader>>["portfolio"];

function Headline({ portfolio }: { portfolio: Portfolio }) {
  const countries = new Set(portfolio.projects.map((p) => p.hostName));
  return (
    <section aria-label="At a glance" className="stat-grid">
      <div className="stat">
        <div className="value">{portfolio.projects.length}</div>
        <div className="label">{TEXT.projects}</div>
      </div>
      <div className="stat">
        <div className="value">{countries.size}</div>
        <div className="label">{TEXT.countries}</div>
      </div>
      <div className="stat">
        <div className="value">
          {formatMoney(portfolio.total.minor, portfolio.total.currency, { compact: true })}
        </div>
        <div className="label">
          {TEXT.committed}
          {portfolio.total.rates ? ` ${portfolio.total.rates}` : ""}
        </div>
      </div>
    </section>
  );
}

function FundingByGovernment({ portfolio }: { portfolio: Portfolio }) {
  const currency = portfolio.partnership.reportingCurrency;
  return (
    <section className="stack" aria-labelledby="by-government-title">
      <h2 id="by-government-title">{TEXT.byGovernment}</h2>
      {portfolio.byGovernment.length === 0 ? (
        <p className="muted">{TEXT.noFunding}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={TEXT.byGovernment} tabIndex={0}>
          <table>
            <caption className="visually-hidden">{TEXT.byGovernment}</caption>
            <thead>
              <tr>
                <th scope="col">{TEXT.government}</th>
                <th scope="col" className="num">
                  {TEXT.amount(currency)}
                </th>
              </tr>
            </thead>
            <tbody>
              {portfolio.byGovernment.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{row.name}</th>
                  <td className="num">
                    {formatMoney(row.minor, currency)}
                    {row.missing.length ? (
                      <span className="muted small-print">
                        {" "}
                        {TEXT.notConverted(row.missing.join(", "))}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ProjectList({ portfolio }: { portfolio: Portfolio }) {
  return (
    <section className="stack" aria-labelledby="projects-title">
      <h2 id="projects-title">{TEXT.portfolio}</h2>
      {portfolio.projects.length === 0 ? <p className="muted">{TEXT.noProjects}</p> : null}
      <ul className="public-projects">
        {portfolio.projects.map((project) => (
          <li key={project.id} className="card public-project">
            <h3>{project.name}</h3>
            <dl className="public-facts">
              <div>
                <dt>{TEXT.host}</dt>
                <dd>{project.hostName}</dd>
              </div>
              <div>
                <dt>{TEXT.segment}</dt>
                <dd>{project.segment}</dd>
              </div>
              <div>
                <dt>{TEXT.minerals}</dt>
                <dd>{project.minerals}</dd>
              </div>
              <div>
                <dt>{TEXT.stage}</dt>
                <dd>{project.stage}</dd>
              </div>
              <div>
                <dt>{TEXT.sponsor}</dt>
                <dd>{project.sponsor ?? TEXT.none}</dd>
              </div>
              <div>
                <dt>{TEXT.milestones}</dt>
                <dd>
                  {TEXT.done(project.milestonesDone)};{" "}
                  {project.nextMilestone
                    ? TEXT.next(
                        project.nextMilestone.title,
                        formatDay(project.nextMilestone.dueDate),
                      ) + (project.nextMilestone.overdue ? TEXT.overdue : "")
                    : TEXT.noNext}
                </dd>
              </div>
              <div className="wide">
                <dt>{TEXT.outputs}</dt>
                <dd>{project.outputs.length ? project.outputs.join("; ") : TEXT.none}</dd>
              </div>
              <div className="wide">
                <dt>{TEXT.funding}</dt>
                <dd>
                  {project.committed.length
                    ? project.committed
                        .map((f) => `${f.government} ${formatMoney(f.minor, f.currency)}`)
                        .join("; ")
                    : TEXT.none}
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ResilienceSummary({ portfolio }: { portfolio: Portfolio }) {
  const horizon = portfolio.resilience[0]?.horizon;
  return (
    <section className="stack" aria-labelledby="resilience-title">
      <h2 id="resilience-title">{TEXT.resilience}</h2>
      {horizon === undefined ? (
        <p className="muted">{TEXT.noResilience}</p>
      ) : (
        <>
          <p>{TEXT.resilienceLead(horizon)}</p>
          <div className="table-wrap" role="region" aria-label={TEXT.resilience} tabIndex={0}>
            <table>
              <caption className="visually-hidden">{TEXT.resilience}</caption>
              <thead>
                <tr>
                  <th scope="col">{TEXT.mineralStage}</th>
                  <th scope="col" className="num">
                    {TEXT.added}
                  </th>
                  <th scope="col" className="num">
                    {TEXT.partnerShare}
                  </th>
                  <th scope="col" className="num">
                    {TEXT.hhi}
                  </th>
                </tr>
              </thead>
              <tbody>
                {portfolio.resilience.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      {row.mineral}, {row.stage.toLowerCase()}
                    </th>
                    <td className="num">
                      {row.added.toLocaleString("en-GB", { maximumFractionDigits: 0 })} {row.unit}
                    </td>
                    <td className="num">
                      {row.baselinePartnerPct.toFixed(1)}% {TEXT.arrow}{" "}
                      {row.projectedPartnerPct.toFixed(1)}%
                    </td>
                    <td className="num">
                      {Math.round(row.baselineHhi).toLocaleString("en-GB")} {TEXT.arrow}{" "}
                      {Math.round(row.projectedHhi).toLocaleString("en-GB")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export default function PublicPortfolio() {
  const { portfolio } = useLoaderData<typeof loader>();
  const base = `/public/${portfolio.partnership.slug}`;
  return (
    <div className="stack public-page">
      <header className="stack">
        <p className="eyebrow">{TEXT.eyebrow}</p>
        <h1>{portfolio.partnership.name}</h1>
        <p className="lead">{TEXT.lead}</p>
      </header>
      <Headline portfolio={portfolio} />
      <FundingByGovernment portfolio={portfolio} />
      <WorldMap
        {...portfolio.map}
        currency={portfolio.partnership.reportingCurrency}
        approvedOnly
      />
      <ProjectList portfolio={portfolio} />
      <ResilienceSummary portfolio={portfolio} />
      <section className="card stack" aria-labelledby="open-data-title">
        <h2 id="open-data-title">{TEXT.openData}</h2>
        <p>{TEXT.openDataLead}</p>
        <ul className="plain-list">
          <li>
            <a href={`${base}/projects.json`}>projects.json</a>
          </li>
          <li>
            <a href={`${base}/projects.csv`}>projects.csv</a>
          </li>
          <li>
            <a href={`${base}/iati.xml`}>iati.xml</a> (IATI 2.03)
          </li>
        </ul>
        <p className="small-print">
          {TEXT.licence}: <a href={OPEN_DATA_LICENCE.url}>{OPEN_DATA_LICENCE.name}</a>.{" "}
          {TEXT.updated}: {formatMoment(portfolio.lastModified)}.
        </p>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
