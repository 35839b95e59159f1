/* Shared by browser and server: one zod schema per form, errors keyed by field name. */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** The first message of each field, as the form shows it beside the field. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** What an action returns when input is refused: the messages and what the user typed, so nothing is lost. */
export interface FormFailure {
  errors: FieldErrors;
  values: Record<string, string>;
}
