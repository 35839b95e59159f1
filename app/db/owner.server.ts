/*
 * The database owner's connection, which bypasses row-level security, for the one job outside migrations and
 * the auth server's own tables that needs it: finding and accepting an invitation by its link, whose invitee
 * is not a member yet (app/auth/invitations.server.ts). Like the service role (./service-role.server.ts), it
 * lives in one module, and ESLint keeps routes and models away from it.
 */
import { getDatabase } from "./database.server";
import type { Queryable } from "./engine.server";

/** Runs `work` in one transaction on the owner's connection. */
export async function asOwner<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
  return (await getDatabase()).transaction(work);
}
