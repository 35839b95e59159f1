/*
 * The inbox and the notification settings, as the signed-in person reads and changes them (user.db: a
 * notification about something they cannot see is not theirs to read, ADR 142).
 */
import type { MemberContext, SignedInUser } from "~/auth/auth.server";
import { CATEGORIES, type Category, type Digest } from "~/notifications/categories";
import type { NotificationView } from "~/notifications/present";
import { countUnread, listNotifications } from "~/notifications/read.server";
import { isUuid } from "./projects.server";

export const INBOX_SIZE = 100;

export function readInbox({ user, partnership }: MemberContext): Promise<{
  notifications: NotificationView[];
  unread: number;
}> {
  return user.db(async (tx) => ({
    notifications: await listNotifications(tx, {
      partnershipId: partnership.id,
      limit: INBOX_SIZE,
    }),
    unread: await countUnread(tx, partnership.id),
  }));
}

/** Marks one notification read, or all of the person's in the partnership when `id` is null. */
export async function markRead(
  { user, partnership }: MemberContext,
  id: string | null,
): Promise<void> {
  if (id !== null && !isUuid(id)) return;
  await user.db((tx) =>
    tx.query(
      `update public.notifications set read_at = now()
        where recipient_id = (select auth.uid()) and partnership_id = $1 and read_at is null
          and ($2::uuid is null or id = $2::uuid)`,
      [partnership.id, id],
    ),
  );
}

export interface Preferences {
  digest: Digest;
  unsubscribed: Category[];
}

export async function readPreferences(user: SignedInUser): Promise<Preferences> {
  const [row] = await user.db((tx) =>
    tx.query<Preferences>(
      "select digest, unsubscribed from public.notification_preferences where user_id = (select auth.uid())",
    ),
  );
  return row ?? { digest: "daily", unsubscribed: [] };
}

export async function savePreferences(user: SignedInUser, preferences: Preferences): Promise<void> {
  const unsubscribed = CATEGORIES.filter((category) => preferences.unsubscribed.includes(category));
  await user.db((tx) =>
    tx.query(
      `insert into public.notification_preferences (user_id, digest, unsubscribed)
       values ((select auth.uid()), $1, $2::text[])
       on conflict (user_id) do update set digest = excluded.digest, unsubscribed = excluded.unsubscribed`,
      [preferences.digest, unsubscribed],
    ),
  );
}
