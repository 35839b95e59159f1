import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans } from "react-i18next";
import { getOptionalUser } from "~/auth/auth.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/auth/demo-accounts.server";
import { SignInSchema } from "~/auth/schemas";
import { safeRedirect, signInWithPassword } from "~/auth/sign-in.server";
import { getConfig, isEmbeddedDemo } from "~/config.server";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { formFailure, parseForm } from "~/forms/parse.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "auth.signIn.title") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  const demo = isEmbeddedDemo(getConfig());
  return json({
    demoAccounts: demo ? [...DEMO_ACCOUNTS] : [],
    demoPassword: demo ? DEMO_PASSWORD : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, SignInSchema);
  if (!submission.ok) return submission.response;
  const { data, formData } = submission;
  const outcome = await signInWithPassword(request, context.clientIp, data.email, data.password);
  if (!outcome.ok) return formFailure({ form: outcome.message }, formData);
  throw redirect(safeRedirect(data.redirectTo), { headers: outcome.headers });
}

export default function SignIn() {
  const { demoAccounts, demoPassword } = useLoaderData<typeof loader>();
  const { t } = useT();
  const [searchParams] = useSearchParams();
  const { form, formError } = useValidatedForm(SignInSchema, {
    redirectTo: searchParams.get("redirectTo") ?? "",
  });
  return (
    <div className="auth-layout">
      <section className="card stack" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t("auth.signIn.title")}</h1>
        <ValidatedForm form={form} formError={formError} className="form">
          <input type="hidden" {...form.register("redirectTo")} />
          <TextField
            form={form}
            name="email"
            label={t("auth.signIn.email")}
            type="email"
            autoComplete="username"
          />
          <TextField
            form={form}
            name="password"
            label={t("auth.signIn.password")}
            type="password"
            autoComplete="current-password"
          />
          <div className="row">
            <SubmitButton pendingText={t("auth.signIn.pending")}>
              {t("auth.signIn.submit")}
            </SubmitButton>
            <Link to="/forgot-password">{t("auth.signIn.forgot")}</Link>
          </div>
        </ValidatedForm>
      </section>
      {demoAccounts.length > 0 ? (
        <section className="card demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{t("auth.signIn.demoTitle")}</h2>
          <p className="muted">
            <Trans
              i18nKey="auth.signIn.demoLead"
              values={{ password: demoPassword }}
              components={{ code: <code /> }}
            />
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("auth.signIn.demoCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("auth.signIn.demoEmail")}</th>
                  <th scope="col">{t("auth.signIn.demoRole")}</th>
                </tr>
              </thead>
              <tbody>
                {demoAccounts.map((account) => (
                  <tr key={account.email}>
                    <td>
                      <code>{account.email}</code>
                    </td>
                    <td>{t(account.role)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
