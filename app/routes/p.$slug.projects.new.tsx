import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { requireMember } from "~/auth/auth.server";
import { COUNTRIES, countryName } from "~/domain/countries";
import {
  CURRENCIES,
  MINERALS,
  MINERAL_LABELS,
  PROJECT_FORM_STEPS,
  ProjectIntentSchema,
  ProjectSchema,
  SEGMENTS,
  SEGMENT_LABELS,
  STAGES,
  STAGE_LABELS,
  projectFormValues,
  stepOfField,
  type Mineral,
  type ProjectFormValues,
} from "~/domain/projects";
import {
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
  useValidatedForm,
} from "~/forms/fields";
import { fieldErrorsFrom } from "~/forms/validation";
import { listParties, registerProject } from "~/models/projects.server";
import { insertOutputs, outputGroupOptions } from "~/models/supply.server";
import { OutputsFieldset } from "~/components/outputs-editor";
import { outputsFromForm } from "~/domain/supply";
import resilienceStyles from "~/styles/resilience.css";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: resilienceStyles },
];

export const meta: MetaFunction = () => [{ title: "Register a project — Lodestone" }];

const REGISTERS = ["delegate", "sponsor"] as const;

/** For useSyncExternalStore: whether the page is hydrated never changes once it is. */
const noSubscription = () => () => {};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, REGISTERS);
  const parties = await listParties(context);
  const outputGroups = await context.user.db((tx) => outputGroupOptions(tx));
  return json({
    outputGroups,
    slug: context.partnership.slug,
    reportingCurrency: context.partnership.reportingCurrency,
    membership: context.membership,
    members: parties.members,
    sponsors: parties.sponsors,
  });
}

interface RegisterFailure {
  errors: Record<string, string>;
  values: Record<string, unknown>;
}

/** Validates the whole form again with the shared schema; refusals come back with what was typed. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, REGISTERS);
  const formData = await request.formData();
  const values = projectFormValues(formData);
  const intent = ProjectIntentSchema.safeParse(formData.get("intent"));
  const parsed = ProjectSchema.safeParse(values);
  const outputs = outputsFromForm(formData);
  if (!parsed.success || !intent.success || !outputs.ok) {
    const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
    if (!outputs.ok) Object.assign(errors, outputs.errors);
    if (!intent.success) errors.form = "Choose whether to save a draft or submit for review.";
    return json<RegisterFailure>({ errors, values }, { status: 400 });
  }
  const outcome = await registerProject(context, parsed.data, intent.data, (tx, projectId) =>
    insertOutputs(tx, context.partnership.id, projectId, outputs.outputs),
  );
  if (!outcome.ok)
    return json<RegisterFailure>({ errors: outcome.errors, values }, { status: 400 });
  return redirect(`/p/${context.partnership.slug}/projects/${outcome.id}`);
}

function Step({
  index,
  current,
  enhanced,
  children,
}: {
  index: number;
  current: number;
  enhanced: boolean;
  children: React.ReactNode;
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

export default function RegisterProject() {
  const { slug, reportingCurrency, membership, members, sponsors, outputGroups } =
    useLoaderData<typeof loader>();
  const failure = useActionData<RegisterFailure>();
  const isSponsor = membership.role === "sponsor";
  const defaults: Partial<ProjectFormValues> = {
    minerals: [],
    currency: reportingCurrency,
    registeringMemberId: membership.memberId ?? "",
    sponsorOrganisationId: membership.sponsorOrganisationId ?? "",
  };
  const { form, formError } = useValidatedForm(ProjectSchema, defaults);
  const [step, setStep] = useState(0);
  // Steps are sections of one form: without JavaScript all show at once and the server checks them all.
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  // After a refused post, or a final check refused in the browser, open the first step with an error
  // (state adjusted while rendering, as React recommends, rather than in an effect).
  const { errors, submitCount } = form.formState;
  const [seen, setSeen] = useState({ failure, submitCount });
  if (seen.failure !== failure || seen.submitCount !== submitCount) {
    setSeen({ failure, submitCount });
    const fields =
      seen.failure !== failure && failure
        ? Object.keys(failure.errors).filter((field) => field !== "form")
        : Object.keys(errors);
    if (fields.length > 0) setStep(Math.min(...fields.map(stepOfField)));
  }

  const next = async () => {
    const fields = PROJECT_FORM_STEPS[step]?.fields ?? [];
    const valid = await form.trigger([...fields] as Array<keyof ProjectFormValues>);
    if (valid) setStep((s) => Math.min(s + 1, PROJECT_FORM_STEPS.length - 1));
  };
  const values = form.watch();
  const mineralsError = errors.minerals?.message;

  return (
    <div className="stack register-project">
      <nav aria-label="Breadcrumb" className="breadcrumb small-print">
        <Link to={`/p/${slug}/projects`}>Projects</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">Register a project</span>
      </nav>
      <h1>Register a project</h1>
      <p className="muted">
        {isSponsor
          ? `You register the project for ${membership.sponsorOrganisationName} as a draft; the government you name submits it to the secretariat for review.`
          : `You register the project for ${membership.memberName}. Save it as a draft to finish later, or submit it to the secretariat for review.`}
      </p>

      {enhanced ? (
        <ol className="steps" aria-label="Steps">
          {PROJECT_FORM_STEPS.map((s, index) => (
            <li
              key={s.id}
              aria-current={index === step ? "step" : undefined}
              className={index < step ? "done" : undefined}
            >
              {index < step ? (
                <button type="button" className="link-button" onClick={() => setStep(index)}>
                  {s.title}
                  <span className="visually-hidden"> (completed; go back to this step)</span>
                </button>
              ) : (
                <span>{s.title}</span>
              )}
            </li>
          ))}
        </ol>
      ) : null}

      <ValidatedForm form={form} formError={formError} className="form wide-form">
        <Step index={0} current={step} enhanced={enhanced}>
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
          <OutputsFieldset groups={outputGroups} />
        </Step>

        <Step index={1} current={step} enhanced={enhanced}>
          <SelectField
            form={form}
            name="hostCountry"
            label="Host country"
            placeholder="Choose a country"
            options={COUNTRIES.map(([value, label]) => ({ value, label }))}
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
        </Step>

        <Step index={2} current={step} enhanced={enhanced}>
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
              <p className="fixed-value">{membership.memberName}</p>
              <input type="hidden" {...form.register("registeringMemberId")} />
            </div>
          )}
          {isSponsor ? (
            <div className="field">
              <span className="field-label">Sponsor</span>
              <p className="fixed-value">{membership.sponsorOrganisationName}</p>
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
        </Step>

        <Step index={3} current={step} enhanced={enhanced}>
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
              aria-describedby={`field-esgNotes-hint${errors.esgNotes ? " field-esgNotes-error" : ""}`}
              aria-invalid={errors.esgNotes ? true : undefined}
              {...form.register("esgNotes")}
            />
            {errors.esgNotes ? (
              <p className="field-error" id="field-esgNotes-error" role="alert">
                {String(errors.esgNotes.message)}
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
                  <dd>
                    {values.fundingSought ? `${values.currency} ${values.fundingSought}` : "—"}
                  </dd>
                </div>
              </dl>
            </section>
          ) : null}
        </Step>

        <div className="row form-nav">
          {enhanced && step > 0 ? (
            <button type="button" className="button secondary" onClick={() => setStep(step - 1)}>
              Back
            </button>
          ) : null}
          {enhanced && step < PROJECT_FORM_STEPS.length - 1 ? (
            <button type="button" className="button" onClick={() => void next()}>
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
      </ValidatedForm>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
