import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { InviteSchema } from "~/auth/schemas";
import { ROLES, ROLES_FOR } from "~/domain/permissions";
import {
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
  useValidatedForm,
} from "~/forms/fields";
import { INPUT_MESSAGES } from "~/forms/messages";
import { formFailure, readForm, validateForm } from "~/forms/parse.server";
import { uuid } from "~/forms/values";
import { LANGUAGE_NAMES, LANGUAGES } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import {
  invitePerson,
  listInvitations,
  listInvitationTargets,
  listPeople,
  revokeInvitation,
  setMembershipStatus,
} from "~/models/people.server";
import { ConfirmButton } from "~/components/confirm";
import { RouteErrorMessage } from "~/root";
import { originOf } from "~/utils/origin.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "people.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.people);
  const [people, invitations, targets] = await Promise.all([
    listPeople(context),
    listInvitations(context),
    listInvitationTargets(context),
  ]);
  return json({ people, invitations, targets, me: context.user.id });
}

const ManageSchema = z.object({
  intent: z.enum(
    ["revoke-membership", "restore-membership", "revoke-invitation"],
    INPUT_MESSAGES.chooseAction,
  ),
  id: uuid(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.people);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  if (read.formData.get("intent") === "invite") {
    const submission = validateForm(read.formData, InviteSchema);
    if (!submission.ok) return submission.response;
    const { data, formData } = submission;
    const outcome = await invitePerson(context, data, originOf(request));
    if (!outcome.ok) return formFailure({ [outcome.field]: outcome.message }, formData);
    return json({
      notice: msg(outcome.refreshed ? "people.invite.refreshed" : "people.invite.sent", {
        email: data.email,
      }),
    });
  }
  const submission = validateForm(read.formData, ManageSchema);
  if (!submission.ok) return submission.response;
  const { data } = submission;
  if (data.intent === "revoke-invitation") {
    await revokeInvitation(context, data.id);
    return json({ notice: msg("people.invitations.revoked") });
  }
  const outcome = await setMembershipStatus(
    context,
    data.id,
    data.intent === "revoke-membership" ? "revoked" : "active",
  );
  if (!outcome.ok) return json({ error: outcome.message }, { status: 409 });
  return json({
    notice: msg(
      data.intent === "revoke-membership" ? "people.members.revoked" : "people.members.restored",
    ),
  });
}

type PeopleData = SerializeFrom<typeof loader>;

/** Invites someone by e-mail, as a role and, for delegates and sponsors, for whom they act. */
function InviteForm({ targets }: { targets: PeopleData["targets"] }) {
  const { t, language } = useT();
  const { form, formError } = useValidatedForm(InviteSchema, { role: "delegate", language });
  const role = form.watch("role");
  return (
    <section className="card stack" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("people.invite.title")}</h2>
      <ValidatedForm form={form} formError={formError} className="form">
        <TextField
          form={form}
          name="email"
          label={t("people.invite.email")}
          type="email"
          autoComplete="off"
        />
        <SelectField
          form={form}
          name="role"
          label={t("people.invite.role")}
          options={ROLES.map((value) => ({ value, label: t(`vocabulary.role.${value}`) }))}
        />
        {role === "delegate" ? (
          <SelectField
            form={form}
            name="memberId"
            label={t("people.invite.government")}
            placeholder={t("people.invite.chooseGovernment")}
            options={targets.members.map((m) => ({ value: m.id, label: m.name }))}
          />
        ) : null}
        {role === "sponsor" ? (
          <SelectField
            form={form}
            name="sponsorOrganisationId"
            label={t("people.invite.sponsorOrganisation")}
            placeholder={t("people.invite.chooseOrganisation")}
            options={targets.sponsorOrganisations.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <SelectField
          form={form}
          name="language"
          label={t("people.invite.language")}
          options={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
        />
        <SubmitButton name="intent" value="invite" pendingText={t("people.invite.pending")}>
          {t("people.invite.submit")}
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

/** The partnership's members, by name, with revoking and restoring access. */
function MembersTable({ people }: { people: PeopleData["people"] }) {
  const { t } = useT();
  return (
    <section className="stack" aria-labelledby="members-title">
      <h2 id="members-title">{t("people.members.title")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("people.members.name")}</th>
              <th scope="col">{t("people.members.organisation")}</th>
              <th scope="col">{t("people.members.email")}</th>
              <th scope="col">{t("people.members.role")}</th>
              <th scope="col">{t("people.members.actsFor")}</th>
              <th scope="col">{t("people.members.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("people.members.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.membershipId}>
                <td>{person.name}</td>
                <td>{person.organisation ?? t("common.none")}</td>
                <td>{person.email}</td>
                <td>{t(`vocabulary.role.${person.role}`)}</td>
                <td>{person.actsFor ?? t("common.none")}</td>
                <td>
                  <span className="badge">{t(`vocabulary.membershipStatus.${person.status}`)}</span>
                </td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="id" value={person.membershipId} />
                    {person.status === "revoked" ? (
                      <button
                        className="button secondary small"
                        name="intent"
                        value="restore-membership"
                        aria-label={t("people.members.restoreFor", { name: person.name })}
                      >
                        {t("people.members.restore")}
                      </button>
                    ) : (
                      <ConfirmButton
                        className="button danger small"
                        name="intent"
                        value="revoke-membership"
                        aria-label={t("people.members.revokeFor", { name: person.name })}
                        message={t("everyday.confirm.revoke", { name: person.name })}
                        confirmLabel={t("everyday.confirm.revokeButton")}
                        pendingText={t("common.saving")}
                      >
                        {t("people.members.revoke")}
                      </ConfirmButton>
                    )}
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The latest invitations and their state, with revoking a pending one. */
function InvitationsTable({ invitations }: { invitations: PeopleData["invitations"] }) {
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="stack" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t("people.invitations.title")}</h2>
      {invitations.length === 0 ? <p className="muted">{t("people.invitations.none")}</p> : null}
      {invitations.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("people.invitations.email")}</th>
                <th scope="col">{t("people.invitations.role")}</th>
                <th scope="col">{t("people.invitations.actsFor")}</th>
                <th scope="col">{t("people.invitations.state")}</th>
                <th scope="col">{t("people.invitations.expires")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("people.invitations.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{t(`vocabulary.role.${invitation.role}`)}</td>
                  <td>{invitation.actsFor ?? t("common.none")}</td>
                  <td>
                    <span className="badge">
                      {t(`vocabulary.invitationState.${invitation.state}`)}
                    </span>
                  </td>
                  <td>{f.moment(invitation.expiresAt)}</td>
                  <td>
                    {invitation.state === "pending" ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={invitation.id} />
                        <ConfirmButton
                          className="button secondary small"
                          name="intent"
                          value="revoke-invitation"
                          aria-label={t("people.invitations.revokeFor", {
                            email: invitation.email,
                          })}
                          message={t("everyday.confirm.cancelInvitation", {
                            email: invitation.email,
                          })}
                          confirmLabel={t("everyday.confirm.cancelInvitationButton")}
                          pendingText={t("common.saving")}
                        >
                          {t("people.invitations.revoke")}
                        </ConfirmButton>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export default function People() {
  const { people, invitations, targets } = useLoaderData<typeof loader>();
  const result = useActionData<{ notice?: string; error?: string }>();
  const { t, tm } = useT();
  return (
    <div className="stack">
      <h1>{t("people.title")}</h1>
      {result?.notice ? (
        <div role="status" className="alert success">
          {tm(result.notice)}
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {tm(result.error)}
        </div>
      ) : null}
      <InviteForm targets={targets} />

      <MembersTable people={people} />

      <InvitationsTable invitations={invitations} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
