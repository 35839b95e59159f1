/*
 * The project registration form's steps, one component each: sections of one form, validated step by step
 * with the shared schema (app/domain/projects/registration.ts). Without JavaScript every step shows at once.
 */
import { useEffect, useRef, type ReactNode } from "react";
import { countryName, countryOptions } from "~/domain/countries";
import { useLanguage } from "~/i18n/react";
import { CURRENCIES } from "~/domain/currencies";
import {
  PROJECT_FORM_STEPS,
  type ProjectFormValues,
  type ProjectSchema,
} from "~/domain/projects/registration";
import {
  MINERALS,
  MINERAL_LABELS,
  SEGMENTS,
  SEGMENT_LABELS,
  STAGES,
  STAGE_LABELS,
  type Mineral,
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
          Step {index + 1} of {PROJECT_FORM_STEPS.length}:
        </span>{" "}
        {step?.title}
      </h2>
      {children}
    </fieldset>
  );
}

/** The steps as a list: completed ones link back, the current one is marked. */
export function StepProgress({ step, onStep }: { step: number; onStep: (index: number) => void }) {
  return (
    <ol className="steps" aria-label="Steps">
      {PROJECT_FORM_STEPS.map((s, index) => (
        <li
          key={s.id}
          aria-current={index === step ? "step" : undefined}
          className={index < step ? "done" : undefined}
        >
          {index < step ? (
            <button type="button" className="link-button" onClick={() => onStep(index)}>
              {s.title}
              <span className="visually-hidden"> (completed; go back to this step)</span>
            </button>
          ) : (
            <span>{s.title}</span>
          )}
        </li>
      ))}
    </ol>
  );
}

export function BasicsStep({ form }: { form: ProjectForm }) {
  const mineralsError = form.formState.errors.minerals?.message;
  return (
    <>
      <TextField form={form} name="name" label="Project name" autoComplete="off" />
      <SelectField
        form={form}
        name="segment"
        label="Segment"
        placeholder="Choose a segment"
        options={SEGMENTS.map((value) => ({ value, label: SEGMENT_LABELS[value] }))}
      />
      <fieldset
        className="field checkbox-group"
        aria-describedby={mineralsError ? "field-minerals-error" : undefined}
        aria-invalid={mineralsError ? true : undefined}
      >
        <legend>Minerals</legend>
        <div className="checkbox-grid">
          {MINERALS.map((mineral: Mineral) => (
            <label key={mineral} className="checkbox">
              <input type="checkbox" value={mineral} {...form.register("minerals")} />{" "}
              {MINERAL_LABELS[mineral]}
            </label>
          ))}
        </div>
        {mineralsError ? (
          <p className="field-error" id="field-minerals-error" role="alert">
            {String(mineralsError)}
          </p>
        ) : null}
      </fieldset>
      <SelectField
        form={form}
        name="stage"
        label="Stage"
        placeholder="Choose a stage"
        options={STAGES.map((value) => ({ value, label: STAGE_LABELS[value] }))}
      />
    </>
  );
}

export function LocationStep({ form }: { form: ProjectForm }) {
  const language = useLanguage();
  return (
    <>
      <SelectField
        form={form}
        name="hostCountry"
        label="Host country"
        placeholder="Choose a country"
        options={countryOptions(language)}
      />
      <div className="two-up">
        <TextField
          form={form}
          name="latitude"
          label="Latitude (optional)"
          inputMode="decimal"
          autoComplete="off"
          hint="Decimal degrees, north positive: -30.749"
        />
        <TextField
          form={form}
          name="longitude"
          label="Longitude (optional)"
          inputMode="decimal"
          autoComplete="off"
          hint="Decimal degrees, east positive: 121.466"
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
  return (
    <>
      <SelectField
        form={form}
        name="currency"
        label="Currency of the project's figures"
        options={CURRENCIES.map((value) => ({ value, label: value }))}
      />
      <TextField
        form={form}
        name="capex"
        label="Total capital expenditure (optional)"
        inputMode="decimal"
        autoComplete="off"
        hint="In the currency above, such as 1,200,000,000"
      />
      <TextField
        form={form}
        name="fundingSought"
        label="Funding sought from the partnership"
        inputMode="decimal"
        autoComplete="off"
        hint="In the currency above; no more than the total capital expenditure"
      />
      {isSponsor ? (
        <SelectField
          form={form}
          name="registeringMemberId"
          label="Government asked to register it"
          placeholder="Choose a government"
          options={members.map((m) => ({ value: m.id, label: m.name }))}
          hint="Its delegates see your draft and submit it for review."
        />
      ) : (
        <div className="field">
          <span className="field-label">Registering government</span>
          <p className="fixed-value">{registrant.memberName}</p>
          <input type="hidden" {...form.register("registeringMemberId")} />
        </div>
      )}
      {isSponsor ? (
        <div className="field">
          <span className="field-label">Sponsor</span>
          <p className="fixed-value">{registrant.sponsorOrganisationName}</p>
          <input type="hidden" {...form.register("sponsorOrganisationId")} />
        </div>
      ) : (
        <SelectField
          form={form}
          name="sponsorOrganisationId"
          label="Sponsor organisation (optional)"
          placeholder="No sponsor yet"
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
  return (
    <>
      <div className="field">
        <label htmlFor="field-esgNotes">
          Environmental, social and governance notes (optional)
        </label>
        <span className="hint" id="field-esgNotes-hint">
          Permits, agreements with communities, water and tailings, power.
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
            {String(form.formState.errors.esgNotes.message)}
          </p>
        ) : null}
      </div>
      {enhanced ? (
        <section className="summary" aria-labelledby="summary-title">
          <h3 id="summary-title">Check before you send</h3>
          <dl className="facts">
            <div>
              <dt>Name</dt>
              <dd>{values.name || "—"}</dd>
            </div>
            <div>
              <dt>Segment</dt>
              <dd>{SEGMENT_LABELS[values.segment as keyof typeof SEGMENT_LABELS] ?? "—"}</dd>
            </div>
            <div>
              <dt>Minerals</dt>
              <dd>
                {(Array.isArray(values.minerals) ? values.minerals : [])
                  .map((m) => MINERAL_LABELS[m as Mineral])
                  .join(", ") || "—"}
              </dd>
            </div>
            <div>
              <dt>Host country</dt>
              <dd>{values.hostCountry ? countryName(values.hostCountry) : "—"}</dd>
            </div>
            <div>
              <dt>Funding sought</dt>
              <dd>{values.fundingSought ? `${values.currency} ${values.fundingSought}` : "—"}</dd>
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
}: {
  step: number;
  enhanced: boolean;
  isSponsor: boolean;
  onBack: () => void;
  onNext: () => void;
}) {
  return (
    <div className="row form-nav">
      {enhanced && step > 0 ? (
        <button type="button" className="button secondary" onClick={onBack}>
          Back
        </button>
      ) : null}
      {enhanced && step < PROJECT_FORM_STEPS.length - 1 ? (
        <button type="button" className="button" onClick={onNext}>
          Next: {PROJECT_FORM_STEPS[step + 1]?.title}
        </button>
      ) : (
        <>
          <SubmitButton
            name="intent"
            value="draft"
            pendingText="Saving…"
            className={isSponsor ? "button" : "button secondary"}
          >
            Save as draft
          </SubmitButton>
          {isSponsor ? null : (
            <SubmitButton name="intent" value="submit" pendingText="Submitting…">
              Submit for review
            </SubmitButton>
          )}
        </>
      )}
    </div>
  );
}
