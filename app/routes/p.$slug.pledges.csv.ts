import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import type { Instrument } from "~/domain/pledges";
import { getT, translate } from "~/i18n/i18n.server";
import { filtersFromUrl, listPledges } from "~/models/pledges.server";
import { csvResponse, toCsv } from "~/utils/csv";
import { toDecimalString } from "~/utils/money";

/**
 * The pledge list as CSV, with the same filters and the same row-level security as the page. Its words are
 * English whoever downloads it (ADR 090), from the English catalogue.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getT("en");
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
      t(`vocabulary.instrument.${row.instrument as Instrument}`),
      t(`vocabulary.pledgeStatus.${row.status}`),
      translate("en", row.ruleText),
      row.committedOn,
      // i18n-exempt: an export's value, the same English for every reader (ADR 093).
      row.status === "draft" ? "draft: your government only" : "partnership",
    ]),
  );
  return csvResponse(csv, `${context.partnership.slug}-pledges.csv`);
}
