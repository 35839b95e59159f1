import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePagination } from "~/domain/open-data";
import { REFUSALS } from "~/domain/refusals";
import { notFound, requireParam } from "~/forms/params.server";
import { languageOf, translate } from "~/i18n/i18n.server";
import { openDataJson } from "~/models/open-data.server";
import { conditionalResponse } from "~/utils/http-cache.server";

/** The published projects as open data (docs/open-data.md), read as anon whoever asks; 404 unless published. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = requireParam(params, "slug", "slug");
  const url = new URL(request.url);
  const page = parsePagination(url.searchParams);
  if (!page) {
    throw new Response(translate(await languageOf(request), REFUSALS.publicPage), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const file = await openDataJson(slug, url, page);
  if (!file) throw notFound();
  return conditionalResponse(request, file.body, {
    contentType: "application/json; charset=utf-8",
    lastModified: file.lastModified,
    extra: {
      Link: file.link,
      "Content-Disposition": `inline; filename="${file.filename}"`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
