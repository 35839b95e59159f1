/*
 * The technology register, pure (no database, no clock): the vocabulary of offers and requests, the life of an
 * item and of an expression of interest, the forms (one zod schema each, shared by browser and server) and the
 * matching of offers to requests. Who may do what is in ./permissions.ts, who sees an item in ./sharing.ts.
 *
 * The database enforces the same rules (technology_*_valid checks, private.guard_technology_item,
 * private.guard_interest); tests/db/technology.test.ts checks that the transitions here are the database's.
 */
import { z } from "zod";
import {
  boundedText,
  optionalIsoDate,
  optionalUuid,
  uuid,
  version,
  wholeNumber,
} from "~/forms/values";
import { msg } from "~/i18n/message";
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

export const TECHNOLOGY_STATUSES = ["open", "in_talks", "agreed", "closed"] as const;
export type TechnologyStatus = (typeof TECHNOLOGY_STATUSES)[number];

/** Technology readiness levels (their words, as the EU's Horizon programmes put them: technology.trl.*). */
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

/** Free text of at most `max` characters; empty is null. */
const optionalText = (max: number) =>
  boundedText(max)
    .optional()
    .transform((value) => value || null);

/** Required free text of at most `max` characters. */
const requiredText = (max: number, empty: string) => boundedText(max).min(1, empty);

export const mineralList = listOf(
  z.enum(MINERALS, msg("technology.errors.mineralList")),
  msg("technology.errors.mineralList"),
).transform((minerals): Mineral[] => [...new Set(minerals)]);

const TechnologyFields = z.object({
  title: requiredText(200, msg("technology.errors.title")),
  description: optionalText(4000),
  category: z.enum(TECHNOLOGY_CATEGORIES, msg("technology.errors.category")),
  minerals: mineralList.refine((list) => list.length > 0, msg("technology.errors.mineral")),
  trl: wholeNumber(
    { min: 1, max: 9 },
    { type: msg("technology.errors.trl"), range: msg("technology.errors.trl") },
  ),
  holderOrganisation: requiredText(200, msg("technology.errors.holder")),
  licensingTerms: optionalText(4000),
  exportControlled: checkbox,
  exportControlRegime: optionalText(200),
  exportControlNote: optionalText(2000),
  /** A delegate of the owning government; the person filling the form when left empty. */
  contactMembershipId: optionalUuid(msg("technology.errors.contact")).transform(
    (value) => value || null,
  ),
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
      message: msg("technology.errors.regime"),
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
  itemId: uuid(),
  version: version(),
})
  .superRefine(exportControlIssues)
  .transform(normaliseExportControl);
export type EditTechnologyItemInput = z.output<typeof EditTechnologyItemSchema>;

/** Moving an offer or request to another status (its government's delegates). */
export const ItemStatusSchema = z.object({
  itemId: uuid(),
  version: version(),
  status: z.enum(TECHNOLOGY_STATUSES, msg("technology.errors.status")),
});
export type ItemStatusInput = z.output<typeof ItemStatusSchema>;

/** Expressing interest in an offer, or answering a request. */
export const InterestSchema = z.object({
  itemId: uuid(),
  message: requiredText(4000, msg("technology.errors.message")),
});
export type InterestInput = z.output<typeof InterestSchema>;

/**
 * Moving a conversation on. An agreement records a summary of its terms and the day it was reached, which
 * cannot be after `today` (the model checks that: a schema has no clock).
 */
export const InterestMoveSchema = z
  .object({
    interestId: uuid(),
    version: version(),
    status: z.enum(INTEREST_STATUSES, msg("technology.errors.next")),
    termsSummary: optionalText(4000),
    agreedOn: optionalIsoDate({
      format: msg("technology.errors.enterDate"),
      exists: msg("technology.errors.realDate"),
    }),
  })
  .superRefine((values, ctx) => {
    if (values.status !== "agreed") return;
    if (!values.termsSummary) {
      ctx.addIssue({
        code: "custom",
        path: ["termsSummary"],
        message: msg("technology.errors.terms"),
      });
    }
    if (!values.agreedOn) {
      ctx.addIssue({
        code: "custom",
        path: ["agreedOn"],
        message: msg("technology.errors.agreedOn"),
      });
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

/* Addresses and filters ------------------------------------------------------------------------------ */

/** The kind an address segment names (`offers`, `requests`), or null (→ 404). */
export function kindFromPath(segment: string | undefined): TechnologyKind | null {
  if (segment === "offers") return "offer";
  if (segment === "requests") return "request";
  return null;
}

export interface TechnologyListFilters {
  category?: TechnologyCategory;
  mineral?: Mineral;
  status?: TechnologyStatus;
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** The register's filters from the address; a value outside the vocabulary filters nothing. */
export function parseTechnologyFilters(params: URLSearchParams): TechnologyListFilters {
  return {
    category: oneOf(TECHNOLOGY_CATEGORIES, params.get("category")),
    mineral: oneOf(MINERALS, params.get("mineral")),
    status: oneOf(TECHNOLOGY_STATUSES, params.get("status")),
  };
}
