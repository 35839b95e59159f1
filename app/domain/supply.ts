/*
 * Project outputs and supply links, shared by browser and server: their vocabulary, the one zod schema of each
 * form, and reading the registration form's list of outputs. Units are never typed: the database takes each
 * output's unit from the newest reference data (docs/decisions/081-*.md); forms only show it.
 */
import { z } from "zod";
import { INPUT_MESSAGES } from "~/forms/messages";
import { uuid, version } from "~/forms/values";

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
  label: string;
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

/** "1,250.5" → "1250.5": a positive quantity with at most three decimals, or null. */
export function parseQuantity(input: string): string | null {
  const cleaned = input.trim().replace(/[\s,_]/g, "");
  if (!/^\d{1,13}(\.\d{1,3})?$/.test(cleaned)) return null;
  return Number(cleaned) > 0 ? cleaned.replace(/^0+(?=\d)/, "") : null;
}

export const FIRST_OUTPUT_YEARS = { min: 2000, max: 2100 } as const;

const quantity = (what: string) =>
  z
    .string(`Enter the ${what}.`)
    .trim()
    .min(1, `Enter the ${what}.`)
    .refine(
      (value) => parseQuantity(value) !== null,
      `Enter the ${what} as a number greater than zero, such as 12,000 (three decimals at most).`,
    )
    .transform((value) => parseQuantity(value) ?? "");

/** One output: which reference group, how much a year (in the group's unit), from which year. */
export const OutputSchema = z.object({
  group: z
    .string("Choose what the project produces.")
    .refine((value) => splitGroup(value) !== null, "Choose what the project produces."),
  capacity: quantity("capacity per year"),
  firstYear: z.coerce
    .number("Enter the first year of output, such as 2028.")
    .int("Enter a whole year, such as 2028.")
    .min(FIRST_OUTPUT_YEARS.min, `Enter a year from ${FIRST_OUTPUT_YEARS.min}.`)
    .max(FIRST_OUTPUT_YEARS.max, `Enter a year up to ${FIRST_OUTPUT_YEARS.max}.`),
});
export type OutputInput = z.output<typeof OutputSchema>;

export const OutputEditSchema = OutputSchema.extend({
  outputId: uuid(),
  version: version(),
});

/** A supply link from the page of one of its projects: the other project, and which way the mineral goes. */
export const LinkSchema = z.object({
  direction: z.enum(["supplies", "buys"], "Choose whether this project supplies or buys."),
  counterpartId: z.uuid("Choose the other project."),
  mineral: z.string().regex(/^[a-z][a-z_]{1,39}$/, "Choose the mineral."),
  kind: z.enum(LINK_KINDS, "Choose the kind of link."),
  tonnes: quantity("tonnes per year"),
  status: z.enum(LINK_STATUSES, "Choose the status."),
});
export type LinkInput = z.output<typeof LinkSchema>;

export const LinkEditSchema = z.object({
  linkId: uuid(),
  version: version(),
  kind: z.enum(LINK_KINDS, "Choose the kind of link."),
  tonnes: quantity("tonnes per year"),
  status: z.enum(LINK_STATUSES, "Choose the status."),
});

/** The supply page's six forms, told apart by `intent` (one parse per route, ADR 006). */
export const SupplyActionSchema = z.discriminatedUnion(
  "intent",
  [
    OutputSchema.extend({ intent: z.literal("add-output") }),
    OutputEditSchema.extend({ intent: z.literal("edit-output") }),
    z.object({ intent: z.literal("remove-output"), outputId: uuid() }),
    LinkSchema.extend({ intent: z.literal("add-link") }),
    LinkEditSchema.extend({ intent: z.literal("edit-link") }),
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
    const parsed = OutputSchema.safeParse(row);
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
export const WorldTotalSchema = z.object({
  stage: z.enum(SUPPLY_STAGES, "Choose the stage."),
  year: z.coerce
    .number("Enter the year the figure is for, such as 2024.")
    .int("Enter a whole year, such as 2024.")
    .min(1990, "Enter a year from 1990.")
    .max(2100, "Enter a year up to 2100."),
  worldTotal: quantity("world total"),
  source: z
    .string()
    .trim()
    .min(3, "Name the source: publisher, title and year.")
    .max(500, "Keep the source under 500 characters."),
  sourceUrl: z
    .string()
    .trim()
    .max(2000, "Keep the address under 2,000 characters.")
    .refine((value) => value === "" || /^https?:\/\/\S+$/.test(value), "Enter an http(s) address.")
    .optional()
    .transform((value) => value || null),
  note: z
    .string()
    .trim()
    .max(2000, "Keep the note under 2,000 characters.")
    .optional()
    .transform((value) => value || null),
});
export type WorldTotalInput = z.output<typeof WorldTotalSchema>;

/** The mineral page's two forms: set the partnership's world total of a stage, or go back to the reference's. */
export const WorldTotalActionSchema = z.discriminatedUnion(
  "intent",
  [
    WorldTotalSchema.extend({ intent: z.literal("set-world-total") }),
    z.object({
      intent: z.literal("remove-world-total"),
      stage: z.enum(SUPPLY_STAGES, "Choose the stage."),
    }),
  ],
  INPUT_MESSAGES.chooseWorldTotalAction,
);
