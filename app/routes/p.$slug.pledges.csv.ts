import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import { INSTRUMENT_LABELS, PLEDGE_STATUS_LABELS, type Instrument } from "~/domain/pledges";
import { filtersFromUrl, listPledges } from "~/models/pledges.server";
import { csvResponse, toCsv } from "~/utils/csv";
import { toDecimalString } from "~/utils/money";

/** The pledge list as CSV, with the same filters and the same row-level security as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const rows = await listPledges(context, filtersFromUrl(new URL(request.url)));
  const csv = toCsv(
    [
      "pledge_id",
      "project",
      "government",
      "amount",
      "currency",
      "amount_minor",
      "instrument",
      "status",
      "co_funding_rule",
      "committed_on",
      "visibility",
    ],
    rows.map((row) => [
      row.id,
      row.projectName,
      row.memberName,
      toDecimalString(row.amountMinor, row.currency),
      row.currency,
      row.amountMinor,
      INSTRUMENT_LABELS[row.instrument as Instrument] ?? row.instrument,
      PLEDGE_STATUS_LABELS[row.status],
      row.ruleText,
      row.committedOn,
      row.status === "draft" ? "draft: your government only" : "partnership",
    ]),
  );
  return csvResponse(csv, `${context.partnership.slug}-pledges.csv`);
}
