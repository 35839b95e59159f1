import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import {
  ProjectRegistrationForm,
  type RegistrationFailure,
} from "~/components/project-registration-form";
import { ROLES_FOR } from "~/domain/permissions";
import {
  ProjectIntentSchema,
  ProjectSchema,
  projectFormValues,
  type ProjectFormValues,
} from "~/domain/projects/registration";
import { readForm } from "~/forms/parse.server";
import { fieldErrorsFrom } from "~/forms/validation";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listParties, registerProject } from "~/models/projects.server";
import { insertOutputs, outputGroupOptions } from "~/models/supply.server";
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

type RegisterFailure = RegistrationFailure;

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

      <ProjectRegistrationForm
        defaults={defaults}
        failure={failure}
        outputGroups={outputGroups}
        registrant={{ isSponsor, ...membership }}
        members={members}
        sponsors={sponsors}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
