/*
 * Discussions (ADR 140): comments and their mentions, as the signed-in member reads and writes them (user.db,
 * so row-level security decides: a thread on something the member cannot see does not exist for them).
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { refusalOf, sentenceOf } from "~/db/errors";
import { msg } from "~/i18n/message";
import { renderMarkdown } from "~/utils/markdown.server";
import { isUuid } from "./projects.server";

export type Subject =
  | { type: "project"; id: string }
  | { type: "milestone"; id: string }
  | { type: "pledge"; id: string }
  | { type: "technology_item"; id: string };

const COLUMN_OF = {
  project: "project_id",
  milestone: "milestone_id",
  pledge: "pledge_id",
  technology_item: "item_id",
} as const;

export interface CommentView {
  id: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  /** Safe HTML (app/utils/markdown.server.ts); null for a deleted comment's tombstone. */
  html: string | null;
  /** The Markdown, for its author's edit form. */
  body: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface Person {
  id: string;
  name: string;
}

/** The thread on `subject`, oldest first (replies are placed under their parents by the page). */
export async function listThread(tx: Queryable, subject: Subject): Promise<CommentView[]> {
  if (!isUuid(subject.id)) return [];
  const rows = await tx.query<Omit<CommentView, "html">>(
    `select c.id, c.parent_id as "parentId", c.created_by as "authorId",
            coalesce(nullif(btrim(p.display_name), ''), null) as "authorName", c.body,
            c.created_at as "createdAt", c.edited_at as "editedAt", c.deleted_at as "deletedAt"
       from public.comments c left join public.profiles p on p.id = c.created_by
      where c.subject_type = $1 and c.subject_id = $2
      order by c.created_at, c.id`,
    [subject.type, subject.id],
  );
  return rows.map((row) => ({ ...row, html: row.body === null ? null : renderMarkdown(row.body) }));
}

/**
 * The partnership's people who may see `subject` (the only ones who may be mentioned), by name. Asked of the
 * database per person (private.sees_subject_as), so the list follows the same rule as the refusal.
 */
export async function mentionablePeople(
  tx: Queryable,
  partnershipId: string,
  subject: Subject,
): Promise<Person[]> {
  if (!isUuid(subject.id)) return [];
  return tx.query<Person>(
    `select p.id, p.display_name as name
       from public.memberships m join public.profiles p on p.id = m.user_id
      where m.partnership_id = $1 and m.status = 'active' and p.id <> (select auth.uid())
        and nullif(btrim(p.display_name), '') is not null
        and private.sees_subject_as(p.id, $2, $3::uuid)
      order by p.display_name, p.id`,
    [partnershipId, subject.type, subject.id],
  );
}

/** The people named as "@Name" in `body` among `people` (longest names first, so "@Ann Lee" beats "@Ann"). */
export function mentionedIn(body: string, people: Person[]): string[] {
  const found = new Set<string>();
  const byLength = [...people].sort((a, b) => b.name.length - a.name.length);
  let rest = body;
  for (const person of byLength) {
    const token = `@${person.name}`;
    if (rest.includes(token)) {
      found.add(person.id);
      rest = rest.split(token).join(" ");
    }
  }
  return [...found];
}

export type CommentOutcome =
  | { ok: true; id: string }
  | { ok: false; status: 400 | 402 | 403 | 404 | 409 | 422; message: string };

function refused(error: unknown, fallback: string): CommentOutcome | null {
  const refusal = refusalOf(error);
  return refusal
    ? { ok: false, status: refusal.status, message: sentenceOf(refusal, fallback) }
    : null;
}

/** Posts a comment (a reply when `parentId` is set) and its mentions, in one transaction. */
export async function postComment(
  { user, partnership }: MemberContext,
  subject: Subject,
  input: { body: string; parentId: string | null; mentionIds: string[] },
): Promise<CommentOutcome> {
  if (!isUuid(subject.id) || (input.parentId && !isUuid(input.parentId))) {
    return { ok: false, status: 404, message: msg("collaboration.refusals.subjectNotFound") };
  }
  try {
    const id = await user.db(async (tx) => {
      const [comment] = await tx.query<{ id: string }>(
        `insert into public.comments (partnership_id, subject_type, ${COLUMN_OF[subject.type]}, parent_id, body)
         values ($1, $2, $3, $4, $5) returning id`,
        [partnership.id, subject.type, subject.id, input.parentId, input.body],
      );
      for (const person of new Set(input.mentionIds)) {
        await tx.query(
          "insert into public.comment_mentions (partnership_id, comment_id, mentioned_user_id) values ($1, $2, $3)",
          [partnership.id, comment!.id, person],
        );
      }
      return comment!.id;
    });
    return { ok: true, id };
  } catch (error) {
    const outcome = refused(error, msg("collaboration.refusals.subjectNotFound"));
    if (outcome) return outcome;
    throw error;
  }
}

/** Changes a comment's words (its author only; it is marked edited), or deletes them (a tombstone stays). */
export async function reviseComment(
  { user, partnership }: MemberContext,
  commentId: string,
  body: string | null,
): Promise<CommentOutcome> {
  if (!isUuid(commentId))
    return { ok: false, status: 404, message: msg("collaboration.refusals.commentNotFound") };
  try {
    const rows = await user.db((tx) =>
      tx.query<{ id: string }>(
        "update public.comments set body = $3 where id = $1 and partnership_id = $2 returning id",
        [commentId, partnership.id, body],
      ),
    );
    if (rows.length === 0)
      return { ok: false, status: 403, message: msg("collaboration.refusals.notAuthor") };
    return { ok: true, id: commentId };
  } catch (error) {
    const outcome = refused(error, msg("collaboration.refusals.commentNotFound"));
    if (outcome) return outcome;
    throw error;
  }
}
