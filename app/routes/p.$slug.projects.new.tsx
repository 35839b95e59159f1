import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState, useSyncExternalStore } from "react";
import { requireMember } from "~/auth/auth.server";
import {
  BasicsStep,
  EsgStep,
  FundingStep,
  LocationStep,
  Step,
  StepNavigation,
  StepProgress,
} from "~/components/project-form-steps";
import { ROLES_FOR } from "~/domain/permissions";
import {
  PROJECT_FORM_STEPS,
  ProjectIntentSchema,
  ProjectSchema,
  projectFormValues,
  stepOfField,
  type ProjectFormValues,
} from "~/domain/projects/registration";
import { ValidatedForm, useValidatedForm } from "~/forms/fields";
import { readForm } from "~/forms/parse.server";
import { fieldErrorsFrom } from "~/forms/validation";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
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

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "projects.register") },
];

/** For useSyncExternalStore: whether the page is hydrated never changes once it is. */
const noSubscription = () => () => {};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.registerProjects);
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
  const context = await requireMember(request, params.slug, ROLES_FOR.registerProjects);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const values = projectFormValues(formData);
  const intent = ProjectIntentSchema.safeParse(formData.get("intent"));
  const parsed = ProjectSchema.safeParse(values);
  const outputs = outputsFromForm(formData);
  if (!parsed.success || !intent.success || !outputs.ok) {
    const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
    if (!outputs.ok) Object.assign(errors, outputs.errors);
    if (!intent.success) errors.intent = msg("projects.form.chooseIntent");
    return json<RegisterFailure>({ errors, values }, { status: 400 });
  }
  const outcome = await registerProject(context, parsed.data, intent.data, (tx, projectId) =>
    insertOutputs(tx, context.partnership.id, projectId, outputs.outputs),
  );
  if (!outcome.ok)
    return json<RegisterFailure>({ errors: outcome.errors, values }, { status: 400 });
  return redirect(`/p/${context.partnership.slug}/projects/${outcome.id}`);
}

export default function RegisterProject() {
  const { slug, reportingCurrency, membership, members, sponsors, outputGroups } =
    useLoaderData<typeof loader>();
  const failure = useActionData<RegisterFailure>();
  const { t, language } = useT();
  const isSponsor = membership.role === "sponsor";
  const defaults: Partial<ProjectFormValues> = {
    typedIn: language,
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

  return (
    <div className="stack register-project">
      <nav aria-label={t("projects.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}/projects`}>{t("projects.title")}</Link>{" "}
        <span aria-hidden="true">/</span> <span aria-current="page">{t("projects.register")}</span>
      </nav>
      <h1>{t("projects.register")}</h1>
      <p className="muted">
        {isSponsor
          ? t("projects.form.sponsorLead", { organisation: membership.sponsorOrganisationName })
          : t("projects.form.delegateLead", { government: membership.memberName })}
      </p>

      {enhanced ? <StepProgress step={step} onStep={setStep} /> : null}

      <ValidatedForm form={form} formError={formError} className="form wide-form">
        <input type="hidden" {...form.register("typedIn")} />
        <Step index={0} current={step} enhanced={enhanced}>
          <BasicsStep form={form} />
          <OutputsFieldset groups={outputGroups} />
        </Step>
        <Step index={1} current={step} enhanced={enhanced}>
          <LocationStep form={form} />
        </Step>
        <Step index={2} current={step} enhanced={enhanced}>
          <FundingStep
            form={form}
            registrant={{ isSponsor, ...membership }}
            members={members}
            sponsors={sponsors}
          />
        </Step>
        <Step index={3} current={step} enhanced={enhanced}>
          <EsgStep form={form} values={values} enhanced={enhanced} />
        </Step>
        <StepNavigation
          step={step}
          enhanced={enhanced}
          isSponsor={isSponsor}
          onBack={() => setStep(step - 1)}
          onNext={() => void next()}
        />
      </ValidatedForm>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
