/*
 * The Supabase Auth adapter (production): identity from Supabase Auth through supabase-js, with @supabase/ssr
 * keeping the session in cookies. Tokens are verified here with the project's JWT secret, and the same claims
 * as the local adapter's go to Postgres. Data never goes through Supabase's REST API: see
 * docs/decisions/006-identity-from-supabase-data-direct.md.
 *
 * Mail templates this expects (Supabase dashboard → Auth → Email templates):
 * - Reset password: {{ .SiteURL }}/reset-password?token={{ .TokenHash }}
 */
import { createServerClient, parseCookieHeader, serializeCookieHeader } from "@supabase/ssr";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import type { Queryable } from "~/db/engine.server";
import type { Claims } from "~/db/rls.server";
import type { AuthAdapter } from "./adapter.server";
import { InvalidTokenError, isUuid, verifyAccessToken } from "./jwt.server";
import { msg } from "~/i18n/message";

export interface SupabaseAdapterOptions {
  url: string;
  anonKey: string;
  serviceRoleKey?: string;
  jwtSecret: string;
  /** The database owner's connection to the project's Postgres, where Supabase Auth keeps auth.sessions. */
  db: Queryable;
  /** Supabase Auth's HTTP boundary; tests pass a fetch that reaches a local fixture server. */
  fetch?: typeof fetch;
}

/**
 * Supabase Auth behind the AuthAdapter, as one closure: its methods share the client, the cookie and the
 * options. Long as a whole (about 150 lines) because it is the whole adapter; each method is one short call.
 */
export function createSupabaseAdapter(options: SupabaseAdapterOptions): AuthAdapter {
  const issuer = `${options.url.replace(/\/$/, "")}/auth/v1`;
  const global = options.fetch ? { fetch: options.fetch } : undefined;

  function clientFor(request: Request, headers: Headers) {
    const secure = new URL(request.url).protocol === "https:";
    return createServerClient(options.url, options.anonKey, {
      global,
      // supabase-js needs a WebSocket implementation on Node 20, even when realtime is unused.
      realtime: { transport: ws as never },
      cookies: {
        getAll: () =>
          parseCookieHeader(request.headers.get("Cookie") ?? "").map(({ name, value }) => ({
            name,
            value: value ?? "",
          })),
        setAll: (cookies) => {
          for (const { name, value, options: cookieOptions } of cookies) {
            headers.append(
              "Set-Cookie",
              serializeCookieHeader(name, value, {
                ...cookieOptions,
                httpOnly: true,
                sameSite: "lax",
                secure,
                path: "/",
              }),
            );
          }
        },
      },
    });
  }

  function adminClient() {
    if (!options.serviceRoleKey) {
      throw new Error(
        "SUPABASE_SERVICE_ROLE_KEY is required to create users and send invitations.",
      );
    }
    return createClient(options.url, options.serviceRoleKey, {
      global,
      realtime: { transport: ws as never },
      auth: { autoRefreshToken: false, persistSession: false },
    });
  }

  async function verified(accessToken: string) {
    return verifyAccessToken(accessToken, options.jwtSecret, { issuer });
  }

  /*
   * Supabase Auth's access tokens stay valid until they expire, even after sign-out. Its session_id claim
   * names a row of auth.sessions, which sign-out, a password reset and session revocation delete: checked
   * on every request, ending a session ends its tokens at once (ADR 061).
   */
  async function sessionIsLive(claims: Claims): Promise<boolean> {
    if (!isUuid(claims.session_id) || !isUuid(claims.sub)) return false;
    const rows = await options.db.query(
      `select 1 from auth.sessions s join auth.users u on u.id = s.user_id
        where s.id = $1 and s.user_id = $2 and (s.not_after is null or s.not_after > now())
          and (u.banned_until is null or u.banned_until < now()) and u.deleted_at is null`,
      [claims.session_id, claims.sub],
    );
    return rows.length === 1;
  }

  return {
    mode: "supabase",

    async getClaims(request) {
      const headers = new Headers();
      const supabase = clientFor(request, headers);
      // Reads the cookie session and, when its access token has expired, refreshes it (setting new cookies).
      const { data } = await supabase.auth.getSession();
      if (!data.session) return { claims: null, headers };
      const claims = await verified(data.session.access_token).catch((error: unknown) => {
        if (error instanceof InvalidTokenError) return null;
        throw error;
      });
      if (claims && (await sessionIsLive(claims))) return { claims, headers };
      // Tampered, foreign or ended: forget the cookies.
      await supabase.auth.signOut({ scope: "local" });
      return { claims: null, headers };
    },

    async signInWithPassword(request, email, password) {
      const headers = new Headers();
      const supabase = clientFor(request, headers);
      const { data, error } = await supabase.auth.signInWithPassword({ email, password });
      if (error || !data.session) return { ok: false };
      return { ok: true, claims: await verified(data.session.access_token), headers };
    },

    async signOut(request) {
      // Every session of the account ends, on every device: Supabase Auth's own default scope.
      const headers = new Headers();
      await clientFor(request, headers).auth.signOut({ scope: "global" });
      return headers;
    },

    // Supabase Auth writes the recovery and invitation mails from the project's own templates.
    async sendPasswordReset(email, origin) {
      const supabase = clientFor(new Request(origin), new Headers());
      // Supabase answers the same whether or not the address has an account.
      await supabase.auth.resetPasswordForEmail(email, { redirectTo: `${origin}/reset-password` });
    },

    async resetPassword(request, token, password) {
      const headers = new Headers();
      const supabase = clientFor(request, headers);
      const verifiedLink = await supabase.auth.verifyOtp({ type: "recovery", token_hash: token });
      if (verifiedLink.error || !verifiedLink.data.session) {
        return { ok: false, message: msg("auth.reset.expired") };
      }
      const updated = await supabase.auth.updateUser({ password });
      // Supabase's reason is in English: it is named as it is, inside our sentence.
      if (updated.error) {
        return { ok: false, message: msg("auth.reset.refused", { reason: updated.error.message }) };
      }
      await supabase.auth.signOut({ scope: "others" });
      return { ok: true, headers };
    },

    async createUser(email, password) {
      const { data, error } = await adminClient().auth.admin.createUser({
        email,
        password,
        email_confirm: true,
      });
      if (error || !data.user)
        throw new Error(error?.message ?? "The account could not be created.");
      return data.user.id;
    },

    async setPassword(userId, password) {
      const { error } = await adminClient().auth.admin.updateUserById(userId, {
        password,
        email_confirm: true,
      });
      if (error) throw new Error(error.message);
    },

    async sendInvitation({ email, link, partnershipName, hasAccount }) {
      // A new address gets Supabase's invitation mail, whose link lands on the invitation page. An existing
      // account cannot be mailed through Supabase Auth: its holder sees the invitation after signing in.
      if (hasAccount) return;
      const { error } = await adminClient().auth.admin.inviteUserByEmail(email, {
        redirectTo: link,
        data: { invited_to: partnershipName },
      });
      if (error) throw new Error(error.message);
    },
  };
}
