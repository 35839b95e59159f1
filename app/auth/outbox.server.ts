import { getConfig, mailDelivery } from "~/config.server";
import { getDatabase } from "~/db/database.server";
import { msg } from "~/i18n/message";
import { requireUser } from "./auth.server";
import { listOutbox, type OutboxMessage } from "./mailer.server";

/**
 * The outbox, for a signed-in user only (a visitor is sent to sign in): its links reset passwords and accept
 * invitations, so reading it is taking over accounts. A 404 wherever mail really goes out (SMTP, Supabase).
 */
export async function readOutbox(request: Request): Promise<OutboxMessage[]> {
  if (mailDelivery(getConfig()) !== "outbox") {
    throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  }
  await requireUser(request);
  return listOutbox(await getDatabase());
}
