/*
 * The project registration form's steps, one component each: sections of one form, validated step by step
 * with the shared schema (app/domain/projects/registration.ts). Without JavaScript every step shows at once.
 */
import { useEffect, useRef, type ReactNode } from "react";
import { countryOptions } from "~/domain/countries";
import { useFormat, useT } from "~/i18n/react";
import { CURRENCIES } from "~/domain/currencies";
import { MineralList, MineralName } from "~/components/mineral";
import {
  PROJECT_FORM_STEPS,
  type ProjectFormValues,
  type ProjectSchema,
} from "~/domain/projects/registration";
import {
  MINERALS,
  SEGMENTS,
  STAGES,
  type Mineral,
  type Segment,
} from "~/domain/projects/vocabulary";
import { SelectField, SubmitButton, TextField, type useValidatedForm } from "~/forms/fields";

/** The registration form, as useValidatedForm(ProjectSchema) gives it. */
export type ProjectForm = ReturnType<typeof useValidatedForm<typeof ProjectSchema>>["form"];

export function Step({
  index,
  current,
  enhanced,
  children,
}: {
  index: number;
  current: number;
  enhanced: boolean;
  children: ReactNode;
}) {
  const step = PROJECT_FORM_STEPS[index];
  const { t } = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (enhanced && index === current && index > 0) heading.current?.focus();
  }, [enhanced, index, current]);
  return (
    <fieldset
      className="form-step"
      hidden={enhanced && index !== current}
      aria-labelledby={`step-${step?.id}`}
    >
      <h2 id={`step-${step?.id}`} tabIndex={-1} ref={heading}>
        <span className="muted">
          {t("projects.steps.stepOf", { step: index + 1, steps: PROJECT_FORM_STEPS.length })}
        </span>{" "}
        {step ? t(step.title) : null}
      </h2>
      {children}
    </fieldset>
  );
}

/** The steps as a list: completed ones link back, the current one is marked. */
export function StepProgress({ step, onStep }: { step: number; onStep: (index: number) => void }) {
  const { t } = useT();
  return (
    <ol className="steps" aria-label={t("projects.steps.list")}>
      {PROJECT_FORM_STEPS.map((s, index) => (
        <li
          key={s.id}
          aria-current={index === step ? "step" : undefined}
          className={index < step ? "done" : undefined}
        >
          {index < step ? (
            <button type="button" className="link-button" onClick={() => onStep(index)}>
              {t(s.title)}
              <span className="visually-hidden">{t("projects.steps.completed")}</span>
            </button>
          ) : (
            <span>{t(s.title)}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

export function BasicsStep({ form }: { form: ProjectForm }) {
  const { t, tm } = useT();
  const mineralsError = form.formState.errors.minerals?.message;
  return (
    <>
      <TextField form={form} name="name" label={t("projects.form.name")} autoComplete="off" />
      <SelectField
        form={form}
        name="segment"
        label={t("projects.form.segment")}
        placeholder={t("projects.form.chooseSegment")}
        options={SEGMENTS.map((value) => ({ value, label: t(`vocabulary.segment.${value}`) }))}
      />
      <fieldset
        className="field checkbox-group"
        aria-describedby={mineralsError ? "field-minerals-error" : undefined}
        aria-invalid={mineralsError ? true : undefined}
      >
        <legend>{t("projects.form.minerals")}</legend>
        <div className="checkbox-grid">
          {MINERALS.map((mineral: Mineral) => (
            <label key={mineral} className="checkbox">
              <input type="checkbox" value={mineral} {...form.register("minerals")} />{" "}
              <MineralName mineral={mineral} />
            </label>
          ))}
        </div>
        {mineralsError ? (
          <p className="field-error" id="field-minerals-error" role="alert">
            {tm(String(mineralsError))}
          </p>
        ) : null}
      </fieldset>
      <SelectField
        form={form}
        name="stage"
        label={t("projects.form.stage")}
        placeholder={t("projects.form.chooseStage")}
        options={STAGES.map((value) => ({ value, label: t(`vocabulary.stage.${value}`) }))}
      />
    </>
  );
}

export function LocationStep({ form }: { form: ProjectForm }) {
  const { t, language } = useT();
  return (
    <>
      <SelectField
        form={form}
        name="hostCountry"
        label={t("projects.form.hostCountry")}
        placeholder={t("projects.form.chooseCountry")}
        options={countryOptions(language)}
      />
      <div className="two-up">
        <TextField
          form={form}
          name="latitude"
          label={t("projects.form.latitude")}
          inputMode="decimal"
          autoComplete="off"
          hint={t("projects.form.latitudeHint")}
        />
        <TextField
          form={form}
          name="longitude"
          label={t("projects.form.longitude")}
          inputMode="decimal"
          autoComplete="off"
          hint={t("projects.form.longitudeHint")}
        />
      </div>
    </>
  );
}

/** Who registers: a delegate for their own government; a sponsor for its organisation, naming a government. */
export interface Registrant {
  isSponsor: boolean;
  memberName: string | null;
  sponsorOrganisationName: string | null;
  /** A revision (ADR 110): the registering government and the sponsor stay as registered. */
  partiesFixed?: boolean;
}

export function FundingStep({
  form,
  registrant,
  members,
  sponsors,
}: {
  form: ProjectForm;
  registrant: Registrant;
  members: Array<{ id: string; name: string }>;
  sponsors: Array<{ id: string; name: string }>;
}) {
  const { isSponsor } = registrant;
  const { t } = useT();
  return (
    <>
      <SelectField
        form={form}
        name="currency"
        label={t("projects.form.currency")}
        options={CURRENCIES.map((value) => ({ value, label: value }))}
      />
      <TextField
        form={form}
        name="capex"
        label={t("projects.form.capex")}
        inputMode="decimal"
        autoComplete="off"
        hint={t("projects.form.capexHint")}
      />
      <TextField
        form={form}
        name="fundingSought"
        label={t("projects.form.fundingSought")}
        inputMode="decimal"
        autoComplete="off"
        hint={t("projects.form.fundingSoughtHint")}
      />
      {registrant.partiesFixed ? (
        <>
          <div className="field">
            <span className="field-label">{t("projects.form.registeringGovernment")}</span>
            <p className="fixed-value">{registrant.memberName}</p>
            <input type="hidden" {...form.register("registeringMemberId")} />
          </div>
          <div className="field">
            <span className="field-label">{t("projects.form.sponsor")}</span>
            <p className="fixed-value">
              {registrant.sponsorOrganisationName ?? t("projects.form.noSponsorYet")}
            </p>
            <input type="hidden" {...form.register("sponsorOrganisationId")} />
          </div>
        </>
      ) : isSponsor ? (
        <SelectField
          form={form}
          name="registeringMemberId"
          label={t("projects.form.askedGovernment")}
          placeholder={t("projects.form.chooseGovernment")}
          options={members.map((m) => ({ value: m.id, label: m.name }))}
          hint={t("projects.form.askedGovernmentHint")}
        />
      ) : (
        <div className="field">
          <span className="field-label">{t("projects.form.registeringGovernment")}</span>
          <p className="fixed-value">{registrant.memberName}</p>
          <input type="hidden" {...form.register("registeringMemberId")} />
        </div>
      )}
      {registrant.partiesFixed ? null : isSponsor ? (
        <div className="field">
          <span className="field-label">{t("projects.form.sponsor")}</span>
          <p className="fixed-value">{registrant.sponsorOrganisationName}</p>
          <input type="hidden" {...form.register("sponsorOrganisationId")} />
        </div>
      ) : (
        <SelectField
          form={form}
          name="sponsorOrganisationId"
          label={t("projects.form.sponsorOrganisation")}
          placeholder={t("projects.form.noSponsorYet")}
          options={sponsors.map((s) => ({ value: s.id, label: s.name }))}
        />
      )}
    </>
  );
}

/** The last step: ESG notes, and (with JavaScript) a summary to check before sending. */
export function EsgStep({
  form,
  values,
  enhanced,
}: {
  form: ProjectForm;
  values: Partial<ProjectFormValues>;
  enhanced: boolean;
}) {
  const { t, tm } = useT();
  const f = useFormat();
  const minerals = Array.isArray(values.minerals) ? values.minerals : [];
  return (
    <>
      <div className="field">
        <label htmlFor="field-esgNotes">{t("projects.form.esgNotes")}</label>
        <span className="hint" id="field-esgNotes-hint">
          {t("projects.form.esgHint")}
        </span>
        <textarea
          id="field-esgNotes"
          rows={5}
          aria-describedby={`field-esgNotes-hint${form.formState.errors.esgNotes ? " field-esgNotes-error" : ""}`}
          aria-invalid={form.formState.errors.esgNotes ? true : undefined}
          {...form.register("esgNotes")}
        />
        {form.formState.errors.esgNotes ? (
          <p className="field-error" id="field-esgNotes-error" role="alert">
            {tm(String(form.formState.errors.esgNotes.message))}
          </p>
        ) : null}
      </div>
      {enhanced ? (
        <section className="summary" aria-labelledby="summary-title">
          <h3 id="summary-title">{t("projects.form.check")}</h3>
          <dl className="facts">
            <div>
              <dt>{t("projects.form.name")}</dt>
              <dd>{values.name || t("common.none")}</dd>
            </div>
            <div>
              <dt>{t("projects.form.segment")}</dt>
              <dd>
                {(SEGMENTS as readonly string[]).includes(values.segment ?? "")
                  ? t(`vocabulary.segment.${values.segment as Segment}`)
                  : t("common.none")}
              </dd>
            </div>
            <div>
              <dt>{t("projects.form.minerals")}</dt>
              <dd>{minerals.length ? <MineralList minerals={minerals} /> : t("common.none")}</dd>
            </div>
            <div>
              <dt>{t("projects.form.hostCountry")}</dt>
              <dd>{values.hostCountry ? f.country(values.hostCountry) : t("common.none")}</dd>
            </div>
            <div>
              <dt>{t("projects.form.fundingSought")}</dt>
              <dd>
                {values.fundingSought
                  ? `${values.currency} ${values.fundingSought}`
                  : t("common.none")}
              </dd>
            </div>
          </dl>
        </section>
      ) : null}
    </>
  );
}

/** Back and next between steps; on the last (or without JavaScript), save as draft or submit. */
export function StepNavigation({
  step,
  enhanced,
  isSponsor,
  onBack,
  onNext,
  labels,
}: {
  step: number;
  enhanced: boolean;
  isSponsor: boolean;
  onBack: () => void;
  onNext: () => void;
  /** The final buttons' words when a project is revised rather than registered (ADR 110). */
  labels?: { draft: string; submit: string; saving: string; submitting: string };
}) {
  const { t } = useT();
  const nextStep = PROJECT_FORM_STEPS[step + 1];
  return (
    <div className="row form-nav">
      {enhanced && step > 0 ? (
        <button type="button" className="button secondary" onClick={onBack}>
          {t("projects.form.back")}
        </button>
      ) : null}
      {enhanced && nextStep ? (
        <button type="button" className="button" onClick={onNext}>
          {t("projects.form.next", { step: t(nextStep.title) })}
        </button>
      ) : (
        <>
          <SubmitButton
            name="intent"
            value="draft"
            pendingText={labels?.saving ?? t("projects.form.saving")}
            className={isSponsor ? "button" : "button secondary"}
          >
            {labels?.draft ?? t("projects.form.saveDraft")}
          </SubmitButton>
          {isSponsor ? null : (
            <SubmitButton
              name="intent"
              value="submit"
              pendingText={labels?.submitting ?? t("projects.form.submitting")}
            >
              {labels?.submit ?? t("projects.form.submit")}
            </SubmitButton>
          )}
        </>
      )}
    </div>
  );
}
