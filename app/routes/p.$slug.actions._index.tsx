import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { FilterBar, FilterSelect } from "~/components/filters";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { MineralList } from "~/components/mineral";
import { ActionStatusBadge } from "~/components/national-actions";
import { parseActionFilters, ACTION_KINDS, ACTION_STATUSES } from "~/domain/national-actions";
import { reaches, ROLES_FOR } from "~/domain/permissions";
import { MINERALS } from "~/domain/projects/vocabulary";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { listNationalActions } from "~/models/national-actions.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import technologyStyles from "~/styles/technology.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "actions.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.sharing);
  const filters = parseActionFilters(new URL(request.url).searchParams);
  return json({
    slug: context.partnership.slug,
    filters,
    rows: await listNationalActions(context, filters),
    mayShare: reaches(context.membership.role, "shareItems"),
  });
}

export default function NationalActions() {
  const { slug, filters, rows, mayShare } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  const live = useLiveRevalidation(slug, undefined, true);
  return (
    <div className="stack">
      <div className="page-heading">
        <h1>{t("actions.title")}</h1>
        <LiveIndicator status={live} />
      </div>
      <p className="lead">{t("actions.lead")}</p>
      {mayShare ? (
        <div className="page-actions">
          <Link className="button" to={`/p/${slug}/actions/new`}>
            {t("actions.report")}
          </Link>
        </div>
      ) : null}
      <FilterBar label={t("actions.filter")}>
        <FilterSelect
          name="kind"
          label={t("actions.kind")}
          allLabel={t("actions.allKinds")}
          value={filters.kind ?? null}
          options={ACTION_KINDS.map((value) => ({ value, label: t(`actions.kinds.${value}`) }))}
        />
        <FilterSelect
          name="status"
          label={t("actions.status")}
          allLabel={t("actions.allStatuses")}
          value={filters.status ?? null}
          options={ACTION_STATUSES.map((value) => ({
            value,
            label: t(`actions.statuses.${value}`),
          }))}
        />
        <FilterSelect
          name="mineral"
          label={t("actions.mineral")}
          allLabel={t("actions.allMinerals")}
          value={filters.mineral ?? null}
          options={MINERALS.map((value) => ({ value, label: t(`vocabulary.mineral.${value}`) }))}
        />
      </FilterBar>
      {rows.length === 0 ? (
        <p className="card">{t("actions.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("actions.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("actions.itemTitle")}</th>
                <th scope="col">{t("actions.government")}</th>
                <th scope="col">{t("actions.kind")}</th>
                <th scope="col">{t("actions.mineral")}</th>
                <th scope="col">{t("actions.status")}</th>
                <th scope="col" className="num">
                  {t("actions.amount")}
                </th>
                <th scope="col">{t("technology.sharedWith")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link to={`/p/${slug}/actions/${row.id}`}>{row.title}</Link>
                  </th>
                  <td>{row.ownerName}</td>
                  <td>{t(`actions.kinds.${row.kind}`)}</td>
                  <td>
                    <MineralList minerals={row.minerals} />
                  </td>
                  <td>
                    <ActionStatusBadge status={row.status} />
                  </td>
                  <td className="num">
                    {row.amountMinor && row.currency
                      ? f.money(row.amountMinor, row.currency)
                      : t("common.none")}
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
