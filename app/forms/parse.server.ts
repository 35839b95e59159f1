import { json } from "@remix-run/node";
import type { z } from "zod";
import { fieldErrorsFrom, type FormFailure } from "./validation";

/** Field values as typed (passwords left out), to give back with errors. */
export function typedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

export type Submission<Output> =
  | { ok: true; data: Output; formData: FormData }
  | { ok: false; response: ReturnType<typeof formFailure> };

/**
 * Validates a posted form with the same schema the browser used. On failure, `response` is a 400 whose body
 * is a FormFailure: the action returns it, and the form shows the messages and keeps the input.
 */
export async function parseForm<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<Submission<z.infer<Schema>>> {
  const formData = await request.formData();
  const result = schema.safeParse(Object.fromEntries(formData));
  if (!result.success) {
    return { ok: false, response: formFailure(fieldErrorsFrom(result.error), formData) };
  }
  return { ok: true, data: result.data, formData };
}

/** A 400 carrying messages for the form (field names, or "form" for the whole form). */
export function formFailure(errors: FormFailure["errors"], formData: FormData) {
  return json<FormFailure>({ errors, values: typedValues(formData) }, { status: 400 });
}
