import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { z } from "zod";
import { readForm, validateForm } from "~/forms/parse.server";
import { optionalUuid } from "~/forms/values";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { markRead, readInbox } from "~/models/notifications.server";
import { notificationLink, notificationMessage } from "~/notifications/present";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "collaboration.inbox.title") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const inbox = await readInbox(context);
  return json({
    notifications: inbox.notifications.map((view) => ({
      id: view.id,
      message: notificationMessage(view),
      link: notificationLink(view),
      createdAt: view.createdAt,
      read: view.readAt !== null,
    })),
    unread: inbox.unread,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  // One notification by its id, or (no id) all of them.
  const submission = validateForm(read.formData, z.object({ id: optionalUuid() }));
  if (!submission.ok) return submission.response;
  await markRead(context, submission.data.id || null);
  return json({ ok: true });
}

export default function Inbox() {
  const { notifications, unread } = useLoaderData<typeof loader>();
  const { t, tm } = useT();
  const format = useFormat();
  return (
    <section className="stack inbox" aria-labelledby="inbox-heading">
      <div className="inbox-head">
        <h1 id="inbox-heading">{t("collaboration.inbox.heading")}</h1>
        <p className="muted" aria-live="polite">
          {t("collaboration.inbox.unreadBadge", { count: unread })}
        </p>
        <Link to="/notifications/settings">{t("collaboration.inbox.settings")}</Link>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" className="button">
              {t("collaboration.inbox.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="muted">{t("collaboration.inbox.empty")}</p>
      ) : (
        <ol className="inbox-list">
          {notifications.map((item) => (
            <li key={item.id} className={item.read ? "inbox-item" : "inbox-item unread"}>
              {item.read ? null : <span className="badge">{t("collaboration.inbox.unread")}</span>}{" "}
              <Link to={item.link}>{tm(item.message)}</Link>
              <p className="small-print muted">
                <time dateTime={item.createdAt}>{format.moment(item.createdAt)}</time>
              </p>
              {item.read ? null : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" className="button-link">
                    {t("collaboration.inbox.markRead")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
