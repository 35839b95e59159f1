/* The fields of a national action (the same on creation and edit; the audience picker only on creation). */
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { SelectField, TextField } from "~/forms/fields";
import { CURRENCIES } from "~/domain/currencies";
import { ACTION_KINDS, ACTION_STATUSES, type ActionStatus } from "~/domain/national-actions";
import { useT } from "~/i18n/react";
import { MineralsField } from "./sharing";

type AnyForm = UseFormReturn<FieldValues, unknown, FieldValues>;

export function ActionStatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useT();
  return <span className={`badge action-status-${status}`}>{t(`actions.statuses.${status}`)}</span>;
}

export function NationalActionFields({
  form,
}: {
  form: UseFormReturn<never, unknown, FieldValues>;
}) {
  const { t } = useT();
  const anyForm = form as unknown as AnyForm;
  const summaryError = anyForm.formState.errors.summary?.message;
  const { tm } = useT();
  return (
    <>
      <input type="hidden" {...anyForm.register("typedIn")} />
      <div className="two-up">
        <SelectField
          form={anyForm}
          name="kind"
          label={t("actions.form.kind")}
          placeholder={t("actions.form.chooseKind")}
          options={ACTION_KINDS.map((value) => ({ value, label: t(`actions.kinds.${value}`) }))}
        />
        <SelectField
          form={anyForm}
          name="status"
          label={t("actions.form.status")}
          placeholder={t("actions.form.chooseStatus")}
          options={ACTION_STATUSES.map((value) => ({
            value,
            label: t(`actions.statuses.${value}`),
          }))}
        />
      </div>
      <TextField form={anyForm} name="title" label={t("actions.form.title")} autoComplete="off" />
      <div className="field">
        <label htmlFor="field-summary">{t("actions.form.summary")}</label>
        <textarea
          id="field-summary"
          rows={5}
          aria-invalid={summaryError ? true : undefined}
          aria-describedby={summaryError ? "field-summary-error" : undefined}
          {...anyForm.register("summary")}
        />
        {typeof summaryError === "string" ? (
          <p className="field-error" id="field-summary-error" role="alert">
            {tm(summaryError)}
          </p>
        ) : null}
      </div>
      <MineralsField form={form} legend={t("actions.form.minerals")} />
      <div className="two-up">
        <TextField
          form={anyForm}
          name="amount"
          label={t("actions.form.amount")}
          hint={t("actions.form.amountHint")}
          inputMode="decimal"
          autoComplete="off"
        />
        <SelectField
          form={anyForm}
          name="currency"
          label={t("actions.form.currency")}
          placeholder={t("actions.form.chooseCurrency")}
          options={CURRENCIES.map((code) => ({ value: code, label: code }))}
        />
      </div>
      <div className="two-up">
        <TextField form={anyForm} name="startsOn" type="date" label={t("actions.form.startsOn")} />
        <TextField form={anyForm} name="targetOn" type="date" label={t("actions.form.targetOn")} />
      </div>
      <TextField
        form={anyForm}
        name="publicUrl"
        type="url"
        label={t("actions.form.publicUrl")}
        hint={t("actions.form.publicUrlHint")}
      />
    </>
  );
}
