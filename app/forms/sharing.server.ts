/*
 * Reading the forms of shared items' pages (technology register, national actions, meetings): repeated fields
 * (minerals, chosen governments) as lists, one zod schema per form shared with the browser, and failures that
 * name the form they belong to (several forms share a page) and give back what was typed.
 */
import { json } from "@remix-run/node";
import type { z } from "zod";
import type { IntentFailure } from "~/components/sharing";
import { sharingFormValues } from "~/domain/sharing";
import type { Refused } from "~/models/sharing.server";
import { fieldErrorsFrom, type FieldErrors } from "./validation";

/** A 4xx whose body tells the form `intent` its messages, with the values typed. */
export function intentFailure(
  intent: string,
  errors: FieldErrors,
  formData: FormData,
  status: number = 400,
) {
  const values = sharingFormValues(formData);
  return json<IntentFailure>({ intent, errors, values }, { status });
}

/** A model's refusal as the form's failure, with the refusal's status (403, 404, 409, 422…). */
export function refusedFailure(intent: string, outcome: Refused, formData: FormData) {
  return intentFailure(intent, { [outcome.field]: outcome.message }, formData, outcome.status);
}

export type Parsed<Output> =
  { ok: true; data: Output } | { ok: false; response: ReturnType<typeof intentFailure> };

/** Validates the form `intent` with the schema the browser used. */
export function parseSharingForm<Schema extends z.ZodType>(
  formData: FormData,
  schema: Schema,
  intent: string,
): Parsed<z.output<Schema>> {
  const result = schema.safeParse(sharingFormValues(formData));
  if (!result.success) {
    return { ok: false, response: intentFailure(intent, fieldErrorsFrom(result.error), formData) };
  }
  return { ok: true, data: result.data };
}
