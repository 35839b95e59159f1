/*
 * Editing a draft pledge's terms and tranches until it is committed (ADR 110), against the version the
 * delegate saw; a lost race keeps what was typed and says so.
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
import { PledgeForm } from "~/components/pledge-form";
import { canEditPledgeTerms } from "~/domain/edits";
import { actorOf, ROLES_FOR } from "~/domain/permissions";
import {
  nestFormData,
  newPledgeFrom,
  pledgeEditSchema,
  ruleFromStored,
  type PledgeFormValues,
} from "~/domain/pledges";
import { requireParam } from "~/forms/params.server";
import { formFailure, parseForm } from "~/forms/parse.server";
import type { FormFailure } from "~/forms/validation";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { editDraftPledge, getDraftPledgeTerms } from "~/models/pledge-drafts.server";
import { pledgeFormOptions } from "~/models/pledges.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import { toDecimalString } from "~/utils/money";
import { useVersionAtOpen } from "~/utils/version-at-open";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(matches, "everyday.edit.pledgeTitle", { project: data?.projectName ?? "" }),
  },
];

async function editable(context: MemberContext, pledgeId: string) {
  const terms = await getDraftPledgeTerms(context, pledgeId);
  if (!terms) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  if (!canEditPledgeTerms(actorOf(context), terms)) {
    throw new Response(msg("everyday.edit.pledgeNotDraft"), { status: 403 });
  }
  return terms;
}

/** The stored terms as the form's fields (amounts as plain decimals, as the form reads them). */
function formValues(
  terms: Awaited<ReturnType<typeof editable>>,
  reportingCurrency: string,
): Partial<PledgeFormValues> {
  const rule = ruleFromStored(terms.cofundingRule);
  return {
    projectId: terms.projectId,
    currency: terms.currency,
    amount: toDecimalString(terms.amountMinor, terms.currency),
    instrument: terms.instrument as PledgeFormValues["instrument"],
    conditions: terms.conditions ?? "",
    ruleKind: rule?.kind ?? "none",
    ruleMembers: rule?.kind === "min_other_members" ? String(rule.n) : "",
    ruleAmount:
      rule?.kind === "min_cofunding" ? toDecimalString(rule.amountMinor, reportingCurrency) : "",
    ruleRatio: rule?.kind === "match" ? String(rule.denominator) : "1",
    ruleCap: rule?.kind === "match" ? toDecimalString(rule.capMinor, terms.currency) : "",
    tranches: terms.tranches.map((tranche) => ({
      amount: toDecimalString(tranche.amountMinor, terms.currency),
      dueDate: tranche.dueDate,
      milestoneId: tranche.milestoneId ?? "",
    })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.pledge);
  const terms = await editable(context, requireParam(params, "pledgeId", "uuid"));
  const options = await pledgeFormOptions(context);
  const reportingCurrency = context.partnership.reportingCurrency;
  return json({
    ...options,
    slug: context.partnership.slug,
    reportingCurrency,
    pledgeId: terms.id,
    version: terms.version,
    projectName: options.projects.find((p) => p.id === terms.projectId)?.name ?? "",
    initial: formValues(terms, reportingCurrency),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.pledge);
  const terms = await editable(context, requireParam(params, "pledgeId", "uuid"));
  const submission = await parseForm(
    request,
    pledgeEditSchema(context.partnership.reportingCurrency),
    (formData) => nestFormData(formData.entries()),
  );
  if (!submission.ok) return submission.response;
  const { data, formData } = submission;
  const outcome = await editDraftPledge(context, terms.id, data.version, {
    ...newPledgeFrom(data, context.partnership.reportingCurrency),
    projectId: terms.projectId,
  });
  if (!outcome.ok) {
    return formFailure({ [outcome.field]: outcome.message }, formData, outcome.status);
  }
  return redirect(`/p/${context.partnership.slug}/pledges/${terms.id}?edited=1`);
}

export default function EditDraftPledge() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const version = useVersionAtOpen(data.pledgeId, data.version, failure);
  const { t } = useT();
  return (
    <div className="stack">
      <p>
        <Link to={`/p/${data.slug}/pledges/${data.pledgeId}`}>
          {t("everyday.edit.backToPledge")}
        </Link>
      </p>
      <h1>{t("everyday.edit.pledgeTitle", { project: data.projectName })}</h1>
      <p className="muted">{t("everyday.edit.pledgeLead")}</p>
      <PledgeForm
        // After a lost race the form stays on what was typed; it is saved against the current version.
        key={failure ? "typed" : "stored"}
        reportingCurrency={data.reportingCurrency}
        projects={data.projects}
        milestones={data.milestones}
        initialProjectId={data.initial.projectId}
        initial={data.initial}
        hidden={{ version }}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
