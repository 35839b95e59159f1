import type {
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
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
import { PageToc } from "~/components/page-toc";
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
  const portfolio = await getPortfolio(context, clock.today(), { limit: LIST_ROWS });
  return json({
    portfolio: { ...portfolio, map: { ...portfolio.map, tablePoints: portfolio.map.projects } },
    counts: {
      projects: portfolio.counts.projects,
      mapped: portfolio.counts.mapped,
      milestonesAtRisk: portfolio.counts.milestonesAtRisk,
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

type PageData = SerializeFrom<typeof loader>;

/** What every section needs besides its own rows. */
interface SectionProps {
  portfolio: PageData["portfolio"];
  counts: PageData["counts"];
  slug: string;
  currency: string;
  /** Whether the caller's own drafts show (in their own columns and series). */
  drafts: boolean;
  exportBase: string;
}

/** " — the first 100 of 2,000 projects; the CSV has them all" when a list is cut. */
function firstRows(shown: number, total: number, what: string): string {
  return shown < total ? ` — the first ${shown} of ${total} ${what}; the CSV has them all` : "";
}

/** A column of a text field shown as it is, sorted by it. */
function textColumn<Row extends Record<Key, string>, Key extends string>(
  key: Key,
  header: string,
): Column<Row> {
  return { key, header, sortValue: (row) => row[key], render: (row) => row[key] };
}

/** The project's name, linking to its pledges. */
function projectColumn<Row extends { id: string; name: string }>(slug: string): Column<Row> {
  return {
    key: "name",
    header: "Project",
    sortValue: (row) => row.name,
    render: (row) => <Link to={`/p/${slug}/projects/${row.id}/pledges`}>{row.name}</Link>,
  };
}

function GroupTable({
  view,
  caption,
  header,
  rows,
  currency,
  drafts,
  exportBase,
}: Pick<SectionProps, "currency" | "drafts" | "exportBase"> & {
  view: "segments" | "minerals" | "countries";
  caption: string;
  header: string;
  rows: GroupRow[];
}) {
  return (
    <DataTable
      id={`table-${view}`}
      caption={caption}
      rows={rows}
      rowKey={(row) => row.key}
      exportHref={`${exportBase}/${view}/csv`}
      columns={[
        textColumn("label", header),
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
}

/** Segments and minerals: a chart of the split and its data as a table. */
function GroupSection({
  view,
  title,
  chartTitle,
  caption,
  header,
  rows,
  note,
  ...props
}: SectionProps & {
  view: "segments" | "minerals";
  title: string;
  chartTitle: string;
  caption: string;
  header: string;
  rows: GroupRow[];
  note?: string;
}) {
  return (
    <section className="portfolio-section" aria-labelledby={`${view}-title`}>
      <h2 id={`${view}-title`}>{title}</h2>
      {note ? <p className="muted">{note}</p> : null}
      <div className="stack">
        <StackedBarChart
          id={`chart-${view}`}
          title={`${chartTitle} (${props.currency})`}
          categories={rows.map((row) => ({
            label: row.label,
            values: {
              committed: row.committed,
              triggered: row.triggered,
              pending: row.pending,
              drafts: row.drafts,
            },
          }))}
          series={props.drafts ? [...SPLIT_SERIES, DRAFT_SERIES] : SPLIT_SERIES}
          currency={props.currency}
        />
        <GroupTable view={view} caption={caption} header={header} rows={rows} {...props} />
      </div>
    </section>
  );
}

function TotalsSection({ portfolio, counts, currency, drafts }: SectionProps) {
  return (
    <section className="portfolio-section card" aria-labelledby="totals-title">
      <h2 id="totals-title">Totals</h2>
      <FundingTotals
        label={`Across ${counts.projects} projects`}
        currency={currency}
        totals={portfolio.totals}
        showDrafts={drafts}
      />
    </section>
  );
}

function CountriesSection(props: SectionProps) {
  const { portfolio, counts, slug, currency, exportBase } = props;
  return (
    <section className="portfolio-section" aria-labelledby="countries-title">
      <h2 id="countries-title">By host country</h2>
      <WorldMap
        {...portfolio.map}
        countries={portfolio.byCountry.map((row) => row.label)}
        currency={currency}
      />
      {portfolio.map.unplaced.length > 0 ? (
        <p className="muted">Not on the map (no location): {portfolio.map.unplaced.join(", ")}.</p>
      ) : null}
      <DataTable
        id="table-projects-map"
        caption={`Projects on the map${firstRows(portfolio.map.tablePoints.length, counts.mapped, "projects")}`}
        rows={portfolio.map.tablePoints}
        rowKey={(row) => row.id}
        exportHref={`${exportBase}/projects/csv`}
        columns={[
          projectColumn(slug),
          textColumn("country", "Host country"),
          textColumn("status", "Status"),
          {
            key: "counting",
            header: `Committed + triggered (${currency})`,
            numeric: true,
            sortValue: (row) => big(row.counting),
            render: (row) => formatMoney(row.counting, currency),
          },
        ]}
      />
      <GroupTable
        view="countries"
        caption="Host countries"
        header="Host country"
        rows={portfolio.byCountry}
        {...props}
      />
    </section>
  );
}

/** Governments and instruments: live pledges (and the caller's drafts), converted per currency group. */
function PledgedSection({
  view,
  title,
  chartTitle,
  caption,
  header,
  rows,
  currency,
  drafts,
  exportBase,
}: SectionProps & {
  view: "governments" | "instruments";
  title: string;
  chartTitle: string;
  caption: string;
  header: string;
  rows: ConvertedRow[];
}) {
  const columns: Column<ConvertedRow>[] = [
    textColumn("label", header),
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
    <section className="portfolio-section" aria-labelledby={`${view}-title`}>
      <h2 id={`${view}-title`}>{title}</h2>
      <div className="stack">
        <StackedBarChart
          id={`chart-${view}`}
          title={`${chartTitle} (${currency})`}
          categories={rows.map((row) => ({
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
          id={`table-${view}`}
          caption={caption}
          rows={rows}
          rowKey={(row) => row.key}
          exportHref={`${exportBase}/${view}/csv`}
          columns={columns}
        />
      </div>
    </section>
  );
}

function GapsSection({ portfolio, counts, slug, currency, drafts, exportBase }: SectionProps) {
  return (
    <section className="portfolio-section" aria-labelledby="gaps-title">
      <h2 id="gaps-title">Funding gap per project</h2>
      <DataTable
        id="table-gaps"
        caption={`Funding gap (sought − committed − triggered)${firstRows(portfolio.gaps.length, counts.projects, "projects, largest gap first")}`}
        rows={portfolio.gaps}
        rowKey={(row) => row.id}
        exportHref={`${exportBase}/gaps/csv`}
        columns={[
          projectColumn(slug),
          textColumn("status", "Status"),
          ...splitColumns<ProjectGapRow>(currency, drafts),
        ]}
      />
    </section>
  );
}

function QuartersSection({ portfolio, currency, drafts, exportBase }: SectionProps) {
  return (
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
          textColumn("quarter", "Quarter"),
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
  );
}

function MilestonesSection({ portfolio, counts, currency, exportBase }: SectionProps) {
  return (
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
          textColumn("title", "Milestone"),
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
  );
}

export default function PortfolioPage() {
  const { portfolio, counts, slug, role, memberName } = useLoaderData<typeof loader>();
  const currency = portfolio.reportingCurrency;
  const props: SectionProps = {
    portfolio,
    counts,
    slug,
    currency,
    drafts: portfolio.hasDrafts,
    exportBase: `/p/${slug}/portfolio`,
  };
  return (
    <div className="stack portfolio">
      <h1>Portfolio</h1>
      <p className="muted">
        {role === "delegate"
          ? `Committed pledges of every government, plus ${memberName}'s own drafts, which only ${memberName}'s delegates see and which are counted apart, never in committed, triggered or pending.`
          : "Committed pledges of every government. Draft pledges stay with their government and are never shown here."}{" "}
        All totals are in {currency}.
      </p>
      {props.drafts ? (
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
      <PageToc
        sections={[
          { id: "totals-title", label: "Totals" },
          { id: "segments-title", label: "By segment" },
          { id: "countries-title", label: "By host country" },
          { id: "minerals-title", label: "By mineral" },
          { id: "governments-title", label: "By pledging government" },
          { id: "gaps-title", label: "Funding gap per project" },
          { id: "instruments-title", label: "By instrument" },
          { id: "quarters-title", label: "Tranche schedule by quarter" },
          { id: "milestones-title", label: "Milestones at risk" },
        ]}
      />
      <TotalsSection {...props} />
      <GroupSection
        {...props}
        view="segments"
        title="By segment"
        chartTitle="Pledged by segment"
        caption="Segments"
        header="Segment"
        rows={portfolio.bySegment}
      />
      <CountriesSection {...props} />
      <GroupSection
        {...props}
        view="minerals"
        title="By mineral"
        note="A project with several minerals counts under each, so this view does not add up to the total."
        chartTitle="Pledged by mineral"
        caption="Minerals"
        header="Mineral"
        rows={portfolio.byMineral}
      />
      <PledgedSection
        {...props}
        view="governments"
        title="By pledging government"
        chartTitle="Live pledges by government"
        caption="Governments"
        header="Government"
        rows={portfolio.byGovernment}
      />
      <GapsSection {...props} />
      <PledgedSection
        {...props}
        view="instruments"
        title="By instrument"
        chartTitle="Live pledges by instrument"
        caption="Instruments"
        header="Instrument"
        rows={portfolio.byInstrument}
      />
      <QuartersSection {...props} />
      <MilestonesSection {...props} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
