import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { formFailure, readForm } from "~/forms/parse.server";
import { INPUT_MESSAGES } from "~/forms/messages";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { readPreferences, savePreferences } from "~/models/notifications.server";
import { CATEGORIES, DIGESTS, isCategory } from "~/notifications/categories";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "collaboration.settings.title") },
];

const SettingsSchema = z.object({ digest: z.enum(DIGESTS) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ preferences: await readPreferences(user) });
}

/** The ticked categories are mailed; the others are unsubscribed. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const form = read.formData;
  const parsed = SettingsSchema.safeParse({ digest: form.get("digest") });
  const categories = form.getAll("category").map(String);
  if (!parsed.success) return formFailure({ digest: INPUT_MESSAGES.chooseFromList }, form);
  if (!categories.every(isCategory))
    return formFailure({ category: INPUT_MESSAGES.chooseFromList }, form);
  const mailed = new Set(categories);
  await savePreferences(user, {
    digest: parsed.data.digest,
    unsubscribed: CATEGORIES.filter((category) => !mailed.has(category)),
  });
  return json({ saved: true });
}

export default function NotificationSettings() {
  const { preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { saved?: boolean } | undefined;
  const { t } = useT();
  return (
    <div className="stack narrow">
      <h1>{t("collaboration.settings.heading")}</h1>
      <p>{t("collaboration.settings.intro")}</p>
      {result?.saved ? (
        <p role="status" className="alert success">
          {t("collaboration.settings.saved")}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <fieldset>
          <legend>{t("collaboration.settings.categoriesLegend")}</legend>
          {CATEGORIES.map((category) => (
            <label key={category} className="checkbox">
              <input
                type="checkbox"
                name="category"
                value={category}
                defaultChecked={!preferences.unsubscribed.includes(category)}
              />{" "}
              {t(`collaboration.categories.${category}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("collaboration.settings.digestLegend")}</legend>
          {DIGESTS.map((digest) => (
            <label key={digest} className="checkbox">
              <input
                type="radio"
                name="digest"
                value={digest}
                defaultChecked={preferences.digest === digest}
              />{" "}
              {t(`collaboration.settings.digest.${digest}`)}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="button">
            {t("collaboration.settings.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
