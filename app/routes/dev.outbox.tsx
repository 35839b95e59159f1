import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readOutbox } from "~/auth/outbox.server";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "auth.outbox.title") },
];

/**
 * The mails the embedded demo and development would have sent, for signed-in users only. A 404 wherever mail
 * really goes out (SMTP or Supabase Auth).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ messages: await readOutbox(request) });
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  return (
    <div className="stack">
      <h1>{t("auth.outbox.title")}</h1>
      <p className="muted">{t("auth.outbox.lead")}</p>
      {messages.length === 0 ? <p className="card">{t("auth.outbox.empty")}</p> : null}
      <ol className="plain-list stack">
        {messages.map((message) => (
          <li key={message.id} className="card">
            <h2>{message.subject}</h2>
            <p className="muted">
              {t("auth.outbox.to", { email: message.to_email, when: f.moment(message.created_at) })}
            </p>
            <p>{message.body.replace(message.link, "").trim()}</p>
            {message.link ? (
              <p>
                <a href={message.link}>{message.link}</a>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
