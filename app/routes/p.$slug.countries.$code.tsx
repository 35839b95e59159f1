import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { MineralList } from "~/components/mineral";
import { ActionStatusBadge } from "~/components/national-actions";
import { KIND_PATH, StatusBadge } from "~/components/technology";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { getCountryPage } from "~/models/country-page.server";
import { RouteErrorMessage } from "~/root";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  {
    title: pageTitle(matches, "technology.detail.pageTitle", {
      title: data?.page.government.name ?? "",
    }),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const page = await getCountryPage(context, (params.code ?? "").toUpperCase());
  if (!page) throw new Response(null, { status: 404 });
  return json({ slug: context.partnership.slug, page });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>["page"];

function Projects({
  id,
  title,
  projects,
}: {
  id: string;
  title: string;
  projects: Page["hostedProjects"];
}) {
  const { slug } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {projects.length === 0 ? (
        <p>{t("country.noProjects")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("country.project")}</th>
                <th scope="col">{t("projects.segment")}</th>
                <th scope="col">{t("projects.minerals")}</th>
                <th scope="col">{t("projects.host")}</th>
                <th scope="col">{t("projects.stage")}</th>
                <th scope="col">{t("projects.status")}</th>
                <th scope="col">{t("projects.registeredBy")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => (
                <tr key={project.id}>
                  <th scope="row">
                    <Link to={`/p/${slug}/projects/${project.id}`}>{project.name}</Link>
                  </th>
                  <td>{t(`vocabulary.segment.${project.segment}`)}</td>
                  <td>
                    <MineralList minerals={project.minerals} />
                  </td>
                  <td>{f.country(project.hostCountry)}</td>
                  <td>{t(`vocabulary.stage.${project.stage}`)}</td>
                  <td>{t(`vocabulary.projectStatus.${project.status}`)}</td>
                  <td>{f.country(project.registeringMemberCode)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Pledges({ page }: { page: Page }) {
  const { slug } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="pledges-title">
      <h2 id="pledges-title">{t("country.pledges")}</h2>
      <p className="muted">{t("country.pledgesLead")}</p>
      {page.pledges.length === 0 ? (
        <p>{t("country.noPledges")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("country.project")}</th>
                <th scope="col">{t("country.status")}</th>
                <th scope="col">{t("country.committedOn")}</th>
                <th scope="col" className="num">
                  {t("country.amount")}
                </th>
                <th scope="col" className="num">
                  {t("country.paid")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.pledges.map((pledge) => (
                <tr key={pledge.id}>
                  <th scope="row">
                    <Link to={`/p/${slug}/pledges/${pledge.id}`}>{pledge.projectName}</Link>
                  </th>
                  <td>{t(`vocabulary.pledgeStatus.${pledge.status}`)}</td>
                  <td>{pledge.committedOn ? f.day(pledge.committedOn) : t("common.none")}</td>
                  <td className="num">{f.money(pledge.amountMinor, pledge.currency)}</td>
                  <td className="num">{f.money(pledge.paidMinor, pledge.currency)}</td>
                </tr>
              ))}
            </tbody>
            {page.pledgeTotals.length > 0 ? (
              <tfoot>
                {page.pledgeTotals.map((total) => (
                  <tr key={total.currency}>
                    <th scope="row" colSpan={3}>
                      {t("country.totals", { currency: total.currency })}
                    </th>
                    <td className="num">{f.money(total.committedMinor, total.currency)}</td>
                    <td className="num">{f.money(total.paidMinor, total.currency)}</td>
                  </tr>
                ))}
              </tfoot>
            ) : null}
          </table>
        </div>
      )}
    </section>
  );
}

function Technology({
  id,
  title,
  kind,
  rows,
}: {
  id: string;
  title: string;
  kind: "offer" | "request";
  rows: Page["offers"];
}) {
  const { slug } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t("country.noItems")}</p>
      ) : (
        <ul className="match-list">
          {rows.map((row) => (
            <li key={row.id}>
              <Link to={`/p/${slug}/technology/${KIND_PATH[kind]}/${row.id}`}>{row.title}</Link> ·{" "}
              {t(`technology.categories.${row.category}`)} · {t(`technology.trl.${row.trl as 1}`)}{" "}
              <StatusBadge status={row.status} />
              {row.mine && row.audience === "private" ? (
                <>
                  {" "}
                  <span className="badge">{t("country.onlyYou")}</span>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function CountryPage() {
  const { slug, page } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  // A participant is named as its country is in the reader's language, as on the overview's chips.
  const country = f.country(page.government.code);
  const government = country;
  return (
    <div className="stack">
      <nav aria-label={t("technology.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}`}>{t("country.participants")}</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{government}</span>
      </nav>
      <h1>{government}</h1>
      <p className="lead">
        {page.isOwn ? t("country.leadOwn") : t("country.lead", { government })}
      </p>
      <div className="country-sections">
        <Projects
          id="hosted-title"
          title={t("country.hosted", { country })}
          projects={page.hostedProjects}
        />
        <Projects
          id="registered-title"
          title={t("country.registered", { government })}
          projects={page.registeredProjects}
        />
        <Pledges page={page} />
        <Technology id="offers-title" title={t("country.offers")} kind="offer" rows={page.offers} />
        <Technology
          id="requests-title"
          title={t("country.requests")}
          kind="request"
          rows={page.requests}
        />
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title">{t("country.actions")}</h2>
          {page.nationalActions.length === 0 ? (
            <p>{t("country.noItems")}</p>
          ) : (
            <ul className="match-list">
              {page.nationalActions.map((action) => (
                <li key={action.id}>
                  <Link to={`/p/${slug}/actions/${action.id}`}>{action.title}</Link> ·{" "}
                  {t(`actions.kinds.${action.kind}`)} <ActionStatusBadge status={action.status} />
                  {action.mine && action.audience === "private" ? (
                    <>
                      {" "}
                      <span className="badge">{t("country.onlyYou")}</span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
