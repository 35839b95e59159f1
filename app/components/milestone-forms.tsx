/*
 * The project page's milestone forms: add or edit a milestone, and post an update. Each validates with its
 * schema from app/domain/milestones.ts; the route's one action tells them apart by `intent` and answers with
 * a MilestoneFormResult, which only the form it is about shows.
 */
import { Link, useActionData } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  AddMilestoneSchema,
  EditMilestoneSchema,
  MILESTONE_STATUSES,
  MilestoneUpdateSchema,
  type MilestoneIntent,
} from "~/domain/milestones";
import {
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
  useValidatedForm,
} from "~/forms/fields";
import type { FormFailure } from "~/forms/validation";
import { useT } from "~/i18n/react";

/**
 * The action's answer: refused input (the form's messages and what was typed, `message` for a refused or
 * conflicting change), or a notice of what was done.
 */
export type MilestoneFormResult =
  (FormFailure & { message?: string }) | { intent: MilestoneIntent; notice: string };

/** Which form an answer is about: the intent it was posted with. */
export function intentOf(result: MilestoneFormResult): string | undefined {
  return "notice" in result ? result.intent : result.values.intent;
}

/** The action's answer, when it is about the form of `intent`. */
function useIntentResult(intent: MilestoneIntent) {
  const result = useActionData<MilestoneFormResult>();
  return result && intentOf(result) === intent ? result : undefined;
}

/** Adds a milestone, or edits `milestone` against the version the form was opened on. */
export function MilestoneForm({
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
  const intent: MilestoneIntent = milestone ? "edit-milestone" : "add-milestone";
  const result = useIntentResult(intent);
  const { t } = useT();
  // An edit is made against the version the form was opened on, even if the page refreshes meanwhile:
  // a change by someone else then comes back as a conflict instead of being overwritten.
  const [baseVersion] = useState(milestone?.version ?? 1);
  const { form } = useValidatedForm(
    milestone ? EditMilestoneSchema : AddMilestoneSchema,
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
      <TextField form={form} name="title" label={t("milestones.form.title")} autoComplete="off" />
      <TextField form={form} name="dueDate" label={t("milestones.form.dueDate")} type="date" />
      {milestone ? null : (
        <SelectField
          form={form}
          name="status"
          label={t("milestones.form.status")}
          options={MILESTONE_STATUSES.filter((s) => s !== "done" && s !== "cancelled").map(
            (value) => ({
              value,
              label: t(`vocabulary.milestoneStatus.${value}`),
            }),
          )}
        />
      )}
      <TextField form={form} name="notes" label={t("milestones.form.notes")} autoComplete="off" />
      <div className="row">
        <SubmitButton name="intent" value={intent} pendingText={t("milestones.form.saving")}>
          {milestone ? t("milestones.form.save") : t("milestones.form.add")}
        </SubmitButton>
        {milestone ? (
          <Link to="." relative="path" className="button secondary" preventScrollReset>
            {t("milestones.form.cancel")}
          </Link>
        ) : null}
      </div>
    </ValidatedForm>
  );
}

function versionsOf(milestones: Array<{ id: string; version: number }>): Record<string, number> {
  return Object.fromEntries(milestones.map((m) => [m.id, m.version]));
}

/** Posts a dated note on a milestone, with an optional status change and evidence link. */
export function UpdateForm({
  milestones,
}: {
  milestones: Array<{ id: string; title: string; version: number; status: string }>;
}) {
  const result = useIntentResult("post-update");
  const { t, tm } = useT();
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
        label={t("milestones.form.milestone")}
        options={milestones.map((m) => ({ value: m.id, label: m.title }))}
      />
      <div className="field">
        <label htmlFor="field-note">{t("milestones.form.whatHappened")}</label>
        <textarea
          id="field-note"
          rows={3}
          aria-invalid={form.formState.errors.note ? true : undefined}
          aria-describedby={form.formState.errors.note ? "field-note-error" : undefined}
          {...form.register("note")}
        />
        {form.formState.errors.note ? (
          <p className="field-error" id="field-note-error" role="alert">
            {tm(String(form.formState.errors.note.message))}
          </p>
        ) : null}
      </div>
      <SelectField
        form={form}
        name="statusChange"
        label={t("milestones.form.changeStatus")}
        placeholder={t("milestones.form.keepStatus")}
        options={MILESTONE_STATUSES.map((value) => ({
          value,
          label: t(`vocabulary.milestoneStatus.${value}`),
        }))}
      />
      <TextField
        form={form}
        name="evidenceUrl"
        label={t("milestones.form.evidence")}
        type="url"
        placeholder="https://"
        hint={t("milestones.form.evidenceHint")}
      />
      <SubmitButton name="intent" value="post-update" pendingText={t("milestones.form.posting")}>
        {t("milestones.form.post")}
      </SubmitButton>
    </ValidatedForm>
  );
}
