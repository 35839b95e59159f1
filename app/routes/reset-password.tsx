import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { getAuth } from "~/auth/auth.server";
import { MIN_PASSWORD_LENGTH, ResetPasswordSchema } from "~/auth/schemas";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { formFailure, parseForm } from "~/forms/parse.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "auth.reset.title") },
];

export function loader({ request }: LoaderFunctionArgs) {
  return json({ token: new URL(request.url).searchParams.get("token") ?? "" });
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = await parseForm(request, ResetPasswordSchema);
  if (!submission.ok) return submission.response;
  const { data, formData } = submission;
  const outcome = await (await getAuth()).resetPassword(request, data.token, data.password);
  if (!outcome.ok) return formFailure({ form: outcome.message }, formData);
  throw redirect("/p", { headers: outcome.headers });
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const { t } = useT();
  const { form, formError } = useValidatedForm(ResetPasswordSchema, { token });
  return (
    <section className="card stack" style={{ maxWidth: "34rem" }} aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth.reset.title")}</h1>
      {token ? (
        <ValidatedForm form={form} formError={formError} className="form">
          <input type="hidden" {...form.register("token")} />
          <TextField
            form={form}
            name="password"
            label={t("auth.reset.password")}
            type="password"
            autoComplete="new-password"
            hint={t("auth.reset.passwordHint", { count: MIN_PASSWORD_LENGTH })}
          />
          <TextField
            form={form}
            name="confirmPassword"
            label={t("auth.reset.confirm")}
            type="password"
            autoComplete="new-password"
          />
          <SubmitButton pendingText={t("auth.reset.pending")}>
            {t("auth.reset.submit")}
          </SubmitButton>
        </ValidatedForm>
      ) : (
        <div role="alert" className="alert error">
          <Trans
            i18nKey="auth.reset.noToken"
            components={{ link: <Link to="/forgot-password" /> }}
          />
        </div>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
