import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { requireMember, type MemberContext } from "~/auth/auth.server";
import { LinksSection } from "~/components/supply/links-section";
import { OutputsSection } from "~/components/supply/outputs-section";
import type { Intent, SupplyResult } from "~/components/supply/row-forms";
import { SupplyActionSchema, type SupplyAction } from "~/domain/supply";
import { requireParam } from "~/forms/params.server";
import { readForm, typedValues } from "~/forms/parse.server";
import { fieldErrorsFrom } from "~/forms/validation";
import { msg } from "~/i18n/message";
import { getProjectIn } from "~/models/projects.server";
import {
  addLink,
  addOutput,
  editLink,
  editOutput,
  linkCandidates,
  listProjectLinks,
  listProjectOutputs,
  outputGroupOptions,
  removeLink,
  removeOutput,
  type SupplyOutcome,
} from "~/models/supply.server";
import { RouteErrorMessage } from "~/root";
import resilienceStyles from "~/styles/resilience.css";
import type { loader as projectLoader } from "./p.$slug.projects.$projectId";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: resilienceStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, partnership } = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const data = await user.db(async (tx) => {
    const project = await getProjectIn(tx, partnership.id, projectId);
    if (!project) return null;
    return {
      groups: await outputGroupOptions(tx),
      outputs: await listProjectOutputs(tx, project.id),
      links: await listProjectLinks(tx, project.id),
      candidates: await linkCandidates(tx, partnership.id, project.id),
    };
  });
  if (!data) throw new Response(msg("errors.notFound"), { status: 404 });
  return json({ ...data, minerals: [...new Set(data.groups.map((g) => g.mineral))] });
}

/** The page's six forms, told apart by `intent`; each answers with its intent and row (`target`). */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const values = typedValues(read.formData);
  const intent = values.intent as Intent;
  const target = values.outputId ?? values.linkId;
  const parsed = SupplyActionSchema.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrorsFrom(parsed.error);
    return json<SupplyResult>({ intent, target, errors, values }, { status: 400 });
  }
  const outcome = await applySupplyAction(context, projectId, parsed.data);
  return outcome.ok
    ? json<SupplyResult>({ intent, target, notice: outcome.notice })
    : json<SupplyResult>(
        { intent, target, errors: {}, values, message: outcome.message },
        { status: outcome.status },
      );
}

function applySupplyAction(
  context: MemberContext,
  projectId: string,
  data: SupplyAction,
): Promise<SupplyOutcome> {
  switch (data.intent) {
    case "add-output":
      return addOutput(context, projectId, data);
    case "edit-output":
      return editOutput(context, data);
    case "remove-output":
      return removeOutput(context, data.outputId);
    case "add-link":
      return addLink(context, projectId, data);
    case "edit-link":
      return editLink(context, data);
    case "remove-link":
      return removeLink(context, data.linkId);
  }
}

export default function ProjectSupply() {
  const data = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof projectLoader>("routes/p.$slug.projects.$projectId");
  if (!layout) return null;
  const { slug, project, permissions } = layout;
  return (
    <div className="stack resilience supply">
      <OutputsSection
        slug={slug}
        project={project}
        outputs={data.outputs}
        groups={data.groups}
        editable={permissions.editMilestones}
      />
      <LinksSection
        slug={slug}
        projectName={project.name}
        links={data.links}
        candidates={data.candidates}
        minerals={data.minerals}
        editable={permissions.editMilestones}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
