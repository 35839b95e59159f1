import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { FilterBar, FilterSelect, PortfolioFilterSelects } from "~/components/filters";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { MineralList } from "~/components/mineral";
import { Pagination } from "~/components/pagination";
import { canRegisterProjects } from "~/domain/permissions";
import { PROJECT_STATUSES, STAGES } from "~/domain/projects/vocabulary";
import {
  parseProjectFilters,
  PROJECT_SORTS,
  withParams,
  type ProjectSort,
} from "~/domain/projects/filters";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { listHostCountries, listParties, listProjects } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "projects.title") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const filters = parseProjectFilters(new URL(request.url).searchParams);
  const [page, parties, hosts] = await Promise.all([
    listProjects(context, filters),
    listParties(context),
    listHostCountries(context),
  ]);
  return json({
    slug: context.partnership.slug,
    filters,
    page,
    members: parties.members,
    sponsors: parties.sponsors,
    hosts,
    canRegister: canRegisterProjects(context.membership.role),
  });
}

/** A column header that sorts the list (server-side) by this column, ascending then descending. */
function SortHeader({
  label,
  sort,
  current,
  params,
}: {
  label: string;
  sort: ProjectSort;
  current: ProjectSort;
  params: URLSearchParams;
}) {
  const { t } = useT();
  const reversed = `-${sort}`;
  const descending = (PROJECT_SORTS as readonly string[]).includes(reversed)
    ? (reversed as ProjectSort)
    : null;
  const active = current === sort || current === descending;
  const next = current === sort && descending ? descending : sort;
  return (
    <th
      scope="col"
      aria-sort={!active ? undefined : current.startsWith("-") ? "descending" : "ascending"}
    >
      <Link to={withParams(params, { sort: next === "name" ? null : next, page: null }) || "?"}>
        {label}
        <span className="visually-hidden">
          {active
            ? current.startsWith("-")
              ? t("projects.sortedZA")
              : t("projects.sortedAZ")
            : t("projects.sortBy")}
        </span>
        <span aria-hidden="true" className="sort-mark">
          {active ? (current.startsWith("-") ? " ▼" : " ▲") : ""}
        </span>
      </Link>
    </th>
  );
}

/** The pickers of the filter bar: the shared ones, then stage, status and the parties. */
function ProjectFilters() {
  const { filters, members, sponsors, hosts } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <FilterBar label={t("projects.filter")} keep={["sort"]}>
      <div className="field search-field">
        <label htmlFor="filter-q">{t("projects.nameContains")}</label>
        <input id="filter-q" name="q" type="search" defaultValue={filters.q} />
      </div>
      <PortfolioFilterSelects filters={filters} hosts={hosts} />
      <FilterSelect
        name="stage"
        label={t("projects.stage")}
        allLabel={t("projects.allStages")}
        value={filters.stage}
        options={STAGES.map((value) => ({ value, label: t(`vocabulary.stage.${value}`) }))}
      />
      <FilterSelect
        name="status"
        label={t("projects.status")}
        allLabel={t("projects.allStatuses")}
        value={filters.status}
        options={PROJECT_STATUSES.map((value) => ({
          value,
          label: t(`vocabulary.projectStatus.${value}`),
        }))}
      />
      <FilterSelect
        name="member"
        label={t("projects.government")}
        allLabel={t("projects.allGovernments")}
        value={filters.member}
        options={members.map((member) => ({ value: member.id, label: member.name }))}
      />
      <FilterSelect
        name="sponsor"
        label={t("projects.sponsor")}
        allLabel={t("projects.allSponsors")}
        value={filters.sponsor}
        options={sponsors.map((sponsor) => ({ value: sponsor.id, label: sponsor.name }))}
      />
    </FilterBar>
  );
}

function ProjectTable({ params }: { params: URLSearchParams }) {
  const { slug, filters, page } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  return (
    <div className="table-wrap">
      <table className="project-table">
        <caption className="visually-hidden">
          {t("projects.caption", { sort: t(`projects.sorts.${filters.sort}`) })}
        </caption>
        <thead>
          <tr>
            <SortHeader
              label={t("projects.project")}
              sort="name"
              current={filters.sort}
              params={params}
            />
            <th scope="col">{t("projects.segment")}</th>
            <th scope="col">{t("projects.minerals")}</th>
            <SortHeader
              label={t("projects.host")}
              sort="host"
              current={filters.sort}
              params={params}
            />
            <SortHeader
              label={t("projects.stage")}
              sort="stage"
              current={filters.sort}
              params={params}
            />
            <th scope="col" className="num">
              {t("projects.fundingSought")}
            </th>
            <SortHeader
              label={t("projects.status")}
              sort="status"
              current={filters.sort}
              params={params}
            />
            <th scope="col">{t("projects.registeredBy")}</th>
            <th scope="col">{t("projects.sponsor")}</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((project) => (
            <tr key={project.id}>
              <th scope="row">
                <Link to={`/p/${slug}/projects/${project.id}`}>{project.name}</Link>
              </th>
              <td>{t(`vocabulary.segment.${project.segment}`)}</td>
              <td>
                <MineralList minerals={project.minerals} />
              </td>
              <td>{f.country(project.hostCountry)}</td>
              <td>{t(`vocabulary.stage.${project.stage}`)}</td>
              <td className="num">
                {project.fundingSoughtMinor
                  ? f.money(project.fundingSoughtMinor, project.currency)
                  : t("common.none")}
              </td>
              <td>
                <span className={`badge project-status status-${project.status}`}>
                  {t(`vocabulary.projectStatus.${project.status}`)}
                </span>
              </td>
              <td>{project.registeringMemberName}</td>
              <td>{project.sponsorOrganisationName ?? t("common.none")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ProjectList() {
  const { slug, filters, page, canRegister } = useLoaderData<typeof loader>();
  const { t } = useT();
  const live = useLiveRevalidation(slug, (change) => change.table === "projects");
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const exportParams = withParams(params, { page: null });
  return (
    <div className="stack">
      <div className="page-heading">
        <div>
          <h1>{t("projects.title")}</h1>
          <p className="muted small-print">{t("projects.lead")}</p>
        </div>
        <div className="row">
          <LiveIndicator status={live} />
          <a className="button secondary" href={`/p/${slug}/projects/csv${exportParams}`} download>
            {t("projects.exportCsv")}
          </a>
          {canRegister ? (
            <Link className="button" to={`/p/${slug}/projects/new`}>
              {t("projects.register")}
            </Link>
          ) : null}
        </div>
      </div>

      <ProjectFilters />

      {page.rows.length === 0 ? (
        <div className="card">
          <p>{t("projects.none")}</p>
        </div>
      ) : (
        <ProjectTable params={params} />
      )}
      <div className="row list-footer">
        <Pagination
          page={page.page}
          pageCount={page.pageCount}
          total={page.total}
          what="projects"
        />
        <p className="small-print muted">
          {t("projects.sortedBy", { sort: t(`projects.sorts.${filters.sort}`) })} ·{" "}
          <Link to={withParams(params, { sort: "-updated", page: null }) || "?"}>
            {t("projects.recentFirst")}
          </Link>
        </p>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
