/*
 * Project outputs and supply links, shared by browser and server: their vocabulary, the one zod schema of each
 * form, and reading the registration form's list of outputs. Units are never typed: the database takes each
 * output's unit from the newest reference data (docs/decisions/081-*.md); forms only show it.
 */
import { z } from "zod";
import { INPUT_MESSAGES } from "~/forms/messages";
import { uuid, version } from "~/forms/values";
import { LANGUAGES, type Language } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { readDecimal } from "~/utils/numbers";

/** The three stages of a supply chain the reference data knows. */
export const SUPPLY_STAGES = ["mining", "refining", "magnets"] as const;
export type SupplyStage = (typeof SUPPLY_STAGES)[number];
export const SUPPLY_STAGE_LABELS: Record<SupplyStage, string> = {
  mining: "Mining",
  refining: "Refining",
  magnets: "Magnets",
};

export const LINK_KINDS = ["offtake", "feedstock", "tolling"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  offtake: "Offtake",
  feedstock: "Feedstock",
  tolling: "Tolling",
};

export const LINK_STATUSES = ["under_negotiation", "mou", "signed"] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
export const LINK_STATUS_LABELS: Record<LinkStatus, string> = {
  under_negotiation: "Under negotiation",
  mou: "MoU",
  signed: "Signed",
};

/** "rare_earths" → "Rare earths". */
export function mineralLabel(mineral: string): string {
  const text = mineral.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function stageLabel(stage: string): string {
  return SUPPLY_STAGE_LABELS[stage as SupplyStage] ?? stage;
}

/** A reference group a project's output can belong to, as the forms offer it. */
export interface OutputGroupOption {
  /** "lithium:refining" */
  value: string;
  mineral: string;
  stage: SupplyStage;
  /** The unit the capacity is entered in ("t Li content"). */
  unit: string;
}

export function groupValue(mineral: string, stage: string): string {
  return `${mineral}:${stage}`;
}

export function splitGroup(value: string): { mineral: string; stage: SupplyStage } | null {
  const [mineral = "", stage = ""] = value.split(":");
  if (!/^[a-z][a-z_]{1,39}$/.test(mineral)) return null;
  if (!(SUPPLY_STAGES as readonly string[]).includes(stage)) return null;
  return { mineral, stage: stage as SupplyStage };
}

/** "1,250.5" (or "1 250,5" in French) → "1250.5": a positive quantity with at most three decimals, or null. */
export function parseQuantity(input: string, language: Language): string | null {
  const cleaned = readDecimal(input, language);
  if (cleaned === null || !/^\d{1,13}(\.\d{1,3})?$/.test(cleaned)) return null;
  return Number(cleaned) > 0 ? cleaned.replace(/^0+(?=\d)/, "") : null;
}

/** The language numbers were typed in: a hidden field of each form that takes a quantity (ADR 091). */
const typedIn = z.enum(LANGUAGES).default("en");

export const FIRST_OUTPUT_YEARS = { min: 2000, max: 2100 } as const;

type Quantity = "capacity" | "tonnes" | "worldTotal";

/** A quantity field: text, checked and read in the form's language (checkQuantity, readQuantity). */
const quantity = (what: Quantity) =>
  z
    .string(msg(`supply.schema.${what}`))
    .trim()
    .min(1, msg(`supply.schema.${what}`));

/**
 * Checks the form's quantity field `field` in the language it was typed in. It runs even when other fields
 * failed, so a refused post names every problem at once.
 */
function checkQuantity(field: string, what: Quantity) {
  return [
    (values: Record<string, unknown>, ctx: z.RefinementCtx) => {
      const text = values[field];
      if (typeof text !== "string" || text === "") return;
      const language = (LANGUAGES as readonly unknown[]).includes(values.typedIn)
        ? (values.typedIn as Language)
        : "en";
      if (parseQuantity(text, language) === null) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: msg(`supply.schema.${what}Number`),
        });
      }
    },
    { when: () => true },
  ] as const;
}

/** The checked form with its quantity as plain digits, the language forgotten (the values are the same in any). */
function readQuantity<T extends { typedIn: Language }>(field: keyof T & string) {
  return ({ typedIn, ...values }: T): Omit<T, "typedIn"> => ({
    ...values,
    [field]: parseQuantity(String(values[field as keyof typeof values]), typedIn) ?? "",
  });
}

/** One output: which reference group, how much a year (in the group's unit), from which year. */
const OutputFields = z.object({
  group: z
    .string(msg("supply.schema.group"))
    .refine((value) => splitGroup(value) !== null, msg("supply.schema.group")),
  capacity: quantity("capacity"),
  firstYear: z.coerce
    .number(msg("supply.schema.firstYear"))
    .int(msg("supply.schema.wholeYear"))
    .min(FIRST_OUTPUT_YEARS.min, msg("supply.schema.yearFrom", { year: FIRST_OUTPUT_YEARS.min }))
    .max(FIRST_OUTPUT_YEARS.max, msg("supply.schema.yearUpTo", { year: FIRST_OUTPUT_YEARS.max })),
  typedIn,
});

/* An output form's fields, checked: the capacity read in the form's language. */
function withCapacity<Fields extends typeof OutputFields>(fields: Fields) {
  return fields
    .superRefine(...checkQuantity("capacity", "capacity"))
    .transform(readQuantity<z.output<Fields>>("capacity"));
}

export const OutputSchema = withCapacity(OutputFields);
export type OutputInput = z.output<typeof OutputSchema>;

const OutputEditFields = OutputFields.extend({ outputId: uuid(), version: version() });

export const OutputEditSchema = withCapacity(OutputEditFields);

/** A supply link from the page of one of its projects: the other project, and which way the mineral goes. */
const LinkFields = z.object({
  direction: z.enum(["supplies", "buys"], msg("supply.schema.direction")),
  counterpartId: z.uuid(msg("supply.schema.counterpart")),
  mineral: z.string().regex(/^[a-z][a-z_]{1,39}$/, msg("supply.schema.mineral")),
  kind: z.enum(LINK_KINDS, msg("supply.schema.kind")),
  tonnes: quantity("tonnes"),
  status: z.enum(LINK_STATUSES, msg("supply.schema.status")),
  typedIn,
});

/* A link form's fields, checked: the tonnes read in the form's language. */
function withTonnes<
  Fields extends z.ZodObject<{ tonnes: ReturnType<typeof quantity>; typedIn: typeof typedIn }>,
>(fields: Fields) {
  return fields
    .superRefine(...checkQuantity("tonnes", "tonnes"))
    .transform(readQuantity<z.output<Fields>>("tonnes"));
}

export const LinkSchema = withTonnes(LinkFields);
export type LinkInput = z.output<typeof LinkSchema>;

const LinkEditFields = z.object({
  linkId: uuid(),
  version: version(),
  kind: z.enum(LINK_KINDS, msg("supply.schema.kind")),
  tonnes: quantity("tonnes"),
  status: z.enum(LINK_STATUSES, msg("supply.schema.status")),
  typedIn,
});

export const LinkEditSchema = withTonnes(LinkEditFields);

/** The supply page's six forms, told apart by `intent` (one parse per route, ADR 006). */
export const SupplyActionSchema = z.discriminatedUnion(
  "intent",
  [
    withCapacity(OutputFields.extend({ intent: z.literal("add-output") })),
    withCapacity(OutputEditFields.extend({ intent: z.literal("edit-output") })),
    z.object({ intent: z.literal("remove-output"), outputId: uuid() }),
    withTonnes(LinkFields.extend({ intent: z.literal("add-link") })),
    withTonnes(LinkEditFields.extend({ intent: z.literal("edit-link") })),
    z.object({ intent: z.literal("remove-link"), linkId: uuid() }),
  ],
  INPUT_MESSAGES.chooseAction,
);
export type SupplyAction = z.output<typeof SupplyActionSchema>;

/**
 * The registration form's outputs: fields `outputs.N.group`, `outputs.N.capacity`, `outputs.N.firstYear`.
 * Rows left entirely blank are ignored; errors come back keyed by the same field names.
 */
export function outputsFromForm(
  formData: FormData,
): { ok: true; outputs: OutputInput[] } | { ok: false; errors: Record<string, string> } {
  const rows = new Map<number, Record<string, string>>();
  const language = formData.get("typedIn");
  for (const [key, value] of formData.entries()) {
    const match = /^outputs\.(\d{1,2})\.(group|capacity|firstYear)$/.exec(key);
    if (!match || typeof value !== "string") continue;
    const index = Number(match[1]);
    rows.set(index, { ...(rows.get(index) ?? {}), [match[2] ?? ""]: value });
  }
  const outputs: OutputInput[] = [];
  const errors: Record<string, string> = {};
  for (const [index, row] of [...rows].sort(([a], [b]) => a - b)) {
    if (!row.group && !row.capacity?.trim() && !row.firstYear?.trim()) continue;
    const parsed = OutputSchema.safeParse({
      ...row,
      typedIn: typeof language === "string" ? language : undefined,
    });
    if (parsed.success) {
      outputs.push(parsed.data);
      continue;
    }
    for (const issue of parsed.error.issues) {
      errors[`outputs.${index}.${issue.path.join(".")}`] ??= issue.message;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, outputs };
}

/** The secretariat's own sourced world total for a group known only as shares. */
const WorldTotalFields = z.object({
  stage: z.enum(SUPPLY_STAGES, msg("supply.schema.stage")),
  year: z.coerce
    .number(msg("supply.schema.figureYear"))
    .int(msg("supply.schema.figureYear"))
    .min(1990, msg("supply.schema.yearFrom", { year: 1990 }))
    .max(2100, msg("supply.schema.yearUpTo", { year: 2100 })),
  worldTotal: quantity("worldTotal"),
  source: z
    .string()
    .trim()
    .min(3, msg("supply.schema.source"))
    .max(500, msg("supply.schema.sourceLong")),
  sourceUrl: z
    .string()
    .trim()
    .max(2000, msg("supply.schema.addressLong"))
    .refine((value) => value === "" || /^https?:\/\/\S+$/.test(value), msg("supply.schema.address"))
    .optional()
    .transform((value) => value || null),
  note: z
    .string()
    .trim()
    .max(2000, msg("supply.schema.noteLong"))
    .optional()
    .transform((value) => value || null),
  typedIn,
});

/* The world total's fields, checked: the total read in the form's language. */
function withWorldTotal<Fields extends typeof WorldTotalFields>(fields: Fields) {
  return fields
    .superRefine(...checkQuantity("worldTotal", "worldTotal"))
    .transform(readQuantity<z.output<Fields>>("worldTotal"));
}

export const WorldTotalSchema = withWorldTotal(WorldTotalFields);
export type WorldTotalInput = z.output<typeof WorldTotalSchema>;

/** The mineral page's two forms: set the partnership's world total of a stage, or go back to the reference's. */
export const WorldTotalActionSchema = z.discriminatedUnion(
  "intent",
  [
    withWorldTotal(WorldTotalFields.extend({ intent: z.literal("set-world-total") })),
    z.object({
      intent: z.literal("remove-world-total"),
      stage: z.enum(SUPPLY_STAGES, msg("supply.schema.stage")),
    }),
  ],
  INPUT_MESSAGES.chooseWorldTotalAction,
);
