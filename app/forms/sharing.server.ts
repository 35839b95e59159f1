/*
 * Reading the forms of shared items' pages (technology register, national actions, meetings): repeated fields
 * (minerals, chosen governments) as lists, one zod schema per form shared with the browser, and failures that
 * name the form they belong to (several forms share a page) and give back what was typed.
 */
import { json, redirect } from "@remix-run/node";
import type { z } from "zod";
import type { IntentFailure } from "~/components/sharing";
import { SetAudienceSchema, sharingFormValues } from "~/domain/sharing";
import { kindFromPath, type TechnologyKind } from "~/domain/technology";
import type { MemberContext } from "~/auth/auth.server";
import { deleteItem, setAudience, type Refused } from "~/models/sharing.server";
import { notFound } from "./params.server";
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

/** A model's outcome as the answer to the form `intent`: `{ intent, ok: true }`, or the refusal. */
export function outcomeAnswer(intent: string, outcome: { ok: true } | Refused, formData: FormData) {
  return outcome.ok ? json({ intent, ok: true }) : refusedFailure(intent, outcome, formData);
}

/**
 * The forms every shared item's page (an offer, a request, a national action) answers the same way: who sees it
 * ("audience"), and removing it ("delete", then to `listPath`). Null for any other intent: the page's own.
 */
export async function sharedItemIntent(
  context: MemberContext,
  itemId: string,
  intent: string,
  formData: FormData,
  listPath: string,
): Promise<Response | null> {
  if (intent === "audience") {
    const parsed = parseSharingForm(formData, SetAudienceSchema, intent);
    if (!parsed.ok) return parsed.response;
    return outcomeAnswer(intent, await setAudience(context, { ...parsed.data, itemId }), formData);
  }
  if (intent === "delete") {
    const outcome = await deleteItem(context, itemId);
    if (!outcome.ok) return refusedFailure(intent, outcome, formData);
    return redirect(listPath);
  }
  return null;
}

/** The technology register's `:kind` ("offers" or "requests") as a kind; any other segment names nothing (404). */
export function requireTechnologyKind(segment: string | undefined): TechnologyKind {
  const kind = kindFromPath(segment);
  if (!kind) throw notFound();
  return kind;
}
