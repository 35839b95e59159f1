import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { LiveIndicator, useActionResult, useLiveRevalidation } from "~/components/live";
import { Pagination } from "~/components/pagination";
import { MineralList } from "~/components/mineral";
import { ROLES_FOR } from "~/domain/permissions";
import { ReviewDecisionSchema } from "~/domain/projects/registration";
import { ConfirmButton } from "~/components/confirm";
import { SubmitButton } from "~/forms/fields";
import { undoDeadline, UndoQueuedDecisionSchema } from "~/domain/decisions";
import { readForm, validateForm } from "~/forms/parse.server";
import { undoDecision } from "~/models/project-edits.server";
import * as clock from "~/utils/clock.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import {
  changeProjectStatus,
  getProject,
  listRecentDecisions,
  listReviewQueue,
} from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "review.title") }];

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
  /** The decision just made, which the secretariat may take back for a while (ADR 111). */
  undo?: { projectId: string; version: number; name: string; until: string };
  error?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

/** Approve or reject a submitted project, against the version the secretariat saw. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.review);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  if (read.formData.get("decision") === "undo") {
    const undo = validateForm(read.formData, UndoQueuedDecisionSchema);
    if (!undo.ok) return undo.response;
    const outcome = await undoDecision(context, undo.data);
    if (!outcome.ok) {
      return json<DecisionResult>({ error: outcome.message }, { status: outcome.status });
    }
    const project = await getProject(context, outcome.id);
    return json<DecisionResult>({
      notice: msg("everyday.undo.takenBack", { name: project?.name ?? "" }),
    });
  }
  const submission = validateForm(read.formData, ReviewDecisionSchema);
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
    notice: msg(
      outcome.project.status === "approved" ? "review.decidedApproved" : "review.decidedRejected",
      { name: outcome.project.name },
    ),
    undo: {
      projectId: outcome.project.id,
      version: outcome.project.version,
      name: outcome.project.name,
      until: undoDeadline(clock.now()).toISOString(),
    },
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
  const { t, tm } = useT();
  return (
    <div className="decision-forms">
      <Form method="post" className="row">
        <input type="hidden" name="projectId" value={project.id} />
        <input type="hidden" name="version" value={project.version} />
        <ConfirmButton
          name="decision"
          value="approve"
          message={t("everyday.confirm.approve", { name: project.name })}
          note={t("everyday.confirm.undoNote")}
          confirmLabel={t("everyday.confirm.approveButton")}
          pendingText={t("common.saving")}
          aria-label={`${t("review.approve")} “${project.name}”`}
        >
          {busy ? t("common.saving") : t("review.approve")}
        </ConfirmButton>
      </Form>
      <Form method="post" className="reject-form">
        <input type="hidden" name="projectId" value={project.id} />
        <input type="hidden" name="version" value={project.version} />
        <div className="field">
          <label htmlFor={`reason-${project.id}`}>
            {t("review.reasonForRejecting")}
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
              {tm(reasonError)}
            </p>
          ) : null}
        </div>
        <ConfirmButton
          name="decision"
          value="reject"
          className="button danger"
          message={t("everyday.confirm.reject", { name: project.name })}
          asksWhen={(form) => Boolean(String(new FormData(form).get("reason") ?? "").trim())}
          note={t("everyday.confirm.undoNote")}
          confirmLabel={t("everyday.confirm.rejectButton")}
          pendingText={t("common.saving")}
          aria-label={`${t("review.reject")} “${project.name}”`}
        >
          {t("review.reject")}
        </ConfirmButton>
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
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="stack" aria-labelledby="decided-title">
      <h2 id="decided-title">{t("review.recent")}</h2>
      {decisions.length === 0 ? (
        <p className="muted">{t("review.noDecisions")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("review.project")}</th>
                <th scope="col">{t("review.decision")}</th>
                <th scope="col">{t("review.reasonOrNote")}</th>
                <th scope="col">{t("review.by")}</th>
                <th scope="col">{t("review.when")}</th>
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
                      {t(`vocabulary.projectStatus.${decision.decision}`)}
                    </span>
                  </td>
                  <td>{decision.reason ?? t("common.none")}</td>
                  <td>{decision.decidedBy ?? t("everyday.undo.someone")}</td>
                  <td>{f.moment(decision.decidedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Take back the decision just made, while the window lasts (the database checks it again). */
function UndoForm({ undo }: { undo: NonNullable<DecisionResult["undo"]> }) {
  const { t } = useT();
  const f = useFormat();
  return (
    <Form method="post" className="row undo-form">
      <span>{t("everyday.undo.until", { time: f.moment(undo.until) })}</span>
      <input type="hidden" name="projectId" value={undo.projectId} />
      <input type="hidden" name="version" value={undo.version} />
      <SubmitButton
        className="button secondary small"
        name="decision"
        value="undo"
        pendingText={t("common.saving")}
      >
        {t("everyday.undo.takeBack")}
      </SubmitButton>
    </Form>
  );
}

export default function Review() {
  const { slug, queue, decisions } = useLoaderData<typeof loader>();
  const result = useActionResult<DecisionResult>();
  const navigation = useNavigation();
  const live = useLiveRevalidation(slug, (change) => change.table === "projects");
  const { t, tm } = useT();
  const f = useFormat();
  const failedFor = result?.values?.projectId;
  return (
    <div className="stack">
      <div className="page-heading">
        <div>
          <h1>{t("review.title")}</h1>
          <p className="muted small-print">{t("review.lead")}</p>
        </div>
        <LiveIndicator status={live} />
      </div>
      {result?.notice ? (
        <div role="status" className="alert success">
          {tm(result.notice)}
          {result.undo ? <UndoForm undo={result.undo} /> : null}
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {tm(result.error)}
        </div>
      ) : null}

      <section className="stack" aria-labelledby="queue-title">
        <h2 id="queue-title">{t("review.waiting")}</h2>
        {queue.rows.length === 0 ? (
          <p className="card">{t("review.nothing")}</p>
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
                    {t(`vocabulary.segment.${project.segment}`)} ·{" "}
                    <MineralList minerals={project.minerals} /> · {f.country(project.hostCountry)} ·{" "}
                    {t(`vocabulary.stage.${project.stage}`)}
                  </p>
                  <dl className="facts">
                    <div>
                      <dt>{t("review.registeredBy")}</dt>
                      <dd>{project.registeringMemberName}</dd>
                    </div>
                    <div>
                      <dt>{t("review.sponsor")}</dt>
                      <dd>{project.sponsorOrganisationName ?? t("review.noSponsor")}</dd>
                    </div>
                    <div>
                      <dt>{t("review.fundingSought")}</dt>
                      <dd>
                        {project.fundingSoughtMinor
                          ? f.money(project.fundingSoughtMinor, project.currency)
                          : t("review.notStated")}
                      </dd>
                    </div>
                    <div>
                      <dt>{t("review.waitingSince")}</dt>
                      <dd>{f.moment(project.submittedAt)}</dd>
                    </div>
                  </dl>
                  {project.decisionReason ? (
                    <p className="small-print">
                      <strong>{t("review.previouslyRejected")}</strong> {project.decisionReason}
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
