/*
 * The local identity adapter: Lodestone acting as its own small Supabase Auth. Passwords are bcrypt hashes in
 * auth.users.encrypted_password (as Supabase Auth stores them), access tokens are HS256 JWTs with Supabase's
 * claims, and sessions are rows of private.auth_sessions behind an opaque refresh token. This module is the
 * "auth server": it reads and writes auth tables with the database owner's connection, as GoTrue does with its
 * own role; nothing here runs user-supplied SQL.
 */
import bcrypt from "bcryptjs";
import { createCookie } from "@remix-run/node";
import type { Database } from "~/db/engine.server";
import type { Claims } from "~/db/rls.server";
import type { AuthAdapter } from "./adapter.server";
import { InvalidTokenError, isUuid, signAccessToken, verifyAccessToken } from "./jwt.server";
import type { Mailer } from "./mailer.server";
import { hashToken, newOpaqueToken } from "./tokens.server";
import { getT } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";

const SESSION_DAYS = 30;
const RESET_LINK_MINUTES = 60;
const BCRYPT_COST = 10;
// Compared against when the address has no account, so a wrong address costs as long as a wrong password.
const UNUSED_HASH = "$2b$10$60s8nDDOPVRxT5RxbqOrGeNJk4D.yYYhORxAC/Tg9tmD6IFgKXGeu";

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
}

interface SessionCookie {
  access: string;
  refresh: string;
}

/**
 * The local stand-in for Supabase Auth, as one closure: its methods share the session cookie, the JWT secret
 * and the mailer. It is long as a whole (about 200 lines) because it is the whole AuthAdapter; each method is
 * one short step of Supabase Auth's API, read on its own.
 */
export function createLocalAdapter(db: Database, jwtSecret: string, mailer: Mailer): AuthAdapter {
  const cookie = createCookie("lodestone_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [jwtSecret],
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
  const secure = (request: Request) => new URL(request.url).protocol === "https:";

  async function readCookie(request: Request): Promise<SessionCookie | null> {
    const value = await cookie.parse(request.headers.get("Cookie"));
    return value && typeof value.access === "string" && typeof value.refresh === "string"
      ? value
      : null;
  }

  async function sessionHeaders(request: Request, value: SessionCookie | null): Promise<Headers> {
    const headers = new Headers();
    headers.append(
      "Set-Cookie",
      value
        ? await cookie.serialize(value, { secure: secure(request) })
        : await cookie.serialize("", { secure: secure(request), maxAge: 0 }),
    );
    return headers;
  }

  async function issueAccessToken(
    user: Pick<UserRow, "id" | "email" | "raw_app_meta_data" | "raw_user_meta_data">,
    sessionId: string,
  ) {
    return signAccessToken(
      {
        id: user.id,
        email: user.email,
        app_metadata: user.raw_app_meta_data,
        user_metadata: user.raw_user_meta_data,
      },
      jwtSecret,
      { issuer: "lodestone", sessionId },
    );
  }

  async function startSession(request: Request, user: UserRow) {
    const refresh = newOpaqueToken();
    const [session] = await db.query<{ id: string }>(
      `insert into private.auth_sessions (user_id, refresh_token_hash, not_after)
       values ($1, $2, now() + make_interval(days => $3)) returning id`,
      [user.id, refresh.hash, SESSION_DAYS],
    );
    if (!session) throw new Error("The session could not be started.");
    await db.query("update auth.users set last_sign_in_at = now() where id = $1", [user.id]);
    const { token, claims } = await issueAccessToken(user, session.id);
    return {
      claims,
      headers: await sessionHeaders(request, { access: token, refresh: refresh.token }),
    };
  }

  /**
   * Whether the token's session still exists, within its lifetime, for an account that is neither banned nor
   * deleted. Asked on every request: signing out, a password reset or a ban ends every token at once.
   */
  async function sessionIsLive(claims: Claims): Promise<boolean> {
    if (!isUuid(claims.session_id) || !isUuid(claims.sub)) return false;
    const rows = await db.query(
      `select 1 from private.auth_sessions s join auth.users u on u.id = s.user_id
        where s.id = $1 and s.user_id = $2 and s.not_after > now()
          and (u.banned_until is null or u.banned_until < now()) and u.deleted_at is null`,
      [claims.session_id, claims.sub],
    );
    return rows.length === 1;
  }

  return {
    mode: "local",

    async getClaims(request) {
      const session = await readCookie(request);
      if (!session) return { claims: null, headers: new Headers() };
      const claims = await verifyAccessToken(session.access, jwtSecret, {
        issuer: "lodestone",
      }).catch((error: unknown) => {
        if (error instanceof InvalidTokenError) return null;
        throw error;
      });
      if (claims?.session_id) {
        if (await sessionIsLive(claims)) return { claims, headers: new Headers() };
        // Ended (signed out, password reset, account banned): the cookie goes too.
        return { claims: null, headers: await sessionHeaders(request, null) };
      }
      // Expired or unreadable access token: the refresh token may still name a live session.
      const [user] = await db.query<UserRow & { session_id: string }>(
        `update private.auth_sessions s set refreshed_at = now()
           from auth.users u
          where s.refresh_token_hash = $1 and s.not_after > now() and u.id = s.user_id
            and (u.banned_until is null or u.banned_until < now()) and u.deleted_at is null
          returning u.id, u.email, u.raw_app_meta_data, u.raw_user_meta_data, s.id as session_id`,
        [hashToken(session.refresh)],
      );
      if (!user) return { claims: null, headers: await sessionHeaders(request, null) };
      const refreshed = await issueAccessToken(user, user.session_id);
      return {
        claims: refreshed.claims,
        headers: await sessionHeaders(request, {
          access: refreshed.token,
          refresh: session.refresh,
        }),
      };
    },

    async signInWithPassword(request, email, password) {
      const [user] = await db.query<UserRow>(
        `select id, email, encrypted_password, raw_app_meta_data, raw_user_meta_data from auth.users
          where email = $1 and deleted_at is null and (banned_until is null or banned_until < now())
            and email_confirmed_at is not null`,
        [email.trim().toLowerCase()],
      );
      const matches = await bcrypt.compare(password, user?.encrypted_password ?? UNUSED_HASH);
      if (!user || !matches) return { ok: false };
      return { ok: true, ...(await startSession(request, user)) };
    },

    async signOut(request) {
      // Every session of the account ends, on every device (Supabase Auth's default "global" scope).
      const session = await readCookie(request);
      if (session) {
        await db.query(
          `delete from private.auth_sessions where user_id in
             (select user_id from private.auth_sessions where refresh_token_hash = $1)`,
          [hashToken(session.refresh)],
        );
      }
      return sessionHeaders(request, null);
    },

    async sendPasswordReset(email, origin, language) {
      const reset = newOpaqueToken();
      const [user] = await db.query<{ email: string }>(
        `update auth.users set recovery_token = $2, recovery_sent_at = now()
          where email = $1 and deleted_at is null returning email`,
        [email.trim().toLowerCase(), reset.hash],
      );
      if (!user) return;
      const link = `${origin}/reset-password?token=${reset.token}`;
      const t = getT(language);
      await mailer.send({
        to: user.email,
        subject: t("mail.resetSubject"),
        text: t("mail.resetBody", { count: RESET_LINK_MINUTES, link }),
        link,
      });
    },

    async resetPassword(request, token, password) {
      const encrypted = await bcrypt.hash(password, BCRYPT_COST);
      const [user] = await db.query<UserRow>(
        `update auth.users set encrypted_password = $2, recovery_token = null, updated_at = now()
          where recovery_token = $1 and recovery_sent_at > now() - make_interval(mins => $3)
          returning id, email, encrypted_password, raw_app_meta_data, raw_user_meta_data`,
        [hashToken(token), encrypted, RESET_LINK_MINUTES],
      );
      if (!user) {
        return { ok: false, message: msg("auth.reset.expired") };
      }
      // A new password ends every other session of the account.
      await db.query("delete from private.auth_sessions where user_id = $1", [user.id]);
      return { ok: true, headers: (await startSession(request, user)).headers };
    },

    async setPassword(userId, password) {
      await db.query(
        "update auth.users set encrypted_password = $2, email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now() where id = $1",
        [userId, await bcrypt.hash(password, BCRYPT_COST)],
      );
    },

    async sendInvitation({ email, link, partnershipName, role, language }) {
      const t = getT(language);
      await mailer.send({
        to: email,
        subject: t("mail.invitationSubject", { partnership: partnershipName }),
        text: t("mail.invitationBody", {
          partnership: partnershipName,
          role: t(`vocabulary.role.${role}`),
          link,
        }),
        link,
      });
    },

    async createUser(email, password) {
      const [user] = await db.query<{ id: string }>(
        `insert into auth.users (email, encrypted_password, email_confirmed_at, raw_app_meta_data)
         values ($1, $2, now(), '{"provider":"email","providers":["email"]}') returning id`,
        [email.trim().toLowerCase(), await bcrypt.hash(password, BCRYPT_COST)],
      );
      if (!user) throw new Error("The account could not be created.");
      return user.id;
    },
  };
}
