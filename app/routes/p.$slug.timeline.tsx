import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { FilterBar, FilterSelect, PortfolioFilterSelects } from "~/components/filters";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { Pagination } from "~/components/pagination";
import { defaultStart, TimelineChart } from "~/components/timeline";
import { countryName } from "~/domain/countries";
import { TIMELINE_MONTHS, parseTimelineFilters, withParams } from "~/domain/projects/filters";
import { getTimeline } from "~/models/board.server";
import { listHostCountries, listParties } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import * as clock from "~/utils/clock.server";
import { addMonths, monthLabel } from "~/utils/dates";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction = () => [{ title: "Timeline — Lodestone" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const filters = parseTimelineFilters(new URL(request.url).searchParams);
  const [timeline, parties, hosts] = await Promise.all([
    getTimeline(context, filters, clock.today()),
    listParties(context),
    listHostCountries(context),
  ]);
  return json({
    slug: context.partnership.slug,
    filters,
    timeline,
    sponsors: parties.sponsors,
    hosts,
  });
}

export default function TimelinePage() {
  const { slug, filters, timeline, sponsors, hosts } = useLoaderData<typeof loader>();
  const live = useLiveRevalidation(slug);
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const from = filters.from ?? defaultStart(timeline.today);
  const step = Math.max(3, filters.months / 4);
  const until = addMonths(from, filters.months - 1);
  return (
    <div className="stack timeline-page">
      <div className="page-heading">
        <div>
          <h1>Timeline</h1>
          <p className="muted small-print">
            Milestones of the approved projects over time, one row per project. Each marker is a
            milestone at its due date; select one to open it.
          </p>
        </div>
        <LiveIndicator status={live} />
      </div>
      <FilterBar label="Filter the timeline" keep={["from", "months"]}>
        <PortfolioFilterSelects filters={filters} hosts={hosts} />
        <FilterSelect
          name="sponsor"
          label="Sponsor"
          allLabel="All sponsors"
          value={filters.sponsor}
          options={sponsors.map((sponsor) => ({ value: sponsor.id, label: sponsor.name }))}
        />
      </FilterBar>
      <nav className="row timeline-nav" aria-label="Period shown">
        <Link
          className="button secondary small"
          to={withParams(params, { from: addMonths(from, -step) })}
          preventScrollReset
        >
          ← Earlier
        </Link>
        <p className="small-print">
          <strong>
            {monthLabel(from)} to {monthLabel(until)}
          </strong>{" "}
          ({filters.months} months)
        </p>
        <Link
          className="button secondary small"
          to={withParams(params, { from: addMonths(from, step) })}
          preventScrollReset
        >
          Later →
        </Link>
        <span className="small-print">Show:</span>
        {TIMELINE_MONTHS.map((months) => (
          <Link
            key={months}
            className="small-print"
            to={withParams(params, { months: months === 24 ? null : months })}
            aria-current={months === filters.months ? "true" : undefined}
            preventScrollReset
          >
            {months} months
          </Link>
        ))}
        {filters.from ? (
          <Link className="small-print" to={withParams(params, { from: null })} preventScrollReset>
            Back to today
          </Link>
        ) : null}
      </nav>
      {timeline.projects.length === 0 ? (
        <p className="card">No approved project matches these filters.</p>
      ) : (
        <div className="card timeline-card">
          <TimelineChart
            caption={`Milestones by project from ${monthLabel(from)} to ${monthLabel(until)}`}
            rows={timeline.projects.map((project) => ({
              id: project.id,
              label: <Link to={`/p/${slug}/projects/${project.id}`}>{project.name}</Link>,
              detail: `${countryName(project.hostCountry)} · ${project.owner}`,
              items: project.milestones,
            }))}
            from={from}
            months={filters.months}
            today={timeline.today}
            hrefOf={(row, item) => `/p/${slug}/projects/${row.id}#milestone-${item.id}`}
          />
        </div>
      )}
      <Pagination
        page={timeline.page}
        pageCount={timeline.pageCount}
        total={timeline.total}
        noun={["project", "projects"]}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
