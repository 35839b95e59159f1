import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { FilterBar, FilterSelect, PortfolioFilterSelects } from "~/components/filters";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { Pagination } from "~/components/pagination";
import { countryName } from "~/domain/countries";
import { canRegisterProjects } from "~/domain/permissions";
import {
  MINERAL_SHORT,
  PROJECT_STATUSES,
  PROJECT_STATUS_LABELS,
  SEGMENT_LABELS,
  STAGES,
  STAGE_LABELS,
  type Mineral,
} from "~/domain/projects/vocabulary";
import {
  parseProjectFilters,
  PROJECT_SORTS,
  withParams,
  type ProjectSort,
} from "~/domain/projects/filters";
import { listHostCountries, listParties, listProjects } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
];

export const meta: MetaFunction = () => [{ title: "Projects — Lodestone" }];

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
  const descending = `-${sort}` in PROJECT_SORTS ? (`-${sort}` as ProjectSort) : null;
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
            ? `, sorted ${current.startsWith("-") ? "Z to A" : "A to Z"}`
            : ", sort by this column"}
        </span>
        <span aria-hidden="true" className="sort-mark">
          {active ? (current.startsWith("-") ? " ▼" : " ▲") : ""}
        </span>
      </Link>
    </th>
  );
}

export default function ProjectList() {
  const { slug, filters, page, members, sponsors, hosts, canRegister } =
    useLoaderData<typeof loader>();
  const live = useLiveRevalidation(slug, (change) => change.table === "projects");
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const exportParams = withParams(params, { page: null });
  return (
    <div className="stack">
      <div className="page-heading">
        <div>
          <h1>Projects</h1>
          <p className="muted small-print">
            Every project you can see in this partnership. Drafts are visible only to their own
            government and sponsor.
          </p>
        </div>
        <div className="row">
          <LiveIndicator status={live} />
          <a className="button secondary" href={`/p/${slug}/projects/csv${exportParams}`} download>
            Export CSV
          </a>
          {canRegister ? (
            <Link className="button" to={`/p/${slug}/projects/new`}>
              Register a project
            </Link>
          ) : null}
        </div>
      </div>

      <FilterBar label="Filter projects" keep={["sort"]}>
        <div className="field search-field">
          <label htmlFor="filter-q">Name contains</label>
          <input id="filter-q" name="q" type="search" defaultValue={filters.q} />
        </div>
        <PortfolioFilterSelects filters={filters} hosts={hosts} />
        <FilterSelect
          name="stage"
          label="Stage"
          allLabel="All stages"
          value={filters.stage}
          options={STAGES.map((value) => ({ value, label: STAGE_LABELS[value] }))}
        />
        <FilterSelect
          name="status"
          label="Status"
          allLabel="All statuses"
          value={filters.status}
          options={PROJECT_STATUSES.map((value) => ({
            value,
            label: PROJECT_STATUS_LABELS[value],
          }))}
        />
        <FilterSelect
          name="member"
          label="Registering government"
          allLabel="All governments"
          value={filters.member}
          options={members.map((member) => ({ value: member.id, label: member.name }))}
        />
        <FilterSelect
          name="sponsor"
          label="Sponsor"
          allLabel="All sponsors"
          value={filters.sponsor}
          options={sponsors.map((sponsor) => ({ value: sponsor.id, label: sponsor.name }))}
        />
      </FilterBar>

      {page.rows.length === 0 ? (
        <div className="card">
          <p>No project matches these filters.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="project-table">
            <caption className="visually-hidden">
              Projects, sorted by {PROJECT_SORTS[filters.sort].toLowerCase()}
            </caption>
            <thead>
              <tr>
                <SortHeader label="Project" sort="name" current={filters.sort} params={params} />
                <th scope="col">Segment</th>
                <th scope="col">Minerals</th>
                <SortHeader label="Host" sort="host" current={filters.sort} params={params} />
                <SortHeader label="Stage" sort="stage" current={filters.sort} params={params} />
                <th scope="col" className="num">
                  Funding sought
                </th>
                <SortHeader label="Status" sort="status" current={filters.sort} params={params} />
                <th scope="col">Registered by</th>
                <th scope="col">Sponsor</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((project) => (
                <tr key={project.id}>
                  <th scope="row">
                    <Link to={`/p/${slug}/projects/${project.id}`}>{project.name}</Link>
                  </th>
                  <td>{SEGMENT_LABELS[project.segment as keyof typeof SEGMENT_LABELS]}</td>
                  <td>
                    {project.minerals.map((m) => MINERAL_SHORT[m as Mineral] ?? m).join(", ")}
                  </td>
                  <td>{countryName(project.hostCountry)}</td>
                  <td>{STAGE_LABELS[project.stage as keyof typeof STAGE_LABELS]}</td>
                  <td className="num">
                    {project.fundingSoughtMinor
                      ? formatMoney(project.fundingSoughtMinor, project.currency)
                      : "—"}
                  </td>
                  <td>
                    <span className={`badge project-status status-${project.status}`}>
                      {PROJECT_STATUS_LABELS[project.status]}
                    </span>
                  </td>
                  <td>{project.registeringMemberName}</td>
                  <td>{project.sponsorOrganisationName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row list-footer">
        <Pagination
          page={page.page}
          pageCount={page.pageCount}
          total={page.total}
          what="projects"
        />
        <p className="small-print muted">
          Sorted by {PROJECT_SORTS[filters.sort].toLowerCase()} ·{" "}
          <Link to={withParams(params, { sort: "-updated", page: null }) || "?"}>
            show recently changed first
          </Link>
        </p>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
