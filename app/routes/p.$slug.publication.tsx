import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { ROLES_FOR } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import { parseForm } from "~/forms/parse.server";
import { getPublication, setPublished } from "~/models/publication.server";
import { RouteErrorMessage } from "~/root";
import { formatMoment } from "~/utils/dates";

/** Every word of the page, in one place (ready for the catalogues). */
const TEXT = {
  title: "Public portfolio",
  intro:
    "When the partnership publishes, anyone can read its approved projects, their committed unconditional funding, milestones, outputs and the resilience summary at the public address below, and download them as open data. Drafts, projects under review, conditional pledges and projects their government keeps off are never public.",
  published: "Published",
  notPublished: "Not published",
  publish: "Publish the portfolio",
  unpublish: "Take the portfolio off the public web",
  publicPage: "Public page",
  openData: "Open data",
  history: "Publication history",
  noHistory: "The portfolio has never been published.",
  publishedBy: (by: string) => `published by ${by}`,
  withdrawnBy: (by: string) => `taken off by ${by}`,
  someone: "the system",
  keptOff: "Kept off by their government",
  noneKeptOff: "No approved project is kept off.",
  donePublished: "The portfolio is published.",
  doneWithdrawn: "The portfolio is no longer public.",
};

export const meta: MetaFunction = () => [{ title: `${TEXT.title} — Lodestone` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.publish);
  return json({ slug: context.partnership.slug, publication: await getPublication(context) });
}

const PublishSchema = z.object({
  published: z.enum(["true", "false"], { error: REFUSALS.publishChoice }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.publish);
  const submission = await parseForm(request, PublishSchema);
  if (!submission.ok) return submission.response;
  const published = submission.data.published === "true";
  const outcome = await setPublished(context, published);
  if (!outcome.ok) return json({ ok: false as const, message: outcome.message }, outcome.status);
  return json({
    ok: true as const,
    message: published ? TEXT.donePublished : TEXT.doneWithdrawn,
  });
}

export default function Publication() {
  const { slug, publication } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/public/${slug}`;
  return (
    <div className="stack">
      <h1>{TEXT.title}</h1>
      {result ? (
        <div
          role={"ok" in result && result.ok ? "status" : "alert"}
          className={`alert ${"ok" in result && result.ok ? "success" : ""}`}
        >
          {"errors" in result
            ? (Object.values(result.errors)[0] ?? REFUSALS.publishChoice)
            : result.message}
        </div>
      ) : null}
      <p className="lead">{TEXT.intro}</p>
      <section className="card stack" aria-labelledby="state-title">
        <h2 id="state-title">
          <span className={`badge ${publication.isPublished ? "success" : ""}`}>
            {publication.isPublished ? TEXT.published : TEXT.notPublished}
          </span>
        </h2>
        <Form method="post">
          <input
            type="hidden"
            name="published"
            value={publication.isPublished ? "false" : "true"}
          />
          <button type="submit" className={`button ${publication.isPublished ? "secondary" : ""}`}>
            {publication.isPublished ? TEXT.unpublish : TEXT.publish}
          </button>
        </Form>
        {publication.isPublished ? (
          <ul className="plain-list">
            <li>
              {TEXT.publicPage}: <Link to={base}>{base}</Link>
            </li>
            <li>
              {TEXT.openData}: <a href={`${base}/projects.json`}>projects.json</a>,{" "}
              <a href={`${base}/projects.csv`}>projects.csv</a>,{" "}
              <a href={`${base}/iati.xml`}>iati.xml</a>
            </li>
          </ul>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="kept-off-title">
        <h2 id="kept-off-title">{TEXT.keptOff}</h2>
        {publication.keptOff.length === 0 ? (
          <p className="muted">{TEXT.noneKeptOff}</p>
        ) : (
          <ul className="plain-list">
            {publication.keptOff.map((project) => (
              <li key={project.id}>
                <Link to={`/p/${slug}/projects/${project.id}`}>{project.name}</Link> —{" "}
                {project.government}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="history-title">
        <h2 id="history-title">{TEXT.history}</h2>
        {publication.history.length === 0 ? (
          <p className="muted">{TEXT.noHistory}</p>
        ) : (
          <ul className="plain-list" data-testid="publication-history">
            {publication.history.map((event) => (
              <li key={`${event.at}-${String(event.published)}`}>
                {formatMoment(event.at)}:{" "}
                {event.published
                  ? TEXT.publishedBy(event.by ?? TEXT.someone)
                  : TEXT.withdrawnBy(event.by ?? TEXT.someone)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
