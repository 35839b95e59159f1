import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { DocumentsSection } from "~/components/documents";
import { requireParam } from "~/forms/params.server";
import { readForm } from "~/forms/parse.server";
import type { FormFailure } from "~/forms/validation";
import { msg } from "~/i18n/message";
import { loadDocuments, uploadFromForm } from "~/models/documents-page.server";
import { getProjectIn } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const project = await context.user.db((tx) =>
    getProjectIn(tx, context.partnership.id, projectId),
  );
  if (!project) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  return json(await loadDocuments(context, { type: "project", id: project.id }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const read = await readForm(request);
  if (!read.ok) {
    // Not a form, or a NUL in a field: the boundary's own sentence, in this page's shape.
    const failure = (await read.response.json()) as FormFailure;
    const message =
      failure.errors.form ??
      Object.values(failure.errors)[0] ??
      msg("collaboration.documents.noFile");
    return json({ ok: false, message }, { status: read.response.status });
  }
  const { result, status } = await uploadFromForm(
    context,
    { type: "project", id: projectId },
    read.formData,
  );
  return json(result, { status });
}

export default function ProjectDocuments() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <DocumentsSection {...data} result={result} />;
}

export const ErrorBoundary = RouteErrorMessage;
