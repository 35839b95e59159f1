import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useState } from "react";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { MoveForm, type MoveResult } from "~/components/board";
import { TimelineChart } from "~/components/timeline";
import {
  allowedMoves,
  daysLate,
  describeDue,
  isOverdue,
  MILESTONE_STATUS_LABELS,
  MILESTONE_STATUSES,
  MilestoneSchema,
  MilestoneUpdateSchema,
} from "~/domain/milestones";
import {
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
  useValidatedForm,
} from "~/forms/fields";
import { fieldErrorsFrom, type FormFailure } from "~/forms/validation";
import {
  addMilestone,
  editMilestone,
  listProjectMilestones,
  listProjectUpdates,
  postMilestoneUpdate,
  type MilestoneOutcome,
} from "~/models/milestones.server";
import { getProjectIn } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";
import * as clock from "~/utils/clock.server";
import { addMonths, formatDay, formatMoment } from "~/utils/dates";
import type { loader as projectLoader } from "./p.$slug.projects.$projectId";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, partnership } = await requireMember(request, params.slug);
  const data = await user.db(async (tx) => {
    const project = await getProjectIn(tx, partnership.id, params.projectId ?? "");
    if (!project) return null;
    return {
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

const AddSchema = MilestoneSchema.extend({
  status: z.enum(MILESTONE_STATUSES).default("planned"),
});
const EditSchema = MilestoneSchema.extend({
  milestoneId: z.uuid(),
  version: z.coerce.number().int().positive(),
});

type Intent = "add-milestone" | "edit-milestone" | "post-update";
type OverviewResult =
  (FormFailure & { intent: Intent; message?: string }) | { intent: Intent; notice: string };

/** What was typed, to give back with a refusal so nothing is lost. */
function typed(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") values[key] = value;
  return values;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const values = Object.fromEntries(formData);
  const invalid = (intent: Intent, error: z.ZodError) =>
    json<OverviewResult>(
      { errors: fieldErrorsFrom(error), values: typed(formData), intent },
      { status: 400 },
    );
  /** A refused or conflicting change: the form keeps what was typed, with the reason above it. */
  const refused = (intent: Intent, outcome: Exclude<MilestoneOutcome, { ok: true }>) =>
    json<OverviewResult>(
      { errors: {}, values: typed(formData), intent, message: outcome.message },
      { status: outcome.status },
    );
  const projectId = params.projectId ?? "";
  if (intent === "add-milestone") {
    const parsed = AddSchema.safeParse(values);
    if (!parsed.success) return invalid(intent, parsed.error);
    const outcome = await addMilestone(context, projectId, parsed.data);
    if (!outcome.ok) return refused(intent, outcome);
    return json<OverviewResult>({
      intent,
      notice: `Milestone “${outcome.milestone.title}” added.`,
    });
  }
  if (intent === "edit-milestone") {
    const parsed = EditSchema.safeParse(values);
    if (!parsed.success) return invalid(intent, parsed.error);
    const outcome = await editMilestone(context, parsed.data);
    if (!outcome.ok) return refused(intent, outcome);
    // Leave edit mode: back to the project, saying what was saved.
    return redirect(
      `/p/${context.partnership.slug}/projects/${projectId}?saved=${outcome.milestone.id}#milestone-${outcome.milestone.id}`,
    );
  }
  if (intent === "post-update") {
    const parsed = MilestoneUpdateSchema.safeParse(values);
    if (!parsed.success) return invalid(intent, parsed.error);
    const outcome = await postMilestoneUpdate(context, parsed.data);
    if (!outcome.ok) return refused(intent, outcome);
    return json<OverviewResult>({
      intent,
      notice: `Update posted on “${outcome.milestone.title}”.`,
    });
  }
  throw new Response("Unknown action", { status: 400 });
}

function useIntentResult(intent: Intent) {
  const result = useActionData<OverviewResult>();
  return result?.intent === intent ? result : undefined;
}

function MilestoneForm({
  milestone,
}: {
  milestone: {
    id: string;
    title: string;
    dueDate: string;
    notes: string | null;
    version: number;
  } | null;
}) {
  const intent: Intent = milestone ? "edit-milestone" : "add-milestone";
  const result = useIntentResult(intent);
  // An edit is made against the version the form was opened on, even if the page refreshes meanwhile:
  // a change by someone else then comes back as a conflict instead of being overwritten.
  const [baseVersion] = useState(milestone?.version ?? 1);
  const { form } = useValidatedForm(
    milestone ? EditSchema : AddSchema,
    milestone
      ? {
          title: milestone.title,
          dueDate: milestone.dueDate,
          notes: milestone.notes ?? "",
          milestoneId: milestone.id,
          version: baseVersion,
        }
      : { status: "planned" },
  );
  const { reset } = form;
  useEffect(() => {
    if (result && "notice" in result) {
      reset({ status: "planned", title: "", dueDate: "", notes: "" });
    }
  }, [result, reset]);
  const message = result && "message" in result ? result.message : undefined;
  return (
    <ValidatedForm form={form} formError={message} className="form compact-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      {milestone ? (
        <>
          <input type="hidden" name="milestoneId" value={milestone.id} />
          <input type="hidden" name="version" value={baseVersion} />
        </>
      ) : null}
      <TextField form={form} name="title" label="Title" autoComplete="off" />
      <TextField form={form} name="dueDate" label="Due date" type="date" />
      {milestone ? null : (
        <SelectField
          form={form}
          name="status"
          label="Status"
          options={MILESTONE_STATUSES.filter((s) => s !== "done" && s !== "cancelled").map(
            (value) => ({
              value,
              label: MILESTONE_STATUS_LABELS[value],
            }),
          )}
        />
      )}
      <TextField form={form} name="notes" label="Notes (optional)" autoComplete="off" />
      <div className="row">
        <SubmitButton name="intent" value={intent} pendingText="Saving…">
          {milestone ? "Save milestone" : "Add milestone"}
        </SubmitButton>
        {milestone ? (
          <Link to="." relative="path" className="button secondary" preventScrollReset>
            Cancel
          </Link>
        ) : null}
      </div>
    </ValidatedForm>
  );
}

function versionsOf(milestones: Array<{ id: string; version: number }>): Record<string, number> {
  return Object.fromEntries(milestones.map((m) => [m.id, m.version]));
}

function UpdateForm({
  milestones,
}: {
  milestones: Array<{ id: string; title: string; version: number; status: string }>;
}) {
  const result = useIntentResult("post-update");
  const first =
    milestones.find((m) => m.status !== "done" && m.status !== "cancelled") ?? milestones[0];
  const { form } = useValidatedForm(MilestoneUpdateSchema, {
    milestoneId: first?.id ?? "",
    version: first?.version ?? 1,
    statusChange: "",
  });
  const { reset, watch } = form;
  // A status change is made against the versions as the form last saw them: a live refresh of the page
  // does not move them on, so someone else's change meanwhile comes back as a conflict, not overwritten.
  // They move on after each answer (posted, refused or conflicting), when the page shows the fresh state.
  const [seen, setSeen] = useState({ result, versions: versionsOf(milestones) });
  if (seen.result !== result) setSeen({ result, versions: versionsOf(milestones) });
  const milestoneId = watch("milestoneId");
  const version =
    seen.versions[milestoneId] ?? milestones.find((m) => m.id === milestoneId)?.version ?? 1;
  useEffect(() => {
    if (result && "notice" in result) {
      reset({
        milestoneId: first?.id ?? "",
        version: first?.version ?? 1,
        statusChange: "",
        note: "",
        evidenceUrl: "",
      });
    }
  }, [result, reset, first?.id, first?.version]);
  const message = result && "message" in result ? result.message : undefined;
  return (
    <ValidatedForm form={form} formError={message} className="form compact-form" preventScrollReset>
      <input type="hidden" name="intent" value="post-update" />
      <input type="hidden" name="version" value={version} />
      <SelectField
        form={form}
        name="milestoneId"
        label="Milestone"
        options={milestones.map((m) => ({ value: m.id, label: m.title }))}
      />
      <div className="field">
        <label htmlFor="field-note">What happened</label>
        <textarea
          id="field-note"
          rows={3}
          aria-invalid={form.formState.errors.note ? true : undefined}
          aria-describedby={form.formState.errors.note ? "field-note-error" : undefined}
          {...form.register("note")}
        />
        {form.formState.errors.note ? (
          <p className="field-error" id="field-note-error" role="alert">
            {String(form.formState.errors.note.message)}
          </p>
        ) : null}
      </div>
      <SelectField
        form={form}
        name="statusChange"
        label="Change the status to (optional)"
        placeholder="Keep the current status"
        options={MILESTONE_STATUSES.map((value) => ({
          value,
          label: MILESTONE_STATUS_LABELS[value],
        }))}
      />
      <TextField
        form={form}
        name="evidenceUrl"
        label="Evidence link (optional)"
        type="url"
        placeholder="https://"
        hint="A report, permit or photo others in the partnership can open."
      />
      <SubmitButton name="intent" value="post-update" pendingText="Posting…">
        Post update
      </SubmitButton>
    </ValidatedForm>
  );
}

export default function ProjectOverview() {
  const data = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof projectLoader>("routes/p.$slug.projects.$projectId");
  const result = useActionData<OverviewResult>();
  const [moveNotice, setMoveNotice] = useState<string | null>(null);
  const onMove = useCallback(
    (move: MoveResult) => setMoveNotice(move.ok ? null : (move.message ?? null)),
    [],
  );
  if (!layout) return null;
  const { slug, project, permissions, actor } = layout;
  const { milestones, updates, today, editing } = data;
  const months = milestones.map((m) => m.dueDate.slice(0, 7)).sort();
  const from = months.length
    ? addMonths(months[0] ?? today.slice(0, 7), -1)
    : addMonths(today.slice(0, 7), -3);
  const last = months[months.length - 1] ?? today.slice(0, 7);
  const [fy = 0, fm = 1] = from.split("-").map(Number);
  const [ly = 0, lm = 1] = last.split("-").map(Number);
  const span = Math.min(60, Math.max(12, (ly - fy) * 12 + (lm - fm) + 2));
  const notice =
    result && "notice" in result
      ? result.notice
      : data.saved && !editing
        ? `Milestone “${data.saved}” saved.`
        : null;
  const editConflict = Boolean(result && "message" in result && result.intent === "edit-milestone");
  const editable = permissions.editMilestones;

  return (
    <div className="stack overview">
      {notice ? (
        <div role="status" className="alert success">
          {notice}
        </div>
      ) : null}
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

      <section className="card stack" aria-labelledby="milestones-title">
        <h2 id="milestones-title">Milestones</h2>
        {milestones.length === 0 ? (
          <p className="muted">No milestones yet.{editable ? " Add the first one below." : ""}</p>
        ) : (
          <>
            <TimelineChart
              caption={`Milestones of ${project.name} over time`}
              rows={milestones.map((m) => ({
                id: m.id,
                label: <span className="timeline-milestone-label">{m.title}</span>,
                items: [m],
              }))}
              from={from}
              months={span}
              today={today}
              hrefOf={(_row, item) => `#milestone-${item.id}`}
            />
            {moveNotice ? (
              <div role="alert" className="alert warning">
                {moveNotice}
              </div>
            ) : null}
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
          </>
        )}
        {editable ? (
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
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="updates-title">
        <h2 id="updates-title">Updates</h2>
        {updates.length === 0 ? (
          <p className="muted">No updates yet.</p>
        ) : (
          <ol className="updates-feed">
            {updates.map((update) => (
              <li key={update.id}>
                <p className="update-meta small-print">
                  <time dateTime={String(update.createdAt)}>{formatMoment(update.createdAt)}</time>{" "}
                  · {update.author ?? "the system"} · on “{update.milestoneTitle}”
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
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
