import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import {
  resilienceFor,
  resilienceCsvRows,
  RESILIENCE_CSV_HEADER,
} from "~/models/resilience.server";
import { languageOf } from "~/i18n/i18n.server";
import { csvResponse, toCsv } from "~/utils/csv";
import * as clock from "~/utils/clock.server";

/**
 * `/p/:slug/resilience.csv?horizon=YYYY&scenario=funded|pipeline|with-my-drafts[&growth=N]`: one row per
 * mineral × stage, computed under the caller's row-level security exactly as the page is.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const model = await resilienceFor(context, request, clock.today(), await languageOf(request));
  const { horizon, scenario } = model.params;
  return csvResponse(
    toCsv(RESILIENCE_CSV_HEADER, resilienceCsvRows(model)),
    `${context.partnership.slug}-resilience-${horizon}-${scenario}.csv`,
  );
}
