import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import { COUNTRIES_CSV_HEADER, countriesCsvRows, getResilience } from "~/models/resilience.server";
import { csvResponse, toCsv } from "~/utils/csv";
import * as clock from "~/utils/clock.server";

/**
 * `/p/:slug/resilience-countries.csv?…` (the same parameters as the page): one row per mineral × stage ×
 * country, baseline and projected, under the caller's row-level security.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const outcome = await getResilience(context, new URL(request.url).searchParams, clock.today());
  if (!outcome.ok) throw new Response(outcome.message, { status: outcome.status });
  const { horizon, scenario } = outcome.model.params;
  return csvResponse(
    toCsv(COUNTRIES_CSV_HEADER, countriesCsvRows(outcome.model)),
    `${context.partnership.slug}-resilience-countries-${horizon}-${scenario}.csv`,
  );
}
