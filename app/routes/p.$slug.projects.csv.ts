import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import { countryName } from "~/domain/countries";
import type { Segment, Stage } from "~/domain/projects/vocabulary";
import { getT } from "~/i18n/i18n.server";
import { parseProjectFilters } from "~/domain/projects/filters";
import { EXPORT_LIMIT, exportProjects } from "~/models/projects.server";
import { csvResponse, toCsv } from "~/utils/csv";
import { toDecimalString } from "~/utils/money";

/**
 * The project list as CSV: the same filters and sort as the page (its URL's parameters), read under the
 * member's own row-level security, every matching row (no paging) up to EXPORT_LIMIT.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // Its words are English whoever downloads it (ADR 090), from the English catalogue.
  const t = getT("en");
  const context = await requireMember(request, params.slug);
  const rows = await exportProjects(
    context,
    parseProjectFilters(new URL(request.url).searchParams),
  );
  const truncated = rows.length > EXPORT_LIMIT;
  const csv = toCsv(
    [
      "project_id",
      "name",
      "segment",
      "minerals",
      "host_country",
      "host_country_name",
      "latitude",
      "longitude",
      "stage",
      "status",
      "currency",
      "capex",
      "funding_sought",
      "funding_sought_minor",
      "registering_government",
      "sponsor",
      "last_changed_utc",
    ],
    rows
      .slice(0, EXPORT_LIMIT)
      .map((row) => [
        row.id,
        row.name,
        t(`vocabulary.segment.${row.segment as Segment}`, { defaultValue: row.segment }),
        row.minerals.join("; "),
        row.hostCountry,
        countryName(row.hostCountry),
        row.latitude,
        row.longitude,
        t(`vocabulary.stage.${row.stage as Stage}`, { defaultValue: row.stage }),
        t(`vocabulary.projectStatus.${row.status}`),
        row.currency,
        row.capexMinor === null ? null : toDecimalString(row.capexMinor, row.currency),
        row.fundingSoughtMinor === null
          ? null
          : toDecimalString(row.fundingSoughtMinor, row.currency),
        row.fundingSoughtMinor,
        row.registeringMemberName,
        row.sponsorOrganisationName,
        new Date(row.updatedAt).toISOString(),
      ]),
  );
  const response = csvResponse(csv, `${context.partnership.slug}-projects.csv`);
  if (truncated) response.headers.set("X-Lodestone-Truncated", String(EXPORT_LIMIT));
  return response;
}
