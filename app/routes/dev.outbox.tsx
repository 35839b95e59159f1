import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { readOutbox } from "~/auth/outbox.server";
import { RouteErrorMessage } from "~/root";
import { formatMoment } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Outbox — Lodestone" }];

/** The mails the embedded mode would have sent. Exists only with local auth; a 404 everywhere else. */
export async function loader(_: LoaderFunctionArgs) {
  const messages = await readOutbox();
  if (!messages) throw new Response("Not found", { status: 404 });
  return json({ messages });
}

export default function Outbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Outbox</h1>
      <p className="muted">
        In the embedded mode Lodestone sends no mail: invitations and password-reset links land here
        and in the server log.
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
            <p>
              <a href={message.link}>{message.link}</a>
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
