import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useParams } from "@remix-run/react";
import { DataTable, type Column } from "~/components/csv-table";
import { DraftMark, PledgeStatusBadge } from "~/components/pledge-badges";
import { requireMember } from "~/auth/auth.server";
import { reaches } from "~/domain/permissions";
import { PLEDGE_STATUSES, type Instrument } from "~/domain/pledges";
import type { Formatter } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import {
  filtersFromUrl,
  listFilterOptions,
  listPledges,
  type PledgeListRow,
} from "~/models/pledges.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "pledges.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const filters = filtersFromUrl(new URL(request.url));
  const [pledges, options] = await Promise.all([
    listPledges(context, filters),
    listFilterOptions(context),
  ]);
  return json({
    pledges,
    options,
    filters,
    isDelegate: reaches(context.membership.role, "pledge"),
    memberCode: context.membership.memberCode,
  });
}

type T = ReturnType<typeof useT>;

function columnsFor({ t, tm }: T, f: Formatter): Column<PledgeListRow>[] {
  return [
    {
      key: "project",
      header: t("pledges.project"),
      sortValue: (row) => row.projectName,
      render: (row) => <Link to={row.id}>{row.projectName}</Link>,
    },
    {
      key: "government",
      header: t("pledges.government"),
      sortValue: (row) => f.country(row.memberCode),
      render: (row) => f.country(row.memberCode),
    },
    {
      key: "amount",
      header: t("pledges.amount"),
      numeric: true,
      sortValue: (row) => `${row.currency}${row.amountMinor.padStart(20, "0")}`,
      render: (row) => f.money(row.amountMinor, row.currency),
    },
    {
      key: "instrument",
      header: t("pledges.instrument"),
      sortValue: (row) => row.instrument,
      render: (row) => t(`vocabulary.instrument.${row.instrument as Instrument}`),
    },
    {
      key: "status",
      header: t("pledges.status"),
      sortValue: (row) => row.status,
      render: (row) => (
        <span className="chip-list">
          <PledgeStatusBadge status={row.status} />
          {row.status === "draft" && row.mine ? <DraftMark /> : null}
        </span>
      ),
    },
    { key: "rule", header: t("pledges.rule"), render: (row) => tm(row.ruleText) },
    {
      key: "committed",
      header: t("pledges.committedOn"),
      sortValue: (row) => row.committedOn,
      render: (row) => f.day(row.committedOn),
    },
  ];
}

export default function Pledges() {
  const { pledges, options, filters, isDelegate, memberCode } = useLoaderData<typeof loader>();
  const translator = useT();
  const { t } = translator;
  const f = useFormat();
  const location = useLocation();
  const { slug } = useParams();
  const base = `/p/${slug}/pledges`;
  return (
    <div className="stack">
      <div className="row page-head">
        <h1>{t("pledges.title")}</h1>
        {isDelegate ? (
          <Link className="button" to={`${base}/new`}>
            {t("pledges.newPledge")}
          </Link>
        ) : null}
      </div>
      <p className="muted">
        {isDelegate
          ? t("pledges.leadDelegate", { member: memberCode ? f.country(memberCode) : "" })
          : t("pledges.leadOthers")}
      </p>
      <Form method="get" className="filters" aria-label={t("pledges.filter")}>
        <div className="field">
          <label htmlFor="filter-status">{t("pledges.status")}</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("pledges.anyStatus")}</option>
            {PLEDGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`vocabulary.pledgeStatus.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-project">{t("pledges.project")}</label>
          <select id="filter-project" name="project" defaultValue={filters.projectId ?? ""}>
            <option value="">{t("pledges.anyProject")}</option>
            {options.projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-government">{t("pledges.government")}</label>
          <select id="filter-government" name="government" defaultValue={filters.memberId ?? ""}>
            <option value="">{t("pledges.anyGovernment")}</option>
            {options.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button secondary">
            {t("pledges.filterButton")}
          </button>
          <Link to={base} className="button secondary">
            {t("pledges.clear")}
          </Link>
        </div>
      </Form>
      <DataTable
        id="pledges"
        caption={t("count.pledges", { count: pledges.length })}
        columns={columnsFor(translator, f)}
        rows={pledges}
        rowKey={(row) => row.id}
        exportHref={`${base}/csv${location.search}`}
        empty={t("pledges.none")}
        rowClassName={(row) => (row.status === "draft" ? "draft-row" : undefined)}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
