import { getConfig } from "~/config.server";
import { getDatabase } from "~/db/database.server";
import { listOutbox, type OutboxMessage } from "./mailer.server";

/** The outbox, or null when mail really goes out (Supabase Auth), where /dev/outbox must not exist. */
export async function readOutbox(): Promise<OutboxMessage[] | null> {
  if (getConfig().AUTH_MODE !== "local") return null;
  return listOutbox(await getDatabase());
}
