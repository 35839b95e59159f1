import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  NavLink,
  Outlet,
  useLoaderData,
  useParams,
  useSearchParams,
} from "@remix-run/react";
import { useCallback } from "react";
import { requireMember } from "~/auth/auth.server";
import { CapitalStackView } from "~/components/capital-stack";
import { ConfirmButton } from "~/components/confirm";
import { canUndoDecision, undoDeadline, UndoDecisionSchema } from "~/domain/decisions";
import { projectEditPermissions } from "~/domain/edits";
import { SubmitButton } from "~/forms/fields";
import { undoDecision } from "~/models/project-edits.server";
import {
  LiveIndicator,
  useActionResult,
  useLiveRevalidation,
  type LiveChange,
} from "~/components/live";
import { MineralList } from "~/components/mineral";
import { actorOf, canEditMilestones, projectPermissions } from "~/domain/permissions";
import type { ProjectStatus } from "~/domain/projects/vocabulary";
import { ProjectChangeSchema } from "~/domain/projects/registration";
import { requireParam } from "~/forms/params.server";
import { readForm, validateForm } from "~/forms/parse.server";
import { msg, type MessageKey } from "~/i18n/message";
import { metaT, pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { getCapitalStack } from "~/models/capital-stack.server";
import { changeProjectStatus, getProject, getProjectIn } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";
import * as clock from "~/utils/clock.server";
import { projectShouldRevalidate } from "~/utils/revalidation";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: boardStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? metaT(matches)("common.pageTitle", { title: data.project.name })
      : pageTitle(matches, "project.fallbackTitle"),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const { user, partnership } = context;
  const projectId = requireParam(params, "projectId", "uuid");
  const found = await user.db(async (tx) => {
    const project = await getProjectIn(tx, partnership.id, projectId);
    if (!project) return null;
    const stack = await getCapitalStack(
      tx,
      { ...project, partnershipId: partnership.id },
      partnership.reportingCurrency,
      clock.today(),
    );
    return { project, stack };
  });
  if (!found) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  const actor = actorOf(context);
  return json({
    slug: partnership.slug,
    ...found,
    permissions: {
      ...projectPermissions(actor, found.project),
      editMilestones: canEditMilestones(actor, found.project),
      revise: projectEditPermissions(actor, found.project).edit,
      undo: canUndoDecision(actor, found.project, clock.now()),
    },
    actor,
  });
}

/** Reloaded only when what it shows can have changed (ADR 073). */
export const shouldRevalidate = projectShouldRevalidate;

/** The project's own life: submit for review, withdraw from review, cancel. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const read = await readForm(request);
  if (!read.ok) return read.response;
  if (read.formData.get("change") === "undo") {
    const undo = validateForm(read.formData, UndoDecisionSchema);
    if (!undo.ok) return undo.response;
    const outcome = await undoDecision(context, { projectId, version: undo.data.version });
    if (!outcome.ok) return json({ error: outcome.message }, { status: outcome.status });
    const project = await getProject(context, outcome.id);
    return json({ notice: msg("everyday.undo.takenBack", { name: project?.name ?? "" }) });
  }
  const submission = validateForm(read.formData, ProjectChangeSchema);
  if (!submission.ok) return submission.response;
  const outcome = await changeProjectStatus(context, {
    projectId,
    version: submission.data.version,
    change: submission.data.change,
  });
  if (!outcome.ok) return json({ error: outcome.message }, { status: outcome.status });
  const notices = {
    submit: msg("project.submitted"),
    withdraw: msg("project.withdrawn"),
    cancel: msg("project.cancelled"),
  } as const;
  return json({ notice: notices[submission.data.change] });
}

const STATUS_NOTES: Partial<Record<ProjectStatus, MessageKey>> = {
  draft: "project.draftNote",
  submitted: "project.submittedNote",
};

type LayoutData = SerializeFrom<typeof loader>;

/** The project's life as forms: submit for review, withdraw from review, cancel (each as far as allowed). */
function ProjectActions({
  project,
  permissions,
}: {
  project: LayoutData["project"];
  permissions: LayoutData["permissions"];
}) {
  const { t } = useT();
  const { slug } = useParams();
  return (
    <div className="row project-actions">
      {permissions.submit ? (
        <Form method="post">
          <input type="hidden" name="version" value={project.version} />
          <button className="button" name="change" value="submit">
            {t("project.submit")}
          </button>
        </Form>
      ) : null}
      {permissions.withdraw ? (
        <Form method="post">
          <input type="hidden" name="version" value={project.version} />
          <button className="button secondary" name="change" value="withdraw">
            {t("project.withdraw")}
          </button>
        </Form>
      ) : null}
      {permissions.revise ? (
        <Link to={`/p/${slug}/projects/${project.id}/edit`} className="button secondary">
          {t("everyday.edit.editProject")}
        </Link>
      ) : null}
      {permissions.cancel ? (
        <Form method="post">
          <input type="hidden" name="version" value={project.version} />
          <ConfirmButton
            name="change"
            value="cancel"
            className="button danger"
            message={t("everyday.confirm.cancelProject", { name: project.name })}
            confirmLabel={t("everyday.confirm.cancelProjectButton")}
            pendingText={t("common.saving")}
          >
            {t("project.cancel")}
          </ConfirmButton>
        </Form>
      ) : null}
    </div>
  );
}

/** The project's key facts, with the controls of its life below them. */
function KeyFacts({
  project,
  permissions,
}: {
  project: LayoutData["project"];
  permissions: LayoutData["permissions"];
}) {
  const { t } = useT();
  const f = useFormat();
  return (
    <section aria-labelledby="facts-title" className="card">
      <h2 id="facts-title" className="visually-hidden">
        {t("project.keyFacts")}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t("project.segment")}</dt>
          <dd>{t(`vocabulary.segment.${project.segment}`)}</dd>
        </div>
        <div>
          <dt>{t("project.minerals")}</dt>
          <dd>
            <MineralList minerals={project.minerals} />
          </dd>
        </div>
        <div>
          <dt>{t("project.hostCountry")}</dt>
          <dd>{f.country(project.hostCountry)}</dd>
        </div>
        <div>
          <dt>{t("project.stage")}</dt>
          <dd>{t(`vocabulary.stage.${project.stage}`)}</dd>
        </div>
        <div>
          <dt>{t("project.registeredBy")}</dt>
          <dd>{project.registeringMemberName}</dd>
        </div>
        <div>
          <dt>{t("project.sponsor")}</dt>
          <dd>{project.sponsorOrganisationName ?? t("project.noSponsor")}</dd>
        </div>
        <div>
          <dt>{t("project.capex")}</dt>
          <dd>
            {project.capexMinor
              ? f.money(project.capexMinor, project.currency)
              : t("project.notStated")}
          </dd>
        </div>
        <div>
          <dt>{t("project.fundingSought")}</dt>
          <dd>
            {project.fundingSoughtMinor
              ? f.money(project.fundingSoughtMinor, project.currency)
              : t("project.notStated")}
          </dd>
        </div>
        <div>
          <dt>{t("project.lastChanged")}</dt>
          <dd>{f.moment(project.updatedAt)}</dd>
        </div>
      </dl>
      {permissions.submit || permissions.withdraw || permissions.cancel || permissions.revise ? (
        <ProjectActions project={project} permissions={permissions} />
      ) : null}
    </section>
  );
}

/** The secretariat takes back the decision it just made (ADR 111). */
function UndoDecision({ project }: { project: LayoutData["project"] }) {
  const { t } = useT();
  const f = useFormat();
  if (!project.decidedAt) return null;
  return (
    <Form method="post" className="row undo-form">
      <span>
        {t("everyday.undo.until", { time: f.moment(undoDeadline(new Date(project.decidedAt))) })}
      </span>
      <input type="hidden" name="version" value={project.version} />
      <SubmitButton
        className="button secondary small"
        name="change"
        value="undo"
        pendingText={t("common.saving")}
      >
        {t("everyday.undo.takeBack")}
      </SubmitButton>
    </Form>
  );
}

export default function ProjectLayout() {
  const { slug, project, stack, permissions } = useLoaderData<typeof loader>();
  const result = useActionResult<{ notice?: string; error?: string }>();
  const { t, tm } = useT();
  const [search] = useSearchParams();
  const revised = search.get("revised");
  const relevant = useCallback(
    (change: LiveChange) => change.projectId === project.id,
    [project.id],
  );
  const live = useLiveRevalidation(slug, relevant);
  const base = `/p/${slug}/projects/${project.id}`;
  const tabs = [
    { to: base, label: t("project.overview"), end: true },
    { to: `${base}/pledges`, label: t("project.pledges"), end: false },
    { to: `${base}/supply`, label: t("project.supply"), end: false },
    { to: `${base}/history`, label: t("project.history"), end: false },
    { to: `${base}/discussion`, label: t("collaboration.comments.heading"), end: false },
    { to: `${base}/documents`, label: t("collaboration.documents.heading"), end: false },
  ];
  const statusNote = STATUS_NOTES[project.status];
  return (
    <div className="stack project-page">
      <nav aria-label={t("project.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}/projects`}>{t("project.projects")}</Link>{" "}
        <span aria-hidden="true">/</span> <span aria-current="page">{project.name}</span>
      </nav>
      <header className="project-header">
        <div className="project-title">
          <h1>{project.name}</h1>
          <p className="row">
            <span className={`badge project-status status-${project.status}`}>
              {t(`vocabulary.projectStatus.${project.status}`)}
            </span>
            {statusNote ? <span className="muted small-print">{t(statusNote)}</span> : null}
          </p>
        </div>
        <LiveIndicator status={live} />
      </header>

      {project.status === "rejected" ? (
        <div className="alert error decision" role="note">
          <strong>{t("project.rejected")}</strong>{" "}
          {project.decisionReason
            ? t("project.reason", { reason: project.decisionReason })
            : t("project.noReason")}
          {permissions.submit ? ` ${t("project.canRevise")}` : null}
          {permissions.revise ? (
            <>
              {" "}
              <Link to={`${base}/edit`}>{t("everyday.edit.editProject")}</Link>
            </>
          ) : null}
          {permissions.undo ? <UndoDecision project={project} /> : null}
        </div>
      ) : null}
      {project.status === "approved" && project.decisionReason ? (
        <div className="alert success decision" role="note">
          <strong>{t("project.approved")}</strong>{" "}
          {t("project.approvedNote", { note: project.decisionReason })}
        </div>
      ) : null}
      {project.status === "approved" && !project.decisionReason && permissions.undo ? (
        <div className="alert success decision" role="note">
          <strong>{t("project.approved")}</strong> <UndoDecision project={project} />
        </div>
      ) : null}
      {revised ? (
        <div role="status" className="alert success">
          {t(revised === "resubmitted" ? "everyday.edit.resubmitted" : "everyday.edit.saved")}
        </div>
      ) : null}
      {result?.notice ? (
        <div role="status" className="alert success">
          {tm(result.notice)}
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {tm(result.error)}
        </div>
      ) : null}

      <KeyFacts project={project} permissions={permissions} />

      <CapitalStackView stack={stack} />

      <nav aria-label={t("project.sections")} className="tabs project-tabs">
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end} preventScrollReset>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
