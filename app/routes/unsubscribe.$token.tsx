/*
 * An unsubscribe link from a notification mail (ADR 142), usable without signing in. Opening it shows what it
 * will do; the button does it (a mail scanner that follows links must not unsubscribe anyone).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireParam } from "~/forms/params.server";
import { readForm } from "~/forms/parse.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { categoryOfLink, followUnsubscribeLink } from "~/notifications/unsubscribe.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "collaboration.unsubscribe.title") },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const category = await categoryOfLink(requireParam(params, "token", "signed"));
  return json({ category }, { status: category ? 200 : 404 });
}

/** The button's post (or a mail client's one-click post, RFC 8058): the token is the path, the body no more. */
export async function action({ request, params }: ActionFunctionArgs) {
  const token = requireParam(params, "token", "signed");
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const done = await followUnsubscribeLink(token);
  return json({ done }, { status: done ? 200 : 404 });
}

export default function Unsubscribe() {
  const { category } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="stack narrow">
      <h1>{t("collaboration.unsubscribe.title")}</h1>
      {category === null ? (
        <p role="alert">{t("collaboration.unsubscribe.invalid")}</p>
      ) : result && "done" in result && result.done ? (
        <p role="status" className="alert success">
          {t("collaboration.unsubscribe.done", {
            category: t(`collaboration.categories.${category}`),
          })}
        </p>
      ) : (
        <Form method="post" className="stack">
          <p>{t(`collaboration.categories.${category}`)}</p>
          <div>
            <button type="submit" className="button">
              {t("collaboration.unsubscribe.title")}
            </button>
          </div>
        </Form>
      )}
      <p>
        <Link to="/notifications/settings">{t("collaboration.unsubscribe.settings")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
