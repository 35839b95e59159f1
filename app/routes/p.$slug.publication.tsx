import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { ROLES_FOR } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import { msg } from "~/i18n/message";
import { parseForm } from "~/forms/parse.server";
import { getPublication, setPublished } from "~/models/publication.server";
import { RouteErrorMessage } from "~/root";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";

/** The open-data files, by their names (the same in every language: they are addresses). */
const OPEN_DATA_FILES = ["projects.json", "projects.csv", "iati.xml"] as const;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "publication.title") },
];

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
    message: published ? msg("publication.donePublished") : msg("publication.doneWithdrawn"),
  });
}

export default function Publication() {
  const { slug, publication } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, tm } = useT();
  const format = useFormat();
  const base = `/public/${slug}`;
  return (
    <div className="stack">
      <h1>{t("publication.title")}</h1>
      {result ? (
        <div
          role={"ok" in result && result.ok ? "status" : "alert"}
          className={`alert ${"ok" in result && result.ok ? "success" : ""}`}
        >
          {tm(
            "errors" in result
              ? (Object.values(result.errors)[0] ?? REFUSALS.publishChoice)
              : result.message,
          )}
        </div>
      ) : null}
      <p className="lead">{t("publication.intro")}</p>
      <section className="card stack" aria-labelledby="state-title">
        <h2 id="state-title">
          <span className={`badge ${publication.isPublished ? "success" : ""}`}>
            {publication.isPublished ? t("publication.published") : t("publication.notPublished")}
          </span>
        </h2>
        <Form method="post">
          <input
            type="hidden"
            name="published"
            value={publication.isPublished ? "false" : "true"}
          />
          <button type="submit" className={`button ${publication.isPublished ? "secondary" : ""}`}>
            {publication.isPublished ? t("publication.unpublish") : t("publication.publish")}
          </button>
        </Form>
        {publication.isPublished ? (
          <ul className="plain-list">
            <li>
              {t("publication.publicPage")} <Link to={base}>{base}</Link>
            </li>
            <li>
              {t("publication.openData")}{" "}
              {OPEN_DATA_FILES.map((file, index) => (
                <span key={file}>
                  {index > 0 ? t("common.listSeparator") : null}
                  <a href={`${base}/${file}`}>{file}</a>
                </span>
              ))}
            </li>
          </ul>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="kept-off-title">
        <h2 id="kept-off-title">{t("publication.keptOff")}</h2>
        {publication.keptOff.length === 0 ? (
          <p className="muted">{t("publication.noneKeptOff")}</p>
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
        <h2 id="history-title">{t("publication.history")}</h2>
        {publication.history.length === 0 ? (
          <p className="muted">{t("publication.noHistory")}</p>
        ) : (
          <ul className="plain-list" data-testid="publication-history">
            {publication.history.map((event) => (
              <li key={`${event.at}-${String(event.published)}`}>
                {t(event.published ? "publication.publishedBy" : "publication.withdrawnBy", {
                  moment: format.moment(event.at),
                  by: event.by ?? t("publication.someone"),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
