/*
 * A milestone's or a pledge's own page holds its discussion and its documents (issue 14): one action takes the
 * upload (intent "upload", multipart) and the discussion's forms, read once at the input boundary after the
 * route has checked its path parameters and found the subject as the member.
 */
import { json } from "@remix-run/node";
import type { MemberContext } from "~/auth/auth.server";
import { readForm } from "~/forms/parse.server";
import type { Subject } from "./comments.server";
import { discussionFromForm, loadDiscussion } from "./discussion-page.server";
import { loadDocuments, uploadFromForm } from "./documents-page.server";

type PageSubject = Extract<Subject, { type: "milestone" | "pledge" }>;

export async function loadSubjectPage(context: MemberContext, subject: PageSubject) {
  return {
    discussion: await loadDiscussion(context, subject),
    documents: await loadDocuments(context, subject),
  };
}

export async function subjectPageAction(
  request: Request,
  context: MemberContext,
  subject: PageSubject,
) {
  const read = await readForm(request);
  if (!read.ok) return read.response;
  if (read.formData.get("intent") === "upload") {
    const { result, status } = await uploadFromForm(context, subject, read.formData);
    return json({ upload: result }, { status });
  }
  return discussionFromForm(request, context, subject, read.formData);
}

/** What the page's action answered, told apart: an upload's outcome, or the discussion's refusal. */
export type SubjectPageAnswer =
  | { upload: { ok: boolean; message: string } }
  | { message?: string; values?: Record<string, string>; errors?: Record<string, string> }
  | undefined;
