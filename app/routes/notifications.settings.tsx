import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { parseForm } from "~/forms/parse.server";
import { INPUT_MESSAGES } from "~/forms/messages";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { readPreferences, savePreferences } from "~/models/notifications.server";
import { CATEGORIES, DIGESTS } from "~/notifications/categories";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "collaboration.settings.title") },
];

/** The digest chosen, and the categories ticked (repeated `category` fields): the others are unsubscribed. */
const SettingsSchema = z.object({
  digest: z.enum(DIGESTS, INPUT_MESSAGES.chooseFromList),
  category: z.array(z.enum(CATEGORIES, INPUT_MESSAGES.chooseFromList)).default([]),
});

function settingsFormValues(formData: FormData) {
  return {
    digest: formData.get("digest") ?? undefined,
    category: formData.getAll("category").filter((v): v is string => typeof v === "string"),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ preferences: await readPreferences(user) });
}

/** The ticked categories are mailed; the others are unsubscribed. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, SettingsSchema, settingsFormValues);
  if (!submission.ok) return submission.response;
  const mailed = new Set<string>(submission.data.category);
  await savePreferences(user, {
    digest: submission.data.digest,
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
