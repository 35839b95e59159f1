import type { LoaderFunctionArgs } from "@remix-run/node";
import { isCurrentLand, landSvg } from "~/models/portfolio-map.server";

/**
 * The world map's land outline (ADR 166): public (it is the same for everybody), and cached for good at the
 * address that names its version; without that version, for an hour.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const version = new URL(request.url).searchParams.get("v");
  return new Response(landSvg(), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": isCurrentLand(version)
        ? "public, max-age=31536000, immutable"
        : "public, max-age=3600",
    },
  });
}
