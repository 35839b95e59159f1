import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import { ROLES_FOR } from "~/domain/permissions";

/** The register opens on its offers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partnership } = await requireMember(request, params.slug, ROLES_FOR.sharing);
  return redirect(`/p/${partnership.slug}/technology/offers`);
}
