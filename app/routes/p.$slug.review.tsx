import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { Pagination } from "~/components/pagination";
import { countryName } from "~/domain/countries";
import { ROLES_FOR } from "~/domain/permissions";
import {
  MINERAL_SHORT,
  SEGMENT_LABELS,
  STAGE_LABELS,
  type Mineral,
} from "~/domain/projects/vocabulary";
import { ReviewDecisionSchema } from "~/domain/projects/registration";
import { parseForm } from "~/forms/parse.server";
import {
  changeProjectStatus,
  listRecentDecisions,
  listReviewQueue,
} from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";
import { formatMoment } from "~/utils/dates";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
];

export const meta: MetaFunction = () => [{ title: "Review — Lodestone" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.review);
  const page = Number(new URL(request.url).searchParams.get("page")) || 1;
  const [queue, decisions] = await Promise.all([
    listReviewQueue(context, Math.max(1, Math.floor(page))),
    listRecentDecisions(context),
  ]);
  return json({ slug: context.partnership.slug, queue, decisions });
}

interface DecisionResult {
  notice?: string;
  error?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

/** Approve or reject a submitted project, against the version the secretariat saw. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.review);
  const submission = await parseForm(request, ReviewDecisionSchema);
  if (!submission.ok) return submission.response;
  const { projectId, version, decision, reason } = submission.data;
  const outcome = await changeProjectStatus(context, {
    projectId,
    version,
    change: decision,
    reason: reason ?? null,
  });
  if (!outcome.ok) {
    return json<DecisionResult>({ error: outcome.message }, { status: outcome.status });
  }
  return json<DecisionResult>({
    notice: `“${outcome.project.name}” is ${outcome.project.status}. Its sponsor and registering government see the decision on the project's page.`,
  });
}

/** Approve, or reject with a reason, one project against the version the secretariat saw. */
function DecisionForms({
  project,
  busy,
  reason,
  reasonError,
}: {
  project: { id: string; name: string; version: number };
  busy: boolean;
  /** What was typed as the reason when the server refused it. */
  reason: string | undefined;
  reasonError: string | undefined;
}) {
  return (
    <div className="decision-forms">
      <Form method="post" className="row">
        <input type="hidden" name="projectId" value={project.id} />
        <input type="hidden" name="version" value={project.version} />
        <button className="button" name="decision" value="approve" disabled={busy}>
          Approve<span className="visually-hidden"> “{project.name}”</span>
        </button>
      </Form>
      <Form method="post" className="reject-form">
        <input type="hidden" name="projectId" value={project.id} />
        <input type="hidden" name="version" value={project.version} />
        <div className="field">
          <label htmlFor={`reason-${project.id}`}>
            Reason for rejecting
            <span className="visually-hidden"> “{project.name}”</span>
          </label>
          <textarea
            id={`reason-${project.id}`}
            name="reason"
            rows={2}
            defaultValue={reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `reason-${project.id}-error` : undefined}
          />
          {reasonError ? (
            <p className="field-error" id={`reason-${project.id}-error`} role="alert">
              {reasonError}
            </p>
          ) : null}
        </div>
        <button className="button danger" name="decision" value="reject" disabled={busy}>
          Reject<span className="visually-hidden"> “{project.name}”</span>
        </button>
      </Form>
    </div>
  );
}

/** The latest decisions, newest first, with who made them. */
function RecentDecisions({
  slug,
  decisions,
}: {
  slug: string;
  decisions: SerializeFrom<typeof loader>["decisions"];
}) {
  return (
    <section className="stack" aria-labelledby="decided-title">
      <h2 id="decided-title">Recent decisions</h2>
      {decisions.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Decision</th>
                <th scope="col">Reason or note</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((decision) => (
                <tr key={`${decision.projectId}-${decision.decidedAt}`}>
                  <th scope="row">
                    <Link to={`/p/${slug}/projects/${decision.projectId}`}>{decision.name}</Link>
                  </th>
                  <td>
                    <span className={`badge project-status status-${decision.decision}`}>
                      {decision.decision === "approved" ? "Approved" : "Rejected"}
                    </span>
                  </td>
                  <td>{decision.reason ?? "—"}</td>
                  <td>{decision.decidedBy ?? "—"}</td>
                  <td>{formatMoment(decision.decidedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function Review() {
  const { slug, queue, decisions } = useLoaderData<typeof loader>();
  const result = useActionData<DecisionResult>();
  const navigation = useNavigation();
  const live = useLiveRevalidation(slug, (change) => change.table === "projects");
  const failedFor = result?.values?.projectId;
  return (
    <div className="stack">
      <div className="page-heading">
        <div>
          <h1>Review</h1>
          <p className="muted small-print">
            Projects submitted for review, oldest first. Approving puts a project on the shared
            board and opens it to commitments; a rejection needs a reason, which the sponsor and the
            registering government see.
          </p>
        </div>
        <LiveIndicator status={live} />
      </div>
      {result?.notice ? (
        <div role="status" className="alert success">
          {result.notice}
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {result.error}
        </div>
      ) : null}

      <section className="stack" aria-labelledby="queue-title">
        <h2 id="queue-title">Waiting for a decision</h2>
        {queue.rows.length === 0 ? (
          <p className="card">Nothing is waiting for review.</p>
        ) : (
          <ol className="review-queue">
            {queue.rows.map((project) => {
              const reasonError = failedFor === project.id ? result?.errors?.reason : undefined;
              const busy =
                navigation.state === "submitting" &&
                navigation.formData?.get("projectId") === project.id;
              return (
                <li key={project.id} className="card review-item">
                  <h3>
                    <Link to={`/p/${slug}/projects/${project.id}`}>{project.name}</Link>
                  </h3>
                  <p className="small-print muted">
                    {SEGMENT_LABELS[project.segment as keyof typeof SEGMENT_LABELS]} ·{" "}
                    {project.minerals.map((m) => MINERAL_SHORT[m as Mineral] ?? m).join(", ")} ·{" "}
                    {countryName(project.hostCountry)} ·{" "}
                    {STAGE_LABELS[project.stage as keyof typeof STAGE_LABELS]}
                  </p>
                  <dl className="facts">
                    <div>
                      <dt>Registered by</dt>
                      <dd>{project.registeringMemberName}</dd>
                    </div>
                    <div>
                      <dt>Sponsor</dt>
                      <dd>{project.sponsorOrganisationName ?? "None named"}</dd>
                    </div>
                    <div>
                      <dt>Funding sought</dt>
                      <dd>
                        {project.fundingSoughtMinor
                          ? formatMoney(project.fundingSoughtMinor, project.currency)
                          : "Not stated"}
                      </dd>
                    </div>
                    <div>
                      <dt>Waiting since</dt>
                      <dd>{formatMoment(project.submittedAt)}</dd>
                    </div>
                  </dl>
                  {project.decisionReason ? (
                    <p className="small-print">
                      <strong>Previously rejected:</strong> {project.decisionReason}
                    </p>
                  ) : null}
                  <DecisionForms
                    project={project}
                    busy={busy}
                    reason={failedFor === project.id ? result?.values?.reason : ""}
                    reasonError={reasonError}
                  />
                </li>
              );
            })}
          </ol>
        )}
        <Pagination
          page={queue.page}
          pageCount={queue.pageCount}
          total={queue.total}
          what="projectsWaiting"
        />
      </section>

      <RecentDecisions slug={slug} decisions={decisions} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
