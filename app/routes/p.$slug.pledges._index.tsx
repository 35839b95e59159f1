import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useParams } from "@remix-run/react";
import { DataTable, type Column } from "~/components/csv-table";
import { DraftMark, PledgeStatusBadge } from "~/components/pledge-badges";
import { requireMember } from "~/auth/auth.server";
import { reaches } from "~/domain/permissions";
import {
  INSTRUMENT_LABELS,
  PLEDGE_STATUS_LABELS,
  PLEDGE_STATUSES,
  type Instrument,
} from "~/domain/pledges";
import {
  filtersFromUrl,
  listFilterOptions,
  listPledges,
  type PledgeListRow,
} from "~/models/pledges.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import { formatDay } from "~/utils/dates";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction = () => [{ title: "Pledges — Lodestone" }];

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
    memberName: context.membership.memberName,
  });
}

const columns: Column<PledgeListRow>[] = [
  {
    key: "project",
    header: "Project",
    sortValue: (row) => row.projectName,
    render: (row) => <Link to={row.id}>{row.projectName}</Link>,
  },
  {
    key: "government",
    header: "Government",
    sortValue: (row) => row.memberName,
    render: (row) => row.memberName,
  },
  {
    key: "amount",
    header: "Amount",
    numeric: true,
    sortValue: (row) => `${row.currency}${row.amountMinor.padStart(20, "0")}`,
    render: (row) => formatMoney(row.amountMinor, row.currency),
  },
  {
    key: "instrument",
    header: "Instrument",
    sortValue: (row) => row.instrument,
    render: (row) => INSTRUMENT_LABELS[row.instrument as Instrument] ?? row.instrument,
  },
  {
    key: "status",
    header: "Status",
    sortValue: (row) => row.status,
    render: (row) => (
      <span className="chip-list">
        <PledgeStatusBadge status={row.status} />
        {row.status === "draft" && row.mine ? <DraftMark /> : null}
      </span>
    ),
  },
  { key: "rule", header: "Co-funding rule", render: (row) => row.ruleText },
  {
    key: "committed",
    header: "Committed on",
    sortValue: (row) => row.committedOn,
    render: (row) => formatDay(row.committedOn),
  },
];

export default function Pledges() {
  const { pledges, options, filters, isDelegate, memberName } = useLoaderData<typeof loader>();
  const location = useLocation();
  const { slug } = useParams();
  const base = `/p/${slug}/pledges`;
  return (
    <div className="stack">
      <div className="row page-head">
        <h1>Pledges</h1>
        {isDelegate ? (
          <Link className="button" to={`${base}/new`}>
            New pledge
          </Link>
        ) : null}
      </div>
      <p className="muted">
        {isDelegate
          ? `${memberName}'s pledges, drafts included (only ${memberName}'s delegates see drafts), and other governments' pledges once committed.`
          : "Every pledge once committed, withdrawals included. Draft pledges stay with their government."}
      </p>
      <Form method="get" className="filters" aria-label="Filter pledges">
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">Any status</option>
            {PLEDGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {PLEDGE_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-project">Project</label>
          <select id="filter-project" name="project" defaultValue={filters.projectId ?? ""}>
            <option value="">Any project</option>
            {options.projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-government">Government</label>
          <select id="filter-government" name="government" defaultValue={filters.memberId ?? ""}>
            <option value="">Any government</option>
            {options.members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="button secondary">
            Filter
          </button>
          <Link to={base} className="button secondary">
            Clear
          </Link>
        </div>
      </Form>
      <DataTable
        id="pledges"
        caption={`${pledges.length} ${pledges.length === 1 ? "pledge" : "pledges"}`}
        columns={columns}
        rows={pledges}
        rowKey={(row) => row.id}
        exportHref={`${base}/csv${location.search}`}
        empty="No pledges match these filters."
        rowClassName={(row) => (row.status === "draft" ? "draft-row" : undefined)}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
