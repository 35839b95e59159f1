/*
 * A discussion thread: comments with their replies beneath, each author's own edit and delete, a reply form
 * under each comment and a new-comment form with the people who may be mentioned. Comments' HTML comes from
 * the server, already rendered from the Markdown subset and sanitised (app/utils/markdown.server.ts).
 */
import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { COMMENT_MAX } from "~/domain/discussion";
import { useFormat, useT } from "~/i18n/react";

export interface ThreadComment {
  id: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  html: string | null;
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

export interface ThreadPerson {
  id: string;
  name: string;
}

interface ThreadProps {
  comments: ThreadComment[];
  people: ThreadPerson[];
  viewerId: string;
  canWrite: boolean;
  /** What the person typed when their post was refused, and why. */
  failure?: { message?: string; values?: Record<string, string>; errors?: Record<string, string> };
}

export function DiscussionThread({ comments, people, viewerId, canWrite, failure }: ThreadProps) {
  const { t, tm } = useT();
  const roots = comments.filter((comment) => comment.parentId === null);
  const repliesOf = (id: string) => comments.filter((comment) => comment.parentId === id);
  const render = (comment: ThreadComment, depth: number) => (
    <li key={comment.id} className="comment" id={`comment-${comment.id}`}>
      <CommentBody comment={comment} viewerId={viewerId} canWrite={canWrite} people={people} />
      {repliesOf(comment.id).length > 0 ? (
        <ol className={depth < 3 ? "comment-replies" : "comment-replies flat"}>
          {repliesOf(comment.id).map((reply) => render(reply, depth + 1))}
        </ol>
      ) : null}
    </li>
  );
  return (
    <section aria-labelledby="discussion-heading" className="stack discussion" id="discussion">
      <h2 id="discussion-heading">{t("collaboration.comments.heading")}</h2>
      {failure?.message ? (
        <p role="alert" className="alert error">
          {tm(failure.message)}
        </p>
      ) : null}
      {roots.length === 0 ? <p className="muted">{t("collaboration.comments.empty")}</p> : null}
      {roots.length > 0 ? <ol className="comment-list">{roots.map((c) => render(c, 0))}</ol> : null}
      {canWrite ? (
        <CommentForm
          // A new form once the comment is posted (the thread grew), so the box is empty again.
          key={comments.length}
          intent="post"
          label={t("collaboration.comments.bodyLabel")}
          submit={t("collaboration.comments.post")}
          people={people}
          defaultValue={
            failure?.values?.intent === "post" && !failure.values.parentId
              ? failure.values.body
              : ""
          }
          error={failure?.values?.intent === "post" ? failure.errors?.body : undefined}
        />
      ) : null}
    </section>
  );
}

function CommentBody({
  comment,
  viewerId,
  canWrite,
  people,
}: {
  comment: ThreadComment;
  viewerId: string;
  canWrite: boolean;
  people: ThreadPerson[];
}) {
  const { t } = useT();
  const format = useFormat();
  const mine = comment.authorId === viewerId && comment.deletedAt === null;
  return (
    <article className="comment-card">
      <p className="comment-meta small-print">
        <strong>{comment.authorName ?? t("collaboration.someone.anonymous")}</strong>{" "}
        <time dateTime={comment.createdAt}>{format.moment(comment.createdAt)}</time>
        {comment.editedAt ? (
          <span className="muted"> · {t("collaboration.comments.edited")}</span>
        ) : null}
      </p>
      {comment.html === null ? (
        <p className="muted comment-tombstone">{t("collaboration.comments.deleted")}</p>
      ) : (
        // Rendered from the Markdown subset and sanitised on the server.
        <div className="comment-text" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {comment.deletedAt === null && canWrite ? (
        <div className="comment-actions">
          <details>
            <summary>{t("collaboration.comments.reply")}</summary>
            <CommentForm
              intent="post"
              parentId={comment.id}
              label={t("collaboration.comments.replyLabel")}
              submit={t("collaboration.comments.reply")}
              people={people}
            />
          </details>
          {mine ? (
            <>
              <details>
                <summary>{t("collaboration.comments.edit")}</summary>
                <CommentForm
                  intent="edit"
                  commentId={comment.id}
                  label={t("collaboration.comments.bodyLabel")}
                  submit={t("collaboration.comments.save")}
                  defaultValue={comment.body ?? ""}
                />
              </details>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="commentId" value={comment.id} />
                <button type="submit" className="button-link danger">
                  {t("collaboration.comments.delete")}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function CommentForm(props: {
  intent: "post" | "edit";
  parentId?: string;
  commentId?: string;
  label: string;
  submit: string;
  people?: ThreadPerson[];
  defaultValue?: string;
  error?: string;
}) {
  const { t, tm } = useT();
  const id = useId();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <Form method="post" className="stack comment-form" preventScrollReset>
      <input type="hidden" name="intent" value={props.intent} />
      {props.parentId ? <input type="hidden" name="parentId" value={props.parentId} /> : null}
      {props.commentId ? <input type="hidden" name="commentId" value={props.commentId} /> : null}
      <label htmlFor={`${id}-body`}>{props.label}</label>
      <textarea
        id={`${id}-body`}
        name="body"
        rows={4}
        required
        maxLength={COMMENT_MAX}
        defaultValue={props.defaultValue}
        aria-describedby={`${id}-help${props.error ? ` ${id}-error` : ""}`}
        aria-invalid={props.error ? true : undefined}
      />
      <p id={`${id}-help`} className="small-print muted">
        {t("collaboration.comments.bodyHelp")}
      </p>
      {props.error ? (
        <p id={`${id}-error`} className="field-error">
          {tm(props.error)}
        </p>
      ) : null}
      {props.people && props.people.length > 0 ? (
        <fieldset className="mention-list">
          <legend>{t("collaboration.comments.mentionLegend")}</legend>
          {props.people.map((person) => (
            <label key={person.id} className="checkbox">
              <input type="checkbox" name="mention" value={person.id} /> @{person.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {props.submit}
        </button>
      </div>
    </Form>
  );
}
