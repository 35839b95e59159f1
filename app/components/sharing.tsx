/*
 * What every shared item's pages have in common (rule 8, ADR 100): forms that share one page (each answers
 * only its own failure), the audience picker, who sees an item in words, and its history.
 */
import { useActionData } from "@remix-run/react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { MineralList, MineralName } from "~/components/mineral";
import type { FormFailure } from "~/forms/validation";
import { AUDIENCES, describeAudience, SetAudienceSchema, type Audience } from "~/domain/sharing";
import { SubmitButton, useFormAnswering, ValidatedForm } from "~/forms/fields";
import { MINERALS } from "~/domain/projects/vocabulary";
import { useFormat, useT } from "~/i18n/react";

/** A failure returned to one of several forms on a page: `intent` names the form it belongs to. */
export interface IntentFailure {
  intent?: string;
  errors: FormFailure["errors"];
  /** What was typed; repeated fields (minerals, governments) as lists. */
  values: Record<string, unknown>;
}

/**
 * react-hook-form with the route's zod schema, like useValidatedForm, for a page with several forms: the
 * server's messages and the typed values reach only the form whose `intent` posted.
 */
export function useIntentForm<Schema extends z.ZodType<FieldValues, FieldValues>>(
  schema: Schema,
  intent: string,
  defaultValues: Partial<z.input<Schema>> = {},
) {
  const data = useActionData<IntentFailure>() as IntentFailure | undefined;
  // A refusal at the body (a NUL character, app/forms/parse.server.ts) names no intent: its values do.
  const answered = data?.intent ?? data?.values?.intent ?? "";
  const failure = data && answered === intent ? data : undefined;
  return useFormAnswering(schema, defaultValues, failure);
}

type AnyForm = UseFormReturn<FieldValues, unknown, FieldValues>;

/** A field's message, translated, below a group of inputs. */
function GroupError({ form, name }: { form: AnyForm; name: string }) {
  const { tm } = useT();
  const message = form.formState.errors[name]?.message;
  return typeof message === "string" ? (
    <p className="field-error" id={`field-${name}-error`} role="alert">
      {tm(message)}
    </p>
  ) : null;
}

/** The minerals of an item, as ticks. */
export function MineralsField({
  form,
  legend,
}: {
  form: UseFormReturn<never, unknown, FieldValues>;
  legend: string;
}) {
  const anyForm = form as unknown as AnyForm;
  const invalid = Boolean(anyForm.formState.errors.minerals);
  return (
    <fieldset
      className="field checkbox-group"
      aria-describedby={invalid ? "field-minerals-error" : undefined}
      aria-invalid={invalid ? true : undefined}
    >
      <legend>{legend}</legend>
      <div className="checkbox-grid">
        {MINERALS.map((mineral) => (
          <label key={mineral} className="checkbox">
            <input type="checkbox" value={mineral} {...anyForm.register("minerals")} />{" "}
            <MineralName mineral={mineral} />
          </label>
        ))}
      </div>
      <GroupError form={anyForm} name="minerals" />
    </fieldset>
  );
}

/**
 * Who sees an item: the whole partnership, the governments ticked (and the secretariat if ticked too), or the
 * owning government alone. Without JavaScript every choice shows; with it, the list only for `chosen`.
 */
export function AudienceFieldset({
  form,
  governments,
}: {
  form: UseFormReturn<never, unknown, FieldValues>;
  governments: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { t } = useT();
  const anyForm = form as unknown as AnyForm;
  const audience = anyForm.watch("audience") as Audience | undefined;
  const showList = audience === undefined || audience === "chosen";
  const listInvalid = Boolean(anyForm.formState.errors.memberIds);
  return (
    <fieldset className="field audience-picker">
      <legend>{t("sharing.legend")}</legend>
      {AUDIENCES.map((value) => (
        <div key={value} className="audience-choice">
          <label className="radio">
            <input
              type="radio"
              value={value}
              aria-describedby={`audience-hint-${value}`}
              {...anyForm.register("audience")}
            />{" "}
            <strong>{t(`sharing.audience.${value}`)}</strong>
          </label>
          <p className="hint" id={`audience-hint-${value}`}>
            {t(`sharing.hint.${value}`)}
          </p>
        </div>
      ))}
      <GroupError form={anyForm} name="audience" />
      {showList ? (
        <fieldset
          className="checkbox-group audience-list"
          aria-describedby={listInvalid ? "field-memberIds-error" : undefined}
          aria-invalid={listInvalid ? true : undefined}
        >
          <legend>{t("sharing.governments")}</legend>
          <div className="checkbox-grid">
            {governments.map((government) => (
              <label key={government.id} className="checkbox">
                <input type="checkbox" value={government.id} {...anyForm.register("memberIds")} />{" "}
                {government.name}
              </label>
            ))}
            <label className="checkbox">
              <input type="checkbox" value="on" {...anyForm.register("includesSecretariat")} />{" "}
              {t("sharing.includeSecretariat")}
            </label>
          </div>
          <GroupError form={anyForm} name="memberIds" />
        </fieldset>
      ) : null}
    </fieldset>
  );
}

/** Who sees an item, in words: for its owner the list it chose; for anyone else, who shared it with them. */
export function AudienceSummary({
  item,
  list,
}: {
  item: { audience: Audience; includesSecretariat: boolean; mine: boolean; ownerName: string };
  list: ReadonlyArray<{ name: string }> | null;
}) {
  const { t, language } = useT();
  if (!item.mine) return <>{t("sharing.visibleToYou", { owner: item.ownerName })}</>;
  return (
    <>
      {describeAudience(
        item,
        (list ?? []).map((government) => government.name),
        {
          label: (audience) => t(`sharing.audience.${audience}`),
          secretariat: t("sharing.secretariat"),
          nobody: t("sharing.nobody"),
          language,
        },
      )}
    </>
  );
}

/** The fields of an item's history a reader is shown, and their names. */
const HISTORY_FIELDS = [
  "audience",
  "includes_secretariat",
  "title",
  "description",
  "category",
  "minerals",
  "trl",
  "holder_organisation",
  "licensing_terms",
  "export_controlled",
  "export_control_regime",
  "export_control_note",
  "status",
  "kind",
  "summary",
  "amount_minor",
  "currency",
  "starts_on",
  "target_on",
  "public_url",
  "message",
  "terms_summary",
  "agreed_on",
  "member_id",
  "meeting_id",
] as const;
type HistoryField = (typeof HISTORY_FIELDS)[number];
const isHistoryField = (field: string): field is HistoryField =>
  (HISTORY_FIELDS as readonly string[]).includes(field);

export interface HistoryEventView {
  id: string;
  at: string;
  actor: string | null;
  action: "insert" | "update" | "delete";
  table: string;
  changes: Array<{ field: string; before?: unknown; after?: unknown }>;
}

/** A status in the words of the table it belongs to. */
function statusKey(table: string, value: string) {
  if (table === "national_actions") return `actions.statuses.${value}` as const;
  if (table === "expressions_of_interest") return `technology.interest.statuses.${value}` as const;
  return `technology.statuses.${value}` as const;
}

function HistoryValue({
  field,
  value,
  names,
  table,
}: {
  field: HistoryField;
  value: unknown;
  names: Record<string, string>;
  table: string;
}) {
  const { t } = useT();
  const f = useFormat();
  if (value === null || value === undefined || value === "") return <>{t("common.none")}</>;
  if (typeof value === "boolean") return <>{value ? t("common.yes") : t("common.no")}</>;
  if (typeof value === "string" && names[value]) return <>{names[value]}</>;
  if (field === "minerals" && Array.isArray(value)) {
    return <MineralList minerals={value.map(String)} />;
  }
  if (
    (field === "agreed_on" || field === "starts_on" || field === "target_on") &&
    typeof value === "string"
  ) {
    return <>{f.day(value)}</>;
  }
  if (typeof value === "string" && field === "audience") {
    return <>{t(`sharing.audience.${value as Audience}`, { defaultValue: value })}</>;
  }
  if (typeof value === "string" && field === "status") {
    return <>{t(statusKey(table, value) as "technology.statuses.open", { defaultValue: value })}</>;
  }
  if (typeof value === "string" && field === "kind") {
    return <>{t(`actions.kinds.${value as "policy"}`, { defaultValue: value })}</>;
  }
  if (typeof value === "string" && field === "category") {
    return <>{t(`technology.categories.${value as "separation"}`, { defaultValue: value })}</>;
  }
  return <>{typeof value === "object" ? JSON.stringify(value) : String(value)}</>;
}

/** An item's history (its audit events the reader may see), newest first. */
export function ItemHistory({
  events,
  names,
}: {
  events: readonly HistoryEventView[];
  names: Record<string, string>;
}) {
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("sharing.history.title")}</h2>
      <p className="muted">{t("sharing.history.lead")}</p>
      {events.length === 0 ? (
        <p>{t("sharing.history.empty")}</p>
      ) : (
        <ol className="item-history">
          {events.map((event) => {
            const changes = event.changes.filter((change) => isHistoryField(change.field));
            return (
              <li key={event.id}>
                <p>
                  <strong>
                    {t(`sharing.history.table.${event.table as "shared_items"}`, {
                      defaultValue: event.table,
                    })}
                  </strong>{" "}
                  · {t(`sharing.history.action.${event.action}`)} ·{" "}
                  {event.actor ?? t("sharing.history.someone")} ·{" "}
                  <time dateTime={event.at}>{f.moment(event.at)}</time>
                </p>
                {changes.length > 0 ? (
                  <dl className="history-changes">
                    {changes.map((change) => (
                      <div key={change.field}>
                        <dt>{t(`sharing.history.fields.${change.field as HistoryField}`)}</dt>
                        <dd>
                          {event.action === "update" ? (
                            <>
                              <HistoryValue
                                field={change.field as HistoryField}
                                value={change.before}
                                names={names}
                                table={event.table}
                              />{" "}
                              →{" "}
                            </>
                          ) : null}
                          <HistoryValue
                            field={change.field as HistoryField}
                            value={event.action === "delete" ? change.before : change.after}
                            names={names}
                            table={event.table}
                          />
                        </dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/**
 * A labelled input or select with an id of its own, for forms repeated on one page (one per meeting, one per
 * conversation), where the shared fields' ids (`field-<name>`) would repeat.
 */
export function RepeatedField({
  form,
  name,
  id,
  label,
  options,
  placeholder,
  type = "text",
}: {
  form: UseFormReturn<never, unknown, FieldValues>;
  name: string;
  id: string;
  label: string;
  options?: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
  type?: string;
}) {
  const { tm } = useT();
  const anyForm = form as unknown as AnyForm;
  const message = anyForm.formState.errors[name]?.message;
  const errorId = `${id}-error`;
  const described = typeof message === "string" ? errorId : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {options ? (
        <select
          id={id}
          aria-invalid={described ? true : undefined}
          aria-describedby={described}
          {...anyForm.register(name)}
        >
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={type}
          aria-invalid={described ? true : undefined}
          aria-describedby={described}
          {...anyForm.register(name)}
        />
      )}
      {typeof message === "string" ? (
        <p className="field-error" id={errorId} role="alert">
          {tm(message)}
        </p>
      ) : null}
    </div>
  );
}

/** The fields of a shared item that say who sees it. */
interface AudienceOf {
  id: string;
  audienceVersion: number;
  audience: Audience;
  audienceList: ReadonlyArray<{ id: string; name: string }> | null;
  includesSecretariat: boolean;
  mine: boolean;
  ownerName: string;
}

/** Who sees the item and, for its own government, the form that changes it: an offer's or an action's page. */
export function SharingSection({
  item,
  governments,
}: {
  item: AudienceOf;
  governments: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="sharing-title">
      <h2 id="sharing-title">{t("sharing.sharedWith")}</h2>
      <p data-testid="audience">
        <AudienceSummary item={item} list={item.audienceList} />
      </p>
      {item.mine ? (
        <>
          <p className="muted small-print">{t("sharing.ownerNote")}</p>
          <AudienceForm key={item.audienceVersion} item={item} governments={governments} />
        </>
      ) : null}
    </section>
  );
}

function AudienceForm({
  item,
  governments,
}: {
  item: AudienceOf;
  governments: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { t } = useT();
  const { form, formError } = useIntentForm(SetAudienceSchema, "audience", {
    itemId: item.id,
    version: item.audienceVersion,
    audience: item.audience,
    memberIds: (item.audienceList ?? []).map((government) => government.id),
    includesSecretariat: item.includesSecretariat,
  });
  return (
    <details className="audience-change">
      <summary>{t("sharing.change")}</summary>
      <ValidatedForm form={form} formError={formError} className="form">
        <input type="hidden" name="intent" value="audience" />
        <input type="hidden" {...form.register("itemId")} />
        <input type="hidden" {...form.register("version")} />
        <AudienceFieldset form={form as never} governments={governments} />
        <SubmitButton name="intent" value="audience" pendingText={t("technology.form.saving")}>
          {t("sharing.save")}
        </SubmitButton>
      </ValidatedForm>
    </details>
  );
}
