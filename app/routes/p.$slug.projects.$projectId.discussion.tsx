import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DiscussionThread } from "~/components/discussion";
import { requireParam } from "~/forms/params.server";
import { msg } from "~/i18n/message";
import {
  discussionAction,
  loadDiscussion,
  type DiscussionFailure,
} from "~/models/discussion-page.server";
import { getProjectIn } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const project = await context.user.db((tx) =>
    getProjectIn(tx, context.partnership.id, projectId),
  );
  if (!project) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  return json(await loadDiscussion(context, { type: "project", id: project.id }));
}

/** Post, reply, edit or delete: told apart by `intent`; a refusal keeps what was typed, with the reason. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  return discussionAction(request, context, { type: "project", id: projectId });
}

export default function ProjectDiscussion() {
  const { comments, people, viewerId, canWrite } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as DiscussionFailure;
  return (
    <DiscussionThread
      comments={comments}
      people={people}
      viewerId={viewerId}
      canWrite={canWrite}
      failure={failure}
    />
  );
}

export const ErrorBoundary = RouteErrorMessage;
