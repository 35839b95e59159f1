/*
 * The public portfolio's open data (docs/open-data.md): the record each project becomes, its CSV row, the
 * licence every file carries, pagination, and the conditional-request rules (ETag, 304). Pure: the model reads
 * the rows as anon, the routes call these.
 */
import { z } from "zod";
import { wholeNumber } from "~/forms/values";
import { toDecimalString } from "~/utils/money";

/** Every open-data file says under which licence it is published (in the JSON body and a CSV column). */
export const OPEN_DATA_LICENCE = {
  id: "CC-BY-4.0",
  // i18n-exempt: the licence's own name, as its publisher writes it (it is not translated in the files).
  name: "Creative Commons Attribution 4.0 International",
  url: "https://creativecommons.org/licenses/by/4.0/",
} as const;

export const SCHEMA_VERSION = "1.0";
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

/** The query's page numbers, with the whole-number block every form uses (app/forms/values.ts). */
export const PaginationSchema = z.object({
  page: wholeNumber({ min: 1, max: 100_000 }).default(1),
  per_page: wholeNumber({ min: 1, max: MAX_PER_PAGE }).default(DEFAULT_PER_PAGE),
});
export type Pagination = { page: number; perPage: number };

/** `?page=&per_page=` or null when either is not a whole number in range. */
export function parsePagination(search: URLSearchParams): Pagination | null {
  const parsed = PaginationSchema.safeParse({
    page: search.get("page") ?? undefined,
    per_page: search.get("per_page") ?? undefined,
  });
  return parsed.success ? { page: parsed.data.page, perPage: parsed.data.per_page } : null;
}

export interface OpenOutput {
  mineral: string;
  stage: string;
  capacityPerYear: string;
  unit: string;
  firstOutputYear: number;
}

export interface OpenFunding {
  governmentCode: string;
  governmentName: string;
  currency: string;
  amountMinor: bigint;
}

/** What the public may know of one project (the anon role's RLS decides which projects and which money). */
export interface OpenProject {
  id: string;
  name: string;
  hostCountry: string;
  segment: string;
  minerals: string[];
  stage: string;
  sponsor: string | null;
  outputs: OpenOutput[];
  /** Live, unconditional pledges, summed per government and currency (never drafts, never conditions). */
  committed: OpenFunding[];
  milestonesDone: number;
  nextMilestone: { title: string; dueDate: string } | null;
  updatedAt: string;
}

/** The JSON record of a project: snake_case, amounts as exact decimal strings and minor-unit strings. */
export function projectRecord(project: OpenProject) {
  return {
    id: project.id,
    name: project.name,
    host_country: project.hostCountry,
    segment: project.segment,
    minerals: project.minerals,
    stage: project.stage,
    sponsor: project.sponsor,
    outputs: project.outputs.map((output) => ({
      mineral: output.mineral,
      stage: output.stage,
      capacity_per_year: output.capacityPerYear,
      unit: output.unit,
      first_output_year: output.firstOutputYear,
    })),
    committed_funding: project.committed.map((funding) => ({
      government_code: funding.governmentCode,
      government: funding.governmentName,
      currency: funding.currency,
      amount: toDecimalString(funding.amountMinor, funding.currency),
      amount_minor: funding.amountMinor.toString(),
    })),
    milestones_done: project.milestonesDone,
    next_milestone: project.nextMilestone
      ? { title: project.nextMilestone.title, due_date: project.nextMilestone.dueDate }
      : null,
    updated_at: project.updatedAt,
  };
}

export const PROJECTS_CSV_HEADER = [
  "id",
  "name",
  "host_country",
  "segment",
  "minerals",
  "stage",
  "sponsor",
  "outputs",
  "committed_funding",
  "milestones_done",
  "next_milestone",
  "next_milestone_due",
  "updated_at",
  "licence",
] as const;

/** One CSV row; lists are joined with "; " and each item is "key value" words, as docs/open-data.md says. */
export function projectCsvRow(project: OpenProject): string[] {
  return [
    project.id,
    project.name,
    project.hostCountry,
    project.segment,
    project.minerals.join("; "),
    project.stage,
    project.sponsor ?? "",
    project.outputs
      .map(
        (o) => `${o.mineral} ${o.stage} ${o.capacityPerYear} ${o.unit} from ${o.firstOutputYear}`,
      )
      .join("; "),
    project.committed
      .map((f) => `${f.governmentCode} ${f.currency} ${toDecimalString(f.amountMinor, f.currency)}`)
      .join("; "),
    String(project.milestonesDone),
    project.nextMilestone?.title ?? "",
    project.nextMilestone?.dueDate ?? "",
    project.updatedAt,
    OPEN_DATA_LICENCE.id,
  ];
}

/** True when an If-None-Match header names `etag` (weak comparison, as RFC 9110 says for GET), or is "*". */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** Whether an approved project is on the public page, as its project page says (ADR 135). */
export interface PublicListing {
  keptOff: boolean;
  partnershipPublished: boolean;
  /** The registering government's delegates may change it. */
  canChange: boolean;
}
