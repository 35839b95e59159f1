import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { languageOf, translate } from "~/i18n/i18n.server";
import type { Language } from "~/i18n/config";
import type { IatiScope } from "~/domain/iati/activity";
import { iatiXml } from "~/domain/iati/xml";
import { ROLES_FOR } from "~/domain/permissions";
import { iatiMissingIdentifiers, REFUSALS } from "~/domain/refusals";
import { getIatiFile } from "~/models/iati.server";
import { getProfile } from "~/models/profile.server";
import * as clock from "~/utils/clock.server";
import { xmlResponse } from "~/utils/xml";

const ScopeSchema = z.enum(["partnership", "government"]).default("partnership");

/** A refusal in plain text, in the reader's language (the file itself is data and stays as IATI wants it). */
const refuse = (language: Language, status: number, message: string) =>
  new Response(translate(language, message), {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });

/**
 * The IATI 2.03 activity file (docs/iati.md): the secretariat's and a delegate's of every approved project
 * with every pledge they may see (`scope=partnership`), or a delegate's of its own government's pledges only
 * (`scope=government`). Read under the member's row-level security: no draft is ever in it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.iatiExport);
  const language = await languageOf(request, (await getProfile(context.user)).language);
  const asked = ScopeSchema.safeParse(new URL(request.url).searchParams.get("scope") ?? undefined);
  if (!asked.success) throw refuse(language, 400, REFUSALS.iatiScope);
  const { memberId, memberCode } = context.membership;
  if (asked.data === "government" && !memberId) {
    throw refuse(language, 400, REFUSALS.iatiNoGovernment);
  }
  const scope: IatiScope =
    asked.data === "government" && memberId
      ? { kind: "government", memberId }
      : { kind: "partnership" };

  const file = await getIatiFile(context, scope, clock.today());
  if (file.activities.length === 0) {
    if (file.leftOut.length === 0) throw refuse(language, 404, REFUSALS.iatiNothingToReport);
    const governments = [...new Set(file.leftOut.map((left) => left.governmentName))];
    throw refuse(language, 409, iatiMissingIdentifiers(governments));
  }
  const suffix = scope.kind === "government" ? `-${memberCode ?? "government"}` : "";
  return xmlResponse(
    iatiXml(file, clock.now()),
    `${context.partnership.slug}-iati-activities${suffix}.xml`,
  );
}
