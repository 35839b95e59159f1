/*
 * Revising a project that is not final (ADR 110): a draft, or a rejected project before it goes back to the
 * secretariat. Every field of the registration and its outputs, against the version the person saw; a lost
 * race keeps what was typed and says so.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireMember, type MemberContext } from "~/auth/auth.server";
import {
  ProjectRegistrationForm,
  type RegistrationFailure,
} from "~/components/project-registration-form";
import { projectEditPermissions, ProjectRevisionSchema } from "~/domain/edits";
import { actorOf } from "~/domain/permissions";
import {
  ProjectIntentSchema,
  ProjectSchema,
  projectFormValues,
  type ProjectFormValues,
} from "~/domain/projects/registration";
import { groupValue, outputsFromForm } from "~/domain/supply";
import { requireParam } from "~/forms/params.server";
import { readForm } from "~/forms/parse.server";
import { fieldErrorsFrom } from "~/forms/validation";
import type { Language } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { editProject } from "~/models/project-edits.server";
import { getProject } from "~/models/projects.server";
import { listProjectOutputs, outputGroupOptions } from "~/models/supply.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";
import resilienceStyles from "~/styles/resilience.css";
import { toDecimalString } from "~/utils/money";
import { useVersionAtOpen } from "~/utils/version-at-open";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: resilienceStyles },
];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(matches, "everyday.edit.projectTitle", {
      name: data?.project.name ?? "",
    }),
  },
];

/** The project, when this member may revise it now; a 404 or 403 otherwise. */
async function editable(context: MemberContext, projectId: string) {
  const project = await getProject(context, projectId);
  if (!project) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  if (!projectEditPermissions(actorOf(context), project).edit) {
    throw new Response(msg("everyday.edit.projectNotEditable"), { status: 403 });
  }
  return project;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const project = await editable(context, requireParam(params, "projectId", "uuid"));
  const [outputs, outputGroups] = await context.user.db(async (tx) =>
    Promise.all([listProjectOutputs(tx, project.id), outputGroupOptions(tx)]),
  );
  return json({
    slug: context.partnership.slug,
    project,
    permissions: projectEditPermissions(actorOf(context), project),
    outputs: outputs.map((output) => ({
      group: groupValue(output.mineral, output.stage),
      capacity: output.capacity,
      firstYear: String(output.firstYear),
    })),
    outputGroups,
  });
}

interface EditFailure extends RegistrationFailure {
  /** The version to save against next (after a lost race, the current one). */
  version?: number;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const project = await editable(context, requireParam(params, "projectId", "uuid"));
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const values = projectFormValues(formData);
  const intent = ProjectIntentSchema.safeParse(formData.get("intent"));
  const revision = ProjectRevisionSchema.safeParse({ version: formData.get("version") });
  const parsed = ProjectSchema.safeParse(values);
  const outputs = outputsFromForm(formData);
  if (!parsed.success || !intent.success || !outputs.ok || !revision.success) {
    const errors = parsed.success ? {} : fieldErrorsFrom(parsed.error);
    if (!outputs.ok) Object.assign(errors, outputs.errors);
    if (!revision.success) Object.assign(errors, fieldErrorsFrom(revision.error));
    if (!intent.success) errors.intent = msg("projects.form.chooseIntent");
    return json<EditFailure>({ errors, values }, { status: 400 });
  }
  const outcome = await editProject(context, {
    projectId: project.id,
    version: revision.data.version,
    fields: parsed.data,
    outputs: outputs.outputs,
    submit: intent.data === "submit",
  });
  if (!outcome.ok) {
    return json<EditFailure>(
      { errors: { form: outcome.message }, values, version: outcome.version },
      { status: outcome.status },
    );
  }
  const done = outcome.status === "submitted" ? "resubmitted" : "saved";
  return redirect(`/p/${context.partnership.slug}/projects/${project.id}?revised=${done}`);
}

/** A stored decimal ("-12.4634", "1250000.00") as the form's language types it ("1250000,00" in French). */
function typed(decimal: string | null, language: Language): string {
  if (!decimal) return "";
  return language === "fr" ? decimal.replace(".", ",") : decimal;
}

export default function ReviseProject() {
  const { slug, project, permissions, outputs, outputGroups } = useLoaderData<typeof loader>();
  const failure = useActionData<EditFailure>();
  const version = useVersionAtOpen(project.id, failure?.version ?? project.version, failure);
  const { t, language } = useT();
  const money = (minor: string | null) =>
    minor ? typed(toDecimalString(minor, project.currency), language) : "";
  const defaults: Partial<ProjectFormValues> = {
    typedIn: language,
    name: project.name,
    segment: project.segment,
    minerals: project.minerals as ProjectFormValues["minerals"],
    stage: project.stage,
    hostCountry: project.hostCountry,
    latitude: typed(project.latitude, language),
    longitude: typed(project.longitude, language),
    currency: project.currency,
    capex: money(project.capexMinor),
    fundingSought: money(project.fundingSoughtMinor),
    esgNotes: project.esgNotes ?? "",
    registeringMemberId: project.registeringMemberId,
    sponsorOrganisationId: project.sponsorOrganisationId ?? "",
  };
  const resubmit = project.status === "rejected";
  return (
    <div className="stack register-project">
      <nav aria-label={t("projects.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}/projects`}>{t("projects.title")}</Link>{" "}
        <span aria-hidden="true">/</span>{" "}
        <Link to={`/p/${slug}/projects/${project.id}`}>{project.name}</Link>{" "}
        <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{t("everyday.edit.editProject")}</span>
      </nav>
      <h1>{t("everyday.edit.projectTitle", { name: project.name })}</h1>
      <p className="muted">{t("everyday.edit.projectLead")}</p>
      <ProjectRegistrationForm
        // A lost race reopens the form on what was typed, against the current version.
        key={version}
        defaults={defaults}
        failure={failure}
        outputGroups={outputGroups}
        initialOutputs={outputs}
        registrant={{
          isSponsor: !permissions.submit,
          memberName: project.registeringMemberName,
          sponsorOrganisationName: project.sponsorOrganisationName,
          partiesFixed: true,
        }}
        members={[]}
        sponsors={[]}
        hidden={{ version }}
        labels={{
          draft: t("everyday.edit.save"),
          submit: resubmit ? t("everyday.edit.saveAndResubmit") : t("everyday.edit.saveAndSubmit"),
          saving: t("everyday.edit.saving"),
          submitting: t("everyday.edit.submitting"),
        }}
      />
      <p>
        <Link to={`/p/${slug}/projects/${project.id}`}>{t("everyday.edit.backToProject")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
