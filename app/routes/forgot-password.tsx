import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { getAuth } from "~/auth/auth.server";
import { ForgotPasswordSchema } from "~/auth/schemas";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { parseForm } from "~/forms/parse.server";
import { RouteErrorMessage } from "~/root";
import { originOf } from "~/utils/origin.server";

export const meta: MetaFunction = () => [{ title: "Reset your password — Lodestone" }];

export async function action({ request }: ActionFunctionArgs) {
  const submission = await parseForm(request, ForgotPasswordSchema);
  if (!submission.ok) return submission.response;
  const { data } = submission;
  await (await getAuth()).sendPasswordReset(data.email, originOf(request));
  // The same answer whether or not the address has an account, so nobody can probe for accounts.
  return json({ sentTo: data.email });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { form, formError } = useValidatedForm(ForgotPasswordSchema);
  const sentTo = result && "sentTo" in result ? result.sentTo : null;
  return (
    <section className="card stack" style={{ maxWidth: "34rem" }} aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {sentTo ? (
        <div role="status" className="alert success">
          If {sentTo} has a Lodestone account, a link to choose a new password is on its way. It
          works for one hour.
        </div>
      ) : (
        <>
          <p className="muted">We will e-mail you a link to choose a new password.</p>
          <ValidatedForm form={form} formError={formError} className="form">
            <TextField
              form={form}
              name="email"
              label="E-mail address"
              type="email"
              autoComplete="email"
            />
            <SubmitButton pendingText="Sending…">Send the link</SubmitButton>
          </ValidatedForm>
        </>
      )}
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
