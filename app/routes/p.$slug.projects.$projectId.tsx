import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, useActionData, useLoaderData } from "@remix-run/react";
import { useCallback } from "react";
import { requireMember } from "~/auth/auth.server";
import { CapitalStackView } from "~/components/capital-stack";
import { LiveIndicator, useLiveRevalidation, type LiveChange } from "~/components/live";
import { countryName } from "~/domain/countries";
import { actorOf, canEditMilestones, projectPermissions } from "~/domain/permissions";
import {
  MINERAL_LABELS,
  PROJECT_STATUS_LABELS,
  SEGMENT_LABELS,
  STAGE_LABELS,
  type Mineral,
  type ProjectStatus,
} from "~/domain/projects/vocabulary";
import { ProjectChangeSchema } from "~/domain/projects/registration";
import { requireParam } from "~/forms/params.server";
import { parseForm } from "~/forms/parse.server";
import { getCapitalStack } from "~/models/capital-stack.server";
import { changeProjectStatus, getProjectIn } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";
import * as clock from "~/utils/clock.server";
import { formatMoment } from "~/utils/dates";
import { formatMoney } from "~/utils/money";
import { projectShouldRevalidate } from "~/utils/revalidation";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: boardStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.project.name ?? "Project"} — Lodestone` },
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
  if (!found) throw new Response("Not found", { status: 404 });
  const actor = actorOf(context);
  return json({
    slug: partnership.slug,
    ...found,
    permissions: {
      ...projectPermissions(actor, found.project),
      editMilestones: canEditMilestones(actor, found.project),
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
  const submission = await parseForm(request, ProjectChangeSchema);
  if (!submission.ok) return submission.response;
  const outcome = await changeProjectStatus(context, {
    projectId,
    version: submission.data.version,
    change: submission.data.change,
  });
  if (!outcome.ok) return json({ error: outcome.message }, { status: outcome.status });
  const notices = {
    submit: "Submitted for review: the secretariat sees it in its queue.",
    withdraw: "Withdrawn from review: the project is a draft again.",
    cancel: "The project is cancelled.",
  } as const;
  return json({ notice: notices[submission.data.change] });
}

const STATUS_NOTES: Partial<Record<ProjectStatus, string>> = {
  draft: "Only the registering government and the sponsor see this draft.",
  submitted: "Waiting for the secretariat's review.",
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
  return (
    <div className="row project-actions">
      {permissions.submit ? (
        <Form method="post">
          <input type="hidden" name="version" value={project.version} />
          <button className="button" name="change" value="submit">
            Submit for review
          </button>
        </Form>
      ) : null}
      {permissions.withdraw ? (
        <Form method="post">
          <input type="hidden" name="version" value={project.version} />
          <button className="button secondary" name="change" value="withdraw">
            Withdraw from review
          </button>
        </Form>
      ) : null}
      {permissions.cancel ? (
        <Form
          method="post"
          onSubmit={(event) => {
            if (!window.confirm(`Cancel “${project.name}”? This cannot be undone.`)) {
              event.preventDefault();
            }
          }}
        >
          <input type="hidden" name="version" value={project.version} />
          <button className="button danger" name="change" value="cancel">
            Cancel project
          </button>
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
  return (
    <section aria-labelledby="facts-title" className="card">
      <h2 id="facts-title" className="visually-hidden">
        Key facts
      </h2>
      <dl className="facts">
        <div>
          <dt>Segment</dt>
          <dd>
            {SEGMENT_LABELS[project.segment as keyof typeof SEGMENT_LABELS] ?? project.segment}
          </dd>
        </div>
        <div>
          <dt>Minerals</dt>
          <dd>{project.minerals.map((m) => MINERAL_LABELS[m as Mineral] ?? m).join(", ")}</dd>
        </div>
        <div>
          <dt>Host country</dt>
          <dd>{countryName(project.hostCountry)}</dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>{STAGE_LABELS[project.stage as keyof typeof STAGE_LABELS] ?? project.stage}</dd>
        </div>
        <div>
          <dt>Registered by</dt>
          <dd>{project.registeringMemberName}</dd>
        </div>
        <div>
          <dt>Sponsor</dt>
          <dd>{project.sponsorOrganisationName ?? "None named"}</dd>
        </div>
        <div>
          <dt>Total capex</dt>
          <dd>
            {project.capexMinor ? formatMoney(project.capexMinor, project.currency) : "Not stated"}
          </dd>
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
          <dt>Last changed</dt>
          <dd>{formatMoment(project.updatedAt)}</dd>
        </div>
      </dl>
      {permissions.submit || permissions.withdraw || permissions.cancel ? (
        <ProjectActions project={project} permissions={permissions} />
      ) : null}
    </section>
  );
}

export default function ProjectLayout() {
  const { slug, project, stack, permissions } = useLoaderData<typeof loader>();
  const result = useActionData<{ notice?: string; error?: string }>();
  const relevant = useCallback(
    (change: LiveChange) => change.projectId === project.id,
    [project.id],
  );
  const live = useLiveRevalidation(slug, relevant);
  const base = `/p/${slug}/projects/${project.id}`;
  const tabs = [
    { to: base, label: "Overview", end: true },
    { to: `${base}/pledges`, label: "Pledges", end: false },
    { to: `${base}/supply`, label: "Outputs and supply", end: false },
    { to: `${base}/history`, label: "History", end: false },
  ];
  return (
    <div className="stack project-page">
      <nav aria-label="Breadcrumb" className="breadcrumb small-print">
        <Link to={`/p/${slug}/projects`}>Projects</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{project.name}</span>
      </nav>
      <header className="project-header">
        <div className="project-title">
          <h1>{project.name}</h1>
          <p className="row">
            <span className={`badge project-status status-${project.status}`}>
              {PROJECT_STATUS_LABELS[project.status]}
            </span>
            {STATUS_NOTES[project.status] ? (
              <span className="muted small-print">{STATUS_NOTES[project.status]}</span>
            ) : null}
          </p>
        </div>
        <LiveIndicator status={live} />
      </header>

      {project.status === "rejected" ? (
        <div className="alert error decision" role="note">
          <strong>Rejected by the secretariat.</strong>{" "}
          {project.decisionReason ? `Reason: ${project.decisionReason}` : "No reason was recorded."}
          {permissions.submit ? " You can revise the project and submit it again." : null}
        </div>
      ) : null}
      {project.status === "approved" && project.decisionReason ? (
        <div className="alert success decision" role="note">
          <strong>Approved by the secretariat.</strong> Note: {project.decisionReason}
        </div>
      ) : null}
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

      <KeyFacts project={project} permissions={permissions} />

      <CapitalStackView stack={stack} />

      <nav aria-label="Project sections" className="tabs project-tabs">
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
