import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import { COUNTRIES_CSV_HEADER, countriesCsvRows, resilienceFor } from "~/models/resilience.server";
import { languageOf } from "~/i18n/i18n.server";
import { csvResponse, toCsv } from "~/utils/csv";
import * as clock from "~/utils/clock.server";

/**
 * `/p/:slug/resilience-countries.csv?…` (the same parameters as the page): one row per mineral × stage ×
 * country, baseline and projected, under the caller's row-level security.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const model = await resilienceFor(context, request, clock.today(), await languageOf(request));
  const { horizon, scenario } = model.params;
  return csvResponse(
    toCsv(COUNTRIES_CSV_HEADER, countriesCsvRows(model)),
    `${context.partnership.slug}-resilience-countries-${horizon}-${scenario}.csv`,
  );
}
