/*
 * The registration form of a project, step by step: used to register one (projects.new) and to revise a draft
 * or rejected one (ADR 110). Steps are sections of one form: without JavaScript all show at once and the
 * server checks them all. After a refused step or post, the first step with an error opens and focus moves
 * to its first field in error.
 */
import { useEffect, useRef, useState } from "react";
import type { ComponentProps } from "react";
import { OutputsFieldset, type OutputRowValues } from "~/components/outputs-editor";
import {
  BasicsStep,
  EsgStep,
  FundingStep,
  LocationStep,
  Step,
  StepNavigation,
  StepProgress,
} from "~/components/project-form-steps";
import {
  PROJECT_FORM_STEPS,
  ProjectSchema,
  stepOfField,
  type ProjectFormValues,
} from "~/domain/projects/registration";
import type { OutputGroupOption } from "~/domain/supply";
import { ValidatedForm, useValidatedForm } from "~/forms/fields";
import { useHydrated } from "~/utils/hydrated";

export interface RegistrationFailure {
  errors: Record<string, string>;
  values: Record<string, unknown>;
}

export function ProjectRegistrationForm({
  defaults,
  failure,
  outputGroups,
  initialOutputs,
  registrant,
  members,
  sponsors,
  labels,
  hidden,
}: {
  defaults: Partial<ProjectFormValues>;
  failure: RegistrationFailure | undefined;
  outputGroups: ReadonlyArray<OutputGroupOption>;
  initialOutputs?: ReadonlyArray<OutputRowValues>;
  registrant: ComponentProps<typeof FundingStep>["registrant"];
  members: ComponentProps<typeof FundingStep>["members"];
  sponsors: ComponentProps<typeof FundingStep>["sponsors"];
  labels?: ComponentProps<typeof StepNavigation>["labels"];
  /** Extra hidden fields (the version a revision was made against). */
  hidden?: Record<string, string | number>;
}) {
  const { form, formError } = useValidatedForm(ProjectSchema, defaults);
  const [step, setStep] = useState(0);
  const formRef = useRef<HTMLDivElement>(null);
  const enhanced = useHydrated();

  // After a refused post, or a final check refused in the browser, open the first step with an error
  // (state adjusted while rendering, as React recommends, rather than in an effect).
  const { errors, submitCount } = form.formState;
  const [seen, setSeen] = useState({ failure, submitCount });
  const [focusError, setFocusError] = useState(0);
  if (seen.failure !== failure || seen.submitCount !== submitCount) {
    setSeen({ failure, submitCount });
    const fields =
      seen.failure !== failure && failure
        ? Object.keys(failure.errors).filter((field) => field !== "form")
        : Object.keys(errors);
    if (fields.length > 0) {
      setStep(Math.min(...fields.map(stepOfField)));
      setFocusError((n) => n + 1);
    }
  }
  // Once the step with the error shows, its first field in error takes the focus.
  useEffect(() => {
    if (focusError === 0) return;
    formRef.current
      ?.querySelector<HTMLElement>('fieldset:not([hidden]) [aria-invalid="true"]')
      ?.focus();
  }, [focusError, step]);

  const next = async () => {
    const fields = PROJECT_FORM_STEPS[step]?.fields ?? [];
    const valid = await form.trigger([...fields] as Array<keyof ProjectFormValues>, {
      shouldFocus: true,
    });
    if (valid) setStep((s) => Math.min(s + 1, PROJECT_FORM_STEPS.length - 1));
  };
  const values = form.watch();

  return (
    <div ref={formRef} className="stack">
      {enhanced ? <StepProgress step={step} onStep={setStep} /> : null}
      <ValidatedForm form={form} formError={formError} className="form wide-form">
        <input type="hidden" {...form.register("typedIn")} />
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Step index={0} current={step} enhanced={enhanced}>
          <BasicsStep form={form} />
          <OutputsFieldset groups={outputGroups} initial={initialOutputs} />
        </Step>
        <Step index={1} current={step} enhanced={enhanced}>
          <LocationStep form={form} />
        </Step>
        <Step index={2} current={step} enhanced={enhanced}>
          <FundingStep form={form} registrant={registrant} members={members} sponsors={sponsors} />
        </Step>
        <Step index={3} current={step} enhanced={enhanced}>
          <EsgStep form={form} values={values} enhanced={enhanced} />
        </Step>
        <StepNavigation
          step={step}
          enhanced={enhanced}
          isSponsor={registrant.isSponsor}
          onBack={() => setStep(step - 1)}
          onNext={() => void next()}
          labels={labels}
        />
      </ValidatedForm>
    </div>
  );
}
