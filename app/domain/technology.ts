/*
 * The technology register, pure (no database, no clock): the vocabulary of offers and requests, the life of an
 * item and of an expression of interest, the forms (one zod schema each, shared by browser and server) and the
 * matching of offers to requests. Who may do what is in ./permissions.ts, who sees an item in ./sharing.ts.
 *
 * The database enforces the same rules (technology_*_valid checks, private.guard_technology_item,
 * private.guard_interest); tests/db/technology.test.ts checks that the transitions here are the database's.
 */
import { z } from "zod";
import { msg } from "~/i18n/message";
import { isIsoDate } from "~/utils/dates";
import { MINERALS, type Mineral } from "./projects/vocabulary";
import { AudienceFields, audienceIssues, checkbox, listOf, normaliseAudience } from "./sharing";

/* Vocabulary ----------------------------------------------------------------------------------------- */

export const TECHNOLOGY_CATEGORIES = [
  "separation",
  "refining",
  "metallisation",
  "magnet_manufacturing",
  "recycling",
  "processing",
  "exploration",
] as const;
export type TechnologyCategory = (typeof TECHNOLOGY_CATEGORIES)[number];

/* Categories, statuses and readiness levels read as words from the catalogue (sharing.category.<value>…). */

export const TECHNOLOGY_STATUSES = ["open", "in_talks", "agreed", "closed"] as const;
export type TechnologyStatus = (typeof TECHNOLOGY_STATUSES)[number];

/** Technology readiness levels, as the EU's Horizon programmes word them. */
export const TRL_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Trl = (typeof TRL_LEVELS)[number];

export type TechnologyKind = "offer" | "request";

/* The life of an offer or request --------------------------------------------------------------------- */

/**
 * Where an offer or request may go from each status (private.guard_technology_item says the same): talks may
 * end without agreement (back to open), an agreed item is closed when it is done with, a closed one reopened.
 * An expression moving into talks or to an agreement moves its item along by itself.
 */
export const ITEM_TRANSITIONS: Record<TechnologyStatus, readonly TechnologyStatus[]> = {
  open: ["in_talks", "agreed", "closed"],
  in_talks: ["open", "agreed", "closed"],
  agreed: ["closed"],
  closed: ["open"],
};

export function canMoveItem(from: TechnologyStatus, to: TechnologyStatus): boolean {
  return ITEM_TRANSITIONS[from].includes(to);
}

/* Expressions of interest ----------------------------------------------------------------------------- */

export const INTEREST_STATUSES = ["sent", "in_talks", "agreed", "declined"] as const;
export type InterestStatus = (typeof INTEREST_STATUSES)[number];

/** The flow of a conversation (private.guard_interest says the same): agreed and declined are final. */
export const INTEREST_TRANSITIONS: Record<InterestStatus, readonly InterestStatus[]> = {
  sent: ["in_talks", "declined"],
  in_talks: ["agreed", "declined"],
  agreed: [],
  declined: [],
};

export function isFinalInterest(status: InterestStatus): boolean {
  return INTEREST_TRANSITIONS[status].length === 0;
}

/* Forms ------------------------------------------------------------------------------------------------ */

/** Optional text of at most `max` characters (zod's own message says the limit: app/i18n/zod-messages.ts). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("sharing.schema.date"))
  .refine(isIsoDate, msg("sharing.schema.realDate"));

export const mineralList = listOf(z.enum(MINERALS, msg("sharing.schema.minerals"))).transform(
  (minerals): Mineral[] => [...new Set(minerals)],
);

const TechnologyFields = z.object({
  title: z.string().trim().min(1, msg("sharing.schema.title")).max(200),
  description: optionalText(4000),
  category: z.enum(TECHNOLOGY_CATEGORIES, msg("sharing.schema.category")),
  minerals: mineralList.refine((list) => list.length > 0, msg("sharing.schema.mineralsMin")),
  trl: z.coerce
    .number(msg("sharing.schema.trl"))
    .int(msg("sharing.schema.trl"))
    .min(1, msg("sharing.schema.trl"))
    .max(9, msg("sharing.schema.trl")),
  holderOrganisation: z.string().trim().min(1, msg("sharing.schema.holder")).max(200),
  licensingTerms: optionalText(4000),
  exportControlled: checkbox,
  exportControlRegime: optionalText(200),
  exportControlNote: optionalText(2000),
  /** A delegate of the owning government; the person filling the form when left empty. */
  contactMembershipId: z
    .union([z.uuid(msg("sharing.schema.contact")), z.literal("")])
    .optional()
    .transform((value) => value || null),
});

/** Export control: a controlled item names its regime. */
function exportControlIssues(
  values: { exportControlled: boolean; exportControlRegime: string | null },
  ctx: z.RefinementCtx,
): void {
  if (values.exportControlled && !values.exportControlRegime) {
    ctx.addIssue({
      code: "custom",
      path: ["exportControlRegime"],
      message: msg("sharing.schema.regime"),
    });
  }
}

/** Without export control there is no regime or note (the database refuses them). */
function normaliseExportControl<T extends z.output<typeof TechnologyFields>>(values: T): T {
  return values.exportControlled
    ? values
    : { ...values, exportControlRegime: null, exportControlNote: null };
}

/** A new offer or request: what it is, and who sees it. */
export const TechnologyItemSchema = TechnologyFields.extend(AudienceFields.shape)
  .superRefine((values, ctx) => {
    exportControlIssues(values, ctx);
    audienceIssues(values, ctx);
  })
  .transform((values) => normaliseAudience(normaliseExportControl(values)));
export type TechnologyItemInput = z.output<typeof TechnologyItemSchema>;

/** Editing an offer or request (its audience has a form of its own), against the version seen. */
export const EditTechnologyItemSchema = TechnologyFields.extend({
  itemId: z.uuid(),
  version: z.coerce.number().int().positive(),
})
  .superRefine(exportControlIssues)
  .transform(normaliseExportControl);
export type EditTechnologyItemInput = z.output<typeof EditTechnologyItemSchema>;

/** Moving an offer or request to another status (its government's delegates). */
export const ItemStatusSchema = z.object({
  itemId: z.uuid(),
  version: z.coerce.number().int().positive(),
  status: z.enum(TECHNOLOGY_STATUSES, msg("sharing.schema.status")),
});
export type ItemStatusInput = z.output<typeof ItemStatusSchema>;

/** Expressing interest in an offer, or answering a request. */
export const InterestSchema = z.object({
  itemId: z.uuid(),
  message: z.string().trim().min(1, msg("sharing.schema.message")).max(4000),
});
export type InterestInput = z.output<typeof InterestSchema>;

/**
 * Moving a conversation on. An agreement records a summary of its terms and the day it was reached, which
 * cannot be after `today` (the model checks that: a schema has no clock).
 */
export const InterestMoveSchema = z
  .object({
    interestId: z.uuid(),
    version: z.coerce.number().int().positive(),
    status: z.enum(INTEREST_STATUSES, msg("sharing.schema.interestStatus")),
    termsSummary: optionalText(4000),
    agreedOn: z
      .union([isoDate, z.literal("")])
      .optional()
      .transform((value) => value || null),
  })
  .superRefine((values, ctx) => {
    if (values.status !== "agreed") return;
    if (!values.termsSummary) {
      ctx.addIssue({
        code: "custom",
        path: ["termsSummary"],
        message: msg("sharing.schema.terms"),
      });
    }
    if (!values.agreedOn) {
      ctx.addIssue({ code: "custom", path: ["agreedOn"], message: msg("sharing.schema.agreedOn") });
    }
  })
  .transform((values) =>
    values.status === "agreed" ? values : { ...values, termsSummary: null, agreedOn: null },
  );
export type InterestMoveInput = z.output<typeof InterestMoveSchema>;

/* Matching ----------------------------------------------------------------------------------------------- */

export interface MatchableRequest {
  id: string;
  ownerMemberId: string;
  category: TechnologyCategory;
  minerals: readonly string[];
}

export interface MatchableOffer {
  id: string;
  ownerMemberId: string;
  title: string;
  category: TechnologyCategory;
  minerals: readonly string[];
  trl: number;
  status: TechnologyStatus;
}

/**
 * The offers that answer a request: same category, at least one mineral in common, not closed and not the
 * requesting government's own; the most mature (highest TRL) first, then by title. Which offers the requester
 * may see is decided before, by the database (the caller passes only those).
 */
export function matchOffers<Offer extends MatchableOffer>(
  request: MatchableRequest,
  offers: readonly Offer[],
): Offer[] {
  return offers
    .filter(
      (offer) =>
        offer.category === request.category &&
        offer.status !== "closed" &&
        offer.ownerMemberId !== request.ownerMemberId &&
        offer.minerals.some((mineral) => request.minerals.includes(mineral)),
    )
    .sort((a, b) => b.trl - a.trl || a.title.localeCompare(b.title, "en"));
}

/** The minerals an offer and a request have in common, in the request's order. */
export function sharedMinerals(request: MatchableRequest, offer: MatchableOffer): string[] {
  return request.minerals.filter((mineral) => offer.minerals.includes(mineral));
}
