/*
 * National actions and ministerial meetings, pure: what a government reports it has under way to strengthen its
 * supply chains (shared like a technology offer: ./sharing.ts), and the meetings the secretariat records with the
 * actions presented at them. The database accepts the same values (national_actions_*_valid checks).
 */
import { z } from "zod";
import { INPUT_MESSAGES } from "~/forms/messages";
import {
  amountProblem,
  boundedText,
  isoDate,
  optionalIsoDate,
  uuid,
  version,
} from "~/forms/values";
import { LANGUAGES } from "~/i18n/config";
import { msg } from "~/i18n/message";
import { parseAmount } from "~/utils/money";
import { CURRENCIES } from "./currencies";
import { AudienceFields, audienceIssues, normaliseAudience } from "./sharing";
import { MINERALS, type Mineral } from "./projects/vocabulary";
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

/** A reported state, not a workflow: the owning government sets whichever is true. */
export const ACTION_STATUSES = ["planned", "under_way", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

const optionalDate = optionalIsoDate({
  format: msg("technology.errors.enterDate"),
  exists: msg("technology.errors.realDate"),
});

/** Required free text of at most `max` characters. */
const requiredText = (max: number, empty: string) => boundedText(max).min(1, empty);

const ActionFields = z.object({
  /** The language the amount is written in (the form's), so "1 250 000,50" reads as French writes it. */
  typedIn: z.enum(LANGUAGES, INPUT_MESSAGES.chooseFromList).default("en"),
  kind: z.enum(ACTION_KINDS, msg("actions.errors.kind")),
  title: requiredText(200, msg("actions.errors.title")),
  summary: requiredText(4000, msg("actions.errors.summary")),
  minerals: mineralList,
  status: z.enum(ACTION_STATUSES, msg("actions.errors.status")),
  /** Optional, typed as text in the currency's major unit; stored exactly in minor units. */
  amount: boundedText(100).optional(),
  currency: z.union([z.enum(CURRENCIES), z.literal("")], msg("actions.errors.currency")).optional(),
  startsOn: optionalDate,
  targetOn: optionalDate,
  publicUrl: boundedText(2000)
    .refine((value) => value === "" || /^https?:\/\/[^\s]+$/.test(value), msg("actions.errors.url"))
    .optional()
    .transform((value) => value || null),
});
type ActionValues = z.output<typeof ActionFields>;

/**
 * An amount needs its currency and must be a positive amount a column holds (amountProblem); the target date
 * is not before the start.
 */
function actionIssues(values: ActionValues, ctx: z.RefinementCtx): void {
  if (values.amount && !values.currency) {
    ctx.addIssue({ code: "custom", path: ["currency"], message: msg("actions.errors.currency") });
  } else if (values.amount && values.currency) {
    const problem = amountProblem(values.amount, values.currency, values.typedIn);
    if (problem) ctx.addIssue({ code: "custom", path: ["amount"], message: problem });
  }
  if (values.startsOn && values.targetOn && values.targetOn < values.startsOn) {
    ctx.addIssue({
      code: "custom",
      path: ["targetOn"],
      message: msg("actions.errors.targetBeforeStart"),
    });
  }
}

/** The amount in minor units (a digit string) with its currency, or neither. */
function withMinorAmount<T extends ActionValues>(values: T) {
  const { amount, currency, ...rest } = values;
  return amount && currency
    ? { ...rest, amountMinor: parseAmount(amount, currency, values.typedIn).toString(), currency }
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
  itemId: uuid(),
  version: version(),
})
  .superRefine(actionIssues)
  .transform(withMinorAmount);
export type EditNationalActionInput = z.output<typeof EditNationalActionSchema>;

/* Meetings --------------------------------------------------------------------------------------------- */

const MeetingFields = z.object({
  title: requiredText(200, msg("meetings.errors.title")),
  place: requiredText(200, msg("meetings.errors.place")),
  heldOn: isoDate({
    format: msg("meetings.errors.heldOn"),
    exists: msg("technology.errors.realDate"),
  }),
});

/** Recording a ministerial meeting (the secretariat). */
export const MeetingSchema = MeetingFields;
export type MeetingInput = z.output<typeof MeetingSchema>;

export const EditMeetingSchema = MeetingFields.extend({
  meetingId: uuid(),
  version: version(),
});
export type EditMeetingInput = z.output<typeof EditMeetingSchema>;

/** Marking a national action as presented at a meeting, or unmarking it (the secretariat). */
export const PresentationSchema = z.object({
  meetingId: uuid(msg("meetings.errors.meeting")),
  actionId: uuid(msg("meetings.errors.action")),
});
export type PresentationInput = z.output<typeof PresentationSchema>;

/** Removing a meeting (the secretariat). */
export const DeleteMeetingSchema = z.object({
  meetingId: uuid(msg("meetings.errors.meeting")),
});

/* Filters ---------------------------------------------------------------------------------------------- */

export interface ActionListFilters {
  kind?: ActionKind;
  status?: ActionStatus;
  mineral?: Mineral;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** The list's filters from the address; a value outside the vocabulary filters nothing. */
export function parseActionFilters(params: URLSearchParams): ActionListFilters {
  return {
    kind: oneOf(ACTION_KINDS, params.get("kind")),
    status: oneOf(ACTION_STATUSES, params.get("status")),
    mineral: oneOf(MINERALS, params.get("mineral")),
  };
}
