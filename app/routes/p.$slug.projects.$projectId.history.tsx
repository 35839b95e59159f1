import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { MILESTONE_STATUS_LABELS, isMilestoneStatus } from "~/domain/milestones";
import { PROJECT_STATUS_LABELS, type ProjectStatus } from "~/domain/projects/vocabulary";
import { requireParam } from "~/forms/params.server";
import { getProjectHistory, readsHistory } from "~/models/audit-history.server";
import { listParties } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import { formatMoment } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Project history — Lodestone" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  if (!readsHistory(context)) return json({ readable: false as const, history: null });
  const before = new URL(request.url).searchParams.get("before");
  const [history, parties] = await Promise.all([
    getProjectHistory(context, projectId, before && /^\d{1,18}$/.test(before) ? before : null),
    listParties(context),
  ]);
  const names = Object.fromEntries(
    [...parties.members, ...parties.sponsors].map((party) => [party.id, party.name]),
  );
  return json({ readable: true as const, history, names, paged: Boolean(before) });
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  segment: "Segment",
  minerals: "Minerals",
  host_country: "Host country",
  latitude: "Latitude",
  longitude: "Longitude",
  stage: "Stage",
  capex_minor: "Capex (minor units)",
  funding_sought_minor: "Funding sought (minor units)",
  currency: "Currency",
  esg_notes: "ESG notes",
  status: "Status",
  decision_reason: "Decision reason",
  registering_member_id: "Registering government",
  sponsor_organisation_id: "Sponsor",
  project_id: "Project",
  title: "Title",
  due_date: "Due date",
  position: "Position",
  notes: "Notes",
  completed_at: "Completed",
  milestone_id: "Milestone",
  note: "Note",
  status_change: "Status change",
  evidence_url: "Evidence link",
};

/** Links between rows, obvious from where the event is shown. */
const HIDDEN_FIELDS = new Set(["project_id", "milestone_id", "position"]);

function show(field: string, value: unknown, names: Record<string, string>): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" && names[value]) return names[value];
  if (field === "status" || field === "status_change") {
    if (isMilestoneStatus(value)) return MILESTONE_STATUS_LABELS[value];
    return PROJECT_STATUS_LABELS[value as ProjectStatus] ?? String(value);
  }
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

const ACTIONS = { insert: "created", update: "changed", delete: "removed" } as const;

export default function ProjectHistory() {
  const data = useLoaderData<typeof loader>();
  if (!data.readable) {
    return (
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <p>
          The audit trail of projects is read by the secretariat and the governments' delegates.
          Your role sees the project's updates feed on the Overview tab instead.
        </p>
      </section>
    );
  }
  const { history } = data;
  return (
    <section className="stack" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p className="muted small-print">
        Every change to this project, its milestones and their updates, newest first, from the
        partnership's append-only audit trail. Times are in UTC.
      </p>
      {history.events.length === 0 ? (
        <p className="card">No recorded changes you can see.</p>
      ) : (
        <ol className="history">
          {history.events.map((event) => (
            <li key={event.id} className="history-event card">
              <p className="history-head">
                <strong>{event.subject}</strong> {ACTIONS[event.action]}
                <span className="muted">
                  {" "}
                  by {event.actor ?? "the system"} ·{" "}
                  <time dateTime={String(event.at)}>{formatMoment(event.at)}</time>
                </span>
              </p>
              {event.changes.some((change) => !HIDDEN_FIELDS.has(change.field)) ? (
                <table className="changes">
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      {event.action === "update" ? <th scope="col">Before</th> : null}
                      <th scope="col">{event.action === "delete" ? "Value" : "After"}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {event.changes
                      .filter((change) => !HIDDEN_FIELDS.has(change.field))
                      .map((change) => (
                        <tr key={change.field}>
                          <th scope="row">{FIELD_LABELS[change.field] ?? change.field}</th>
                          {event.action === "update" ? (
                            <td>{show(change.field, change.before, data.names)}</td>
                          ) : null}
                          <td>
                            {show(
                              change.field,
                              event.action === "delete" ? change.before : change.after,
                              data.names,
                            )}
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <div className="row">
        {data.paged ? (
          <Link to="?" className="button secondary" preventScrollReset>
            Newest changes
          </Link>
        ) : null}
        {history.next ? (
          <Link to={`?before=${history.next}`} className="button secondary" preventScrollReset>
            Older changes
          </Link>
        ) : null}
      </div>
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
