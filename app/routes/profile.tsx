import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { ProfileSchema } from "~/auth/schemas";
import {
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
  useValidatedForm,
} from "~/forms/fields";
import { readForm, validateForm } from "~/forms/parse.server";
import { LANGUAGE_NAMES, LANGUAGES } from "~/i18n/config";
import { rememberLanguage } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { getProfile, updateProfile } from "~/models/profile.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "auth.profile.title") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ profile: await getProfile(user) });
}

/**
 * Saves the person's name, organisation and language (ADR 092). A chosen language is remembered by this
 * browser too, as the switcher does; "as my browser asks" leaves the cookie as it is.
 */
export async function action({ request }: ActionFunctionArgs) {
  // The body first (ADR 067): a post that is not a form is refused as such, signed in or not.
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const user = await requireUser(request);
  const submission = validateForm(read.formData, ProfileSchema);
  if (!submission.ok) return submission.response;
  const { displayName, organisation, language } = submission.data;
  await updateProfile(user, { displayName, organisation, language: language || null });
  const headers = language
    ? { "Set-Cookie": await rememberLanguage(request, language) }
    : undefined;
  return json({ notice: msg("auth.profile.saved") }, { headers });
}

export default function ProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const result = useActionData<{ notice?: string }>();
  const { t, tm } = useT();
  const { form, formError } = useValidatedForm(ProfileSchema, {
    displayName: profile.displayName ?? "",
    organisation: profile.organisation ?? "",
    language: profile.language ?? "",
  });
  return (
    <section className="card stack" style={{ maxWidth: "40rem" }} aria-labelledby="profile-title">
      <h1 id="profile-title">{t("auth.profile.title")}</h1>
      <p className="muted">{t("auth.profile.lead")}</p>
      {result?.notice ? (
        <div role="status" className="alert success">
          {tm(result.notice)}
        </div>
      ) : null}
      <ValidatedForm form={form} formError={formError} className="form">
        <div className="field">
          <label htmlFor="profile-email">{t("auth.profile.email")}</label>
          <span className="hint" id="profile-email-hint">
            {t("auth.profile.emailHint")}
          </span>
          <input
            id="profile-email"
            type="email"
            value={profile.email}
            readOnly
            aria-describedby="profile-email-hint"
          />
        </div>
        <TextField
          form={form}
          name="displayName"
          label={t("auth.profile.displayName")}
          hint={t("auth.profile.displayNameHint")}
          autoComplete="name"
        />
        <TextField
          form={form}
          name="organisation"
          label={t("auth.profile.organisation")}
          hint={t("auth.profile.organisationHint")}
          autoComplete="organization"
        />
        <SelectField
          form={form}
          name="language"
          label={t("auth.profile.language")}
          hint={t("auth.profile.languageHint")}
          options={[
            { value: "", label: t("auth.profile.languageBrowser") },
            ...LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] })),
          ]}
        />
        <SubmitButton pendingText={t("auth.profile.saving")}>{t("auth.profile.save")}</SubmitButton>
      </ValidatedForm>
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
