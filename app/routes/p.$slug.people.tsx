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
import { ROLE_LABELS, ROLES, ROLES_FOR } from "~/domain/permissions";
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
import {
  invitePerson,
  listInvitations,
  listInvitationTargets,
  listPeople,
  revokeInvitation,
  setMembershipStatus,
} from "~/models/people.server";
import { RouteErrorMessage } from "~/root";
import { formatMoment } from "~/utils/dates";
import { originOf } from "~/utils/origin.server";

export const meta: MetaFunction = () => [{ title: "People — Lodestone" }];

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
    return json({ notice: `Invitation sent to ${data.email}.` });
  }
  const submission = validateForm(read.formData, ManageSchema);
  if (!submission.ok) return submission.response;
  const { data } = submission;
  if (data.intent === "revoke-invitation") {
    await revokeInvitation(context, data.id);
    return json({ notice: "Invitation revoked." });
  }
  const outcome = await setMembershipStatus(
    context,
    data.id,
    data.intent === "revoke-membership" ? "revoked" : "active",
  );
  if (!outcome.ok) return json({ error: outcome.message }, { status: 409 });
  return json({
    notice: data.intent === "revoke-membership" ? "Access revoked." : "Access restored.",
  });
}

type PeopleData = SerializeFrom<typeof loader>;

/** Invites someone by e-mail, as a role and, for delegates and sponsors, for whom they act. */
function InviteForm({ targets }: { targets: PeopleData["targets"] }) {
  const { form, formError } = useValidatedForm(InviteSchema, { role: "delegate" });
  const role = form.watch("role");
  return (
    <section className="card stack" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <ValidatedForm form={form} formError={formError} className="form">
        <TextField
          form={form}
          name="email"
          label="E-mail address"
          type="email"
          autoComplete="off"
        />
        <SelectField
          form={form}
          name="role"
          label="Role"
          options={ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }))}
        />
        {role === "delegate" ? (
          <SelectField
            form={form}
            name="memberId"
            label="Government they represent"
            placeholder="Choose a government"
            options={targets.members.map((m) => ({ value: m.id, label: m.name }))}
          />
        ) : null}
        {role === "sponsor" ? (
          <SelectField
            form={form}
            name="sponsorOrganisationId"
            label="Sponsor organisation"
            placeholder="Choose an organisation"
            options={targets.sponsorOrganisations.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <SubmitButton name="intent" value="invite" pendingText="Sending…">
          Send invitation
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

/** The partnership's members, with revoking and restoring access. */
function MembersTable({ people }: { people: PeopleData["people"] }) {
  return (
    <section className="stack" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Acts for</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.membershipId}>
                <td>{person.email}</td>
                <td>{ROLE_LABELS[person.role]}</td>
                <td>{person.actsFor ?? "—"}</td>
                <td>
                  <span className="badge">{person.status}</span>
                </td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="id" value={person.membershipId} />
                    {person.status === "revoked" ? (
                      <button
                        className="button secondary small"
                        name="intent"
                        value="restore-membership"
                        aria-label={`Restore access for ${person.email}`}
                      >
                        Restore
                      </button>
                    ) : (
                      <button
                        className="button danger small"
                        name="intent"
                        value="revoke-membership"
                        aria-label={`Revoke access for ${person.email}`}
                      >
                        Revoke
                      </button>
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
  return (
    <section className="stack" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      {invitations.length === 0 ? <p className="muted">No invitations yet.</p> : null}
      {invitations.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Acts for</th>
                <th scope="col">State</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{ROLE_LABELS[invitation.role]}</td>
                  <td>{invitation.actsFor ?? "—"}</td>
                  <td>
                    <span className="badge">{invitation.state}</span>
                  </td>
                  <td>{formatMoment(invitation.expiresAt)}</td>
                  <td>
                    {invitation.state === "pending" ? (
                      <Form method="post">
                        <input type="hidden" name="id" value={invitation.id} />
                        <button
                          className="button secondary small"
                          name="intent"
                          value="revoke-invitation"
                          aria-label={`Revoke the invitation of ${invitation.email}`}
                        >
                          Revoke
                        </button>
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
  return (
    <div className="stack">
      <h1>People</h1>
      {result?.notice ? (
        <div role="status" className="alert success">
          {result.notice}
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {result.error}
        </div>
      ) : null}
      <InviteForm targets={targets} />

      <MembersTable people={people} />

      <InvitationsTable invitations={invitations} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
