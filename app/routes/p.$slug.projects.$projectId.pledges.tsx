import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DataTable, type Column } from "~/components/csv-table";
import { DraftMark, PledgeStatusBadge, RuleStateBadge } from "~/components/pledge-badges";
import { FundingTotals, RateNote } from "~/components/totals";
import { reaches } from "~/domain/permissions";
import { INSTRUMENT_LABELS, type Instrument } from "~/domain/pledges";
import { requireParam } from "~/forms/params.server";
import { getProjectFunding, type EvaluatedPledge } from "~/models/funding.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import * as clock from "~/utils/clock.server";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Pledges to ${data.projectName} — Lodestone` : "Pledges — Lodestone" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const funding = await getProjectFunding(context, projectId, clock.today());
  if (!funding) throw new Response("Not found", { status: 404 });
  return json({
    ...funding,
    slug: context.partnership.slug,
    projectId,
    isDelegate: reaches(context.membership.role, "pledge"),
  });
}

export default function ProjectPledges() {
  const data = useLoaderData<typeof loader>();
  const hasDrafts = data.pledges.some((pledge) => pledge.status === "draft");
  const columns: Column<EvaluatedPledge>[] = [
    {
      key: "government",
      header: "Government",
      sortValue: (row) => row.memberName,
      render: (row) => (
        <Link to={`/p/${data.slug}/pledges/${row.id}`}>
          {row.memberName}
          <span className="visually-hidden">: {formatMoney(row.amountMinor, row.currency)}</span>
        </Link>
      ),
    },
    {
      key: "amount",
      header: "Amount",
      numeric: true,
      sortValue: (row) => (row.amountReporting ? BigInt(row.amountReporting) : null),
      render: (row) => formatMoney(row.amountMinor, row.currency),
    },
    {
      key: "reporting",
      header: `In ${data.reportingCurrency}`,
      numeric: true,
      sortValue: (row) => (row.amountReporting ? BigInt(row.amountReporting) : null),
      render: (row) =>
        row.amountReporting ? formatMoney(row.amountReporting, data.reportingCurrency) : "No rate",
    },
    {
      key: "instrument",
      header: "Instrument",
      sortValue: (row) => row.instrument,
      render: (row) => INSTRUMENT_LABELS[row.instrument as Instrument] ?? row.instrument,
    },
    { key: "rule", header: "Co-funding rule", render: (row) => row.ruleText },
    {
      key: "state",
      header: "Rule state",
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
      header: `Counting (${data.reportingCurrency})`,
      numeric: true,
      sortValue: (row) => (row.countingReporting ? BigInt(row.countingReporting) : null),
      render: (row) =>
        row.countingReporting && row.status !== "draft"
          ? formatMoney(row.countingReporting, data.reportingCurrency)
          : "—",
    },
  ];
  return (
    <div className="stack" id="project-pledges">
      <div className="row page-head">
        <h2>Pledges to {data.projectName}</h2>
        {data.isDelegate && data.projectStatus === "approved" ? (
          <Link className="button" to={`/p/${data.slug}/pledges/new?project=${data.projectId}`}>
            Pledge to this project
          </Link>
        ) : null}
      </div>
      <div className="two-col">
        <FundingTotals
          label={`In the reporting currency (${data.reportingCurrency})`}
          currency={data.reportingCurrency}
          totals={data.reporting}
          showDrafts={hasDrafts}
        />
        {data.project && data.projectCurrency !== data.reportingCurrency ? (
          <FundingTotals
            label={`In the project currency (${data.projectCurrency})`}
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
      {hasDrafts ? (
        <p className="muted">
          Rows marked &ldquo;Your draft&rdquo; are your government&apos;s drafts: nobody else sees
          them, and they are not in the committed, triggered or pending totals.
        </p>
      ) : null}
      <DataTable
        id="project-pledges-table"
        caption="Pledges and their co-funding state"
        columns={columns}
        rows={data.pledges}
        rowKey={(row) => row.id}
        exportHref={`/p/${data.slug}/pledges/csv?project=${data.projectId}`}
        empty="No pledges to this project yet."
        rowClassName={(row) => (row.status === "draft" ? "draft-row" : undefined)}
      />
      <p className="muted small-print">
        A conditional pledge is pending until its rule holds, then triggered. Rules that depend on
        each other are resolved without looping: each stays pending until unconditional money meets
        it (marked &ldquo;waiting on each other&rdquo;).
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
