/*
 * The filters of the project list, the board and the timeline as they live in the URL: anything unknown or
 * malformed is ignored rather than refused, so a shared link never fails.
 */
import {
  MINERALS,
  PROJECT_STATUSES,
  SEGMENTS,
  STAGES,
  type Mineral,
  type ProjectStatus,
  type Segment,
  type Stage,
} from "./vocabulary";

export const PAGE_SIZE = 25;

/** The list's orders, as the URL names them (their words: projects.sorts in the catalogues). */
export const PROJECT_SORTS = ["name", "-name", "-updated", "host", "stage", "status"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export interface ProjectFilters {
  q: string;
  segment: Segment | null;
  mineral: Mineral | null;
  stage: Stage | null;
  host: string | null;
  status: ProjectStatus | null;
  member: string | null;
  sponsor: string | null;
  sort: ProjectSort;
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** A list's page from the URL: a positive whole number, else the first. */
export function pageOf(value: string | null): number {
  const page = Number(value);
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** The list's filters from the URL; anything unknown or malformed is ignored rather than refused. */
export function parseProjectFilters(params: URLSearchParams): ProjectFilters {
  const host = params.get("host")?.toUpperCase() ?? null;
  const member = params.get("member");
  const sponsor = params.get("sponsor");
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    segment: oneOf(SEGMENTS, params.get("segment")),
    mineral: oneOf(MINERALS, params.get("mineral")),
    stage: oneOf(STAGES, params.get("stage")),
    host: host && /^[A-Z]{2}$/.test(host) ? host : null,
    status: oneOf(PROJECT_STATUSES, params.get("status")),
    member: member && UUID.test(member) ? member : null,
    sponsor: sponsor && UUID.test(sponsor) ? sponsor : null,
    sort: oneOf(PROJECT_SORTS, params.get("sort")) ?? "name",
    page: pageOf(params.get("page")),
  };
}

export interface BoardFilters {
  segment: Segment | null;
  mineral: Mineral | null;
  host: string | null;
  sponsor: string | null;
  /** Only milestones at risk, delayed or overdue. */
  attention: boolean;
  /** Cards shown per column (more on request: the board is windowed, never unbounded). */
  perColumn: number;
}

export const BOARD_COLUMN_STEP = 30;
export const BOARD_COLUMN_MAX = 300;

export function parseBoardFilters(params: URLSearchParams): BoardFilters {
  const host = params.get("host")?.toUpperCase() ?? null;
  const sponsor = params.get("sponsor");
  const per = Number(params.get("per"));
  return {
    segment: oneOf(SEGMENTS, params.get("segment")),
    mineral: oneOf(MINERALS, params.get("mineral")),
    host: host && /^[A-Z]{2}$/.test(host) ? host : null,
    sponsor: sponsor && UUID.test(sponsor) ? sponsor : null,
    attention: params.get("attention") === "1",
    perColumn: Number.isSafeInteger(per)
      ? Math.min(BOARD_COLUMN_MAX, Math.max(BOARD_COLUMN_STEP, per))
      : BOARD_COLUMN_STEP,
  };
}

export interface TimelineFilters {
  segment: Segment | null;
  mineral: Mineral | null;
  host: string | null;
  sponsor: string | null;
  /** First month shown, 'YYYY-MM'. */
  from: string | null;
  /** How many months are shown. */
  months: number;
  page: number;
}

export const TIMELINE_MONTHS = [12, 24, 36] as const;

export function parseTimelineFilters(params: URLSearchParams): TimelineFilters {
  const board = parseBoardFilters(params);
  const from = params.get("from");
  const months = Number(params.get("months"));
  return {
    segment: board.segment,
    mineral: board.mineral,
    host: board.host,
    sponsor: board.sponsor,
    from: from && /^\d{4}-(0[1-9]|1[0-2])$/.test(from) ? from : null,
    months: (TIMELINE_MONTHS as readonly number[]).includes(months) ? months : 24,
    page: pageOf(params.get("page")),
  };
}

/**
 * A URL search string for `filters` with `changes` applied (a null or empty value drops the parameter,
 * defaults are left out), so links for sorting and paging keep every other filter.
 */
export function withParams(
  current: URLSearchParams,
  changes: Record<string, string | number | null | undefined>,
): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") next.delete(key);
    else next.set(key, String(value));
  }
  const text = next.toString();
  return text ? `?${text}` : "";
}
