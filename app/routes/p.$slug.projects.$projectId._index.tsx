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
import { TimelineChart } from "~/components/timeline";
import {
  daysLate,
  describeDue,
  isOverdue,
  MILESTONE_STATUS_LABELS,
  MilestoneActionSchema,
} from "~/domain/milestones";
import { allowedMoves } from "~/domain/permissions";
import { requireParam } from "~/forms/params.server";
import { parseForm, typedValues } from "~/forms/parse.server";
import {
  addMilestone,
  editMilestone,
  listProjectMilestones,
  listProjectUpdates,
  postMilestoneUpdate,
  type MilestoneOutcome,
} from "~/models/milestones.server";
import { getProjectIn } from "~/models/projects.server";
import { getPublicListing } from "~/models/publication.server";
import { PublicListingSection } from "~/components/public-listing";
import { RouteErrorMessage } from "~/root";
import * as clock from "~/utils/clock.server";
import { addMonths, formatDay, formatMoment } from "~/utils/dates";
import type { loader as projectLoader } from "./p.$slug.projects.$projectId";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const { user, partnership } = context;
  const projectId = requireParam(params, "projectId", "uuid");
  const data = await user.db(async (tx) => {
    const project = await getProjectIn(tx, partnership.id, projectId);
    if (!project) return null;
    return {
      publicListing: await getPublicListing(tx, context, project),
      today: clock.today(),
      esgNotes: project.esgNotes,
      latitude: project.latitude,
      longitude: project.longitude,
      createdAt: project.createdAt,
      milestones: await listProjectMilestones(tx, project.id),
      updates: await listProjectUpdates(tx, project.id),
    };
  });
  if (!data) throw new Response("Not found", { status: 404 });
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
      notice: `Milestone “${outcome.milestone.title}” added.`,
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
    notice: `Update posted on “${outcome.milestone.title}”.`,
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
  return (
    <section className="card" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <dl className="facts">
        <div className="wide">
          <dt>Environmental, social and governance notes</dt>
          <dd>{data.esgNotes ?? "None recorded."}</dd>
        </div>
        <div>
          <dt>Location</dt>
          <dd>
            {data.latitude && data.longitude ? (
              <>
                {Number(data.latitude).toFixed(4)}, {Number(data.longitude).toFixed(4)}{" "}
                <a
                  href={`https://www.openstreetmap.org/?mlat=${data.latitude}&mlon=${data.longitude}#map=9/${data.latitude}/${data.longitude}`}
                  rel="noopener noreferrer"
                >
                  Map<span className="visually-hidden"> of the project site (OpenStreetMap)</span>
                </a>
              </>
            ) : (
              "Not given"
            )}
          </dd>
        </div>
        <div>
          <dt>Registered</dt>
          <dd>{formatMoment(data.createdAt)}</dd>
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
  const editable = permissions.editMilestones;
  return (
    <div className="table-wrap">
      <table className="milestone-table">
        <thead>
          <tr>
            <th scope="col">Milestone</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">Timing</th>
            {editable ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
                </th>
                <td>
                  <time dateTime={m.dueDate}>{formatDay(m.dueDate)}</time>
                </td>
                <td>
                  <span className={`badge milestone-status status-${m.status}`}>
                    {MILESTONE_STATUS_LABELS[m.status]}
                  </span>
                </td>
                <td>
                  {late > 0 ? (
                    <span className="flag overdue">
                      Overdue · {late} {late === 1 ? "day" : "days"} late
                    </span>
                  ) : (
                    <span className="muted">{describeDue(m, today)}</span>
                  )}
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
                      Edit<span className="visually-hidden"> “{m.title}”</span>
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
  return (
    <div className="two-up">
      <section aria-labelledby="edit-milestone" className="stack">
        <h3 id="edit-milestone">{editing ? `Edit “${editing.title}”` : "Add a milestone"}</h3>
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
          <h3 id="post-update">Post an update</h3>
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
  const editable = layout.permissions.editMilestones;
  const span = timelineSpan(milestones, today);
  return (
    <section className="card stack" aria-labelledby="milestones-title">
      <h2 id="milestones-title">Milestones</h2>
      {milestones.length === 0 ? (
        <p className="muted">No milestones yet.{editable ? " Add the first one below." : ""}</p>
      ) : (
        <>
          <TimelineChart
            caption={`Milestones of ${layout.project.name} over time`}
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
              {moveNotice}
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
  return (
    <section className="card stack" aria-labelledby="updates-title">
      <h2 id="updates-title">Updates</h2>
      {updates.length === 0 ? (
        <p className="muted">No updates yet.</p>
      ) : (
        <ol className="updates-feed">
          {updates.map((update) => (
            <li key={update.id}>
              <p className="update-meta small-print">
                <time dateTime={String(update.createdAt)}>{formatMoment(update.createdAt)}</time> ·{" "}
                {update.author ?? "the system"} · on “{update.milestoneTitle}”
                {update.statusChange ? (
                  <>
                    {" "}
                    · status set to{" "}
                    <span className={`badge milestone-status status-${update.statusChange}`}>
                      {MILESTONE_STATUS_LABELS[update.statusChange]}
                    </span>
                  </>
                ) : null}
              </p>
              <p className="update-note">{update.note}</p>
              {update.evidenceUrl ? (
                <p className="small-print">
                  <a href={update.evidenceUrl} rel="noopener noreferrer nofollow">
                    Evidence
                    <span className="visually-hidden">
                      {" "}
                      for the update on “{update.milestoneTitle}”
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
  if (!layout) return null;
  const notice =
    result && "notice" in result
      ? result.notice
      : data.saved && !data.editing
        ? `Milestone “${data.saved}” saved.`
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
