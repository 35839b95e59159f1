/*
 * What people are told about, in one place (shared by browser and server): the categories a person may
 * unsubscribe from, which of them are mailed at once (mentions and money) and which wait for the digest, and
 * the digest frequencies. supabase/migrations/20261201100000_collaboration.sql checks the same lists.
 */
export const CATEGORIES = [
  "mentions",
  "comments",
  "projects",
  "pledges",
  "milestones",
  "payments",
  "people",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Mailed as soon as they happen: someone asked for you, or money moved. */
export const IMMEDIATE_CATEGORIES: readonly Category[] = ["mentions", "pledges", "payments"];

export const DIGESTS = ["daily", "weekly", "never"] as const;
export type Digest = (typeof DIGESTS)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export function isImmediate(category: Category): boolean {
  return IMMEDIATE_CATEGORIES.includes(category);
}

export const NOTIFICATION_KINDS = [
  "mention",
  "comment",
  "project_submitted",
  "project_approved",
  "project_rejected",
  "pledge_committed",
  "pledge_amended",
  "pledge_withdrawn",
  "milestone_moved",
  "milestone_overdue",
  "milestone_done",
  "tranche_paid",
  "invitation_accepted",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * The period a digest sent on `today` covers: the day before for a daily digest, the seven days before for a
 * weekly one (sent on Mondays). Dates are 'YYYY-MM-DD' (UTC days); `to` is exclusive.
 */
export function digestPeriod(
  digest: Exclude<Digest, "never">,
  today: string,
  addDays: (isoDate: string, days: number) => string,
): { from: string; to: string } {
  return { from: addDays(today, digest === "daily" ? -1 : -7), to: today };
}
