import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { RepeatedField, useIntentForm } from "~/components/sharing";
import { DeleteMeetingSchema, MeetingSchema, PresentationSchema } from "~/domain/national-actions";
import { reaches, ROLES_FOR } from "~/domain/permissions";
import { SubmitButton, TextField, ValidatedForm } from "~/forms/fields";
import { intentFailure, parseSharingForm, refusedFailure } from "~/forms/sharing.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import {
  createMeeting,
  deleteMeeting,
  listMeetings,
  markPresented,
  unmarkPresented,
} from "~/models/meetings.server";
import { listNationalActions } from "~/models/national-actions.server";
import type { Refused } from "~/models/sharing.server";
import { RouteErrorMessage } from "~/root";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";
import { readForm } from "~/forms/parse.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "meetings.title") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.sharing);
  const manages = reaches(context.membership.role, "meetings");
  const [meetings, actions] = await Promise.all([
    listMeetings(context),
    manages ? listNationalActions(context) : Promise.resolve([]),
  ]);
  return json({
    slug: context.partnership.slug,
    manages,
    meetings,
    actions: actions.map(({ id, title, ownerName }) => ({ id, title, ownerName })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.meetings);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const intent = String(formData.get("intent") ?? "");
  const done = (outcome: { ok: true } | Refused) =>
    outcome.ok ? json({ intent, ok: true }) : refusedFailure(intent, outcome, formData);
  if (intent === "create") {
    const parsed = parseSharingForm(formData, MeetingSchema, intent);
    if (!parsed.ok) return parsed.response;
    return done(await createMeeting(context, parsed.data));
  }
  if (intent.startsWith("present:") || intent.startsWith("unpresent:")) {
    const parsed = parseSharingForm(formData, PresentationSchema, intent);
    if (!parsed.ok) return parsed.response;
    return done(
      await (intent.startsWith("present:")
        ? markPresented(context, parsed.data)
        : unmarkPresented(context, parsed.data)),
    );
  }
  if (intent.startsWith("delete:")) {
    const parsed = parseSharingForm(formData, DeleteMeetingSchema, intent);
    if (!parsed.ok) return parsed.response;
    return done(await deleteMeeting(context, parsed.data.meetingId));
  }
  return intentFailure(intent, { intent: msg("technology.detail.unknownIntent") }, formData);
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function NewMeeting() {
  const { t } = useT();
  const { form, formError } = useIntentForm(MeetingSchema, "create", {
    title: "",
    place: "",
    heldOn: "",
  });
  return (
    <section className="card" aria-labelledby="new-meeting-title">
      <h2 id="new-meeting-title">{t("meetings.record")}</h2>
      <ValidatedForm form={form} formError={formError} className="form">
        <input type="hidden" name="intent" value="create" />
        <TextField form={form} name="title" label={t("meetings.meetingTitle")} autoComplete="off" />
        <div className="two-up">
          <TextField form={form} name="place" label={t("meetings.place")} />
          <TextField form={form} name="heldOn" type="date" label={t("meetings.heldOn")} />
        </div>
        <SubmitButton name="intent" value="create" pendingText={t("meetings.saving")}>
          {t("meetings.save")}
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

function PresentAction({
  meeting,
  actions,
}: {
  meeting: Loaded["meetings"][number];
  actions: Loaded["actions"];
}) {
  const { t } = useT();
  const intent = `present:${meeting.id}`;
  const { form, formError } = useIntentForm(PresentationSchema, intent, {
    meetingId: meeting.id,
    actionId: "",
  });
  const presented = new Set(meeting.presented.map((action) => action.actionId));
  const options = actions
    .filter((action) => !presented.has(action.id))
    .map((action) => ({ value: action.id, label: `${action.ownerName} — ${action.title}` }));
  if (options.length === 0) return null;
  return (
    <ValidatedForm form={form} formError={formError} className="form inline-forms">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" {...form.register("meetingId")} />
      <RepeatedField
        form={form as never}
        name="actionId"
        id={`present-${meeting.id}`}
        label={t("meetings.presentAction")}
        placeholder={t("meetings.chooseAction")}
        options={options}
      />
      <SubmitButton name="intent" value={intent} pendingText={t("meetings.saving")}>
        {t("meetings.markPresented")}
      </SubmitButton>
    </ValidatedForm>
  );
}

export default function Meetings() {
  const { slug, manages, meetings, actions } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  return (
    <div className="stack">
      <h1>{t("meetings.title")}</h1>
      <p className="lead">{t("meetings.lead")}</p>
      {manages ? <NewMeeting /> : <p className="muted">{t("meetings.secretariatOnly")}</p>}
      {meetings.length === 0 ? (
        <p className="card">{t("meetings.none")}</p>
      ) : (
        meetings.map((meeting) => (
          <section
            key={meeting.id}
            id={`meeting-${meeting.id}`}
            className="card"
            aria-labelledby={`meeting-title-${meeting.id}`}
          >
            <h2 id={`meeting-title-${meeting.id}`}>{meeting.title}</h2>
            <p className="muted">
              {meeting.place} · <time dateTime={meeting.heldOn}>{f.day(meeting.heldOn)}</time>
            </p>
            <h3>{t("meetings.presented")}</h3>
            {meeting.presented.length === 0 ? (
              <p>{t("meetings.nonePresented")}</p>
            ) : (
              <ul>
                {meeting.presented.map((action) => (
                  <li key={action.presentationId}>
                    <Link to={`/p/${slug}/actions/${action.actionId}`}>{action.title}</Link> —{" "}
                    {action.ownerName} · {t(`actions.kinds.${action.kind}`)}
                    {manages ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="meetingId" value={meeting.id} />
                        <input type="hidden" name="actionId" value={action.actionId} />{" "}
                        <SubmitButton
                          className="button secondary"
                          name="intent"
                          value={`unpresent:${meeting.id}:${action.actionId}`}
                          pendingText={t("meetings.saving")}
                        >
                          {t("meetings.unmark")}
                        </SubmitButton>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {manages ? (
              <>
                <PresentAction meeting={meeting} actions={actions} />
                <Form method="post">
                  <input type="hidden" name="meetingId" value={meeting.id} />
                  <SubmitButton
                    className="button danger"
                    name="intent"
                    value={`delete:${meeting.id}`}
                    pendingText={t("meetings.saving")}
                  >
                    {t("meetings.remove")}
                  </SubmitButton>
                </Form>
              </>
            ) : null}
          </section>
        ))
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
