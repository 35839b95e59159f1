import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { getAuth, getOptionalUser } from "~/auth/auth.server";
import { ForgotPasswordSchema } from "~/auth/schemas";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { parseForm } from "~/forms/parse.server";
import { languageOf } from "~/i18n/i18n.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { getProfile } from "~/models/profile.server";
import { RouteErrorMessage } from "~/root";
import { originOf } from "~/utils/origin.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "auth.forgot.title") },
];

export async function action({ request }: ActionFunctionArgs) {
  const submission = await parseForm(request, ForgotPasswordSchema);
  if (!submission.ok) return submission.response;
  const { data } = submission;
  // The mail is in the language of the page that asked for it.
  const user = await getOptionalUser(request);
  const language = await languageOf(request, user ? (await getProfile(user)).language : null);
  await (await getAuth()).sendPasswordReset(data.email, originOf(request), language);
  // The same answer whether or not the address has an account, so nobody can probe for accounts.
  return json({ sentTo: data.email });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { t } = useT();
  const { form, formError } = useValidatedForm(ForgotPasswordSchema);
  const sentTo = result && "sentTo" in result ? result.sentTo : null;
  return (
    <section className="card stack" style={{ maxWidth: "34rem" }} aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("auth.forgot.title")}</h1>
      {sentTo ? (
        <div role="status" className="alert success">
          {t("auth.forgot.sent", { email: sentTo })}
        </div>
      ) : (
        <>
          <p className="muted">{t("auth.forgot.lead")}</p>
          <ValidatedForm form={form} formError={formError} className="form">
            <TextField
              form={form}
              name="email"
              label={t("auth.forgot.email")}
              type="email"
              autoComplete="email"
            />
            <SubmitButton pendingText={t("auth.forgot.pending")}>
              {t("auth.forgot.submit")}
            </SubmitButton>
          </ValidatedForm>
        </>
      )}
      <p>
        <Link to="/sign-in">{t("auth.forgot.back")}</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
