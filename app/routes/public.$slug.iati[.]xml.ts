import type { LoaderFunctionArgs } from "@remix-run/node";
import { asAnon } from "~/db/rls.server";
import { iatiXml } from "~/domain/iati/xml";
import { REFUSALS } from "~/domain/refusals";
import { notFound, requireParam } from "~/forms/params.server";
import { languageOf, translate } from "~/i18n/i18n.server";
import { loadIatiFile } from "~/models/iati.server";
import { findPublished, lastModified } from "~/models/public-portfolio.server";
import * as clock from "~/utils/clock.server";
import { conditionalResponse } from "~/utils/http-cache.server";

/**
 * The public IATI activity file of a published partnership (docs/iati.md): the members' export's model read as
 * anon, so only approved projects that are not kept off, with their live unconditional pledges and paid
 * tranches. 404 unless the partnership publishes.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug", "slug");
  const today = clock.today();
  const found = await asAnon(async (tx) => {
    const partnership = await findPublished(tx, slug);
    if (!partnership) return null;
    return {
      partnership,
      file: await loadIatiFile(tx, partnership.id, { kind: "partnership" }, today),
      changedAt: await lastModified(tx, partnership.id),
    };
  });
  if (!found?.file) throw notFound();
  if (found.file.activities.length === 0 && found.file.leftOut.length === 0) {
    throw new Response(translate(await languageOf(request), REFUSALS.iatiNothingToReport), {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  // generated-datetime is the day's start, so the body (and its ETag) changes only when the data does.
  const xml = iatiXml(found.file, new Date(`${today}T00:00:00Z`));
  return conditionalResponse(request, xml, {
    contentType: "application/xml; charset=utf-8",
    lastModified: found.changedAt,
    extra: {
      "Content-Disposition": `inline; filename="${found.partnership.slug}-iati-activities.xml"`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
