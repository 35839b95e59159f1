import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { FilterBar, FilterSelect, PortfolioFilterSelects } from "~/components/filters";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { Pagination } from "~/components/pagination";
import { defaultStart, TimelineChart } from "~/components/timeline";
import { TIMELINE_MONTHS, parseTimelineFilters, withParams } from "~/domain/projects/filters";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { getTimeline } from "~/models/board.server";
import { listHostCountries, listParties } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import * as clock from "~/utils/clock.server";
import { addMonths } from "~/utils/dates";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "timeline.title") },
];

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
  const { t } = useT();
  const f = useFormat();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const from = filters.from ?? defaultStart(timeline.today);
  const step = Math.max(3, filters.months / 4);
  const until = addMonths(from, filters.months - 1);
  return (
    <div className="stack timeline-page">
      <div className="page-heading">
        <div>
          <h1>{t("timeline.title")}</h1>
          <p className="muted small-print">{t("timeline.lead")}</p>
        </div>
        <LiveIndicator status={live} />
      </div>
      <FilterBar label={t("timeline.filter")} keep={["from", "months"]}>
        <PortfolioFilterSelects filters={filters} hosts={hosts} />
        <FilterSelect
          name="sponsor"
          label={t("board.sponsor")}
          allLabel={t("board.allSponsors")}
          value={filters.sponsor}
          options={sponsors.map((sponsor) => ({ value: sponsor.id, label: sponsor.name }))}
        />
      </FilterBar>
      <nav className="row timeline-nav" aria-label={t("timeline.period")}>
        <Link
          className="button secondary small"
          to={withParams(params, { from: addMonths(from, -step) })}
          preventScrollReset
        >
          ← {t("timeline.earlierButton")}
        </Link>
        <p className="small-print">
          <strong>{t("timeline.range", { from: f.month(from), until: f.month(until) })}</strong>{" "}
          {t("timeline.monthsInBrackets", { count: filters.months })}
        </p>
        <Link
          className="button secondary small"
          to={withParams(params, { from: addMonths(from, step) })}
          preventScrollReset
        >
          {t("timeline.laterButton")} →
        </Link>
        <span className="small-print">{t("timeline.show")}</span>
        {TIMELINE_MONTHS.map((months) => (
          <Link
            key={months}
            className="small-print"
            to={withParams(params, { months: months === 24 ? null : months })}
            aria-current={months === filters.months ? "true" : undefined}
            preventScrollReset
          >
            {t("timeline.months", { count: months })}
          </Link>
        ))}
        {filters.from ? (
          <Link className="small-print" to={withParams(params, { from: null })} preventScrollReset>
            {t("timeline.backToToday")}
          </Link>
        ) : null}
      </nav>
      {timeline.projects.length === 0 ? (
        <p className="card">{t("timeline.none")}</p>
      ) : (
        <div className="card timeline-card">
          <TimelineChart
            caption={t("timeline.caption", { from: f.month(from), until: f.month(until) })}
            rows={timeline.projects.map((project) => ({
              id: project.id,
              label: <Link to={`/p/${slug}/projects/${project.id}`}>{project.name}</Link>,
              detail: `${f.country(project.hostCountry)} · ${project.owner}`,
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
        what="projects"
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
