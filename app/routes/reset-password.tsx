import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getAuth } from "~/auth/auth.server";
import { MIN_PASSWORD_LENGTH, ResetPasswordSchema } from "~/auth/schemas";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { formFailure, parseForm } from "~/forms/parse.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = () => [{ title: "Choose a new password — Lodestone" }];

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
  const { form, formError } = useValidatedForm(ResetPasswordSchema, { token });
  return (
    <section className="card stack" style={{ maxWidth: "34rem" }} aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      {token ? (
        <ValidatedForm form={form} formError={formError} className="form">
          <input type="hidden" {...form.register("token")} />
          <TextField
            form={form}
            name="password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          />
          <TextField
            form={form}
            name="confirmPassword"
            label="The same password again"
            type="password"
            autoComplete="new-password"
          />
          <SubmitButton pendingText="Saving…">Save and sign in</SubmitButton>
        </ValidatedForm>
      ) : (
        <div role="alert" className="alert error">
          This address has no reset token. Open the link from your e-mail, or{" "}
          <Link to="/forgot-password">ask for a new one</Link>.
        </div>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
