/*
 * The new-pledge form: project, amount and currency, instrument, conditions, a co-funding rule builder and a
 * tranche schedule (react-hook-form's useFieldArray). The same zod schema checks it in the browser and on
 * the server; server messages land on the same fields, and a refused post keeps everything typed.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { useActionData } from "@remix-run/react";
import { useEffect, useMemo, type ComponentProps, type ReactNode } from "react";
import { get, useFieldArray, useForm, useWatch, type UseFormReturn } from "react-hook-form";
import { SubmitButton, ValidatedForm } from "~/forms/fields";
import type { FormFailure } from "~/forms/validation";
import { COMMON_CURRENCIES } from "~/domain/currencies";
import {
  INSTRUMENT_LABELS,
  INSTRUMENTS,
  MAX_TRANCHES,
  nestFormData,
  pledgeFormSchema,
  RULE_KIND_LABELS,
  RULE_KINDS,
  type PledgeFormValues,
} from "~/domain/pledges";
import {
  formatMoney,
  isCurrencyCode,
  parseAmount,
  splitEvenly,
  toDecimalString,
} from "~/utils/money";

export interface PledgeFormProps {
  reportingCurrency: string;
  projects: Array<{ id: string; name: string; currency: string }>;
  milestones: Array<{ id: string; projectId: string; title: string; dueDate: string }>;
  initialProjectId?: string;
  /** A draft's terms when it is edited (ADR 110); what was posted wins after a refusal. */
  initial?: Partial<PledgeFormValues>;
  /** Extra hidden fields (the version an edit is made against). */
  hidden?: Record<string, string | number>;
}

type Form = UseFormReturn<PledgeFormValues>;

function errorOf(form: Form, name: string): string | undefined {
  const message = (get(form.formState.errors, name) as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : undefined;
}

function Field({
  form,
  name,
  label,
  hint,
  children,
}: {
  form: Form;
  name: string;
  label: string;
  hint?: string;
  children: (props: {
    id: string;
    "aria-invalid"?: boolean;
    "aria-describedby"?: string;
  }) => ReactNode;
}) {
  const id = `field-${name.replace(/\./g, "-")}`;
  const message = errorOf(form, name);
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children({
        id,
        "aria-invalid": message ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {message ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function Input({
  form,
  name,
  label,
  hint,
  ...input
}: { form: Form; name: string; label: string; hint?: string } & Omit<
  ComponentProps<"input">,
  "name" | "form"
>) {
  return (
    <Field form={form} name={name} label={label} hint={hint}>
      {(aria) => <input {...aria} {...input} {...form.register(name as never)} />}
    </Field>
  );
}

function tryParse(text: string | undefined, currency: string): bigint | null {
  if (!text || !isCurrencyCode(currency)) return null;
  try {
    return parseAmount(text, currency, "en");
  } catch {
    return null;
  }
}

/** The form's state: the shared schema, defaults, what a refused post gave back, the server's messages. */
function usePledgeForm(
  reportingCurrency: string,
  projects: PledgeFormProps["projects"],
  initialProjectId: string | undefined,
  failure: FormFailure | undefined,
  initial: Partial<PledgeFormValues> = {},
): Form {
  const schema = useMemo(() => pledgeFormSchema(reportingCurrency), [reportingCurrency]);
  const returned = failure?.values
    ? (nestFormData(Object.entries(failure.values)) as Partial<PledgeFormValues>)
    : null;
  const initialCurrency =
    projects.find((project) => project.id === initialProjectId)?.currency ?? reportingCurrency;
  const form = useForm<PledgeFormValues>({
    resolver: zodResolver(schema as never) as never,
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: {
      projectId: initialProjectId ?? "",
      currency: initialCurrency,
      amount: "",
      instrument: "grant",
      conditions: "",
      ruleKind: "none",
      ruleMembers: "",
      ruleAmount: "",
      ruleRatio: "1",
      ruleCap: "",
      tranches: [{ amount: "", dueDate: "", milestoneId: "" }],
      ...initial,
      ...(returned ?? {}),
    },
  });
  const { setError } = form;
  useEffect(() => {
    for (const [name, message] of Object.entries(failure?.errors ?? {})) {
      if (name !== "form") setError(name as never, { type: "server", message });
    }
  }, [failure, setError]);
  return form;
}

/** The pledge itself: project, amount and currency, instrument, conditions. */
function PledgeTerms({
  form,
  projects,
  reportingCurrency,
}: {
  form: Form;
  projects: PledgeFormProps["projects"];
  reportingCurrency: string;
}) {
  const currencies = Array.from(
    new Set([...COMMON_CURRENCIES, reportingCurrency, ...projects.map((p) => p.currency)]),
  ).sort();
  return (
    <fieldset>
      <legend id="pledge-form-title">The pledge</legend>
      <Field form={form} name="projectId" label="Project" hint="Approved projects only.">
        {(aria) => (
          <select {...aria} {...form.register("projectId")}>
            <option value="">Choose a project</option>
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name} ({project.currency})
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-grid">
        <Input
          form={form}
          name="amount"
          label="Amount"
          inputMode="decimal"
          autoComplete="off"
          hint="In major units, e.g. 25,000,000 (JPY and KRW have no decimals)."
        />
        <Field form={form} name="currency" label="Currency">
          {(aria) => (
            <select {...aria} {...form.register("currency")}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field form={form} name="instrument" label="Instrument">
          {(aria) => (
            <select {...aria} {...form.register("instrument")}>
              {INSTRUMENTS.map((instrument) => (
                <option key={instrument} value={instrument}>
                  {INSTRUMENT_LABELS[instrument]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        form={form}
        name="conditions"
        label="Conditions (optional)"
        hint="Anything the partnership should know, e.g. approvals still needed."
      >
        {(aria) => <textarea {...aria} rows={3} {...form.register("conditions")} />}
      </Field>
    </fieldset>
  );
}

/** The co-funding rule: its kind, then the one or two figures that kind needs. */
function RuleEditor({ form, reportingCurrency }: { form: Form; reportingCurrency: string }) {
  const control = form.control;
  const currency = (useWatch({ control, name: "currency" }) ?? "").toUpperCase();
  const ruleKind = useWatch({ control, name: "ruleKind" });
  return (
    <fieldset>
      <legend>Co-funding rule</legend>
      <Field form={form} name="ruleKind" label="Rule">
        {(aria) => (
          <select {...aria} {...form.register("ruleKind")}>
            {RULE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {RULE_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {ruleKind === "min_other_members" ? (
        <Input
          form={form}
          name="ruleMembers"
          label="How many other members must commit"
          inputMode="numeric"
          hint="The pledge is pending until at least this many other governments have committed money."
        />
      ) : null}
      {ruleKind === "min_cofunding" ? (
        <Input
          form={form}
          name="ruleAmount"
          label={`Co-funding from others to reach (${reportingCurrency})`}
          inputMode="decimal"
          hint={`Other members' committed and triggered money, in the reporting currency (${reportingCurrency}).`}
        />
      ) : null}
      {ruleKind === "match" ? (
        <div className="form-grid">
          <Input
            form={form}
            name="ruleRatio"
            label="R in 1:R"
            inputMode="numeric"
            hint="1 matches one for one; 2 gives 1 for every 2 others commit."
          />
          <Input
            form={form}
            name="ruleCap"
            label={`Cap (${isCurrencyCode(currency) ? currency : "pledge currency"})`}
            inputMode="decimal"
            hint="The most this pledge matches, in its own currency."
          />
        </div>
      ) : null}
    </fieldset>
  );
}

/** The tranche schedule (useFieldArray): rows that must add up to the pledge, each maybe tied to a milestone. */
function TrancheEditor({
  form,
  milestones,
}: {
  form: Form;
  milestones: PledgeFormProps["milestones"];
}) {
  const { setError } = form;
  const { fields, append, remove, replace } = useFieldArray({
    control: form.control,
    name: "tranches",
  });
  const control = form.control;
  const projectId = useWatch({ control, name: "projectId" });
  const currency = (useWatch({ control, name: "currency" }) ?? "").toUpperCase();
  const amountText = useWatch({ control, name: "amount" });
  const trancheValues = useWatch({ control, name: "tranches" });
  const projectMilestones = milestones.filter((milestone) => milestone.projectId === projectId);

  const total = tryParse(amountText, currency);
  const parsedTranches = (trancheValues ?? []).map((row) => tryParse(row?.amount, currency));
  const trancheSum = parsedTranches.every((value) => value !== null)
    ? parsedTranches.reduce<bigint>((sum, value) => sum + (value ?? 0n), 0n)
    : null;
  const trancheTotalError = errorOf(form, "trancheTotal") ?? errorOf(form, "tranches");

  const splitEvenlyClick = () => {
    if (total === null || total <= 0n) {
      setError("amount" as never, {
        type: "manual",
        message: "Enter the amount first, then split it over the tranches.",
      });
      return;
    }
    const parts = splitEvenly(total, fields.length);
    replace(
      (trancheValues ?? []).map((row, index) => ({
        amount: toDecimalString(parts[index] ?? 0n, currency),
        dueDate: row?.dueDate ?? "",
        milestoneId: row?.milestoneId ?? "",
      })),
    );
  };

  return (
    <fieldset>
      <legend>Tranche schedule</legend>
      <p className="hint muted">
        The tranches must add up to the pledge exactly. A tranche tied to a milestone is requested
        when that milestone is done.
      </p>
      <div className="tranche-rows">
        {fields.map((field, index) => (
          <div
            className="tranche-row"
            key={field.id}
            role="group"
            aria-label={`Tranche ${index + 1}`}
          >
            <Input
              form={form}
              name={`tranches.${index}.amount`}
              label={`Tranche ${index + 1} amount`}
              inputMode="decimal"
              autoComplete="off"
            />
            <Input
              form={form}
              name={`tranches.${index}.dueDate`}
              label={`Tranche ${index + 1} due date`}
              type="date"
            />
            <Field
              form={form}
              name={`tranches.${index}.milestoneId`}
              label={`Tranche ${index + 1} released by milestone (optional)`}
            >
              {(aria) => (
                <select {...aria} {...form.register(`tranches.${index}.milestoneId`)}>
                  <option value="">No milestone: due on its date</option>
                  {projectMilestones.map((milestone) => (
                    <option key={milestone.id} value={milestone.id}>
                      {milestone.title} (due {milestone.dueDate})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="button"
              className="button secondary small"
              onClick={() => remove(index)}
              disabled={fields.length === 1}
              aria-label={`Remove tranche ${index + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
      </div>
      <div className="row">
        <button
          type="button"
          className="button secondary small"
          onClick={() => append({ amount: "", dueDate: "", milestoneId: "" })}
          disabled={fields.length >= MAX_TRANCHES}
        >
          Add a tranche
        </button>
        <button type="button" className="button secondary small" onClick={splitEvenlyClick}>
          Split the amount evenly
        </button>
      </div>
      <p className="tranche-sum" aria-live="polite">
        {trancheSum !== null && isCurrencyCode(currency)
          ? `Tranches add up to ${formatMoney(trancheSum, currency)}${
              total !== null ? ` of ${formatMoney(total, currency)}` : ""
            }.`
          : "Enter each tranche's amount to see the schedule's total."}
      </p>
      {trancheTotalError ? (
        <p className="field-error" role="alert" id="field-trancheTotal-error">
          {trancheTotalError}
        </p>
      ) : null}
    </fieldset>
  );
}

export function PledgeForm({
  reportingCurrency,
  projects,
  milestones,
  initialProjectId,
  initial,
  hidden,
}: PledgeFormProps) {
  const failure = useActionData<FormFailure>() as FormFailure | undefined;
  const form = usePledgeForm(reportingCurrency, projects, initialProjectId, failure, initial);
  return (
    <ValidatedForm
      form={form as never}
      formError={failure?.errors?.form}
      className="form pledge-form stack"
      aria-labelledby="pledge-form-title"
    >
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <PledgeTerms form={form} projects={projects} reportingCurrency={reportingCurrency} />
      <RuleEditor form={form} reportingCurrency={reportingCurrency} />
      <TrancheEditor form={form} milestones={milestones} />
      <div className="row">
        <SubmitButton pendingText="Saving the draft…">Save as draft</SubmitButton>
        <span className="muted">Drafts are seen only by your government&apos;s delegates.</span>
      </div>
    </ValidatedForm>
  );
}
