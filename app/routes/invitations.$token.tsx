import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getAuth, getOptionalUser } from "~/auth/auth.server";
import { acceptInvitation, findInvitation } from "~/auth/invitations.server";
import { AcceptInvitationSchema, MIN_PASSWORD_LENGTH } from "~/auth/schemas";
import { ROLE_LABELS } from "~/domain/permissions";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { notFound, requireParam } from "~/forms/params.server";
import { formFailure, parseForm } from "~/forms/parse.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = () => [{ title: "Your invitation — Lodestone" }];

async function loadInvitation(token: string) {
  const invitation = await findInvitation(token);
  if (!invitation) throw notFound();
  return invitation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await loadInvitation(requireParam(params, "token", "token"));
  const user = await getOptionalUser(request);
  return json({
    invitation: {
      email: invitation.email,
      role: invitation.role,
      partnershipName: invitation.partnershipName,
      actsFor: invitation.actsFor,
      state: invitation.state,
      account: invitation.account,
    },
    signedInAs: user?.email ?? null,
    signInHref: `/sign-in?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = requireParam(params, "token", "token");
  const invitation = await loadInvitation(token);
  if (invitation.state !== "pending") {
    throw new Response(`This invitation is ${invitation.state}.`, {
      status: 410,
      statusText: "Gone",
    });
  }
  const user = await getOptionalUser(request);
  if (user) {
    if (user.email !== invitation.email) {
      throw new Response("This invitation is for another e-mail address.", { status: 403 });
    }
    const accepted = await acceptInvitation({ token }, user.id);
    if (!accepted)
      throw new Response("This invitation can no longer be accepted.", { status: 410 });
    throw redirect(`/p/${accepted.slug}`);
  }
  if (invitation.account === "set") {
    throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: `/invitations/${token}` })}`);
  }
  const submission = await parseForm(request, AcceptInvitationSchema);
  if (!submission.ok) return submission.response;
  const { data } = submission;
  const auth = await getAuth();
  const userId =
    invitation.account === "unset" && invitation.userId
      ? (await auth.setPassword(invitation.userId, data.password), invitation.userId)
      : await auth.createUser(invitation.email, data.password);
  const accepted = await acceptInvitation({ token }, userId);
  if (!accepted) throw new Response("This invitation can no longer be accepted.", { status: 410 });
  const signIn = await auth.signInWithPassword(request, invitation.email, data.password);
  if (!signIn.ok)
    return formFailure({ form: "Your account is ready: sign in to continue." }, new FormData());
  throw redirect(`/p/${accepted.slug}`, { headers: signIn.headers });
}

export default function Invitation() {
  const { invitation, signedInAs, signInHref } = useLoaderData<typeof loader>();
  const { form, formError } = useValidatedForm(AcceptInvitationSchema);
  const what = (
    <p className="lead">
      You are invited to <strong>{invitation.partnershipName}</strong> as{" "}
      <strong>{ROLE_LABELS[invitation.role]}</strong>
      {invitation.actsFor ? <> for {invitation.actsFor}</> : null}.
    </p>
  );
  let body;
  if (invitation.state !== "pending") {
    body = (
      <div role="alert" className="alert warning">
        This invitation has{" "}
        {invitation.state === "expired" ? "expired" : `been ${invitation.state}`}. Ask the
        secretariat of {invitation.partnershipName} to invite you again.
      </div>
    );
  } else if (signedInAs && signedInAs !== invitation.email) {
    body = (
      <div role="alert" className="alert warning">
        You are signed in as {signedInAs}, but this invitation is for {invitation.email}. Sign out,
        then open the link again.
      </div>
    );
  } else if (signedInAs) {
    body = (
      <Form method="post">
        <SubmitButton pendingText="Joining…">
          Accept and open {invitation.partnershipName}
        </SubmitButton>
      </Form>
    );
  } else if (invitation.account === "set") {
    body = (
      <p>
        {invitation.email} already has a Lodestone account.{" "}
        <Link className="button" to={signInHref}>
          Sign in to accept
        </Link>
      </p>
    );
  } else {
    body = (
      <ValidatedForm form={form} formError={formError} className="form">
        <p>
          Choose a password for <strong>{invitation.email}</strong>.
        </p>
        <TextField
          form={form}
          name="password"
          label="Password"
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
        <SubmitButton pendingText="Creating your account…">Create account and join</SubmitButton>
      </ValidatedForm>
    );
  }
  return (
    <section
      className="card stack"
      style={{ maxWidth: "40rem" }}
      aria-labelledby="invitation-title"
    >
      <h1 id="invitation-title">Your invitation</h1>
      {what}
      {body}
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
