/* The discussion's forms, one zod schema shared by browser and server (ADR 144). */
import { z } from "zod";
import { msg } from "~/i18n/message";

export const COMMENT_MAX = 10_000;

const body = z
  .string()
  .trim()
  .min(1, msg("collaboration.comments.bodyRequired"))
  .max(COMMENT_MAX, msg("collaboration.comments.bodyTooLong", { max: COMMENT_MAX }));
const id = z.string().trim().max(64);

export const CommentActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("post"),
    body,
    parentId: id.optional().transform((value) => value || null),
  }),
  z.object({ intent: z.literal("edit"), commentId: id, body }),
  z.object({ intent: z.literal("delete"), commentId: id }),
]);
export type CommentAction = z.infer<typeof CommentActionSchema>;
