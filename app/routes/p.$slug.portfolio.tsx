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
import type { MilestoneStatus } from "~/domain/milestones";
import type { ProjectStatus } from "~/domain/projects/vocabulary";
import {
  getPortfolio,
  type ConvertedRow,
  type GroupRow,
  type MilestoneRiskRow,
  type ProjectGapRow,
  type QuarterRow,
} from "~/models/portfolio.server";
import { PageToc } from "~/components/page-toc";
import { languageOf } from "~/i18n/i18n.server";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { getProfile } from "~/models/profile.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import * as clock from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "portfolio.title") },
];

/*
 * Per-project lists show their first rows on the page (largest gaps, most overdue milestones); the CSV export
 * of each has every row. A partnership with thousands of projects would otherwise ship megabytes of HTML.
 */
const LIST_ROWS = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  // The groups are labelled, and sorted, in the reader's language (the page's, as the root decides it).
  const language = await languageOf(request, (await getProfile(context.user)).language);
  const portfolio = await getPortfolio(context, clock.today(), { limit: LIST_ROWS, language });
  return json({
    portfolio,
    counts: {
      projects: portfolio.counts.projects,
      mapped: portfolio.counts.mapped,
      milestonesAtRisk: portfolio.counts.milestonesAtRisk,
    },
    slug: context.partnership.slug,
    role: context.membership.role,
    memberCode: context.membership.memberCode,
  });
}

const big = (value: string) => BigInt(value);

type T = ReturnType<typeof useT>["t"];
type Format = ReturnType<typeof useFormat>;

function splitColumns<Row extends GroupRow | ProjectGapRow>(
  t: T,
  f: Format,
  currency: string,
  showDrafts: boolean,
): Column<Row>[] {
  const money = (
    key: "committed" | "triggered" | "pending" | "sought" | "gap" | "drafts",
  ): Column<Row> => ({
    key,
    header: t(`portfolio.column.${key}`),
    numeric: true,
    sortValue: (row) => big(row[key]),
    render: (row) => f.money(row[key], currency),
  });
  return [
    money("committed"),
    money("triggered"),
    money("pending"),
    money("sought"),
    money("gap"),
    ...(showDrafts ? [money("drafts")] : []),
  ];
}

function splitSeries(t: T): ChartSeries[] {
  return [
    { key: "committed", label: t("portfolio.series.committed"), className: "series-committed" },
    { key: "triggered", label: t("portfolio.series.triggered"), className: "series-triggered" },
    { key: "pending", label: t("portfolio.series.pending"), className: "series-pending" },
  ];
}

function draftSeries(t: T): ChartSeries {
  return { key: "drafts", label: t("portfolio.series.drafts"), className: "series-drafts" };
}

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

/** A list's caption, saying "the first 100 of 2,000; the CSV has them all" when the list is cut. */
function captionOf(t: T, f: Format, what: string, shown: number, total: number): string {
  return shown < total
    ? t("portfolio.firstRows", { what, shown: f.number(shown, 0), total: f.number(total, 0) })
    : what;
}

/** A column of a text field shown as it is, sorted by it. */
function textColumn<Row extends Record<Key, string>, Key extends string>(
  key: Key,
  header: string,
): Column<Row> {
  return { key, header, sortValue: (row) => row[key], render: (row) => row[key] };
}

/** The project's name, linking to its pledges. */
function projectColumn<Row extends { id: string; name: string }>(t: T, slug: string): Column<Row> {
  return {
    key: "name",
    header: t("portfolio.column.project"),
    sortValue: (row) => row.name,
    render: (row) => <Link to={`/p/${slug}/projects/${row.id}/pledges`}>{row.name}</Link>,
  };
}

/** A project's status, as words. */
function projectStatusColumn<Row extends { status: string }>(t: T): Column<Row> {
  const label = (row: Row) => t(`vocabulary.projectStatus.${row.status as ProjectStatus}`);
  return { key: "status", header: t("portfolio.column.status"), sortValue: label, render: label };
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
  const { t } = useT();
  const f = useFormat();
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
          header: t("portfolio.column.projects"),
          numeric: true,
          sortValue: (row) => row.projects,
          render: (row) => f.number(row.projects, 0),
        },
        ...splitColumns<GroupRow>(t, f, currency, drafts),
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
  const { t } = useT();
  return (
    <section className="portfolio-section" aria-labelledby={`${view}-title`}>
      <h2 id={`${view}-title`}>{title}</h2>
      {note ? <p className="muted">{note}</p> : null}
      <div className="stack">
        <StackedBarChart
          id={`chart-${view}`}
          title={t("portfolio.chartIn", { title: chartTitle, currency: props.currency })}
          categories={rows.map((row) => ({
            label: row.label,
            values: {
              committed: row.committed,
              triggered: row.triggered,
              pending: row.pending,
              drafts: row.drafts,
            },
          }))}
          series={props.drafts ? [...splitSeries(t), draftSeries(t)] : splitSeries(t)}
          currency={props.currency}
        />
        <GroupTable view={view} caption={caption} header={header} rows={rows} {...props} />
      </div>
    </section>
  );
}

function TotalsSection({ portfolio, counts, currency, drafts }: SectionProps) {
  const { t } = useT();
  return (
    <section className="portfolio-section card" aria-labelledby="totals-title">
      <h2 id="totals-title">{t("portfolio.section.totals")}</h2>
      <FundingTotals
        label={t("portfolio.across", { count: counts.projects })}
        currency={currency}
        totals={portfolio.totals}
        showDrafts={drafts}
      />
    </section>
  );
}

function CountriesSection(props: SectionProps) {
  const { portfolio, counts, slug, currency, exportBase } = props;
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="portfolio-section" aria-labelledby="countries-title">
      <h2 id="countries-title">{t("portfolio.section.countries")}</h2>
      <WorldMap
        {...portfolio.map}
        countries={portfolio.byCountry.map((row) => row.label)}
        currency={currency}
      />
      {portfolio.map.unplaced.length > 0 ? (
        <p className="muted">
          {t("portfolio.unplaced", { names: portfolio.map.unplaced.join(", ") })}
        </p>
      ) : null}
      <DataTable
        id="table-projects-map"
        caption={captionOf(
          t,
          f,
          t("portfolio.mapCaption"),
          portfolio.map.projects.length,
          counts.mapped,
        )}
        rows={portfolio.map.projects}
        rowKey={(row) => row.id}
        exportHref={`${exportBase}/projects/csv`}
        columns={[
          projectColumn(t, slug),
          textColumn("country", t("portfolio.column.hostCountry")),
          projectStatusColumn(t),
          {
            key: "counting",
            header: t("portfolio.column.counting", { currency }),
            numeric: true,
            sortValue: (row) => big(row.counting),
            render: (row) => f.money(row.counting, currency),
          },
        ]}
      />
      <GroupTable
        view="countries"
        caption={t("portfolio.countriesCaption")}
        header={t("portfolio.column.hostCountry")}
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
  const { t } = useT();
  const f = useFormat();
  const columns: Column<ConvertedRow>[] = [
    textColumn("label", header),
    {
      key: "live",
      header: t("portfolio.column.pledgedLive", { currency }),
      numeric: true,
      sortValue: (row) => big(row.live),
      render: (row) => f.money(row.live, currency),
    },
    ...(drafts
      ? [
          {
            key: "drafts",
            header: t("portfolio.column.drafts"),
            numeric: true,
            sortValue: (row: ConvertedRow) => big(row.drafts),
            render: (row: ConvertedRow) => f.money(row.drafts, currency),
          },
        ]
      : []),
    {
      key: "missing",
      header: t("portfolio.column.noRateFor"),
      render: (row) => (row.missing.length ? row.missing.join(", ") : "—"),
    },
  ];
  return (
    <section className="portfolio-section" aria-labelledby={`${view}-title`}>
      <h2 id={`${view}-title`}>{title}</h2>
      <div className="stack">
        <StackedBarChart
          id={`chart-${view}`}
          title={t("portfolio.chartIn", { title: chartTitle, currency })}
          categories={rows.map((row) => ({
            label: row.label,
            values: { live: row.live, drafts: row.drafts },
          }))}
          series={[
            { key: "live", label: t("portfolio.series.live"), className: "series-committed" },
            ...(drafts ? [draftSeries(t)] : []),
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
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="portfolio-section" aria-labelledby="gaps-title">
      <h2 id="gaps-title">{t("portfolio.section.gaps")}</h2>
      <DataTable
        id="table-gaps"
        caption={captionOf(
          t,
          f,
          t("portfolio.gapsCaption"),
          portfolio.gaps.length,
          counts.projects,
        )}
        rows={portfolio.gaps}
        rowKey={(row) => row.id}
        exportHref={`${exportBase}/gaps/csv`}
        columns={[
          projectColumn(t, slug),
          projectStatusColumn(t),
          ...splitColumns<ProjectGapRow>(t, f, currency, drafts),
        ]}
      />
    </section>
  );
}

function QuartersSection({ portfolio, currency, drafts, exportBase }: SectionProps) {
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="portfolio-section" aria-labelledby="quarters-title">
      <h2 id="quarters-title">{t("portfolio.section.quarters")}</h2>
      <StackedBarChart
        id="chart-quarters"
        title={t("portfolio.chartIn", { title: t("portfolio.quartersChart"), currency })}
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
          { key: "paid", label: t("portfolio.series.paid"), className: "series-triggered" },
          {
            key: "requested",
            label: t("portfolio.series.requested"),
            className: "series-pending",
          },
          {
            key: "scheduled",
            label: t("portfolio.series.scheduled"),
            className: "series-committed",
          },
          ...(drafts ? [draftSeries(t)] : []),
        ]}
        currency={currency}
      />
      <DataTable
        id="table-quarters"
        caption={t("portfolio.quartersCaption")}
        rows={portfolio.byQuarter}
        rowKey={(row) => row.quarter}
        exportHref={`${exportBase}/quarters/csv`}
        columns={[
          textColumn("quarter", t("portfolio.column.quarter")),
          ...(
            ["scheduled", "requested", "paid", ...(drafts ? (["drafts"] as const) : [])] as Array<
              "scheduled" | "requested" | "paid" | "drafts"
            >
          ).map((key): Column<QuarterRow> => ({
            key,
            header: t(`portfolio.column.${key}`),
            numeric: true,
            sortValue: (row) => big(row[key]),
            render: (row) => f.money(row[key], currency),
          })),
        ]}
      />
    </section>
  );
}

function MilestonesSection({ portfolio, counts, currency, exportBase }: SectionProps) {
  const { t } = useT();
  const f = useFormat();
  const statusOf = (row: MilestoneRiskRow) => {
    const status = t(`vocabulary.milestoneStatus.${row.status as MilestoneStatus}`);
    return row.overdue ? t("portfolio.overdue", { status }) : status;
  };
  return (
    <section className="portfolio-section" aria-labelledby="milestones-title">
      <h2 id="milestones-title">{t("portfolio.section.milestones")}</h2>
      <DataTable
        id="table-milestones"
        caption={captionOf(
          t,
          f,
          t("portfolio.milestonesCaption"),
          portfolio.milestonesAtRisk.length,
          counts.milestonesAtRisk,
        )}
        rows={portfolio.milestonesAtRisk}
        rowKey={(row) => row.id}
        exportHref={`${exportBase}/milestones/csv`}
        empty={t("portfolio.noMilestones")}
        columns={[
          {
            key: "project",
            header: t("portfolio.column.project"),
            sortValue: (row) => row.projectName,
            render: (row) => row.projectName,
          },
          textColumn("title", t("portfolio.column.milestone")),
          {
            key: "due",
            header: t("portfolio.column.due"),
            sortValue: (row) => row.dueDate,
            render: (row) => f.day(row.dueDate),
          },
          {
            key: "status",
            header: t("portfolio.column.status"),
            sortValue: statusOf,
            render: statusOf,
          },
          {
            key: "stake",
            header: t("portfolio.column.stake", { currency }),
            numeric: true,
            sortValue: (row) => big(row.tranchesAtStake),
            render: (row) => f.money(row.tranchesAtStake, currency),
          },
        ]}
      />
    </section>
  );
}

export default function PortfolioPage() {
  const { portfolio, counts, slug, role, memberCode } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  const currency = portfolio.reportingCurrency;
  const props: SectionProps = {
    portfolio,
    counts,
    slug,
    currency,
    drafts: portfolio.hasDrafts,
    exportBase: `/p/${slug}/portfolio`,
  };
  const sections = [
    "totals",
    "segments",
    "countries",
    "minerals",
    "governments",
    "gaps",
    "instruments",
    "quarters",
    "milestones",
  ] as const;
  return (
    <div className="stack portfolio">
      <h1>{t("portfolio.title")}</h1>
      <p className="muted">
        {role === "delegate" && memberCode
          ? t("portfolio.leadDelegate", { government: f.country(memberCode) })
          : t("portfolio.leadOthers")}{" "}
        {t("portfolio.inCurrency", { currency })}
      </p>
      {props.drafts ? (
        <div className="alert warning" role="note">
          {t("portfolio.includesDrafts")}
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
        sections={sections.map((section) => ({
          id: `${section}-title`,
          label: t(`portfolio.section.${section}`),
        }))}
      />
      <TotalsSection {...props} />
      <GroupSection
        {...props}
        view="segments"
        title={t("portfolio.section.segments")}
        chartTitle={t("portfolio.segments.chart")}
        caption={t("portfolio.segments.caption")}
        header={t("portfolio.column.segment")}
        rows={portfolio.bySegment}
      />
      <CountriesSection {...props} />
      <GroupSection
        {...props}
        view="minerals"
        title={t("portfolio.section.minerals")}
        note={t("portfolio.minerals.note")}
        chartTitle={t("portfolio.minerals.chart")}
        caption={t("portfolio.minerals.caption")}
        header={t("portfolio.column.mineral")}
        rows={portfolio.byMineral}
      />
      <PledgedSection
        {...props}
        view="governments"
        title={t("portfolio.section.governments")}
        chartTitle={t("portfolio.governments.chart")}
        caption={t("portfolio.governments.caption")}
        header={t("portfolio.column.government")}
        rows={portfolio.byGovernment}
      />
      <GapsSection {...props} />
      <PledgedSection
        {...props}
        view="instruments"
        title={t("portfolio.section.instruments")}
        chartTitle={t("portfolio.instruments.chart")}
        caption={t("portfolio.instruments.caption")}
        header={t("portfolio.column.instrument")}
        rows={portfolio.byInstrument}
      />
      <QuartersSection {...props} />
      <MilestonesSection {...props} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
