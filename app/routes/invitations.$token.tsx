import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { getAuth, getOptionalUser } from "~/auth/auth.server";
import { acceptInvitation, findInvitation } from "~/auth/invitations.server";
import { AcceptInvitationSchema, JoinSchema, MIN_PASSWORD_LENGTH } from "~/auth/schemas";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { notFound, requireParam } from "~/forms/params.server";
import { formFailure, parseForm } from "~/forms/parse.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { getProfile } from "~/models/profile.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "auth.invitation.title") },
];

async function loadInvitation(token: string) {
  const invitation = await findInvitation(token);
  if (!invitation) throw notFound();
  return invitation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await loadInvitation(requireParam(params, "token", "token"));
  const user = await getOptionalUser(request);
  const profile = user ? await getProfile(user) : null;
  return json({
    invitation: {
      email: invitation.email,
      role: invitation.role,
      partnershipName: invitation.partnershipName,
      partnershipSlug: invitation.partnershipSlug,
      actsFor: invitation.actsFor,
      state: invitation.state,
      account: invitation.account,
    },
    signedInAs: user?.email ?? null,
    about: { displayName: profile?.displayName ?? "", organisation: profile?.organisation ?? "" },
    signInHref: `/sign-in?${new URLSearchParams({ redirectTo: new URL(request.url).pathname })}`,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = requireParam(params, "token", "token");
  const invitation = await loadInvitation(token);
  if (invitation.state !== "pending") {
    throw new Response(msg("auth.invitation.notPending"), { status: 410, statusText: "Gone" });
  }
  const user = await getOptionalUser(request);
  if (user) {
    if (user.email !== invitation.email) {
      throw new Response(msg("auth.invitation.otherAddress"), { status: 403 });
    }
    const submission = await parseForm(request, JoinSchema);
    if (!submission.ok) return submission.response;
    const accepted = await acceptInvitation({ token }, user.id, submission.data);
    if (!accepted) throw new Response(msg("auth.invitation.cannotAccept"), { status: 410 });
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
  const accepted = await acceptInvitation({ token }, userId, data);
  if (!accepted) throw new Response(msg("auth.invitation.cannotAccept"), { status: 410 });
  const signIn = await auth.signInWithPassword(request, invitation.email, data.password);
  if (!signIn.ok) {
    return formFailure({ form: msg("auth.invitation.readyToSignIn") }, new FormData());
  }
  throw redirect(`/p/${accepted.slug}`, { headers: signIn.headers });
}

type Invitation = ReturnType<typeof useLoaderData<typeof loader>>["invitation"];

/** What the invitee is asked about themselves, before they join (ADR 092). */
function AboutYouFields({
  form,
}: {
  form: ReturnType<typeof useValidatedForm<typeof JoinSchema>>["form"];
}) {
  const { t } = useT();
  return (
    <fieldset className="stack">
      <legend>{t("auth.invitation.aboutYou")}</legend>
      <TextField
        form={form}
        name="displayName"
        label={t("auth.invitation.displayName")}
        hint={t("auth.invitation.displayNameHint")}
        autoComplete="name"
      />
      <TextField
        form={form}
        name="organisation"
        label={t("auth.invitation.organisation")}
        hint={t("auth.invitation.organisationHint")}
        autoComplete="organization"
      />
    </fieldset>
  );
}

/** A signed-in invitee joins with one click, after saying who they are. */
function JoinForm({ invitation }: { invitation: Invitation }) {
  const { t } = useT();
  const { about } = useLoaderData<typeof loader>();
  const { form, formError } = useValidatedForm(JoinSchema, about);
  return (
    <ValidatedForm form={form} formError={formError} className="form">
      <AboutYouFields form={form} />
      <SubmitButton pendingText={t("auth.invitation.accepting")}>
        {t("auth.invitation.accept", { partnership: invitation.partnershipName })}
      </SubmitButton>
    </ValidatedForm>
  );
}

/** A new invitee says who they are and chooses a password. */
function CreateAccountForm({ invitation }: { invitation: Invitation }) {
  const { t } = useT();
  const { form, formError } = useValidatedForm(AcceptInvitationSchema);
  return (
    <ValidatedForm form={form} formError={formError} className="form">
      <AboutYouFields form={form as never} />
      <p>
        <Trans
          i18nKey="auth.invitation.choosePassword"
          values={{ email: invitation.email }}
          components={{ strong: <strong /> }}
        />
      </p>
      <TextField
        form={form}
        name="password"
        label={t("auth.invitation.password")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.invitation.passwordHint", { count: MIN_PASSWORD_LENGTH })}
      />
      <TextField
        form={form}
        name="confirmPassword"
        label={t("auth.invitation.confirm")}
        type="password"
        autoComplete="new-password"
      />
      <SubmitButton pendingText={t("auth.invitation.creating")}>
        {t("auth.invitation.create")}
      </SubmitButton>
    </ValidatedForm>
  );
}

/** An invitation that can no longer be accepted: what happened, and where to go now. */
function ClosedInvitation({ invitation }: { invitation: Invitation }) {
  const { t } = useT();
  const { signedInAs } = useLoaderData<typeof loader>();
  const partnership = invitation.partnershipName;
  if (invitation.state === "accepted") {
    const mine = signedInAs === invitation.email;
    return (
      <div role="status" className="alert success stack">
        <p>{t("auth.invitation.accepted")}</p>
        <p>
          {mine ? (
            <Link className="button" to={`/p/${invitation.partnershipSlug}`}>
              {t("auth.invitation.acceptedOpen", { partnership })}
            </Link>
          ) : (
            <Link
              className="button"
              to={`/sign-in?${new URLSearchParams({ redirectTo: `/p/${invitation.partnershipSlug}` })}`}
            >
              {t("auth.invitation.acceptedSignIn", { partnership })}
            </Link>
          )}
        </p>
      </div>
    );
  }
  return (
    <div role="alert" className="alert warning">
      {invitation.state === "expired"
        ? t("auth.invitation.expired", { partnership })
        : t("auth.invitation.revoked", { partnership })}
    </div>
  );
}

export default function InvitationPage() {
  const { invitation, signedInAs, signInHref } = useLoaderData<typeof loader>();
  const { t } = useT();
  const values = {
    partnership: invitation.partnershipName,
    role: t(`vocabulary.role.${invitation.role}`),
    actsFor: invitation.actsFor ?? "",
  };
  let body;
  if (invitation.state !== "pending") {
    body = <ClosedInvitation invitation={invitation} />;
  } else if (signedInAs && signedInAs !== invitation.email) {
    body = (
      <div role="alert" className="alert warning">
        {t("auth.invitation.otherAccount", { signedInAs, email: invitation.email })}
      </div>
    );
  } else if (signedInAs) {
    body = <JoinForm invitation={invitation} />;
  } else if (invitation.account === "set") {
    body = (
      <p>
        {t("auth.invitation.hasAccount", { email: invitation.email })}{" "}
        <Link className="button" to={signInHref}>
          {t("auth.invitation.signInToAccept")}
        </Link>
      </p>
    );
  } else {
    body = <CreateAccountForm invitation={invitation} />;
  }
  return (
    <section
      className="card stack"
      style={{ maxWidth: "40rem" }}
      aria-labelledby="invitation-title"
    >
      <h1 id="invitation-title">{t("auth.invitation.title")}</h1>
      <p className="lead">
        <Trans
          i18nKey={invitation.actsFor ? "auth.invitation.leadFor" : "auth.invitation.lead"}
          values={values}
          components={{ strong: <strong /> }}
        />
      </p>
      {body}
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
