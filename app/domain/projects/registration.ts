/*
 * A project's forms, shared by browser and server: the one zod schema of the registration form (the browser
 * validates each step with it, the server the whole), and the forms of its life (submit, withdraw, cancel)
 * and of the secretariat's review.
 */
import { z } from "zod";
import { amountProblem, optionalUuid, version } from "~/forms/values";
import { LANGUAGES } from "~/i18n/config";
import { msg, type MessageKey } from "~/i18n/message";
import { parseAmount } from "~/utils/money";
import { readDecimal } from "~/utils/numbers";
import { isCountryCode } from "../countries";
import { CURRENCIES } from "../currencies";
import { MINERALS, SEGMENTS, STAGES } from "./vocabulary";

/* The registration form ----------------------------------------------------------------------------- */

const COORDINATE = /^-?\d{1,3}(\.\d{1,7})?$/;
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : null));

/** The form's fields, as typed: amounts and coordinates are text until the schema has checked them. */
export const ProjectFields = z.object({
  name: z
    .string()
    .trim()
    .min(1, msg("projects.schema.name"))
    .max(200, msg("projects.schema.nameLong")),
  segment: z.enum(SEGMENTS, msg("projects.schema.segment")),
  minerals: z
    .array(
      z.enum(MINERALS, msg("projects.schema.mineralFromList")),
      msg("projects.schema.minerals"),
    )
    .min(1, msg("projects.schema.minerals")),
  stage: z.enum(STAGES, msg("projects.schema.stage")),
  hostCountry: z.string().refine(isCountryCode, msg("projects.schema.hostCountry")),
  latitude: z.string().trim().optional(),
  longitude: z.string().trim().optional(),
  currency: z
    .string()
    .refine(
      (code) => (CURRENCIES as readonly string[]).includes(code),
      msg("projects.schema.currency"),
    ),
  capex: z.string().trim().optional(),
  fundingSought: z.string().trim().min(1, msg("projects.schema.fundingSought")),
  esgNotes: optionalText(4000, msg("projects.schema.esgLong")),
  registeringMemberId: z.uuid(msg("projects.schema.government")),
  sponsorOrganisationId: optionalUuid(),
  /** The language the amounts were typed in (the form's own, ADR 091): "1 250 000,50" in French. */
  typedIn: z.enum(LANGUAGES).default("en"),
});
export type ProjectFormValues = z.input<typeof ProjectFields>;

/** The form's steps: each is validated with the same schema, on its own fields, before the next opens. */
export const PROJECT_FORM_STEPS = [
  {
    id: "basics",
    title: "projects.steps.basics",
    fields: ["name", "segment", "minerals", "stage"],
  },
  {
    id: "location",
    title: "projects.steps.location",
    fields: ["hostCountry", "latitude", "longitude"],
  },
  {
    id: "funding",
    title: "projects.steps.funding",
    fields: ["currency", "capex", "fundingSought", "registeringMemberId", "sponsorOrganisationId"],
  },
  { id: "esg", title: "projects.steps.esg", fields: ["esgNotes"] },
] as const satisfies ReadonlyArray<{
  id: string;
  title: MessageKey;
  fields: ReadonlyArray<keyof ProjectFormValues>;
}>;

/** The step a field belongs to (to open the first step with an error the server found). */
export function stepOfField(field: string): number {
  const index = PROJECT_FORM_STEPS.findIndex((step) =>
    (step.fields as readonly string[]).includes(field),
  );
  return index < 0 ? 0 : index;
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
      const degrees = readDecimal(value, values.typedIn) ?? "";
      if (!COORDINATE.test(degrees) || Math.abs(Number(degrees)) > limit) {
        ctx.addIssue({ code: "custom", path: [field], message: msg(`projects.schema.${field}`) });
      }
    }
    if (Boolean(values.latitude) !== Boolean(values.longitude)) {
      const missing = values.latitude ? "longitude" : "latitude";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: msg("projects.schema.bothCoordinates"),
      });
    }
    const currency = typeof values.currency === "string" ? values.currency : "";
    if (!(CURRENCIES as readonly string[]).includes(currency)) return;
    const text = (value: unknown) => (typeof value === "string" ? value : "");
    const sought = text(values.fundingSought);
    const capex = text(values.capex);
    const language = values.typedIn;
    const soughtIssue = sought ? amountProblem(sought, currency, language) : null;
    if (soughtIssue)
      ctx.addIssue({ code: "custom", path: ["fundingSought"], message: soughtIssue });
    const capexIssue = capex ? amountProblem(capex, currency, language) : null;
    if (capexIssue) ctx.addIssue({ code: "custom", path: ["capex"], message: capexIssue });
    if (capex && sought && !soughtIssue && !capexIssue) {
      if (parseAmount(sought, currency, language) > parseAmount(capex, currency, language)) {
        ctx.addIssue({
          code: "custom",
          path: ["fundingSought"],
          message: msg("projects.schema.soughtOverCapex"),
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
  latitude: values.latitude ? readDecimal(values.latitude, values.typedIn) : null,
  longitude: values.longitude ? readDecimal(values.longitude, values.typedIn) : null,
  currency: values.currency,
  capexMinor: values.capex
    ? parseAmount(values.capex, values.currency, values.typedIn).toString()
    : null,
  fundingSoughtMinor: parseAmount(values.fundingSought, values.currency, values.typedIn).toString(),
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

/* The project's life and the secretariat's decisions ---------------------------------------------- */

export const ReviewDecisionSchema = z
  .object({
    projectId: z.uuid(),
    version: version(),
    decision: z.enum(["approve", "reject"]),
    reason: z.string().trim().max(2000, msg("projects.schema.reasonLong")).optional(),
  })
  .superRefine((values, ctx) => {
    if (values.decision === "reject" && !values.reason) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: msg("projects.schema.rejectReason"),
      });
    }
  });

export const ProjectChangeSchema = z.object({
  change: z.enum(["submit", "withdraw", "cancel"]),
  version: version(),
});
