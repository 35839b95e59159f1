/*
 * A pledge's discussion and documents (issue 14): as private as the pledge (ADRs 140, 143): a draft's exist
 * only for its own government; once committed, for everyone who sees the pledge. Reached from the pledge's page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DiscussionThread } from "~/components/discussion";
import { DocumentsSection } from "~/components/documents";
import { requireParam } from "~/forms/params.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { findPledge } from "~/models/discussion-page.server";
import {
  loadSubjectPage,
  subjectPageAction,
  type SubjectPageAnswer,
} from "~/models/subject-page.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "collaboration.comments.heading") },
];

/** The pledge, as the member sees it (a draft only for its own government): else a 404. */
async function pledgeOf(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await requireMember(request, params.slug);
  const pledgeId = requireParam(params, "pledgeId", "uuid");
  const pledge = await findPledge(context, pledgeId);
  if (!pledge) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  return { context, pledge };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { context, pledge } = await pledgeOf(request, params);
  const page = await loadSubjectPage(context, { type: "pledge", id: pledge.id });
  return json({ pledge, slug: context.partnership.slug, ...page });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { context, pledge } = await pledgeOf(request, params);
  return subjectPageAction(request, context, { type: "pledge", id: pledge.id });
}

export default function PledgeDiscussion() {
  const { pledge, slug, discussion, documents } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as SubjectPageAnswer;
  const upload = answer && "upload" in answer ? answer.upload : null;
  const failure = answer && !("upload" in answer) ? answer : undefined;
  const { t } = useT();
  const f = useFormat();
  return (
    <div className="stack">
      <p>
        <Link to={`/p/${slug}/pledges/${pledge.id}`}>
          {t("collaboration.subjects.backToPledge")}
        </Link>
      </p>
      <h1>
        {t("collaboration.subjects.pledgeHeading", {
          member: f.country(pledge.memberCode),
          project: pledge.projectName,
        })}
      </h1>
      <DiscussionThread {...discussion} failure={failure} />
      <DocumentsSection {...documents} result={upload} intent="upload" />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
