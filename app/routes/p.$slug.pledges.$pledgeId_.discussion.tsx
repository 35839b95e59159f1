/*
 * A pledge's discussion (issue 14): as private as the pledge (ADR 140): a draft's thread exists only for its
 * own government; once committed, for everyone who sees the pledge. Reached from the pledge's page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DiscussionThread } from "~/components/discussion";
import { requireParam } from "~/forms/params.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import {
  discussionAction,
  findPledge,
  loadDiscussion,
  type DiscussionFailure,
} from "~/models/discussion-page.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "collaboration.comments.heading") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const pledgeId = requireParam(params, "pledgeId", "uuid");
  const pledge = await findPledge(context, pledgeId);
  if (!pledge) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  const discussion = await loadDiscussion(context, { type: "pledge", id: pledge.id });
  return json({ pledge, slug: context.partnership.slug, ...discussion });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const pledgeId = requireParam(params, "pledgeId", "uuid");
  return discussionAction(request, context, { type: "pledge", id: pledgeId });
}

export default function PledgeDiscussion() {
  const { pledge, slug, comments, people, viewerId, canWrite } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as DiscussionFailure;
  const { t } = useT();
  return (
    <div className="stack">
      <p>
        <Link to={`/p/${slug}/pledges/${pledge.id}`}>
          {t("collaboration.subjects.backToPledge")}
        </Link>
      </p>
      <h1>
        {t("collaboration.subjects.pledgeHeading", {
          member: pledge.memberName,
          project: pledge.projectName,
        })}
      </h1>
      <DiscussionThread
        comments={comments}
        people={people}
        viewerId={viewerId}
        canWrite={canWrite}
        failure={failure}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
