/*
 * A milestone's discussion, under its project's page (issue 14): the thread on the milestone, which anyone who
 * sees the project sees (ADR 140). Reached from the milestone's row on the project's overview.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DiscussionThread } from "~/components/discussion";
import { requireParam } from "~/forms/params.server";
import { msg } from "~/i18n/message";
import { useT } from "~/i18n/react";
import {
  discussionAction,
  findMilestone,
  loadDiscussion,
  type DiscussionFailure,
} from "~/models/discussion-page.server";
import { RouteErrorMessage } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const milestoneId = requireParam(params, "milestoneId", "uuid");
  const milestone = await findMilestone(context, projectId, milestoneId);
  if (!milestone) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  const discussion = await loadDiscussion(context, { type: "milestone", id: milestone.id });
  return json({ milestone, ...discussion });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const milestoneId = requireParam(params, "milestoneId", "uuid");
  // The milestone of this project, as the member sees it: the address names nothing else.
  if (!(await findMilestone(context, projectId, milestoneId))) {
    throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  }
  return discussionAction(request, context, { type: "milestone", id: milestoneId });
}

export default function MilestoneDiscussion() {
  const { milestone, comments, people, viewerId, canWrite } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as DiscussionFailure;
  const { t } = useT();
  return (
    <div className="stack">
      <p>
        <Link to={`../..#milestone-${milestone.id}`} relative="path">
          {t("collaboration.subjects.backToProject")}
        </Link>
      </p>
      <h2>{t("collaboration.subjects.milestoneHeading", { title: milestone.title })}</h2>
      <DiscussionThread
        comments={comments}
        people={people}
        viewerId={viewerId}
        canWrite={canWrite}
        failure={failure}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
