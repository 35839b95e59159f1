import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { FilterBar, FilterSelect } from "~/components/filters";
import { RegisterTabs } from "~/components/technology";
import { ROLES_FOR } from "~/domain/permissions";
import { INTEREST_STATUSES, type InterestStatus } from "~/domain/technology";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { listInterests } from "~/models/technology.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import technologyStyles from "~/styles/technology.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "technology.interest.listTitle") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.sharing);
  const requested = new URL(request.url).searchParams.get("status");
  const status = (INTEREST_STATUSES as readonly string[]).includes(requested ?? "")
    ? (requested as InterestStatus)
    : undefined;
  return json({
    slug: context.partnership.slug,
    status: status ?? null,
    rows: await listInterests(context, { status }),
  });
}

export default function Conversations() {
  const { slug, status, rows } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  return (
    <div className="stack">
      <h1>{t("technology.title")}</h1>
      <RegisterTabs slug={slug} />
      <p className="lead">
        {status === "agreed"
          ? t("technology.interest.agreementsLead")
          : t("technology.interest.listLead")}
      </p>
      <FilterBar label={t("technology.filter")}>
        <FilterSelect
          name="status"
          label={t("technology.status")}
          allLabel={t("technology.interest.allStatuses")}
          value={status}
          options={INTEREST_STATUSES.map((value) => ({
            value,
            label: t(`technology.interest.statuses.${value}`),
          }))}
        />
      </FilterBar>
      {rows.length === 0 ? (
        <p className="card">{t("technology.interest.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("technology.interest.listTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("technology.interest.item")}</th>
                <th scope="col">{t("technology.interest.parties")}</th>
                <th scope="col">{t("technology.status")}</th>
                <th scope="col">{t("technology.interest.terms")}</th>
                <th scope="col">{t("technology.interest.sent")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.itemTitle ? (
                      <Link
                        to={`/p/${slug}/technology/${row.itemType === "technology_offer" ? "offers" : "requests"}/${row.itemId}`}
                      >
                        {row.itemTitle}
                      </Link>
                    ) : (
                      <span className="muted">{t("technology.interest.withdrawnItem")}</span>
                    )}
                  </th>
                  <td>
                    {t("technology.interest.partiesValue", {
                      owner: row.itemOwnerName,
                      other: row.memberName,
                    })}
                  </td>
                  <td>
                    <span className={`badge interest-${row.status}`}>
                      {t(`technology.interest.statuses.${row.status}`)}
                    </span>
                  </td>
                  <td>
                    {row.status === "agreed" && row.agreedOn
                      ? t("technology.interest.agreement", {
                          day: f.day(row.agreedOn),
                          terms: row.termsSummary ?? "",
                        })
                      : t("common.none")}
                  </td>
                  <td>{f.moment(row.createdAt)}</td>
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
