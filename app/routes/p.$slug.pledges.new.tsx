import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { PledgeForm } from "~/components/pledge-form";
import { ROLES_FOR } from "~/domain/permissions";
import { nestFormData, newPledgeFrom, pledgeFormSchema } from "~/domain/pledges";
import { formFailure, parseForm } from "~/forms/parse.server";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { createPledge, pledgeFormOptions } from "~/models/pledges.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "pledges.new.title") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.pledge);
  const options = await pledgeFormOptions(context);
  const project = new URL(request.url).searchParams.get("project");
  return json({
    ...options,
    reportingCurrency: context.partnership.reportingCurrency,
    memberCode: context.membership.memberCode,
    slug: context.partnership.slug,
    initialProjectId: options.projects.some((p) => p.id === project) ? (project ?? "") : "",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.pledge);
  const schema = pledgeFormSchema(context.partnership.reportingCurrency);
  const submission = await parseForm(request, schema, (formData) =>
    nestFormData(formData.entries()),
  );
  if (!submission.ok) return submission.response;
  const { data, formData } = submission;
  const outcome = await createPledge(
    context,
    newPledgeFrom(data, context.partnership.reportingCurrency),
  );
  if (!outcome.ok) return formFailure({ [outcome.field]: outcome.message }, formData);
  return redirect(`/p/${context.partnership.slug}/pledges/${outcome.id}?created=1`);
}

export default function NewPledge() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  return (
    <div className="stack">
      <p>
        <Link to={`/p/${data.slug}/pledges`}>{t("pledges.detail.back")}</Link>
      </p>
      <h1>
        {t("pledges.new.heading", { member: data.memberCode ? f.country(data.memberCode) : "" })}
      </h1>
      <p className="muted">{t("pledges.new.lead")}</p>
      {data.projects.length === 0 ? (
        <div className="alert warning" role="status">
          {t("pledges.new.noProjects")}
        </div>
      ) : (
        <PledgeForm
          reportingCurrency={data.reportingCurrency}
          projects={data.projects}
          milestones={data.milestones}
          initialProjectId={data.initialProjectId}
        />
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
