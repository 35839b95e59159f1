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
  INSTRUMENTS,
  MAX_TRANCHES,
  nestFormData,
  pledgeFormSchema,
  RULE_KINDS,
  type PledgeFormValues,
} from "~/domain/pledges";
import type { Language } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { useFormat, useT } from "~/i18n/react";
import { isCurrencyCode, parseAmount, splitEvenly, toDecimalString } from "~/utils/money";

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
  const { tm } = useT();
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
          {tm(message)}
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

function tryParse(text: string | undefined, currency: string, language: Language): bigint | null {
  if (!text || !isCurrencyCode(currency)) return null;
  try {
    return parseAmount(text, currency, language);
  } catch {
    return null;
  }
}

/** A plain decimal ("1250000.50") as the person's language writes it, for a field they may edit ("1250000,50"). */
function inLanguage(decimal: string, language: Language): string {
  return language === "fr" ? decimal.replace(".", ",") : decimal;
}

/** Stored terms (amounts as plain decimals) as the person writes them, for editing a draft (ADR 110). */
function initialInLanguage(
  initial: Partial<PledgeFormValues>,
  language: Language,
): Partial<PledgeFormValues> {
  const values: Partial<PledgeFormValues> = { ...initial };
  for (const name of ["amount", "ruleAmount", "ruleCap"] as const) {
    const decimal = initial[name];
    if (decimal !== undefined) values[name] = inLanguage(decimal, language);
  }
  if (initial.tranches) {
    values.tranches = initial.tranches.map((tranche) => ({
      ...tranche,
      amount: inLanguage(tranche.amount, language),
    }));
  }
  return values;
}

/** The form's state: the shared schema, defaults, what a refused post gave back, the server's messages. */
function usePledgeForm(
  reportingCurrency: string,
  projects: PledgeFormProps["projects"],
  initialProjectId: string | undefined,
  failure: FormFailure | undefined,
  language: Language,
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
      typedIn: language,
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
      ...initialInLanguage(initial, language),
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
  const { t } = useT();
  const currencies = Array.from(
    new Set([...COMMON_CURRENCIES, reportingCurrency, ...projects.map((p) => p.currency)]),
  ).sort();
  return (
    <fieldset>
      <legend id="pledge-form-title">{t("pledges.form.thePledge")}</legend>
      <Field
        form={form}
        name="projectId"
        label={t("pledges.form.project")}
        hint={t("pledges.form.projectHint")}
      >
        {(aria) => (
          <select {...aria} {...form.register("projectId")}>
            <option value="">{t("pledges.form.chooseProject")}</option>
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {t("pledges.form.projectOption", {
                  name: project.name,
                  currency: project.currency,
                })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-grid">
        <Input
          form={form}
          name="amount"
          label={t("pledges.form.amount")}
          inputMode="decimal"
          autoComplete="off"
          hint={t("pledges.form.amountHint")}
        />
        <Field form={form} name="currency" label={t("pledges.form.currency")}>
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
        <Field form={form} name="instrument" label={t("pledges.form.instrument")}>
          {(aria) => (
            <select {...aria} {...form.register("instrument")}>
              {INSTRUMENTS.map((instrument) => (
                <option key={instrument} value={instrument}>
                  {t(`vocabulary.instrument.${instrument}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        form={form}
        name="conditions"
        label={t("pledges.form.conditions")}
        hint={t("pledges.form.conditionsHint")}
      >
        {(aria) => <textarea {...aria} rows={3} {...form.register("conditions")} />}
      </Field>
    </fieldset>
  );
}

/** The co-funding rule: its kind, then the one or two figures that kind needs. */
function RuleEditor({ form, reportingCurrency }: { form: Form; reportingCurrency: string }) {
  const { t } = useT();
  const control = form.control;
  const currency = (useWatch({ control, name: "currency" }) ?? "").toUpperCase();
  const ruleKind = useWatch({ control, name: "ruleKind" });
  return (
    <fieldset>
      <legend>{t("pledges.form.rule")}</legend>
      <Field form={form} name="ruleKind" label={t("pledges.form.ruleKind")}>
        {(aria) => (
          <select {...aria} {...form.register("ruleKind")}>
            {RULE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`vocabulary.ruleKind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {ruleKind === "min_other_members" ? (
        <Input
          form={form}
          name="ruleMembers"
          label={t("pledges.form.ruleMembers")}
          inputMode="numeric"
          hint={t("pledges.form.ruleMembersHint")}
        />
      ) : null}
      {ruleKind === "min_cofunding" ? (
        <Input
          form={form}
          name="ruleAmount"
          label={t("pledges.form.ruleAmount", { currency: reportingCurrency })}
          inputMode="decimal"
          hint={t("pledges.form.ruleAmountHint", { currency: reportingCurrency })}
        />
      ) : null}
      {ruleKind === "match" ? (
        <div className="form-grid">
          <Input
            form={form}
            name="ruleRatio"
            label={t("pledges.form.ruleRatio")}
            inputMode="numeric"
            hint={t("pledges.form.ruleRatioHint")}
          />
          <Input
            form={form}
            name="ruleCap"
            label={t("pledges.form.ruleCap", {
              currency: isCurrencyCode(currency) ? currency : t("pledges.form.pledgeCurrency"),
            })}
            inputMode="decimal"
            hint={t("pledges.form.ruleCapHint")}
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
  const { t, tm, language } = useT();
  const f = useFormat();
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

  const total = tryParse(amountText, currency, language);
  const parsedTranches = (trancheValues ?? []).map((row) =>
    tryParse(row?.amount, currency, language),
  );
  const trancheSum = parsedTranches.every((value) => value !== null)
    ? parsedTranches.reduce<bigint>((sum, value) => sum + (value ?? 0n), 0n)
    : null;
  const trancheTotalError = errorOf(form, "trancheTotal") ?? errorOf(form, "tranches");

  const splitEvenlyClick = () => {
    if (total === null || total <= 0n) {
      setError("amount" as never, {
        type: "manual",
        message: msg("pledges.form.amountFirst"),
      });
      return;
    }
    const parts = splitEvenly(total, fields.length);
    replace(
      (trancheValues ?? []).map((row, index) => ({
        amount: inLanguage(toDecimalString(parts[index] ?? 0n, currency), language),
        dueDate: row?.dueDate ?? "",
        milestoneId: row?.milestoneId ?? "",
      })),
    );
  };

  return (
    <fieldset>
      <legend>{t("pledges.form.tranches")}</legend>
      <p className="hint muted">{t("pledges.form.tranchesHint")}</p>
      <div className="tranche-rows">
        {fields.map((field, index) => (
          <div
            className="tranche-row"
            key={field.id}
            role="group"
            aria-label={t("pledges.form.tranche", { n: index + 1 })}
          >
            <Input
              form={form}
              name={`tranches.${index}.amount`}
              label={t("pledges.form.trancheAmount", { n: index + 1 })}
              inputMode="decimal"
              autoComplete="off"
            />
            <Input
              form={form}
              name={`tranches.${index}.dueDate`}
              label={t("pledges.form.trancheDue", { n: index + 1 })}
              type="date"
            />
            <Field
              form={form}
              name={`tranches.${index}.milestoneId`}
              label={t("pledges.form.trancheMilestone", { n: index + 1 })}
            >
              {(aria) => (
                <select {...aria} {...form.register(`tranches.${index}.milestoneId`)}>
                  <option value="">{t("pledges.form.noMilestone")}</option>
                  {projectMilestones.map((milestone) => (
                    <option key={milestone.id} value={milestone.id}>
                      {t("pledges.form.milestoneOption", {
                        title: milestone.title,
                        due: f.day(milestone.dueDate),
                      })}
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
              aria-label={t("pledges.form.removeTranche", { n: index + 1 })}
            >
              {t("pledges.form.remove")}
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
          {t("pledges.form.addTranche")}
        </button>
        <button type="button" className="button secondary small" onClick={splitEvenlyClick}>
          {t("pledges.form.split")}
        </button>
      </div>
      <p className="tranche-sum" aria-live="polite">
        {trancheSum !== null && isCurrencyCode(currency)
          ? total !== null
            ? t("pledges.form.sumOf", {
                sum: f.money(trancheSum, currency),
                total: f.money(total, currency),
              })
            : t("pledges.form.sum", { sum: f.money(trancheSum, currency) })
          : t("pledges.form.enterEach")}
      </p>
      {trancheTotalError ? (
        <p className="field-error" role="alert" id="field-trancheTotal-error">
          {tm(trancheTotalError)}
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
  const { t, language } = useT();
  const form = usePledgeForm(
    reportingCurrency,
    projects,
    initialProjectId,
    failure,
    language,
    initial,
  );
  return (
    <ValidatedForm
      form={form as never}
      formError={failure?.errors?.form}
      className="form pledge-form stack"
      aria-labelledby="pledge-form-title"
    >
      <input type="hidden" {...form.register("typedIn")} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <PledgeTerms form={form} projects={projects} reportingCurrency={reportingCurrency} />
      <RuleEditor form={form} reportingCurrency={reportingCurrency} />
      <TrancheEditor form={form} milestones={milestones} />
      <div className="row">
        <SubmitButton pendingText={t("pledges.form.saving")}>{t("pledges.form.save")}</SubmitButton>
        <span className="muted">{t("pledges.form.draftsSeen")}</span>
      </div>
    </ValidatedForm>
  );
}
