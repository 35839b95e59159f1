/*
 * National actions and ministerial meetings, pure: what a government reports it has under way to strengthen its
 * supply chains (shared like a technology offer: ./sharing.ts), and the meetings the secretariat records with the
 * actions presented at them. The database accepts the same values (national_actions_*_valid checks).
 */
import { z } from "zod";
import { LANGUAGES } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { isIsoDate } from "~/utils/dates";
import { MoneyInputError, parseAmount } from "~/utils/money";
import { CURRENCIES } from "./currencies";
import { AudienceFields, audienceIssues, normaliseAudience } from "./sharing";
import { mineralList } from "./technology";

export const ACTION_KINDS = [
  "policy",
  "investment",
  "stockpile",
  "trade_measure",
  "r_and_d",
  "permitting",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/* Kinds and statuses read as words from the catalogue: sharing.actionKind.<kind>, sharing.actionStatus.<status>. */

/** A reported state, not a workflow: the owning government sets whichever is true. */
export const ACTION_STATUSES = ["planned", "under_way", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

const optionalDate = z
  .union([
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, msg("sharing.schema.date"))
      .refine(isIsoDate, msg("sharing.schema.realDate")),
    z.literal(""),
  ])
  .optional()
  .transform((value) => value || null);

const ActionFields = z.object({
  kind: z.enum(ACTION_KINDS, msg("sharing.schema.actionKind")),
  title: z.string().trim().min(1, msg("sharing.schema.actionTitle")).max(200),
  summary: z.string().trim().min(1, msg("sharing.schema.actionSummary")).max(4000),
  minerals: mineralList,
  status: z.enum(ACTION_STATUSES, msg("sharing.schema.actionStatus")),
  /** Optional, typed as text in the currency's major unit; stored exactly in minor units. */
  amount: z.string().trim().optional(),
  currency: z.string().optional(),
  /** The language the amount was typed in: a hidden field of the form (ADR 091). */
  typedIn: z.enum(LANGUAGES).default("en"),
  startsOn: optionalDate,
  targetOn: optionalDate,
  publicUrl: z
    .string()
    .trim()
    .max(2000)
    .refine(
      (value) => value === "" || /^https?:\/\/[^\s]+$/.test(value),
      msg("sharing.schema.link"),
    )
    .optional()
    .transform((value) => value || null),
});
type ActionValues = z.output<typeof ActionFields>;

/** The largest amount the database holds (int8 minor units). */
const MAX_MINOR = 9_223_372_036_854_775_807n;

/** An amount needs its currency and parses exactly; the target date is not before the start. */
function actionIssues(values: ActionValues, ctx: z.RefinementCtx): void {
  const currency = values.currency ?? "";
  if (values.amount) {
    if (!(CURRENCIES as readonly string[]).includes(currency)) {
      ctx.addIssue({
        code: "custom",
        path: ["currency"],
        message: msg("sharing.schema.currency"),
      });
    } else {
      try {
        const minor = parseAmount(values.amount, currency, values.typedIn);
        if (minor <= 0n || minor > MAX_MINOR) {
          ctx.addIssue({
            code: "custom",
            path: ["amount"],
            message:
              minor <= 0n
                ? msg("sharing.schema.amountPositive")
                : msg("sharing.schema.amountTooLarge"),
          });
        }
      } catch (error) {
        if (!(error instanceof MoneyInputError)) throw error;
        ctx.addIssue({ code: "custom", path: ["amount"], message: error.message });
      }
    }
  }
  if (values.startsOn && values.targetOn && values.targetOn < values.startsOn) {
    ctx.addIssue({
      code: "custom",
      path: ["targetOn"],
      message: msg("sharing.schema.targetBeforeStart"),
    });
  }
}

/** The amount in minor units (a digit string) with its currency, or neither. */
function withMinorAmount<T extends ActionValues>(values: T) {
  const { amount, currency, typedIn, ...rest } = values;
  return amount && currency
    ? { ...rest, amountMinor: parseAmount(amount, currency, typedIn).toString(), currency }
    : { ...rest, amountMinor: null, currency: null };
}

/** A new national action: what it is, and who sees it. */
export const NationalActionSchema = ActionFields.extend(AudienceFields.shape)
  .superRefine((values, ctx) => {
    actionIssues(values, ctx);
    audienceIssues(values, ctx);
  })
  .transform((values) => withMinorAmount(normaliseAudience(values)));
export type NationalActionInput = z.output<typeof NationalActionSchema>;

/** Editing a national action (its audience has a form of its own), against the version seen. */
export const EditNationalActionSchema = ActionFields.extend({
  itemId: z.uuid(),
  version: z.coerce.number().int().positive(),
})
  .superRefine(actionIssues)
  .transform(withMinorAmount);
export type EditNationalActionInput = z.output<typeof EditNationalActionSchema>;

/* Meetings --------------------------------------------------------------------------------------------- */

const MeetingFields = z.object({
  title: z.string().trim().min(1, msg("sharing.schema.meetingTitle")).max(200),
  place: z.string().trim().min(1, msg("sharing.schema.meetingPlace")).max(200),
  heldOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg("sharing.schema.meetingDate"))
    .refine(isIsoDate, msg("sharing.schema.realDate")),
});

/** Recording a ministerial meeting (the secretariat). */
export const MeetingSchema = MeetingFields;
export type MeetingInput = z.output<typeof MeetingSchema>;

export const EditMeetingSchema = MeetingFields.extend({
  meetingId: z.uuid(),
  version: z.coerce.number().int().positive(),
});
export type EditMeetingInput = z.output<typeof EditMeetingSchema>;

/** Marking a national action as presented at a meeting, or unmarking it (the secretariat). */
export const PresentationSchema = z.object({
  meetingId: z.uuid(msg("sharing.schema.meeting")),
  actionId: z.uuid(msg("sharing.schema.action")),
});
export type PresentationInput = z.output<typeof PresentationSchema>;
