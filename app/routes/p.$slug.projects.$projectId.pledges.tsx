import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DataTable, type Column } from "~/components/csv-table";
import { DraftMark, PledgeStatusBadge, RuleStateBadge } from "~/components/pledge-badges";
import { FundingTotals, RateNote } from "~/components/totals";
import { reaches } from "~/domain/permissions";
import type { Instrument } from "~/domain/pledges";
import { requireParam } from "~/forms/params.server";
import { msg } from "~/i18n/message";
import { metaT } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { getProjectFunding, type EvaluatedPledge } from "~/models/funding.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import * as clock from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  const title = data ? t("pledges.tab.title", { project: data.projectName }) : t("pledges.title");
  return [{ title: t("common.pageTitle", { title }) }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const funding = await getProjectFunding(context, projectId, clock.today());
  if (!funding) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  return json({
    ...funding,
    slug: context.partnership.slug,
    projectId,
    isDelegate: reaches(context.membership.role, "pledge"),
  });
}

export default function ProjectPledges() {
  const data = useLoaderData<typeof loader>();
  const { t, tm } = useT();
  const f = useFormat();
  const hasDrafts = data.pledges.some((pledge) => pledge.status === "draft");
  const columns: Column<EvaluatedPledge>[] = [
    {
      key: "government",
      header: t("pledges.government"),
      sortValue: (row) => f.country(row.memberCode),
      render: (row) => (
        <Link to={`/p/${data.slug}/pledges/${row.id}`}>
          {f.country(row.memberCode)}
          <span className="visually-hidden">: {f.money(row.amountMinor, row.currency)}</span>
        </Link>
      ),
    },
    {
      key: "amount",
      header: t("pledges.amount"),
      numeric: true,
      sortValue: (row) => (row.amountReporting ? BigInt(row.amountReporting) : null),
      render: (row) => f.money(row.amountMinor, row.currency),
    },
    {
      key: "reporting",
      header: t("pledges.inCurrency", { currency: data.reportingCurrency }),
      numeric: true,
      sortValue: (row) => (row.amountReporting ? BigInt(row.amountReporting) : null),
      render: (row) =>
        row.amountReporting
          ? f.money(row.amountReporting, data.reportingCurrency)
          : t("pledges.noRate"),
    },
    {
      key: "instrument",
      header: t("pledges.instrument"),
      sortValue: (row) => row.instrument,
      render: (row) => t(`vocabulary.instrument.${row.instrument as Instrument}`),
    },
    { key: "rule", header: t("pledges.rule"), render: (row) => tm(row.ruleText) },
    {
      key: "state",
      header: t("pledges.ruleState"),
      sortValue: (row) => row.state,
      render: (row) => (
        <span className="chip-list">
          <PledgeStatusBadge status={row.status} />
          {row.status === "draft" ? (
            <DraftMark />
          ) : row.status !== "withdrawn" && row.hasRule ? (
            <RuleStateBadge state={row.state} waitsOnEachOther={row.waitsOnEachOther} />
          ) : null}
        </span>
      ),
    },
    {
      key: "counting",
      header: t("pledges.counting", { currency: data.reportingCurrency }),
      numeric: true,
      sortValue: (row) => (row.countingReporting ? BigInt(row.countingReporting) : null),
      render: (row) =>
        row.countingReporting && row.status !== "draft"
          ? f.money(row.countingReporting, data.reportingCurrency)
          : t("common.none"),
    },
  ];
  return (
    <div className="stack" id="project-pledges">
      <div className="row page-head">
        <h2>{t("pledges.tab.title", { project: data.projectName })}</h2>
        {data.isDelegate && data.projectStatus === "approved" ? (
          <Link className="button" to={`/p/${data.slug}/pledges/new?project=${data.projectId}`}>
            {t("pledges.tab.pledge")}
          </Link>
        ) : null}
      </div>
      <div className="two-col">
        <FundingTotals
          label={t("pledges.tab.inReporting", { currency: data.reportingCurrency })}
          currency={data.reportingCurrency}
          totals={data.reporting}
          showDrafts={hasDrafts}
        />
        {data.project && data.projectCurrency !== data.reportingCurrency ? (
          <FundingTotals
            label={t("pledges.tab.inProject", { currency: data.projectCurrency })}
            currency={data.projectCurrency}
            totals={data.project}
            showDrafts={hasDrafts}
          />
        ) : null}
      </div>
      <RateNote
        rateDate={data.rateDate}
        ratesUsed={data.ratesUsed}
        missingRates={data.missingRates}
        reportingCurrency={data.reportingCurrency}
      />
      {hasDrafts ? <p className="muted">{t("pledges.tab.drafts")}</p> : null}
      <DataTable
        id="project-pledges-table"
        caption={t("pledges.tab.caption")}
        columns={columns}
        rows={data.pledges}
        rowKey={(row) => row.id}
        exportHref={`/p/${data.slug}/pledges/csv?project=${data.projectId}`}
        empty={t("pledges.tab.empty")}
        rowClassName={(row) => (row.status === "draft" ? "draft-row" : undefined)}
      />
      <p className="muted small-print">{t("pledges.tab.explain")}</p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
