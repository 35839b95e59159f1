/*
 * A project's forms, shared by browser and server: the one zod schema of the registration form (the browser
 * validates each step with it, the server the whole), and the forms of its life (submit, withdraw, cancel)
 * and of the secretariat's review.
 */
import { z } from "zod";
import { amountProblem, optionalUuid, version } from "~/forms/values";
import { parseAmount } from "~/utils/money";
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
  sponsorOrganisationId: optionalUuid(),
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
    const soughtIssue = sought ? amountProblem(sought, currency) : null;
    if (soughtIssue)
      ctx.addIssue({ code: "custom", path: ["fundingSought"], message: soughtIssue });
    const capexIssue = capex ? amountProblem(capex, currency) : null;
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

/* The project's life and the secretariat's decisions ---------------------------------------------- */

export const ReviewDecisionSchema = z
  .object({
    projectId: z.uuid(),
    version: version(),
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

export const ProjectChangeSchema = z.object({
  change: z.enum(["submit", "withdraw", "cancel"]),
  version: version(),
});
