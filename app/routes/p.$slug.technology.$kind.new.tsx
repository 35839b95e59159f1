import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { AudienceFieldset, useIntentForm } from "~/components/sharing";
import { KIND_PATH, TechnologyFields } from "~/components/technology";
import { ROLES_FOR } from "~/domain/permissions";
import { TechnologyItemSchema } from "~/domain/technology";
import { SubmitButton, ValidatedForm } from "~/forms/fields";
import { parseSharingForm, refusedFailure } from "~/forms/sharing.server";
import { requireTechnologyKind } from "~/forms/sharing.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { audienceOptions, governmentDelegates } from "~/models/sharing.server";
import { createTechnologyItem } from "~/models/technology.server";
import { RouteErrorMessage } from "~/root";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";
import { readForm } from "~/forms/parse.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  {
    title: pageTitle(
      matches,
      data?.kind === "request" ? "technology.form.newRequest" : "technology.form.newOffer",
    ),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.shareItems);
  const kind = requireTechnologyKind(params.kind);
  const [governments, contacts] = await Promise.all([
    audienceOptions(context),
    governmentDelegates(context),
  ]);
  return json({
    slug: context.partnership.slug,
    kind,
    government: context.membership.memberName ?? "",
    governments,
    contacts,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.shareItems);
  const kind = requireTechnologyKind(params.kind);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const parsed = parseSharingForm(formData, TechnologyItemSchema, "create");
  if (!parsed.ok) return parsed.response;
  const outcome = await createTechnologyItem(context, kind, parsed.data);
  if (!outcome.ok) return refusedFailure("create", outcome, formData);
  return redirect(`/p/${context.partnership.slug}/technology/${KIND_PATH[kind]}/${outcome.id}`);
}

export default function NewTechnologyItem() {
  const { slug, kind, government, governments, contacts } = useLoaderData<typeof loader>();
  const { t } = useT();
  const { form, formError } = useIntentForm(TechnologyItemSchema, "create", {
    audience: "private",
    minerals: [],
    memberIds: [],
  });
  const heading =
    kind === "offer" ? t("technology.form.newOffer") : t("technology.form.newRequest");
  return (
    <div className="stack narrow-page">
      <nav aria-label={t("technology.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={`/p/${slug}/technology/${KIND_PATH[kind]}`}>{t("technology.title")}</Link>{" "}
        <span aria-hidden="true">/</span> <span aria-current="page">{heading}</span>
      </nav>
      <h1>{heading}</h1>
      <p className="muted">
        {kind === "offer"
          ? t("technology.form.leadOffer", { government })
          : t("technology.form.leadRequest", { government })}
      </p>
      <ValidatedForm form={form} formError={formError} className="form wide-form">
        <input type="hidden" name="intent" value="create" />
        <TechnologyFields form={form as never} contacts={contacts} />
        <AudienceFieldset form={form as never} governments={governments} />
        <SubmitButton pendingText={t("technology.form.saving")}>
          {kind === "offer" ? t("technology.form.saveOffer") : t("technology.form.saveRequest")}
        </SubmitButton>
      </ValidatedForm>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
