import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { StackedBarChart, type ChartSeries } from "~/components/charts";
import { DataTable, type Column } from "~/components/csv-table";
import { FundingTotals, RateNote } from "~/components/totals";
import { WorldMap } from "~/components/world-map";
import {
  getPortfolio,
  type ConvertedRow,
  type GroupRow,
  type MilestoneRiskRow,
  type ProjectGapRow,
  type QuarterRow,
} from "~/models/portfolio.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import * as clock from "~/utils/clock.server";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction = () => [{ title: "Portfolio — Lodestone" }];

/*
 * Per-project lists show their first rows on the page (largest gaps, most overdue milestones); the CSV export
 * of each has every row. A partnership with thousands of projects would otherwise ship megabytes of HTML.
 */
const LIST_ROWS = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const portfolio = await getPortfolio(context, clock.today());
  const byGapDescending = [...portfolio.gaps].sort((a, b) =>
    BigInt(a.gap) === BigInt(b.gap) ? 0 : BigInt(a.gap) > BigInt(b.gap) ? -1 : 1,
  );
  return json({
    portfolio: {
      ...portfolio,
      gaps: byGapDescending.slice(0, LIST_ROWS),
      milestonesAtRisk: portfolio.milestonesAtRisk.slice(0, LIST_ROWS),
      map: { ...portfolio.map, tablePoints: portfolio.map.points.slice(0, LIST_ROWS) },
    },
    counts: {
      projects: portfolio.gaps.length,
      mapped: portfolio.map.points.length,
      milestonesAtRisk: portfolio.milestonesAtRisk.length,
    },
    slug: context.partnership.slug,
    role: context.membership.role,
    memberName: context.membership.memberName,
  });
}

const big = (value: string) => BigInt(value);

function splitColumns<Row extends GroupRow | ProjectGapRow>(
  currency: string,
  showDrafts: boolean,
): Column<Row>[] {
  const money = (
    key: "committed" | "triggered" | "pending" | "sought" | "gap" | "drafts",
    header: string,
  ): Column<Row> => ({
    key,
    header,
    numeric: true,
    sortValue: (row) => big(row[key]),
    render: (row) => formatMoney(row[key], currency),
  });
  return [
    money("committed", "Committed"),
    money("triggered", "Triggered"),
    money("pending", "Pending"),
    money("sought", "Sought"),
    money("gap", "Gap"),
    ...(showDrafts ? [money("drafts", "Your drafts")] : []),
  ];
}

const SPLIT_SERIES: ChartSeries[] = [
  { key: "committed", label: "Committed", className: "series-committed" },
  { key: "triggered", label: "Conditional, triggered", className: "series-triggered" },
  { key: "pending", label: "Conditional, pending", className: "series-pending" },
];
const DRAFT_SERIES: ChartSeries = {
  key: "drafts",
  label: "Your drafts (private)",
  className: "series-drafts",
};

export default function PortfolioPage() {
  const { portfolio, counts, slug, role, memberName } = useLoaderData<typeof loader>();
  const firstRows = (shown: number, total: number, what: string) =>
    shown < total ? ` — the first ${shown} of ${total} ${what}; the CSV has them all` : "";
  const currency = portfolio.reportingCurrency;
  const drafts = portfolio.hasDrafts;
  const exportBase = `/p/${slug}/portfolio`;
  const groupTable = (
    id: "segments" | "minerals" | "countries",
    caption: string,
    header: string,
    rows: GroupRow[],
  ) => (
    <DataTable
      id={`table-${id}`}
      caption={caption}
      rows={rows}
      rowKey={(row) => row.key}
      exportHref={`${exportBase}/${id}/csv`}
      columns={[
        { key: "label", header, sortValue: (row) => row.label, render: (row) => row.label },
        {
          key: "projects",
          header: "Projects",
          numeric: true,
          sortValue: (row) => row.projects,
          render: (row) => row.projects,
        },
        ...splitColumns<GroupRow>(currency, drafts),
      ]}
    />
  );
  const chartOf = (rows: GroupRow[]) =>
    rows.map((row) => ({
      label: row.label,
      values: {
        committed: row.committed,
        triggered: row.triggered,
        pending: row.pending,
        drafts: row.drafts,
      },
    }));
  const series = drafts ? [...SPLIT_SERIES, DRAFT_SERIES] : SPLIT_SERIES;
  const convertedColumns = (header: string): Column<ConvertedRow>[] => [
    { key: "label", header, sortValue: (row) => row.label, render: (row) => row.label },
    {
      key: "live",
      header: `Pledged, live (${currency})`,
      numeric: true,
      sortValue: (row) => big(row.live),
      render: (row) => formatMoney(row.live, currency),
    },
    ...(drafts
      ? [
          {
            key: "drafts",
            header: "Your drafts",
            numeric: true,
            sortValue: (row: ConvertedRow) => big(row.drafts),
            render: (row: ConvertedRow) => formatMoney(row.drafts, currency),
          },
        ]
      : []),
    {
      key: "missing",
      header: "No FX rate for",
      render: (row) => (row.missing.length ? row.missing.join(", ") : "—"),
    },
  ];

  return (
    <div className="stack portfolio">
      <h1>Portfolio</h1>
      <p className="muted">
        {role === "delegate"
          ? `Committed pledges of every government, plus ${memberName}'s own drafts, which only ${memberName}'s delegates see and which are counted apart, never in committed, triggered or pending.`
          : "Committed pledges of every government. Draft pledges stay with their government and are never shown here."}{" "}
        All totals are in {currency}.
      </p>
      {drafts ? (
        <div className="alert warning" role="note">
          Includes your drafts: the &ldquo;Your drafts&rdquo; figures are private to your
          government.
        </div>
      ) : null}
      <RateNote
        rateDate={{
          oldest: portfolio.rateDates.oldest,
          newest: portfolio.rateDates.newest,
          on: portfolio.onDate,
        }}
        ratesUsed={portfolio.ratesUsed}
        missingRates={portfolio.missingRates}
        reportingCurrency={currency}
      />

      <section className="portfolio-section card" aria-labelledby="totals-title">
        <h2 id="totals-title">Totals</h2>
        <FundingTotals
          label={`Across ${counts.projects} projects`}
          currency={currency}
          totals={portfolio.totals}
          showDrafts={drafts}
        />
      </section>

      <section className="portfolio-section" aria-labelledby="segments-title">
        <h2 id="segments-title">By segment</h2>
        <div className="stack">
          <StackedBarChart
            id="chart-segments"
            title={`Pledged by segment (${currency})`}
            categories={chartOf(portfolio.bySegment)}
            series={series}
            currency={currency}
          />
          {groupTable("segments", "Segments", "Segment", portfolio.bySegment)}
        </div>
      </section>

      <section className="portfolio-section" aria-labelledby="countries-title">
        <h2 id="countries-title">By host country</h2>
        <WorldMap {...portfolio.map} currency={currency} />
        {portfolio.map.unplaced.length > 0 ? (
          <p className="muted">
            Not on the map (no location): {portfolio.map.unplaced.join(", ")}.
          </p>
        ) : null}
        <DataTable
          id="table-projects-map"
          caption={`Projects on the map${firstRows(portfolio.map.tablePoints.length, counts.mapped, "projects")}`}
          rows={portfolio.map.tablePoints}
          rowKey={(row) => row.id}
          exportHref={`${exportBase}/projects/csv`}
          columns={[
            {
              key: "name",
              header: "Project",
              sortValue: (row) => row.name,
              render: (row) => <Link to={`/p/${slug}/projects/${row.id}/pledges`}>{row.name}</Link>,
            },
            {
              key: "country",
              header: "Host country",
              sortValue: (row) => row.country,
              render: (row) => row.country,
            },
            {
              key: "status",
              header: "Status",
              sortValue: (row) => row.status,
              render: (row) => row.status,
            },
            {
              key: "counting",
              header: `Committed + triggered (${currency})`,
              numeric: true,
              sortValue: (row) => big(row.counting),
              render: (row) => formatMoney(row.counting, currency),
            },
          ]}
        />
        {groupTable("countries", "Host countries", "Host country", portfolio.byCountry)}
      </section>

      <section className="portfolio-section" aria-labelledby="minerals-title">
        <h2 id="minerals-title">By mineral</h2>
        <p className="muted">
          A project with several minerals counts under each, so this view does not add up to the
          total.
        </p>
        <div className="stack">
          <StackedBarChart
            id="chart-minerals"
            title={`Pledged by mineral (${currency})`}
            categories={chartOf(portfolio.byMineral)}
            series={series}
            currency={currency}
          />
          {groupTable("minerals", "Minerals", "Mineral", portfolio.byMineral)}
        </div>
      </section>

      <section className="portfolio-section" aria-labelledby="governments-title">
        <h2 id="governments-title">By pledging government</h2>
        <div className="stack">
          <StackedBarChart
            id="chart-governments"
            title={`Live pledges by government (${currency})`}
            categories={portfolio.byGovernment.map((row) => ({
              label: row.label,
              values: { live: row.live, drafts: row.drafts },
            }))}
            series={[
              { key: "live", label: "Live pledges", className: "series-committed" },
              ...(drafts ? [DRAFT_SERIES] : []),
            ]}
            currency={currency}
          />
          <DataTable
            id="table-governments"
            caption="Governments"
            rows={portfolio.byGovernment}
            rowKey={(row) => row.key}
            exportHref={`${exportBase}/governments/csv`}
            columns={convertedColumns("Government")}
          />
        </div>
      </section>

      <section className="portfolio-section" aria-labelledby="gaps-title">
        <h2 id="gaps-title">Funding gap per project</h2>
        <DataTable
          id="table-gaps"
          caption={`Funding gap (sought − committed − triggered)${firstRows(portfolio.gaps.length, counts.projects, "projects, largest gap first")}`}
          rows={portfolio.gaps}
          rowKey={(row) => row.id}
          exportHref={`${exportBase}/gaps/csv`}
          columns={[
            {
              key: "name",
              header: "Project",
              sortValue: (row) => row.name,
              render: (row) => <Link to={`/p/${slug}/projects/${row.id}/pledges`}>{row.name}</Link>,
            },
            {
              key: "status",
              header: "Status",
              sortValue: (row) => row.status,
              render: (row) => row.status,
            },
            ...splitColumns<ProjectGapRow>(currency, drafts),
          ]}
        />
      </section>

      <section className="portfolio-section" aria-labelledby="instruments-title">
        <h2 id="instruments-title">By instrument</h2>
        <div className="stack">
          <StackedBarChart
            id="chart-instruments"
            title={`Live pledges by instrument (${currency})`}
            categories={portfolio.byInstrument.map((row) => ({
              label: row.label,
              values: { live: row.live, drafts: row.drafts },
            }))}
            series={[
              { key: "live", label: "Live pledges", className: "series-committed" },
              ...(drafts ? [DRAFT_SERIES] : []),
            ]}
            currency={currency}
          />
          <DataTable
            id="table-instruments"
            caption="Instruments"
            rows={portfolio.byInstrument}
            rowKey={(row) => row.key}
            exportHref={`${exportBase}/instruments/csv`}
            columns={convertedColumns("Instrument")}
          />
        </div>
      </section>

      <section className="portfolio-section" aria-labelledby="quarters-title">
        <h2 id="quarters-title">Tranche schedule by quarter</h2>
        <StackedBarChart
          id="chart-quarters"
          title={`Tranches by quarter due (${currency})`}
          categories={portfolio.byQuarter.map((row) => ({
            label: row.quarter,
            values: {
              paid: row.paid,
              requested: row.requested,
              scheduled: row.scheduled,
              drafts: row.drafts,
            },
          }))}
          series={[
            { key: "paid", label: "Paid", className: "series-triggered" },
            { key: "requested", label: "Requested", className: "series-pending" },
            { key: "scheduled", label: "Scheduled", className: "series-committed" },
            ...(drafts ? [DRAFT_SERIES] : []),
          ]}
          currency={currency}
        />
        <DataTable
          id="table-quarters"
          caption="Quarters"
          rows={portfolio.byQuarter}
          rowKey={(row) => row.quarter}
          exportHref={`${exportBase}/quarters/csv`}
          columns={[
            {
              key: "quarter",
              header: "Quarter",
              sortValue: (row) => row.quarter,
              render: (row) => row.quarter,
            },
            ...(
              ["scheduled", "requested", "paid", ...(drafts ? (["drafts"] as const) : [])] as Array<
                "scheduled" | "requested" | "paid" | "drafts"
              >
            ).map((key): Column<QuarterRow> => ({
              key,
              header: key === "drafts" ? "Your drafts" : key[0]?.toUpperCase() + key.slice(1),
              numeric: true,
              sortValue: (row) => big(row[key]),
              render: (row) => formatMoney(row[key], currency),
            })),
          ]}
        />
      </section>

      <section className="portfolio-section" aria-labelledby="milestones-title">
        <h2 id="milestones-title">Milestones at risk</h2>
        <DataTable
          id="table-milestones"
          caption={`At risk, delayed or overdue${firstRows(portfolio.milestonesAtRisk.length, counts.milestonesAtRisk, "milestones")}`}
          rows={portfolio.milestonesAtRisk}
          rowKey={(row) => row.id}
          exportHref={`${exportBase}/milestones/csv`}
          empty="No milestone is at risk, delayed or overdue."
          columns={[
            {
              key: "project",
              header: "Project",
              sortValue: (row) => row.projectName,
              render: (row) => row.projectName,
            },
            {
              key: "title",
              header: "Milestone",
              sortValue: (row) => row.title,
              render: (row) => row.title,
            },
            {
              key: "due",
              header: "Due",
              sortValue: (row) => row.dueDate,
              render: (row) => row.dueDate,
            },
            {
              key: "status",
              header: "Status",
              sortValue: (row) => row.status,
              render: (row: MilestoneRiskRow) =>
                `${row.status.replace("_", " ")}${row.overdue ? " · overdue" : ""}`,
            },
            {
              key: "stake",
              header: `Tranches waiting on it (${currency})`,
              numeric: true,
              sortValue: (row) => big(row.tranchesAtStake),
              render: (row) => formatMoney(row.tranchesAtStake, currency),
            },
          ]}
        />
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
