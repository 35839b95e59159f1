/*
 * The one place a request body is read (docs/decisions/067-*.md). A body that is not a form (JSON, text, none,
 * a broken multipart) is refused with a 415 or a 400, and a NUL character in any field with a 400 naming the
 * field, before any schema or model sees the form, so nothing is written. Then the form is validated with the
 * same zod schema the browser used (ADR 006).
 */
import { json } from "@remix-run/node";
import type { z } from "zod";
import { INPUT_MESSAGES } from "./messages";
import { fieldErrorsFrom, type FieldErrors, type FormFailure } from "./validation";

/** Field values as typed (passwords left out), to give back with errors. */
export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

/** A 400 (or `status`) carrying messages for the form (field names, or "form" for the whole form). */
export function formFailure(errors: FormFailure["errors"], formData: FormData, status = 400) {
  return json<FormFailure>({ errors, values: typedValues(formData) }, { status });
}

export type FormRead =
  { ok: true; formData: FormData } | { ok: false; response: ReturnType<typeof formFailure> };

const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The posted form, or the answer refusing it: 415 for a body that is not a form, 400 for one that cannot be
 * read as one, 400 naming each field whose value (or name) holds a NUL character. Nothing is stripped.
 */
export async function readForm(request: Request): Promise<FormRead> {
  if (!FORM_TYPE.test(request.headers.get("Content-Type") ?? "")) {
    return {
      ok: false,
      response: formFailure({ form: INPUT_MESSAGES.notAForm }, new FormData(), 415),
    };
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return {
      ok: false,
      response: formFailure({ form: INPUT_MESSAGES.brokenForm }, new FormData()),
    };
  }
  const errors = nulErrors(formData);
  return errors ? { ok: false, response: formFailure(errors, formData) } : { ok: true, formData };
}

/** The fields holding a NUL character (Postgres's text cannot), each named; null when there is none. */
function nulErrors(formData: FormData): FieldErrors | null {
  const errors: FieldErrors = {};
  for (const [key, value] of formData.entries()) {
    const text = typeof value === "string" ? value : value.name;
    if (key.includes("\u0000")) errors.form ??= INPUT_MESSAGES.nulInName;
    else if (text.includes("\u0000")) errors[key] ??= INPUT_MESSAGES.nulInValue;
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

export type Submission<Output> =
  | { ok: true; data: Output; formData: FormData }
  | { ok: false; response: ReturnType<typeof formFailure> };

/**
 * Reads the posted form (readForm) and validates it with the same schema the browser used. On failure,
 * `response` is a 4xx whose body is a FormFailure: the action returns it, and the form shows the messages and
 * keeps the input. `values` builds the object the schema checks (default: one string per field name).
 */
export async function parseForm<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  values: (formData: FormData) => unknown = (formData) => Object.fromEntries(formData),
): Promise<Submission<z.infer<Schema>>> {
  const read = await readForm(request);
  if (!read.ok) return read;
  return validateForm(read.formData, schema, values);
}

/** Validates a form already read (readForm) with `schema`. */
export function validateForm<Schema extends z.ZodType>(
  formData: FormData,
  schema: Schema,
  values: (formData: FormData) => unknown = (formData) => Object.fromEntries(formData),
): Submission<z.infer<Schema>> {
  const result = schema.safeParse(values(formData));
  if (!result.success) {
    return { ok: false, response: formFailure(fieldErrorsFrom(result.error), formData) };
  }
  return { ok: true, data: result.data, formData };
}
