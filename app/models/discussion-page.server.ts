/*
 * A discussion page's loader data and action, for any subject (a project, a milestone, a pledge): the route
 * finds the subject as the member (a 404 when they cannot see it), then hands it here. The thread, the people
 * who may be mentioned and every write are read and made as the member (ADR 140), so RLS decides.
 */
import { json, redirect } from "@remix-run/node";
import type { MemberContext } from "~/auth/auth.server";
import { CommentActionSchema, discussionFormValues } from "~/domain/discussion";
import { readForm, typedValues, validateForm } from "~/forms/parse.server";
import {
  listThread,
  mentionablePeople,
  mentionedIn,
  postComment,
  reviseComment,
  type Subject,
} from "./comments.server";

/** The roles that write in discussions (observers read them). */
const WRITERS = new Set(["delegate", "sponsor", "secretariat"]);

/** What a discussion page shows: the thread, who may be mentioned, and whether the member may write. */
export async function loadDiscussion(
  { user, partnership, membership }: MemberContext,
  subject: Subject,
) {
  const { comments, people } = await user.db(async (tx) => ({
    comments: await listThread(tx, subject),
    people: await mentionablePeople(tx, partnership.id, subject),
  }));
  return { comments, people, viewerId: user.id, canWrite: WRITERS.has(membership.role) };
}

/**
 * Post, reply, edit or delete, told apart by `intent`: back to the comment, or the refusal with what was typed.
 * The route has checked its path parameters before this reads the body.
 */
export async function discussionAction(request: Request, context: MemberContext, subject: Subject) {
  const read = await readForm(request);
  if (!read.ok) return read.response;
  return discussionFromForm(request, context, subject, read.formData);
}

/** The same, for a form already read (a page whose action also takes other forms). */
export async function discussionFromForm(
  request: Request,
  context: MemberContext,
  subject: Subject,
  form: FormData,
) {
  const submission = validateForm(form, CommentActionSchema, discussionFormValues);
  if (!submission.ok) return submission.response;
  const { data, formData } = submission;
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

export type DiscussionFailure =
  | { message?: string; values?: Record<string, string>; errors?: Record<string, string> }
  | undefined;

/** A milestone of the project, as the member sees it (null: no such milestone, or not theirs to see). */
export async function findMilestone(
  { user, partnership }: MemberContext,
  projectId: string,
  milestoneId: string,
): Promise<{ id: string; title: string; projectId: string } | null> {
  const [row] = await user.db((tx) =>
    tx.query<{ id: string; title: string; projectId: string }>(
      `select m.id, m.title, m.project_id as "projectId" from public.milestones m
        where m.id = $1 and m.project_id = $2 and m.partnership_id = $3`,
      [milestoneId, projectId, partnership.id],
    ),
  );
  return row ?? null;
}

/**
 * A pledge, as the member sees it (a draft only for its own government): its project, and its government's
 * code (named in the reader's language by the page).
 */
export async function findPledge(
  { user, partnership }: MemberContext,
  pledgeId: string,
): Promise<{ id: string; projectId: string; projectName: string; memberCode: string } | null> {
  const [row] = await user.db((tx) =>
    tx.query<{ id: string; projectId: string; projectName: string; memberCode: string }>(
      `select p.id, p.project_id as "projectId", pr.name as "projectName", m.code as "memberCode"
         from public.pledges p
         join public.projects pr on pr.id = p.project_id
         join public.members m on m.id = p.member_id
        where p.id = $1 and p.partnership_id = $2`,
      [pledgeId, partnership.id],
    ),
  );
  return row ?? null;
}
