import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { setKeptOffPublic } from "~/models/publication.server";

const KeptOffSchema = z.object({ keptOff: z.enum(["true", "false"]) });

/** Keeps an approved project off the public page, or lists it again: its registering government (ADR 135). */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const parsed = KeptOffSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ message: "Choose to keep the project off or list it." }, 400);
  const outcome = await setKeptOffPublic(
    context,
    params.projectId ?? "",
    parsed.data.keptOff === "true",
  );
  if (!outcome.ok) throw new Response(outcome.message, { status: outcome.status });
  return redirect(`/p/${context.partnership.slug}/projects/${outcome.id}`);
}

export function loader({ params }: { params: { slug?: string; projectId?: string } }) {
  return redirect(`/p/${params.slug}/projects/${params.projectId}`);
}
