import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { REFUSALS } from "~/domain/refusals";
import { parseForm } from "~/forms/parse.server";
import { requireParam } from "~/forms/params.server";
import { setKeptOffPublic } from "~/models/publication.server";

const KeptOffSchema = z.object({
  keptOff: z.enum(["true", "false"], { error: REFUSALS.keepOffChoice }),
});

/** Keeps an approved project off the public page, or lists it again: its registering government (ADR 135). */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const submission = await parseForm(request, KeptOffSchema);
  if (!submission.ok) return submission.response;
  const outcome = await setKeptOffPublic(context, projectId, submission.data.keptOff === "true");
  if (!outcome.ok) throw new Response(outcome.message, { status: outcome.status });
  return redirect(`/p/${context.partnership.slug}/projects/${outcome.id}`);
}

/** Nothing to show here: back to the project (a malformed address is a 404, as everywhere). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partnership } = await requireMember(request, params.slug);
  return redirect(`/p/${partnership.slug}/projects/${requireParam(params, "projectId", "uuid")}`);
}
