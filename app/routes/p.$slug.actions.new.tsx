import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { NationalActionFields } from "~/components/national-actions";
import { AudienceFieldset, useIntentForm } from "~/components/sharing";
import { NationalActionSchema } from "~/domain/national-actions";
import { ROLES_FOR } from "~/domain/permissions";
import { SubmitButton, ValidatedForm } from "~/forms/fields";
import { parseSharingForm, refusedFailure } from "~/forms/sharing.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { createNationalAction } from "~/models/national-actions.server";
import { audienceOptions } from "~/models/sharing.server";
import { RouteErrorMessage } from "~/root";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";
import { readForm } from "~/forms/parse.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "actions.form.newTitle") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.shareItems);
  return json({
    slug: context.partnership.slug,
    government: context.membership.memberName ?? "",
    governments: await audienceOptions(context),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.shareItems);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const parsed = parseSharingForm(formData, NationalActionSchema, "create");
  if (!parsed.ok) return parsed.response;
  const outcome = await createNationalAction(context, parsed.data);
  if (!outcome.ok) return refusedFailure("create", outcome, formData);
  return redirect(`/p/${context.partnership.slug}/actions/${outcome.id}`);
}

export default function NewNationalAction() {
  const { slug, government, governments } = useLoaderData<typeof loader>();
  const { t, language } = useT();
  const { form, formError } = useIntentForm(NationalActionSchema, "create", {
    typedIn: language,
    audience: "private",
    minerals: [],
    memberIds: [],
  });
  return (
    <div className="stack narrow-page">
      <nav aria-label={t("technology.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}/actions`}>{t("actions.title")}</Link>{" "}
        <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{t("actions.form.newTitle")}</span>
      </nav>
      <h1>{t("actions.form.newTitle")}</h1>
      <p className="muted">{t("actions.form.lead", { government })}</p>
      <ValidatedForm form={form} formError={formError} className="form wide-form">
        <input type="hidden" name="intent" value="create" />
        <NationalActionFields form={form as never} />
        <AudienceFieldset form={form as never} governments={governments} />
        <SubmitButton pendingText={t("actions.form.saving")}>{t("actions.form.save")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
