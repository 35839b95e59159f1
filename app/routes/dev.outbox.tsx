import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readOutbox } from "~/auth/outbox.server";
import { RouteErrorMessage } from "~/root";
import { formatMoment } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Outbox — Lodestone" }];

/**
 * The mails the embedded demo and development would have sent, for signed-in users only. A 404 wherever mail
 * really goes out (SMTP or Supabase Auth).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ messages: await readOutbox(request) });
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Outbox</h1>
      <p className="muted">
        In the embedded demo and in development Lodestone sends no mail: invitations and
        password-reset links land here and in the server log.
      </p>
      {messages.length === 0 ? <p className="card">No mail yet.</p> : null}
      <ol className="plain-list stack">
        {messages.map((message) => (
          <li key={message.id} className="card">
            <h2>{message.subject}</h2>
            <p className="muted">
              To {message.to_email} · {formatMoment(message.created_at)}
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
