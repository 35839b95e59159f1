import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DiscussionThread } from "~/components/discussion";
import { CommentActionSchema, discussionFormValues } from "~/domain/discussion";
import { requireParam } from "~/forms/params.server";
import { parseForm, typedValues } from "~/forms/parse.server";
import { msg } from "~/i18n/message";
import {
  listThread,
  mentionablePeople,
  mentionedIn,
  postComment,
  reviseComment,
} from "~/models/comments.server";
import { getProjectIn } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";

const WRITERS = new Set(["delegate", "sponsor", "secretariat"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, partnership, membership } = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const data = await user.db(async (tx) => {
    const project = await getProjectIn(tx, partnership.id, projectId);
    if (!project) return null;
    const subject = { type: "project" as const, id: project.id };
    return {
      comments: await listThread(tx, subject),
      people: await mentionablePeople(tx, partnership.id, subject),
    };
  });
  if (!data) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  return json({ ...data, viewerId: user.id, canWrite: WRITERS.has(membership.role) });
}

/** Post, reply, edit or delete: told apart by `intent`; a refusal keeps what was typed, with the reason. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const submission = await parseForm(request, CommentActionSchema, discussionFormValues);
  if (!submission.ok) return submission.response;
  const { data, formData } = submission;
  const subject = { type: "project" as const, id: projectId };
  let outcome;
  if (data.intent === "post") {
    const people = await context.user.db((tx) =>
      mentionablePeople(tx, context.partnership.id, subject),
    );
    outcome = await postComment(context, subject, {
      body: data.body,
      parentId: data.parentId,
      mentionIds: [...data.mention, ...mentionedIn(data.body, people)],
    });
  } else {
    outcome = await reviseComment(
      context,
      data.commentId,
      data.intent === "edit" ? data.body : null,
    );
  }
  if (!outcome.ok) {
    return json(
      { message: outcome.message, values: typedValues(formData), errors: {} },
      { status: outcome.status },
    );
  }
  return redirect(`${new URL(request.url).pathname}#comment-${outcome.id}`);
}

export default function ProjectDiscussion() {
  const { comments, people, viewerId, canWrite } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as
    | { message?: string; values?: Record<string, string>; errors?: Record<string, string> }
    | undefined;
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
