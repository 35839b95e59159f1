/*
 * The open-data files of a published partnership (docs/open-data.md): one page of projects as JSON or CSV,
 * always read as anon (app/models/public-portfolio.server.ts), with the licence and the links to the other pages.
 */
import { asAnon } from "~/db/rls.server";
import {
  OPEN_DATA_LICENCE,
  projectCsvRow,
  projectRecord,
  PROJECTS_CSV_HEADER,
  SCHEMA_VERSION,
  type Pagination,
} from "~/domain/open-data";
import { toCsv } from "~/utils/csv";
import { getOpenData } from "./public-portfolio.server";

function pageUrl(base: URL, page: number, perPage: number) {
  const url = new URL(base.pathname, base.origin);
  url.searchParams.set("page", String(page));
  url.searchParams.set("per_page", String(perPage));
  return url.toString();
}

function links(url: URL, page: Pagination, total: number) {
  const last = Math.max(1, Math.ceil(total / page.perPage));
  return {
    first: pageUrl(url, 1, page.perPage),
    last: pageUrl(url, last, page.perPage),
    next: page.page < last ? pageUrl(url, page.page + 1, page.perPage) : null,
    prev: page.page > 1 ? pageUrl(url, Math.min(page.page - 1, last), page.perPage) : null,
  };
}

/** RFC 8288 Link header: the pages, and the licence. */
function linkHeader(pages: ReturnType<typeof links>): string {
  return [
    ...Object.entries(pages)
      .filter((entry): entry is [string, string] => entry[1] !== null)
      .map(([rel, href]) => `<${href}>; rel="${rel}"`),
    `<${OPEN_DATA_LICENCE.url}>; rel="license"`,
  ].join(", ");
}

export interface OpenDataFile {
  body: string;
  lastModified: string;
  link: string;
  filename: string;
}

export async function openDataJson(
  slug: string,
  url: URL,
  page: Pagination,
): Promise<OpenDataFile | null> {
  const data = await getOpenData(asAnon, slug, page);
  if (!data) return null;
  const pages = links(url, page, data.total);
  const body = JSON.stringify(
    {
      schema: { version: SCHEMA_VERSION, documentation: "docs/open-data.md" },
      licence: OPEN_DATA_LICENCE,
      publisher: { name: data.partnership.name, slug: data.partnership.slug },
      reporting_currency: data.partnership.reportingCurrency,
      last_modified: data.lastModified,
      page: page.page,
      per_page: page.perPage,
      total: data.total,
      links: pages,
      projects: data.projects.map(projectRecord),
    },
    null,
    2,
  );
  return {
    body,
    lastModified: data.lastModified,
    link: linkHeader(pages),
    filename: `${slug}-projects.json`,
  };
}

export async function openDataCsv(
  slug: string,
  url: URL,
  page: Pagination,
): Promise<OpenDataFile | null> {
  const data = await getOpenData(asAnon, slug, page);
  if (!data) return null;
  const pages = links(url, page, data.total);
  return {
    body: toCsv(PROJECTS_CSV_HEADER, data.projects.map(projectCsvRow)),
    lastModified: data.lastModified,
    link: linkHeader(pages),
    filename: `${slug}-projects-page-${page.page}.csv`,
  };
}
