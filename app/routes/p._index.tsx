import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listMyPartnerships, requireUser } from "~/auth/auth.server";
import { acceptInvitation, listInvitationsFor } from "~/auth/invitations.server";
import { parseForm } from "~/forms/parse.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { RouteErrorMessage } from "~/root";
import { Trans } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "auth.partnerships.title") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [partnerships, invitations] = await Promise.all([
    listMyPartnerships(user),
    listInvitationsFor(user.email),
  ]);
  // One partnership and nothing to decide: go straight there.
  if (partnerships.length === 1 && invitations.length === 0) {
    throw redirect(`/p/${partnerships[0]?.slug}`);
  }
  return json({ partnerships, invitations });
}

const AcceptSchema = z.object({ invitationId: z.uuid() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseForm(request, AcceptSchema);
  if (!submission.ok) return submission.response;
  const { data } = submission;
  const accepted = await acceptInvitation({ invitationId: data.invitationId }, user.id);
  if (!accepted) throw new Response(msg("auth.invitation.cannotAccept"), { status: 410 });
  throw redirect(`/p/${accepted.slug}`);
}

export default function Partnerships() {
  const { partnerships, invitations } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="stack">
      <h1>{t("auth.partnerships.title")}</h1>
      {partnerships.length === 0 && invitations.length === 0 ? (
        <p className="card">{t("auth.partnerships.none")}</p>
      ) : null}
      <ul className="feature-grid plain-list">
        {partnerships.map((p) => (
          <li key={p.slug} className="card">
            <h2>
              <Link to={`/p/${p.slug}`}>{p.name}</Link>
            </h2>
            <p className="muted">{t(`vocabulary.role.${p.role}`)}</p>
          </li>
        ))}
      </ul>
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-title" className="stack">
          <h2 id="invitations-title">{t("auth.partnerships.invitations")}</h2>
          {invitations.map((invitation) => (
            <Form method="post" key={invitation.id} className="card row">
              <input type="hidden" name="invitationId" value={invitation.id} />
              <span>
                <Trans
                  i18nKey="auth.partnerships.invitationAs"
                  values={{
                    partnership: invitation.partnershipName,
                    role: t(`vocabulary.role.${invitation.role}`),
                  }}
                  components={{ strong: <strong /> }}
                />
              </span>
              <button type="submit" className="button">
                {t("auth.partnerships.accept")}
              </button>
            </Form>
          ))}
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
