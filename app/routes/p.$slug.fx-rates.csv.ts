import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import { ROLES_FOR } from "~/domain/permissions";
import { listRates } from "~/models/fx-rates.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** The FX rate table as CSV, in the upload's own format (so a download can be edited and uploaded). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.fxRates);
  const rates = await listRates(context);
  return csvResponse(
    toCsv(
      ["currency", "rate", "as_of"],
      rates.map((rate) => [rate.currency, rate.rate, rate.asOf]),
    ),
    `${context.partnership.slug}-fx-rates.csv`,
  );
}
