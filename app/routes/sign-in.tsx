import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { getOptionalUser } from "~/auth/auth.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/auth/demo-accounts.server";
import { SignInSchema } from "~/auth/schemas";
import { safeRedirect, signInWithPassword } from "~/auth/sign-in.server";
import { getConfig, isEmbeddedDemo } from "~/config.server";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { formFailure, parseForm } from "~/forms/parse.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = () => [{ title: "Sign in — Lodestone" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  const demo = isEmbeddedDemo(getConfig());
  const demoAccounts: Array<{ email: string; role: string }> = demo ? [...DEMO_ACCOUNTS] : [];
  return json({ demoAccounts, demoPassword: demo ? DEMO_PASSWORD : null });
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
  const [searchParams] = useSearchParams();
  const { form, formError } = useValidatedForm(SignInSchema, {
    redirectTo: searchParams.get("redirectTo") ?? "",
  });
  return (
    <div className="auth-layout">
      <section className="card stack" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in</h1>
        <ValidatedForm form={form} formError={formError} className="form">
          <input type="hidden" {...form.register("redirectTo")} />
          <TextField
            form={form}
            name="email"
            label="E-mail address"
            type="email"
            autoComplete="username"
          />
          <TextField
            form={form}
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
          />
          <div className="row">
            <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
            <Link to="/forgot-password">Forgot your password?</Link>
          </div>
        </ValidatedForm>
      </section>
      {demoAccounts.length > 0 ? (
        <section className="card demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">Demo accounts</h2>
          <p className="muted">
            This is the embedded demo. Every account below uses the password{" "}
            <code>{demoPassword}</code>.
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Demo accounts and their roles</caption>
              <thead>
                <tr>
                  <th scope="col">E-mail</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {demoAccounts.map((account) => (
                  <tr key={account.email}>
                    <td>
                      <code>{account.email}</code>
                    </td>
                    <td>{account.role}</td>
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
