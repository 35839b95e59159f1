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
import { useIntentForm } from "~/components/sharing";
import { EditNationalActionSchema } from "~/domain/national-actions";
import { ROLES_FOR } from "~/domain/permissions";
import { SubmitButton, ValidatedForm } from "~/forms/fields";
import { parseSharingForm, refusedFailure } from "~/forms/sharing.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { getNationalAction, updateNationalAction } from "~/models/national-actions.server";
import { RouteErrorMessage } from "~/root";
import { toDecimalString } from "~/utils/money";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";
import { readForm } from "~/forms/parse.server";
import { requireParam } from "~/forms/params.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "actions.form.editTitle") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.shareItems);
  const item = await getNationalAction(context, requireParam(params, "actionId", "uuid"));
  // Only its own government edits an action; to anyone else the form does not exist.
  if (!item?.mine) throw new Response(null, { status: 404 });
  return json({ slug: context.partnership.slug, item });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.shareItems);
  const itemId = requireParam(params, "actionId", "uuid");
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const parsed = parseSharingForm(formData, EditNationalActionSchema, "edit");
  if (!parsed.ok) return parsed.response;
  const outcome = await updateNationalAction(context, { ...parsed.data, itemId });
  if (!outcome.ok) return refusedFailure("edit", outcome, formData);
  return redirect(`/p/${context.partnership.slug}/actions/${itemId}`);
}

export default function EditNationalAction() {
  const { slug, item } = useLoaderData<typeof loader>();
  const { t, language } = useT();
  // The amount as the form's language writes a decimal (no grouping, its own decimal sign).
  const decimal =
    item.amountMinor && item.currency ? toDecimalString(item.amountMinor, item.currency) : "";
  const { form, formError } = useIntentForm(EditNationalActionSchema, "edit", {
    itemId: item.id,
    version: item.version,
    typedIn: language,
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    minerals: item.minerals as never,
    status: item.status,
    amount: language === "fr" ? decimal.replace(".", ",") : decimal,
    currency: item.currency ?? "",
    startsOn: item.startsOn ?? "",
    targetOn: item.targetOn ?? "",
    publicUrl: item.publicUrl ?? "",
  });
  const itemPath = `/p/${slug}/actions/${item.id}`;
  return (
    <div className="stack narrow-page">
      <nav aria-label={t("technology.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}/actions`}>{t("actions.title")}</Link>{" "}
        <span aria-hidden="true">/</span> <Link to={itemPath}>{item.title}</Link>{" "}
        <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{t("actions.form.editTitle")}</span>
      </nav>
      <h1>{t("actions.form.editTitle")}</h1>
      <ValidatedForm form={form} formError={formError} className="form wide-form">
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" {...form.register("itemId")} />
        <input type="hidden" {...form.register("version")} />
        <NationalActionFields form={form as never} />
        <div className="page-actions">
          <SubmitButton pendingText={t("actions.form.saving")}>
            {t("actions.form.saveChanges")}
          </SubmitButton>
          <Link className="button secondary" to={itemPath}>
            {t("common.cancel")}
          </Link>
        </div>
      </ValidatedForm>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
