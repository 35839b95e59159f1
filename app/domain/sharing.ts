/*
 * Who an item is shared with (rule 8 of docs/security-model.md): the audience a government chooses for each of
 * its technology offers, technology requests and national actions, the form that sets it, and how it reads.
 * The database decides (private.may_see_item); maySeeItem in ./permissions.ts states the same rule for the
 * interface, and tests/db/technology.test.ts checks that both agree.
 */
import { z } from "zod";
import { FORMAT_LOCALES, type Language } from "~/i18n/config";
import { msg } from "~/i18n/message";

export const AUDIENCES = ["private", "chosen", "partnership"] as const;
export type Audience = (typeof AUDIENCES)[number];

/* Audiences, item types and their hints read as words from the catalogue: sharing.audience.<audience>. */

export const ITEM_TYPES = ["technology_offer", "technology_request", "national_action"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** An item's owner and audience, as the database keeps them (shared_items, shared_item_audiences). */
export interface ItemAudience {
  ownerMemberId: string;
  audience: Audience;
  /** Ticked by the owner for a `chosen` audience; false otherwise. */
  includesSecretariat: boolean;
  /** The chosen governments (members); only the owner can read this list. */
  memberIds: readonly string[];
}

/** A form's checkbox: ticked ("on", "true", true) or not (absent, empty). */
export const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** One value or several (a form posts a repeated field as a list); absent or empty is none. */
export function listOf<Item extends z.ZodType>(item: Item) {
  return z
    .union([z.array(item), item, z.literal("")])
    .optional()
    .transform((value): Array<z.output<Item>> =>
      value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value],
    );
}

/** The audience fields, part of every item's creation form and of the audience form. */
export const AudienceFields = z.object({
  audience: z.enum(AUDIENCES, msg("sharing.schema.audience")),
  memberIds: listOf(z.uuid(msg("sharing.schema.audienceMembers"))),
  includesSecretariat: checkbox,
});
type AudienceValues = z.output<typeof AudienceFields>;

/** `chosen` needs at least one government or the secretariat; otherwise it is private. */
export function audienceIssues(values: AudienceValues, ctx: z.RefinementCtx): void {
  if (
    values.audience === "chosen" &&
    values.memberIds.length === 0 &&
    !values.includesSecretariat
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["memberIds"],
      message: msg("sharing.schema.audienceEmpty"),
    });
  }
}

/** The list and the tick only for `chosen`, each government once. */
export function normaliseAudience<T extends AudienceValues>(values: T): T {
  return {
    ...values,
    memberIds: values.audience === "chosen" ? [...new Set(values.memberIds)] : [],
    includesSecretariat: values.audience === "chosen" && values.includesSecretariat,
  };
}

/** The audience form: who sees the item. */
export const AudienceSchema =
  AudienceFields.superRefine(audienceIssues).transform(normaliseAudience);
export type AudienceInput = z.output<typeof AudienceSchema>;

/** Changing an item's audience, against the version the owner saw. */
export const SetAudienceSchema = AudienceFields.extend({
  itemId: z.uuid(),
  version: z.coerce.number().int().positive(),
})
  .superRefine(audienceIssues)
  .transform(normaliseAudience);
export type SetAudienceInput = z.output<typeof SetAudienceSchema>;

/**
 * The audience in words, for the owner (who knows the list), in `language`: "Only my government", "Canada and
 * France", "Canada, France and the secretariat" (the language's own list: « Canada, France et le secrétariat »).
 * `tm` translates a message (useT().tm in a component, translate(language, …) on the server).
 */
export function describeAudience(
  item: Pick<ItemAudience, "audience" | "includesSecretariat">,
  governmentNames: readonly string[],
  language: Language,
  tm: (message: string) => string,
): string {
  if (item.audience !== "chosen") return tm(msg(`sharing.audience.${item.audience}`));
  const names = [...governmentNames];
  if (item.includesSecretariat) names.push(tm(msg("sharing.theSecretariat")));
  if (names.length === 0) return tm(msg("sharing.nobodyYet"));
  return new Intl.ListFormat(FORMAT_LOCALES[language], { type: "conjunction" }).format(names);
}

/** Reads the repeated fields of a sharing form (minerals, chosen governments) as lists, the rest as text. */
export function sharingFormValues(formData: FormData): Record<string, unknown> {
  const lists = new Set(["minerals", "memberIds"]);
  const values: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !lists.has(key)) values[key] = value;
  }
  for (const key of lists) {
    values[key] = formData.getAll(key).filter((v): v is string => typeof v === "string");
  }
  return values;
}
