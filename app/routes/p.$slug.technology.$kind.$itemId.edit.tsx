import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { useIntentForm } from "~/components/sharing";
import { KIND_PATH, TechnologyFields } from "~/components/technology";
import { ROLES_FOR } from "~/domain/permissions";
import { EditTechnologyItemSchema } from "~/domain/technology";
import { SubmitButton, ValidatedForm } from "~/forms/fields";
import { parseSharingForm, refusedFailure } from "~/forms/sharing.server";
import { requireTechnologyKind } from "~/forms/sharing.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { governmentDelegates } from "~/models/sharing.server";
import { getTechnologyItem, updateTechnologyItem } from "~/models/technology.server";
import { RouteErrorMessage } from "~/root";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";
import { readForm } from "~/forms/parse.server";
import { requireParam } from "~/forms/params.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  {
    title: pageTitle(
      matches,
      data?.kind === "request" ? "technology.form.editRequest" : "technology.form.editOffer",
    ),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.shareItems);
  const kind = requireTechnologyKind(params.kind);
  const item = await getTechnologyItem(context, kind, requireParam(params, "itemId", "uuid"));
  // Only its own government edits an item; to anyone else the form does not exist.
  if (!item?.mine) throw new Response(null, { status: 404 });
  return json({
    slug: context.partnership.slug,
    kind,
    item,
    contacts: await governmentDelegates(context),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.shareItems);
  const itemId = requireParam(params, "itemId", "uuid");
  const kind = requireTechnologyKind(params.kind);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const parsed = parseSharingForm(formData, EditTechnologyItemSchema, "edit");
  if (!parsed.ok) return parsed.response;
  const outcome = await updateTechnologyItem(context, kind, { ...parsed.data, itemId });
  if (!outcome.ok) return refusedFailure("edit", outcome, formData);
  return redirect(`/p/${context.partnership.slug}/technology/${KIND_PATH[kind]}/${itemId}`);
}

export default function EditTechnologyItem() {
  const { slug, kind, item, contacts } = useLoaderData<typeof loader>();
  const { t } = useT();
  const { form, formError } = useIntentForm(EditTechnologyItemSchema, "edit", {
    itemId: item.id,
    version: item.version,
    title: item.title,
    description: item.description ?? "",
    category: item.category,
    minerals: item.minerals as never,
    trl: String(item.trl),
    holderOrganisation: item.holderOrganisation,
    licensingTerms: item.licensingTerms ?? "",
    exportControlled: item.exportControlled,
    exportControlRegime: item.exportControlRegime ?? "",
    exportControlNote: item.exportControlNote ?? "",
    contactMembershipId: item.contactMembershipId ?? "",
  });
  const heading =
    kind === "offer" ? t("technology.form.editOffer") : t("technology.form.editRequest");
  const itemPath = `/p/${slug}/technology/${KIND_PATH[kind]}/${item.id}`;
  return (
    <div className="stack narrow-page">
      <nav aria-label={t("technology.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}/technology/${KIND_PATH[kind]}`}>{t("technology.title")}</Link>{" "}
        <span aria-hidden="true">/</span> <Link to={itemPath}>{item.title}</Link>{" "}
        <span aria-hidden="true">/</span> <span aria-current="page">{heading}</span>
      </nav>
      <h1>{heading}</h1>
      <ValidatedForm form={form} formError={formError} className="form wide-form">
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" {...form.register("itemId")} />
        <input type="hidden" {...form.register("version")} />
        <TechnologyFields form={form as never} contacts={contacts} />
        <div className="page-actions">
          <SubmitButton pendingText={t("technology.form.saving")}>
            {t("technology.form.saveChanges")}
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
