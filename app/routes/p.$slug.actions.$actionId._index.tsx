import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { MineralList } from "~/components/mineral";
import { ActionStatusBadge } from "~/components/national-actions";
import { ItemHistory, SharingSection, useIntentForm } from "~/components/sharing";
import { PresentationSchema } from "~/domain/national-actions";
import { reaches, ROLES_FOR } from "~/domain/permissions";
import { SelectField, SubmitButton, ValidatedForm } from "~/forms/fields";
import {
  intentFailure,
  outcomeAnswer,
  parseSharingForm,
  sharedItemIntent,
} from "~/forms/sharing.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { listMeetings, markPresented, unmarkPresented } from "~/models/meetings.server";
import { getNationalAction } from "~/models/national-actions.server";
import { audienceOptions, getItemHistory, governmentNames } from "~/models/sharing.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";
import { readForm } from "~/forms/parse.server";
import { requireParam } from "~/forms/params.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  {
    title: data
      ? pageTitle(matches, "technology.detail.pageTitle", { title: data.item.title })
      : pageTitle(matches, "actions.title"),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.sharing);
  const item = await getNationalAction(context, requireParam(params, "actionId", "uuid"));
  if (!item) throw new Response(null, { status: 404 });
  const managesMeetings = reaches(context.membership.role, "meetings");
  const [history, names, governments, meetings] = await Promise.all([
    getItemHistory(context, item.id),
    governmentNames(context),
    item.mine ? audienceOptions(context) : Promise.resolve([]),
    managesMeetings ? listMeetings(context) : Promise.resolve([]),
  ]);
  for (const meeting of meetings) names[meeting.id] = meeting.title;
  return json({
    slug: context.partnership.slug,
    item,
    history,
    names,
    governments,
    managesMeetings,
    meetings: meetings.map(({ id, title, place, heldOn }) => ({ id, title, place, heldOn })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.sharing);
  const itemId = requireParam(params, "actionId", "uuid");
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const intent = String(formData.get("intent") ?? "");
  const shared = await sharedItemIntent(
    context,
    itemId,
    intent,
    formData,
    `/p/${context.partnership.slug}/actions`,
  );
  if (shared) return shared;
  if (intent === "present" || intent.startsWith("unpresent:")) {
    const parsed = parseSharingForm(formData, PresentationSchema, intent);
    if (!parsed.ok) return parsed.response;
    const input = { ...parsed.data, actionId: itemId };
    const outcome = await (intent === "present"
      ? markPresented(context, input)
      : unmarkPresented(context, input));
    return outcomeAnswer(intent, outcome, formData);
  }
  return intentFailure(intent, { intent: msg("technology.detail.unknownIntent") }, formData);
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["item"];

function Facts({ item }: { item: Item }) {
  const { t } = useT();
  const f = useFormat();
  const period =
    item.startsOn && item.targetOn
      ? t("actions.detail.period", { start: f.day(item.startsOn), target: f.day(item.targetOn) })
      : item.startsOn
        ? t("actions.detail.from", { start: f.day(item.startsOn) })
        : item.targetOn
          ? t("actions.detail.until", { target: f.day(item.targetOn) })
          : t("actions.detail.noDates");
  return (
    <dl className="facts">
      <div>
        <dt>{t("actions.government")}</dt>
        <dd>{item.ownerName}</dd>
      </div>
      <div>
        <dt>{t("actions.kind")}</dt>
        <dd>{t(`actions.kinds.${item.kind}`)}</dd>
      </div>
      <div>
        <dt>{t("actions.status")}</dt>
        <dd>
          <ActionStatusBadge status={item.status} />
        </dd>
      </div>
      <div>
        <dt>{t("actions.mineral")}</dt>
        <dd>
          {item.minerals.length ? <MineralList minerals={item.minerals} /> : t("common.none")}
        </dd>
      </div>
      <div>
        <dt>{t("actions.amount")}</dt>
        <dd>
          {item.amountMinor && item.currency
            ? f.money(item.amountMinor, item.currency)
            : t("actions.detail.noAmount")}
        </dd>
      </div>
      <div>
        <dt>{t("actions.dates")}</dt>
        <dd>{period}</dd>
      </div>
      <div className="wide">
        <dt>{t("actions.detail.summary")}</dt>
        <dd className="prose-block">{item.summary}</dd>
      </div>
      {item.publicUrl ? (
        <div className="wide">
          <dt>{t("actions.detail.publicLink")}</dt>
          <dd className="prose-block">
            <a href={item.publicUrl} rel="noreferrer noopener" target="_blank">
              {item.publicUrl}
            </a>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function PresentForm({
  item,
  meetings,
}: {
  item: Item;
  meetings: ReadonlyArray<{ id: string; title: string; place: string; heldOn: string }>;
}) {
  const { t } = useT();
  const f = useFormat();
  const { form, formError } = useIntentForm(PresentationSchema, "present", {
    actionId: item.id,
    meetingId: "",
  });
  const presented = new Set(item.presentedAt.map((p) => p.meetingId));
  const options = meetings
    .filter((meeting) => !presented.has(meeting.id))
    .map((meeting) => ({
      value: meeting.id,
      label: t("actions.detail.presentedAt", {
        title: meeting.title,
        place: meeting.place,
        day: f.day(meeting.heldOn),
      }),
    }));
  if (options.length === 0) return null;
  return (
    <ValidatedForm form={form} formError={formError} className="form inline-forms">
      <input type="hidden" name="intent" value="present" />
      <input type="hidden" {...form.register("actionId")} />
      <SelectField
        form={form}
        name="meetingId"
        label={t("meetings.presentAt")}
        placeholder={t("meetings.chooseMeeting")}
        options={options}
      />
      <SubmitButton name="intent" value="present" pendingText={t("meetings.saving")}>
        {t("meetings.markPresented")}
      </SubmitButton>
    </ValidatedForm>
  );
}

export default function NationalActionPage() {
  const { slug, item, history, names, governments, managesMeetings, meetings } =
    useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  const live = useLiveRevalidation(slug, undefined, true);
  return (
    <div className="stack">
      <nav aria-label={t("technology.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}/actions`}>{t("actions.title")}</Link>{" "}
        <span aria-hidden="true">/</span> <span aria-current="page">{item.title}</span>
      </nav>
      <div className="page-heading">
        <div>
          <p className="eyebrow">{t(`actions.kinds.${item.kind}`)}</p>
          <h1>{item.title}</h1>
          <p className="muted">
            <ActionStatusBadge status={item.status} /> ·{" "}
            {t("technology.detail.updated", { day: f.moment(item.updatedAt) })}
          </p>
        </div>
        <LiveIndicator status={live} />
      </div>

      <SharingSection item={item} governments={governments} />

      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">{t("technology.detail.about")}</h2>
        <Facts item={item} />
        {item.mine ? (
          <div className="page-actions">
            <Link className="button secondary" to={`/p/${slug}/actions/${item.id}/edit`}>
              {t("technology.detail.edit")}
            </Link>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="presented-title">
        <h2 id="presented-title">{t("actions.detail.presentedTitle")}</h2>
        {item.presentedAt.length === 0 ? (
          <p>{t("actions.detail.notPresented")}</p>
        ) : (
          <ul>
            {item.presentedAt.map((presentation) => (
              <li key={presentation.presentationId}>
                <Link to={`/p/${slug}/meetings#meeting-${presentation.meetingId}`}>
                  {t("actions.detail.presentedAt", {
                    title: presentation.title,
                    place: presentation.place,
                    day: f.day(presentation.heldOn),
                  })}
                </Link>
                {managesMeetings ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="meetingId" value={presentation.meetingId} />
                    <input type="hidden" name="actionId" value={item.id} />{" "}
                    <SubmitButton
                      className="button secondary"
                      name="intent"
                      value={`unpresent:${presentation.meetingId}`}
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
        {managesMeetings ? <PresentForm item={item} meetings={meetings} /> : null}
      </section>

      <ItemHistory events={history} names={names} />

      {item.mine ? (
        <section className="card" aria-labelledby="remove-title">
          <h2 id="remove-title">{t("technology.detail.remove")}</h2>
          <Form method="post">
            <SubmitButton
              className="button danger"
              name="intent"
              value="delete"
              pendingText={t("technology.detail.removing")}
            >
              {t("technology.detail.remove")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
