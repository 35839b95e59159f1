import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useState } from "react";
import { requireMember } from "~/auth/auth.server";
import { MoveForm, type MoveResult } from "~/components/board";
import {
  intentOf,
  MilestoneForm,
  UpdateForm,
  type MilestoneFormResult,
} from "~/components/milestone-forms";
import { ReleaseBadge } from "~/components/release-dialog";
import { TimelineChart } from "~/components/timeline";
import { daysLate, describeDue, isOverdue, MilestoneActionSchema } from "~/domain/milestones";
import { allowedMoves } from "~/domain/permissions";
import { requireParam } from "~/forms/params.server";
import { parseForm, typedValues } from "~/forms/parse.server";
import { msg } from "~/i18n/message";
import { useFormat, useT } from "~/i18n/react";
import {
  addMilestone,
  editMilestone,
  listProjectMilestones,
  listProjectUpdates,
  postMilestoneUpdate,
  type MilestoneOutcome,
} from "~/models/milestones.server";
import { readLivePledges } from "~/models/capital-stack.server";
import { getProjectWithGovernments } from "~/models/projects.server";
import { getPublicListing } from "~/models/publication.server";
import { PublicListingSection } from "~/components/public-listing";
import { withReleases } from "~/models/releases.server";
import { RouteErrorMessage } from "~/root";
import * as clock from "~/utils/clock.server";
import { addMonths } from "~/utils/dates";
import type { loader as projectLoader } from "./p.$slug.projects.$projectId";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const { user, partnership } = context;
  const projectId = requireParam(params, "projectId", "uuid");
  const data = await user.db(async (tx) => {
    const found = await getProjectWithGovernments(tx, partnership.id, projectId);
    if (!found) return null;
    const { project, governments } = found;
    const milestones = await listProjectMilestones(tx, project.id);
    // The layout's capital stack reads the same pledges: a GET reads them once (ADR 170).
    const pledges = await readLivePledges(tx, partnership.id, project.id);
    return {
      publicListing: getPublicListing(context, project),
      today: clock.today(),
      esgNotes: project.esgNotes,
      latitude: project.latitude,
      longitude: project.longitude,
      createdAt: project.createdAt,
      milestones: await withReleases(tx, milestones, pledges, governments),
      updates: await listProjectUpdates(tx, project.id, milestones),
    };
  });
  if (!data) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  const search = new URL(request.url).searchParams;
  const edit = search.get("edit");
  const saved = search.get("saved");
  return json({
    ...data,
    editing: data.milestones.find((m) => m.id === edit) ?? null,
    saved: data.milestones.find((m) => m.id === saved)?.title ?? null,
  });
}

/** The page's three forms, told apart by `intent`: add a milestone, edit one, post an update. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const submission = await parseForm(request, MilestoneActionSchema);
  if (!submission.ok) return submission.response;
  const { data, formData } = submission;
  /** A refused or conflicting change: the form keeps what was typed, with the reason above it. */
  const refused = (outcome: Exclude<MilestoneOutcome, { ok: true }>) =>
    json<MilestoneFormResult>(
      { errors: {}, values: typedValues(formData), message: outcome.message },
      { status: outcome.status },
    );
  if (data.intent === "add-milestone") {
    const outcome = await addMilestone(context, projectId, data);
    if (!outcome.ok) return refused(outcome);
    return json<MilestoneFormResult>({
      intent: data.intent,
      notice: msg("project.milestoneAdded", { title: outcome.milestone.title }),
    });
  }
  if (data.intent === "edit-milestone") {
    const outcome = await editMilestone(context, data);
    if (!outcome.ok) return refused(outcome);
    // Leave edit mode: back to the project, saying what was saved.
    return redirect(
      `/p/${context.partnership.slug}/projects/${projectId}?saved=${outcome.milestone.id}#milestone-${outcome.milestone.id}`,
    );
  }
  const outcome = await postMilestoneUpdate(context, data);
  if (!outcome.ok) return refused(outcome);
  return json<MilestoneFormResult>({
    intent: data.intent,
    notice: msg("project.updatePosted", { title: outcome.milestone.title }),
  });
}

type OverviewData = SerializeFrom<typeof loader>;
type Layout = SerializeFrom<typeof projectLoader>;

/** The months the project's timeline shows: from a month before its first milestone, 12 to 60 months. */
function timelineSpan(milestones: OverviewData["milestones"], today: string) {
  const months = milestones.map((m) => m.dueDate.slice(0, 7)).sort();
  const from = months.length
    ? addMonths(months[0] ?? today.slice(0, 7), -1)
    : addMonths(today.slice(0, 7), -3);
  const last = months[months.length - 1] ?? today.slice(0, 7);
  const [fy = 0, fm = 1] = from.split("-").map(Number);
  const [ly = 0, lm = 1] = last.split("-").map(Number);
  return { from, months: Math.min(60, Math.max(12, (ly - fy) * 12 + (lm - fm) + 2)) };
}

function DetailsSection({ data }: { data: OverviewData }) {
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">{t("project.details")}</h2>
      <dl className="facts">
        <div className="wide">
          <dt>{t("project.esgNotes")}</dt>
          <dd>{data.esgNotes ?? t("project.noneRecorded")}</dd>
        </div>
        <div>
          <dt>{t("project.location")}</dt>
          <dd>
            {data.latitude && data.longitude ? (
              <>
                {f.number(Number(data.latitude), 4)}, {f.number(Number(data.longitude), 4)}{" "}
                <a
                  href={`https://www.openstreetmap.org/?mlat=${data.latitude}&mlon=${data.longitude}#map=9/${data.latitude}/${data.longitude}`}
                  rel="noopener noreferrer"
                >
                  {t("project.map")}
                  <span className="visually-hidden">{t("project.mapOf")}</span>
                </a>
              </>
            ) : (
              t("project.notGiven")
            )}
          </dd>
        </div>
        <div>
          <dt>{t("project.registered")}</dt>
          <dd>{f.moment(data.createdAt)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The milestones as a table; editors get the move and edit controls on each row. */
function MilestoneTable({
  milestones,
  today,
  layout,
  onMove,
}: {
  milestones: OverviewData["milestones"];
  today: string;
  layout: Layout;
  onMove: (move: MoveResult) => void;
}) {
  const { slug, project, permissions, actor } = layout;
  const { t, tm } = useT();
  const f = useFormat();
  const editable = permissions.editMilestones;
  return (
    <div className="table-wrap">
      <table className="milestone-table">
        <thead>
          <tr>
            <th scope="col">{t("project.milestone")}</th>
            <th scope="col">{t("project.due")}</th>
            <th scope="col">{t("project.status")}</th>
            <th scope="col">{t("project.timing")}</th>
            {editable ? (
              <th scope="col">
                <span className="visually-hidden">{t("project.actions")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => {
            const late = daysLate(m, today);
            return (
              <tr
                key={m.id}
                id={`milestone-${m.id}`}
                className={isOverdue(m, today) ? "is-overdue" : undefined}
              >
                <th scope="row">
                  {m.title}
                  {m.notes ? <div className="small-print muted">{m.notes}</div> : null}
                  <div className="small-print">
                    <Link to={`milestones/${m.id}`}>
                      {t("collaboration.subjects.discussMilestone")}
                      <span className="visually-hidden"> “{m.title}”</span>
                    </Link>
                  </div>
                </th>
                <td>
                  <time dateTime={m.dueDate}>{f.day(m.dueDate)}</time>
                </td>
                <td>
                  <span className={`badge milestone-status status-${m.status}`}>
                    {t(`vocabulary.milestoneStatus.${m.status}`)}
                  </span>
                </td>
                <td>
                  {late > 0 ? (
                    <span className="flag overdue">{t("board.overdueLate", { count: late })}</span>
                  ) : (
                    <span className="muted">{tm(describeDue(m, today))}</span>
                  )}
                  {m.releases.length ? <ReleaseBadge releases={m.releases} /> : null}
                </td>
                {editable ? (
                  <td className="row-actions">
                    <MoveForm
                      card={{ ...m, moves: allowedMoves(actor, project, m.status) }}
                      action={`/p/${slug}/board`}
                      onResult={onMove}
                    />
                    <Link
                      to={`?edit=${m.id}#edit-milestone`}
                      className="button secondary small"
                      preventScrollReset
                    >
                      {t("project.edit")}
                      <span className="visually-hidden"> “{m.title}”</span>
                    </Link>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The editors' forms: add (or edit) a milestone, and post an update. */
function MilestoneEditors({ data, editConflict }: { data: OverviewData; editConflict: boolean }) {
  const { milestones, editing } = data;
  const { t } = useT();
  return (
    <div className="two-up">
      <section aria-labelledby="edit-milestone" className="stack">
        <h3 id="edit-milestone">
          {editing ? t("project.editTitle", { title: editing.title }) : t("project.addMilestone")}
        </h3>
        <MilestoneForm
          key={
            editing
              ? // Reopened on the current details after a conflict; kept while typing otherwise.
                `${editing.id}-${editConflict ? editing.version : "open"}`
              : "add"
          }
          milestone={editing}
        />
      </section>
      {milestones.length > 0 ? (
        <section aria-labelledby="post-update" className="stack">
          <h3 id="post-update">{t("project.postUpdate")}</h3>
          <UpdateForm milestones={milestones} />
        </section>
      ) : null}
    </div>
  );
}

function MilestonesSection({
  data,
  layout,
  editConflict,
}: {
  data: OverviewData;
  layout: Layout;
  editConflict: boolean;
}) {
  const [moveNotice, setMoveNotice] = useState<string | null>(null);
  const onMove = useCallback(
    (move: MoveResult) => setMoveNotice(move.ok ? null : (move.message ?? null)),
    [],
  );
  const { milestones, today } = data;
  const { t, tm } = useT();
  const editable = layout.permissions.editMilestones;
  const span = timelineSpan(milestones, today);
  return (
    <section className="card stack" aria-labelledby="milestones-title">
      <h2 id="milestones-title">{t("project.milestones")}</h2>
      {milestones.length === 0 ? (
        <p className="muted">{editable ? t("project.addFirst") : t("project.noMilestones")}</p>
      ) : (
        <>
          <TimelineChart
            caption={t("project.timelineCaption", { name: layout.project.name })}
            rows={milestones.map((m) => ({
              id: m.id,
              label: <span className="timeline-milestone-label">{m.title}</span>,
              items: [m],
            }))}
            from={span.from}
            months={span.months}
            today={today}
            hrefOf={(_row, item) => `#milestone-${item.id}`}
          />
          {moveNotice ? (
            <div role="alert" className="alert warning">
              {tm(moveNotice)}
            </div>
          ) : null}
          <MilestoneTable milestones={milestones} today={today} layout={layout} onMove={onMove} />
        </>
      )}
      {editable ? <MilestoneEditors data={data} editConflict={editConflict} /> : null}
    </section>
  );
}

function UpdatesFeed({ updates }: { updates: OverviewData["updates"] }) {
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="card stack" aria-labelledby="updates-title">
      <h2 id="updates-title">{t("project.updates")}</h2>
      {updates.length === 0 ? (
        <p className="muted">{t("project.noUpdates")}</p>
      ) : (
        <ol className="updates-feed">
          {updates.map((update) => (
            <li key={update.id}>
              <p className="update-meta small-print">
                <time dateTime={String(update.createdAt)}>{f.moment(update.createdAt)}</time> ·{" "}
                {t("project.updateMeta", {
                  who: update.author ?? t("project.theSystem"),
                  milestone: update.milestoneTitle,
                })}
                {update.statusChange ? (
                  <>
                    {" "}
                    · {t("project.statusSetTo")}{" "}
                    <span className={`badge milestone-status status-${update.statusChange}`}>
                      {t(`vocabulary.milestoneStatus.${update.statusChange}`)}
                    </span>
                  </>
                ) : null}
              </p>
              <p className="update-note">{update.note}</p>
              {update.evidenceUrl ? (
                <p className="small-print">
                  <a href={update.evidenceUrl} rel="noopener noreferrer nofollow">
                    {t("project.evidence")}
                    <span className="visually-hidden">
                      {t("project.evidenceFor", { milestone: update.milestoneTitle })}
                    </span>
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export default function ProjectOverview() {
  const data = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof projectLoader>("routes/p.$slug.projects.$projectId");
  const result = useActionData<MilestoneFormResult>();
  const { t, tm } = useT();
  if (!layout) return null;
  const notice =
    result && "notice" in result
      ? tm(result.notice)
      : data.saved && !data.editing
        ? t("project.milestoneSaved", { title: data.saved })
        : null;
  const editConflict = Boolean(
    result && "message" in result && intentOf(result) === "edit-milestone",
  );
  return (
    <div className="stack overview">
      {notice ? (
        <div role="status" className="alert success">
          {notice}
        </div>
      ) : null}
      <DetailsSection data={data} />
      {data.publicListing ? (
        <PublicListingSection
          listing={data.publicListing}
          action={`/p/${layout.slug}/projects/${layout.project.id}/public`}
        />
      ) : null}
      <MilestonesSection data={data} layout={layout} editConflict={editConflict} />
      <UpdatesFeed updates={data.updates} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
