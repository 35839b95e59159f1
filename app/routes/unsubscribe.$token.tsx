/*
 * An unsubscribe link from a notification mail (ADR 142), usable without signing in. Opening it shows what it
 * will do; the button does it (a mail scanner that follows links must not unsubscribe anyone).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { categoryOfLink, followUnsubscribeLink } from "~/notifications/unsubscribe.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "collaboration.unsubscribe.title") },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const category = await categoryOfLink(params.token ?? "");
  return json({ category }, { status: category ? 200 : 404 });
}

export async function action({ params }: ActionFunctionArgs) {
  const done = await followUnsubscribeLink(params.token ?? "");
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
      ) : result?.done ? (
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
