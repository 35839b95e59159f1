import type {
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { WorldMap } from "~/components/world-map";
import { asAnon } from "~/db/rls.server";
import { metaT } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { notFound, requireParam } from "~/forms/params.server";
import { OPEN_DATA_LICENCE } from "~/domain/open-data";
import { getPublicPortfolio } from "~/models/public-portfolio.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import publicStyles from "~/styles/public.css";
import * as clock from "~/utils/clock.server";
import { PUBLIC_CACHE_CONTROL } from "~/utils/http-cache.server";

/** The open-data files, by their names (the same in every language: they are addresses). */
const OPEN_DATA_FILES = ["projects.json", "projects.csv"] as const;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fundingStyles },
  { rel: "stylesheet", href: publicStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  if (!data) return [{ title: t("publicPortfolio.eyebrow") }];
  const partnership = data.portfolio.partnership.name;
  return [
    { title: t("publicPortfolio.metaTitle", { partnership }) },
    {
      name: "description",
      content: t("publicPortfolio.metaDescription", {
        count: data.portfolio.projects.length,
        partnership,
      }),
    },
  ];
};

/** The page is in the visitor's language (cookie or Accept-Language, as at sign-in): caches keep one per. */
export const headers: HeadersFunction = () => ({
  "Cache-Control": PUBLIC_CACHE_CONTROL,
  // i18n-exempt: header names, not words.
  Vary: "Accept-Language, Cookie",
});

/** Signed in or not, the page is read as anon: it shows exactly what the partnership publishes (ADR 136). */
export async function loader({ params }: LoaderFunctionArgs) {
  const portfolio = await getPublicPortfolio(
    asAnon,
    requireParam(params, "slug", "slug"),
    clock.today(),
  );
  if (!portfolio) throw notFound();
  return json({ portfolio });
}

type Portfolio = ReturnType<typeof useLoaderData<typeof loader>>["portfolio"];

function Headline({ portfolio }: { portfolio: Portfolio }) {
  const { t } = useT();
  const format = useFormat();
  const countries = new Set(portfolio.projects.map((p) => p.hostCountry)).size;
  const { oldestRateDate: from, newestRateDate: until } = portfolio.total;
  const rates =
    from && until
      ? from === until
        ? t("publicPortfolio.atRate", { date: format.day(from) })
        : t("publicPortfolio.atRates", { from: format.day(from), until: format.day(until) })
      : null;
  return (
    <section aria-label={t("publicPortfolio.atAGlance")} className="stat-grid">
      <div className="stat">
        <div className="value">{format.number(portfolio.projects.length)}</div>
        <div className="label">
          {t("publicPortfolio.statProjects", { count: portfolio.projects.length })}
        </div>
      </div>
      <div className="stat">
        <div className="value">{format.number(countries)}</div>
        <div className="label">{t("publicPortfolio.statCountries", { count: countries })}</div>
      </div>
      <div className="stat">
        <div className="value">
          {format.money(portfolio.total.minor, portfolio.total.currency, { compact: true })}
        </div>
        <div className="label">
          {t("publicPortfolio.statCommitted")}
          {rates ? ` ${rates}` : ""}
        </div>
      </div>
    </section>
  );
}

function FundingByGovernment({ portfolio }: { portfolio: Portfolio }) {
  const { t } = useT();
  const format = useFormat();
  const currency = portfolio.partnership.reportingCurrency;
  const title = t("publicPortfolio.byGovernment");
  return (
    <section className="stack" aria-labelledby="by-government-title">
      <h2 id="by-government-title">{title}</h2>
      {portfolio.byGovernment.length === 0 ? (
        <p className="muted">{t("publicPortfolio.noFunding")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={title} tabIndex={0}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("publicPortfolio.government")}</th>
                <th scope="col" className="num">
                  {t("publicPortfolio.amount", { currency })}
                </th>
              </tr>
            </thead>
            <tbody>
              {portfolio.byGovernment.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{row.name}</th>
                  <td className="num">
                    {format.money(row.minor, currency)}
                    {row.missing.length ? (
                      <span className="muted small-print">
                        {" "}
                        {t("publicPortfolio.notConverted", {
                          currencies: row.missing.join(t("common.listSeparator")),
                        })}
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

function ProjectCard({ project }: { project: Portfolio["projects"][number] }) {
  const { t } = useT();
  const format = useFormat();
  const none = t("common.none");
  const separator = t("publicPortfolio.itemSeparator");
  const next = project.nextMilestone;
  const nextText = next
    ? t(next.overdue ? "publicPortfolio.nextOverdue" : "publicPortfolio.next", {
        title: next.title,
        due: format.day(next.dueDate),
      })
    : t("publicPortfolio.noNext");
  return (
    <li className="card public-project">
      <h3>{project.name}</h3>
      <dl className="public-facts">
        <div>
          <dt>{t("publicPortfolio.host")}</dt>
          <dd>{format.country(project.hostCountry)}</dd>
        </div>
        <div>
          <dt>{t("publicPortfolio.segment")}</dt>
          <dd>{t(`vocabulary.segment.${project.segment}`)}</dd>
        </div>
        <div>
          <dt>{t("publicPortfolio.minerals")}</dt>
          <dd>
            {project.minerals
              .map((mineral) => t(`vocabulary.mineral.${mineral}`))
              .join(t("common.listSeparator"))}
          </dd>
        </div>
        <div>
          <dt>{t("publicPortfolio.stage")}</dt>
          <dd>{t(`vocabulary.stage.${project.stage}`)}</dd>
        </div>
        <div>
          <dt>{t("publicPortfolio.sponsor")}</dt>
          <dd>{project.sponsor ?? none}</dd>
        </div>
        <div>
          <dt>{t("publicPortfolio.milestones")}</dt>
          <dd>
            {t("publicPortfolio.done", { count: project.milestonesDone })}
            {separator}
            {nextText}
          </dd>
        </div>
        <div className="wide">
          <dt>{t("publicPortfolio.outputs")}</dt>
          <dd>
            {project.outputs.length
              ? project.outputs
                  .map((output) =>
                    t("publicPortfolio.output", {
                      capacity: format.upTo(Number(output.capacity), 3),
                      unit: output.unit,
                      mineral: output.mineral,
                      stage: output.stage,
                      year: String(output.firstYear),
                    }),
                  )
                  .join(separator)
              : none}
          </dd>
        </div>
        <div className="wide">
          <dt>{t("publicPortfolio.funding")}</dt>
          <dd>
            {project.committed.length
              ? project.committed
                  .map((f) =>
                    t("publicPortfolio.fundingLine", {
                      government: f.government,
                      amount: format.money(f.minor, f.currency),
                    }),
                  )
                  .join(separator)
              : none}
          </dd>
        </div>
      </dl>
    </li>
  );
}

function ProjectList({ portfolio }: { portfolio: Portfolio }) {
  const { t } = useT();
  return (
    <section className="stack" aria-labelledby="projects-title">
      <h2 id="projects-title">{t("publicPortfolio.projects")}</h2>
      {portfolio.projects.length === 0 ? (
        <p className="muted">{t("publicPortfolio.noProjects")}</p>
      ) : null}
      <ul className="public-projects">
        {portfolio.projects.map((project) => (
          <ProjectCard key={project.id} project={project} />
        ))}
      </ul>
    </section>
  );
}

function ResilienceSummary({ portfolio }: { portfolio: Portfolio }) {
  const { t } = useT();
  const format = useFormat();
  const horizon = portfolio.resilience[0]?.horizon;
  const title = t("publicPortfolio.resilience");
  const change = (before: string, after: string) => t("publicPortfolio.change", { before, after });
  return (
    <section className="stack" aria-labelledby="resilience-title">
      <h2 id="resilience-title">{title}</h2>
      {horizon === undefined ? (
        <p className="muted">{t("publicPortfolio.noResilience")}</p>
      ) : (
        <>
          <p>{t("publicPortfolio.resilienceLead", { horizon: String(horizon) })}</p>
          <div className="table-wrap" role="region" aria-label={title} tabIndex={0}>
            <table>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("publicPortfolio.mineralStage")}</th>
                  <th scope="col" className="num">
                    {t("publicPortfolio.added")}
                  </th>
                  <th scope="col" className="num">
                    {t("publicPortfolio.partnerShare")}
                  </th>
                  <th scope="col" className="num">
                    {t("publicPortfolio.hhi")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {portfolio.resilience.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      {t("supply.outputs.group", { mineral: row.mineral, stage: row.stage })}
                    </th>
                    <td className="num">
                      {format.number(Math.round(row.added))} {row.unit}
                    </td>
                    <td className="num">
                      {change(
                        format.percent(row.baselinePartnerPct, 1),
                        format.percent(row.projectedPartnerPct, 1),
                      )}
                    </td>
                    <td className="num">
                      {change(
                        format.number(Math.round(row.baselineHhi)),
                        format.number(Math.round(row.projectedHhi)),
                      )}
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

function OpenData({ portfolio }: { portfolio: Portfolio }) {
  const { t } = useT();
  const format = useFormat();
  const base = `/public/${portfolio.partnership.slug}`;
  return (
    <section className="card stack" aria-labelledby="open-data-title">
      <h2 id="open-data-title">{t("publicPortfolio.openData")}</h2>
      <p>{t("publicPortfolio.openDataLead")}</p>
      <ul className="plain-list">
        {OPEN_DATA_FILES.map((file) => (
          <li key={file}>
            <a href={`${base}/${file}`}>{file}</a>
          </li>
        ))}
        <li>
          <a href={`${base}/iati.xml`}>{t("publicPortfolio.iatiFile")}</a>
        </li>
      </ul>
      <p className="small-print">
        <Trans
          i18nKey="publicPortfolio.licence"
          values={{ name: OPEN_DATA_LICENCE.name }}
          components={{ licence: <a href={OPEN_DATA_LICENCE.url}>{OPEN_DATA_LICENCE.name}</a> }}
        />{" "}
        {t("publicPortfolio.updated", { moment: format.moment(portfolio.lastModified) })}
      </p>
    </section>
  );
}

export default function PublicPortfolio() {
  const { portfolio } = useLoaderData<typeof loader>();
  const { t } = useT();
  const format = useFormat();
  return (
    <div className="stack public-page">
      <header className="stack">
        <p className="eyebrow">{t("publicPortfolio.eyebrow")}</p>
        <h1>{portfolio.partnership.name}</h1>
        <p className="lead">{t("publicPortfolio.lead")}</p>
      </header>
      <Headline portfolio={portfolio} />
      <FundingByGovernment portfolio={portfolio} />
      <WorldMap
        {...portfolio.map}
        countries={[...new Set(portfolio.projects.map((p) => p.hostCountry))].map((code) =>
          format.country(code),
        )}
        currency={portfolio.partnership.reportingCurrency}
        approvedOnly
      />
      <ProjectList portfolio={portfolio} />
      <ResilienceSummary portfolio={portfolio} />
      <OpenData portfolio={portfolio} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
