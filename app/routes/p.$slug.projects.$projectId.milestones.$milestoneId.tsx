/*
 * A milestone's page, under its project's (issue 14): its discussion and its documents, which anyone who sees
 * the project sees (ADRs 140, 143). Reached from the milestone's row on the project's overview.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DiscussionThread } from "~/components/discussion";
import { DocumentsSection } from "~/components/documents";
import { requireParam } from "~/forms/params.server";
import { msg } from "~/i18n/message";
import { useT } from "~/i18n/react";
import { findMilestone } from "~/models/discussion-page.server";
import {
  loadSubjectPage,
  subjectPageAction,
  type SubjectPageAnswer,
} from "~/models/subject-page.server";
import { RouteErrorMessage } from "~/root";

/** The milestone of this project, as the member sees it: the address names nothing else. */
async function milestoneOf(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const milestoneId = requireParam(params, "milestoneId", "uuid");
  const milestone = await findMilestone(context, projectId, milestoneId);
  if (!milestone) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  return { context, milestone };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { context, milestone } = await milestoneOf(request, params);
  const page = await loadSubjectPage(context, { type: "milestone", id: milestone.id });
  return json({ milestone, ...page });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { context, milestone } = await milestoneOf(request, params);
  return subjectPageAction(request, context, { type: "milestone", id: milestone.id });
}

export default function MilestonePage() {
  const { milestone, discussion, documents } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as SubjectPageAnswer;
  const upload = answer && "upload" in answer ? answer.upload : null;
  const failure = answer && !("upload" in answer) ? answer : undefined;
  const { t } = useT();
  return (
    <div className="stack">
      <p>
        <Link to={`../..#milestone-${milestone.id}`} relative="path">
          {t("collaboration.subjects.backToProject")}
        </Link>
      </p>
      <h2>{t("collaboration.subjects.milestoneHeading", { title: milestone.title })}</h2>
      <DiscussionThread {...discussion} failure={failure} />
      <DocumentsSection {...documents} result={upload} intent="upload" />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
