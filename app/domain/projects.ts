/*
 * Projects, shared by browser and server: the vocabulary (segments, minerals, stages, statuses), the one zod
 * schema of the registration form (the browser validates each step with it, the server the whole), and the
 * filters of the project list, the board and the timeline as they live in the URL.
 */
import { z } from "zod";
import { MoneyInputError, parseAmount } from "~/utils/money";
import { isCountryCode } from "./countries";

export const SEGMENTS = ["mining", "refining", "magnets", "recycling"] as const;
export type Segment = (typeof SEGMENTS)[number];
export const SEGMENT_LABELS: Record<Segment, string> = {
  mining: "Mining",
  refining: "Refining and processing",
  magnets: "Permanent magnets",
  recycling: "Recycling",
};

/** The minerals the schema accepts (projects_minerals_valid), in the order the picker shows them. */
export const MINERALS = [
  "NdPr",
  "Dy",
  "Tb",
  "lithium",
  "cobalt",
  "nickel",
  "graphite",
  "gallium",
  "germanium",
  "manganese",
  "vanadium",
  "tungsten",
  "antimony",
  "platinum-group",
] as const;
export type Mineral = (typeof MINERALS)[number];
export const MINERAL_LABELS: Record<Mineral, string> = {
  NdPr: "Neodymium-praseodymium (NdPr)",
  Dy: "Dysprosium (Dy)",
  Tb: "Terbium (Tb)",
  lithium: "Lithium",
  cobalt: "Cobalt",
  nickel: "Nickel",
  graphite: "Graphite",
  gallium: "Gallium",
  germanium: "Germanium",
  manganese: "Manganese",
  vanadium: "Vanadium",
  tungsten: "Tungsten",
  antimony: "Antimony",
  "platinum-group": "Platinum-group metals",
};
/** Short names for tables and cards. */
export const MINERAL_SHORT: Record<Mineral, string> = {
  ...MINERAL_LABELS,
  NdPr: "NdPr",
  Dy: "Dy",
  Tb: "Tb",
  "platinum-group": "PGM",
};

export const STAGES = ["concept", "feasibility", "construction", "production"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  concept: "Concept",
  feasibility: "Feasibility",
  construction: "Construction",
  production: "Production",
};

export const PROJECT_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "rejected",
  "completed",
  "cancelled",
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: "Draft",
  submitted: "Submitted for review",
  approved: "Approved",
  rejected: "Rejected",
  completed: "Completed",
  cancelled: "Cancelled",
};

/** Active ISO 4217 codes, as private.is_currency_code() accepts them; the partnership's usual ones first. */
export const COMMON_CURRENCIES = [
  "USD",
  "EUR",
  "JPY",
  "AUD",
  "CAD",
  "GBP",
  "KRW",
  "INR",
  "MXN",
] as const;
export const CURRENCIES = [
  ...COMMON_CURRENCIES,
  ...`AED AFN ALL AMD ANG AOA ARS AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CDF CHF
  CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB FJD FKP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF
  IDR ILS IQD IRR ISK JMD JOD KES KGS KHR KMF KPW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT
  MOP MRU MUR MVR MWK MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
  SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX UYU UZS
  VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG`.split(/\s+/),
] as const;

/* The registration form ----------------------------------------------------------------------------- */

const COORDINATE = /^-?\d{1,3}(\.\d{1,7})?$/;
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : null));
const uuidOrEmpty = z.union([z.uuid(), z.literal("")]).optional();

/** The form's fields, as typed: amounts and coordinates are text until the schema has checked them. */
export const ProjectFields = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the project a name.")
    .max(200, "Keep the name under 200 characters."),
  segment: z.enum(SEGMENTS, "Choose the segment of the supply chain."),
  minerals: z
    .array(z.enum(MINERALS, "Choose minerals from the list."), "Choose at least one mineral.")
    .min(1, "Choose at least one mineral."),
  stage: z.enum(STAGES, "Choose the project's stage."),
  hostCountry: z.string().refine(isCountryCode, "Choose the country where the project is."),
  latitude: z.string().trim().optional(),
  longitude: z.string().trim().optional(),
  currency: z
    .string()
    .refine((code) => (CURRENCIES as readonly string[]).includes(code), "Choose a currency."),
  capex: z.string().trim().optional(),
  fundingSought: z.string().trim().min(1, "Enter the funding sought."),
  esgNotes: optionalText(4000, "Keep the ESG notes under 4,000 characters."),
  registeringMemberId: z.uuid("Choose the government that registers the project."),
  sponsorOrganisationId: uuidOrEmpty,
});
export type ProjectFormValues = z.input<typeof ProjectFields>;

/** The form's steps: each is validated with the same schema, on its own fields, before the next opens. */
export const PROJECT_FORM_STEPS = [
  { id: "basics", title: "The project", fields: ["name", "segment", "minerals", "stage"] },
  { id: "location", title: "Location", fields: ["hostCountry", "latitude", "longitude"] },
  {
    id: "funding",
    title: "Funding and parties",
    fields: ["currency", "capex", "fundingSought", "registeringMemberId", "sponsorOrganisationId"],
  },
  { id: "esg", title: "ESG and review", fields: ["esgNotes"] },
] as const satisfies ReadonlyArray<{
  id: string;
  title: string;
  fields: ReadonlyArray<keyof ProjectFormValues>;
}>;

/** The step a field belongs to (to open the first step with an error the server found). */
export function stepOfField(field: string): number {
  const index = PROJECT_FORM_STEPS.findIndex((step) =>
    (step.fields as readonly string[]).includes(field),
  );
  return index < 0 ? 0 : index;
}

function amountIssue(value: string, currency: string): string | null {
  try {
    return parseAmount(value, currency) > 0n ? null : "Enter an amount greater than zero.";
  } catch (error) {
    if (error instanceof MoneyInputError) return error.message;
    throw error;
  }
}

/** The registration form's schema: fields, then the checks that need two of them. */
export const ProjectSchema = ProjectFields.superRefine(
  (values, ctx) => {
    const coordinates = [
      ["latitude", values.latitude, 90],
      ["longitude", values.longitude, 180],
    ] as const;
    for (const [field, value, limit] of coordinates) {
      if (typeof value !== "string" || !value) continue;
      if (!COORDINATE.test(value) || Math.abs(Number(value)) > limit) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `Enter a ${field} in decimal degrees between -${limit} and ${limit}, such as ${field === "latitude" ? "-30.749" : "121.466"}.`,
        });
      }
    }
    if (Boolean(values.latitude) !== Boolean(values.longitude)) {
      const missing = values.latitude ? "longitude" : "latitude";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: "Give both latitude and longitude, or neither.",
      });
    }
    const currency = typeof values.currency === "string" ? values.currency : "";
    if (!(CURRENCIES as readonly string[]).includes(currency)) return;
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const sought = text(values.fundingSought);
    const capex = text(values.capex);
    const soughtIssue = sought ? amountIssue(sought, currency) : null;
    if (soughtIssue)
      ctx.addIssue({ code: "custom", path: ["fundingSought"], message: soughtIssue });
    const capexIssue = capex ? amountIssue(capex, currency) : null;
    if (capexIssue) ctx.addIssue({ code: "custom", path: ["capex"], message: capexIssue });
    if (capex && sought && !soughtIssue && !capexIssue) {
      if (parseAmount(sought, currency) > parseAmount(capex, currency)) {
        ctx.addIssue({
          code: "custom",
          path: ["fundingSought"],
          message: "The funding sought cannot be more than the total capital expenditure.",
        });
      }
    }
    // Checked even when another field failed, so a refused post names every problem at once.
  },
  { when: () => true },
).transform((values) => ({
  name: values.name,
  segment: values.segment,
  minerals: [...new Set(values.minerals)],
  stage: values.stage,
  hostCountry: values.hostCountry,
  latitude: values.latitude || null,
  longitude: values.longitude || null,
  currency: values.currency,
  capexMinor: values.capex ? parseAmount(values.capex, values.currency).toString() : null,
  fundingSoughtMinor: parseAmount(values.fundingSought, values.currency).toString(),
  esgNotes: values.esgNotes,
  registeringMemberId: values.registeringMemberId,
  sponsorOrganisationId: values.sponsorOrganisationId || null,
}));
export type ProjectInput = z.output<typeof ProjectSchema>;

/** How the form was sent: kept as a draft, or submitted to the secretariat for review. */
export const ProjectIntentSchema = z.enum(["draft", "submit"]);

/** Reads a posted registration form: every field once, minerals as the list of ticked boxes. */
export function projectFormValues(formData: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && key !== "minerals") values[key] = value;
  }
  values.minerals = formData.getAll("minerals").filter((v): v is string => typeof v === "string");
  return values;
}

/* Decisions ------------------------------------------------------------------------------------------ */

export const ReviewDecisionSchema = z
  .object({
    projectId: z.uuid(),
    version: z.coerce.number().int().positive(),
    decision: z.enum(["approve", "reject"]),
    reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters.").optional(),
  })
  .superRefine((values, ctx) => {
    if (values.decision === "reject" && !values.reason) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message:
          "Say why the project is rejected: the sponsor and the registering government see it.",
      });
    }
  });

/* Filters in the URL --------------------------------------------------------------------------------- */

export const PAGE_SIZE = 25;

export const PROJECT_SORTS = {
  name: "Name, A to Z",
  "-name": "Name, Z to A",
  "-updated": "Recently changed",
  host: "Host country",
  stage: "Stage",
  status: "Status",
} as const;
export type ProjectSort = keyof typeof PROJECT_SORTS;

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

function pageOf(value: string | null): number {
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
    sort: oneOf(Object.keys(PROJECT_SORTS) as ProjectSort[], params.get("sort")) ?? "name",
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

export const ProjectChangeSchema = z.object({
  change: z.enum(["submit", "withdraw", "cancel"]),
  version: z.coerce.number().int().positive(),
});
