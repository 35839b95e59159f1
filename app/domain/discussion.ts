/*
 * The discussion's forms, one zod schema shared by browser and server (ADR 144), built of the input
 * boundary's blocks (app/forms/values.ts): ids are uuids, the body is bounded text, and the people ticked to
 * be mentioned are a list of ids.
 */
import { z } from "zod";
import { optionalUuid, uuid } from "~/forms/values";
import { msg } from "~/i18n/message";

export const COMMENT_MAX = 10_000;

const body = z
  .string()
  .trim()
  .min(1, msg("collaboration.comments.bodyRequired"))
  .max(COMMENT_MAX, msg("collaboration.comments.bodyTooLong", { max: COMMENT_MAX }));

export const CommentActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("post"),
    body,
    parentId: optionalUuid().transform((value) => value || null),
    mention: z.array(uuid()).max(200).default([]),
  }),
  z.object({ intent: z.literal("edit"), commentId: uuid(), body }),
  z.object({ intent: z.literal("delete"), commentId: uuid() }),
]);
export type CommentAction = z.infer<typeof CommentActionSchema>;

/** Reads a discussion form: the ticked people (`mention`, repeated) as a list, the rest as text. */
export function discussionFormValues(formData: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && key !== "mention") values[key] = value;
  }
  values.mention = formData.getAll("mention").filter((v): v is string => typeof v === "string");
  return values;
}
