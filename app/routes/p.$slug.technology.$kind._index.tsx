import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { requireTechnologyKind } from "~/forms/sharing.server";
import { FilterBar, FilterSelect } from "~/components/filters";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { MineralList } from "~/components/mineral";
import { KIND_PATH, RegisterTabs, StatusBadge } from "~/components/technology";
import { reaches, ROLES_FOR } from "~/domain/permissions";
import { MINERALS } from "~/domain/projects/vocabulary";
import {
  parseTechnologyFilters,
  TECHNOLOGY_CATEGORIES,
  TECHNOLOGY_STATUSES,
} from "~/domain/technology";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listOffers, listRequests } from "~/models/technology.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "technology.title") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.sharing);
  const kind = requireTechnologyKind(params.kind);
  const filters = parseTechnologyFilters(new URL(request.url).searchParams);
  const rows = await (kind === "offer" ? listOffers : listRequests)(context, filters);
  return json({
    slug: context.partnership.slug,
    kind,
    filters,
    rows,
    mayShare: reaches(context.membership.role, "shareItems"),
  });
}

function RegisterFilters() {
  const { filters } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <FilterBar label={t("technology.filter")}>
      <FilterSelect
        name="category"
        label={t("technology.category")}
        allLabel={t("technology.allCategories")}
        value={filters.category ?? null}
        options={TECHNOLOGY_CATEGORIES.map((value) => ({
          value,
          label: t(`technology.categories.${value}`),
        }))}
      />
      <FilterSelect
        name="mineral"
        label={t("technology.mineral")}
        allLabel={t("technology.allMinerals")}
        value={filters.mineral ?? null}
        options={MINERALS.map((value) => ({ value, label: t(`vocabulary.mineral.${value}`) }))}
      />
      <FilterSelect
        name="status"
        label={t("technology.status")}
        allLabel={t("technology.allStatuses")}
        value={filters.status ?? null}
        options={TECHNOLOGY_STATUSES.map((value) => ({
          value,
          label: t(`technology.statuses.${value}`),
        }))}
      />
    </FilterBar>
  );
}

export default function TechnologyRegister() {
  const { slug, kind, rows, mayShare } = useLoaderData<typeof loader>();
  const { t } = useT();
  const live = useLiveRevalidation(slug, undefined, true);
  return (
    <div className="stack">
      <div className="page-heading">
        <h1>{t("technology.title")}</h1>
        <LiveIndicator status={live} />
      </div>
      <p className="lead">{t("technology.lead")}</p>
      <RegisterTabs slug={slug} />
      {mayShare ? (
        <div className="page-actions">
          <Link className="button" to={`/p/${slug}/technology/offers/new`}>
            {t("technology.offer")}
          </Link>
          <Link className="button secondary" to={`/p/${slug}/technology/requests/new`}>
            {t("technology.request")}
          </Link>
        </div>
      ) : null}
      <RegisterFilters />
      {rows.length === 0 ? (
        <p className="card">
          {kind === "offer" ? t("technology.noneOffers") : t("technology.noneRequests")}
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {kind === "offer" ? t("technology.captionOffers") : t("technology.captionRequests")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("technology.itemTitle")}</th>
                <th scope="col">{t("technology.government")}</th>
                <th scope="col">{t("technology.category")}</th>
                <th scope="col">{t("technology.minerals")}</th>
                <th scope="col" className="num">
                  {t("technology.trlShort")}
                </th>
                <th scope="col">{t("technology.status")}</th>
                <th scope="col">{t("technology.sharedWith")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/p/${slug}/technology/${KIND_PATH[kind]}/${row.id}`}>
                      {row.title}
                    </Link>
                    {row.exportControlled ? (
                      <>
                        {" "}
                        <span className="badge">{t("technology.exportControlled")}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{row.ownerName}</td>
                  <td>{t(`technology.categories.${row.category}`)}</td>
                  <td>
                    <MineralList minerals={row.minerals} />
                  </td>
                  <td className="num">{row.trl}</td>
                  <td>
                    <StatusBadge status={row.status} />
                  </td>
                  <td>{row.mine ? t(`sharing.audience.${row.audience}`) : t("common.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
