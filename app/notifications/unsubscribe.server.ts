/*
 * Unsubscribe links (ADR 142): one per person and category, working without signing in. The link carries a
 * token signed with a key derived from the server's secret for this purpose only (an access token can never
 * pass for one, nor the reverse); it says who and which category, nothing else, and does one thing: stop that
 * category's mail for that person. It does not expire — a mail read a year later must still unsubscribe.
 */
import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { resolveJwtSecret } from "~/auth/jwt.server";
import { getConfig } from "~/config.server";
import { getDatabase } from "~/db/database.server";
import type { Database } from "~/db/engine.server";
import { runAsServiceRole } from "~/db/service-role.server";
import { isCategory, type Category } from "./categories";

const AUDIENCE = "lodestone:unsubscribe";

function keyOf(secret: string): Uint8Array {
  return createHash("sha256").update(`unsubscribe:${secret}`).digest();
}

export async function signUnsubscribeToken(
  secret: string,
  userId: string,
  category: Category,
): Promise<string> {
  return new SignJWT({ category })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .sign(keyOf(secret));
}

/** Who and which category a token stands for, or null for anything that is not one of ours. */
export async function readUnsubscribeToken(
  secret: string,
  token: string,
): Promise<{ userId: string; category: Category } | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    const category = typeof payload.category === "string" ? payload.category : "";
    if (!payload.sub || !isCategory(category)) return null;
    return { userId: payload.sub, category };
  } catch {
    return null;
  }
}

export async function unsubscribeLink(
  context: { appUrl: string; secret: string },
  userId: string,
  category: Category,
): Promise<string> {
  const token = await signUnsubscribeToken(context.secret, userId, category);
  return new URL(`/unsubscribe/${encodeURIComponent(token)}`, context.appUrl).toString();
}

/**
 * Stops one category's mail for one person: the token is the authority (nobody is signed in), so this runs as
 * the service role and touches that person's preferences row, that category, and nothing else.
 */
export async function unsubscribe(
  db: Database,
  who: { userId: string; category: Category },
): Promise<void> {
  await runAsServiceRole(db, (tx) =>
    tx.query(
      `insert into public.notification_preferences (user_id, unsubscribed) values ($1, array[$2]::text[])
       on conflict (user_id) do update
         set unsubscribed = (select array_agg(distinct c order by c)
                               from unnest(public.notification_preferences.unsubscribed || array[$2]::text[]) c)`,
      [who.userId, who.category],
    ),
  );
}

/** What an unsubscribe link stops (null: not a link of ours), for the page that confirms it. */
export async function categoryOfLink(token: string): Promise<Category | null> {
  return (await readUnsubscribeToken(resolveJwtSecret(getConfig()), token))?.category ?? null;
}

/** Follows an unsubscribe link; false when it is not one of ours. */
export async function followUnsubscribeLink(token: string): Promise<boolean> {
  const who = await readUnsubscribeToken(resolveJwtSecret(getConfig()), token);
  if (!who) return false;
  await unsubscribe(await getDatabase(), who);
  return true;
}
