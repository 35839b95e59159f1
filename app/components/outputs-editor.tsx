/*
 * What a project will produce, as form fields: which reference group (mineral and stage), the capacity a year in
 * that group's unit (shown, never typed), and the first year of output. Used by the registration form (a list
 * of rows, `outputs.N.*`) and the project's "Outputs and supply" tab (one row). Uncontrolled inputs seeded from what the
 * server gave back, so a refused post never loses what was typed.
 */
import { useActionData } from "@remix-run/react";
import { useState } from "react";
import type { OutputGroupOption } from "~/domain/supply";
import type { FormFailure } from "~/forms/validation";
import { useT } from "~/i18n/react";

export interface OutputRowValues {
  group?: string;
  capacity?: string;
  firstYear?: string;
}

export function OutputFields({
  idPrefix,
  namePrefix,
  groups,
  values,
  errors,
  legend,
  onRemove,
}: {
  idPrefix: string;
  /** "" for a form of its own; "outputs.0." in the registration form's list. */
  namePrefix: string;
  groups: ReadonlyArray<OutputGroupOption>;
  values: OutputRowValues;
  errors: Record<string, string | undefined>;
  legend: string;
  onRemove?: () => void;
}) {
  const { t, tm } = useT();
  const [group, setGroup] = useState(values.group ?? "");
  const unit = groups.find((g) => g.value === group)?.unit;
  const field = (name: "group" | "capacity" | "firstYear") => {
    const id = `${idPrefix}-${name}`;
    const message = errors[name];
    return {
      id,
      name: `${namePrefix}${name}`,
      "aria-invalid": message ? true : undefined,
      "aria-describedby":
        [name === "capacity" ? `${id}-unit` : null, message ? `${id}-error` : null]
          .filter(Boolean)
          .join(" ") || undefined,
      error: message ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {tm(message)}
        </p>
      ) : null,
    };
  };
  const groupField = field("group");
  const capacityField = field("capacity");
  const yearField = field("firstYear");
  return (
    <fieldset className="output-row">
      <legend className="visually-hidden">{legend}</legend>
      <div className="field">
        <label htmlFor={groupField.id}>{t("supply.outputs.produces")}</label>
        <select
          id={groupField.id}
          name={groupField.name}
          value={group}
          onChange={(event) => setGroup(event.target.value)}
          aria-invalid={groupField["aria-invalid"]}
          aria-describedby={groupField["aria-describedby"]}
        >
          <option value="">{t("supply.outputs.chooseGroup")}</option>
          {groups.map((option) => (
            <option key={option.value} value={option.value}>
              {`${t("supply.outputs.group", { mineral: option.mineral, stage: option.stage })} (${option.unit})`}
            </option>
          ))}
        </select>
        {groupField.error}
      </div>
      <div className="field">
        <label htmlFor={capacityField.id}>{t("supply.outputs.capacity")}</label>
        <input
          id={capacityField.id}
          name={capacityField.name}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={values.capacity ?? ""}
          aria-invalid={capacityField["aria-invalid"]}
          aria-describedby={capacityField["aria-describedby"]}
        />
        <span className="unit" id={`${capacityField.id}-unit`}>
          {unit ? t("supply.outputs.inUnit", { unit }) : t("supply.outputs.inGroupUnit")}
        </span>
        {capacityField.error}
      </div>
      <div className="field">
        <label htmlFor={yearField.id}>{t("supply.outputs.firstYear")}</label>
        <input
          id={yearField.id}
          name={yearField.name}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={values.firstYear ?? ""}
          aria-invalid={yearField["aria-invalid"]}
          aria-describedby={yearField["aria-describedby"]}
        />
        {yearField.error}
      </div>
      {onRemove ? (
        <button type="button" className="button secondary small" onClick={onRemove}>
          {t("supply.outputs.remove")}
          <span className="visually-hidden"> {legend}</span>
        </button>
      ) : (
        <span />
      )}
    </fieldset>
  );
}

/** The registration form's outputs: rows `outputs.N.*`; blank rows are ignored by the server. */
export function OutputsFieldset({
  groups,
  initial = [],
}: {
  groups: ReadonlyArray<OutputGroupOption>;
  /** The project's outputs when it is revised (ADR 110); what was posted wins after a refusal. */
  initial?: ReadonlyArray<OutputRowValues>;
}) {
  const failure = useActionData<FormFailure>();
  const { t } = useT();
  const seeded = Object.fromEntries(
    initial.flatMap((row, index) =>
      Object.entries(row).map(([field, value]) => [`outputs.${index}.${field}`, value]),
    ),
  );
  const source: Record<string, unknown> = failure?.values ?? seeded;
  const posted = Object.keys(source)
    .map((key) => /^outputs\.(\d{1,2})\./.exec(key)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  const [rows, setRows] = useState<number[]>(() =>
    posted.length ? [...new Set(posted)].sort((a, b) => a - b) : [0],
  );
  const next = Math.max(-1, ...rows) + 1;
  return (
    <fieldset className="field outputs" aria-describedby="outputs-hint">
      <legend>{t("supply.outputs.legend")}</legend>
      <span className="hint" id="outputs-hint">
        {t("supply.outputs.hint")}
      </span>
      <div className="output-rows">
        {rows.map((index, position) => {
          const prefix = `outputs.${index}.`;
          return (
            <OutputFields
              key={index}
              idPrefix={`output-${index}`}
              namePrefix={prefix}
              groups={groups}
              legend={t("supply.outputs.output", { n: position + 1 })}
              values={{
                group: source[`${prefix}group`] as string | undefined,
                capacity: source[`${prefix}capacity`] as string | undefined,
                firstYear: source[`${prefix}firstYear`] as string | undefined,
              }}
              errors={{
                group: failure?.errors[`${prefix}group`],
                capacity: failure?.errors[`${prefix}capacity`],
                firstYear: failure?.errors[`${prefix}firstYear`],
              }}
              onRemove={
                rows.length > 1 ? () => setRows(rows.filter((row) => row !== index)) : undefined
              }
            />
          );
        })}
      </div>
      {rows.length < 20 ? (
        <div>
          <button
            type="button"
            className="button secondary small"
            onClick={() => setRows([...rows, next])}
          >
            {t("supply.outputs.addAnother")}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
