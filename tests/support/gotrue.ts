/*
 * A stand-in for Supabase Auth's HTTP API (GoTrue), the one service that cannot run here. It answers the
 * endpoints the supabase adapter calls with bodies shaped like GoTrue's real responses, and issues access
 * tokens carrying the claims Supabase puts in its own (iss, aal, amr, session_id, …). Given the project's
 * database, it keeps auth.sessions there as Supabase Auth does: a row per session (kept across refreshes),
 * deleted by /logout in the requested scope.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { decodeJwt, SignJWT } from "jose";
import type { Queryable } from "~/db/engine.server";

export interface FakeGoTrue {
  url: string;
  requests: Array<{ method: string; path: string; body: unknown }>;
  /** Tokens it issues from now on are signed with this secret (to simulate a tampered or foreign token). */
  signWith(secret: string): void;
  /** Access tokens it issues from now on expire this many seconds after issue (negative: already expired). */
  expireAfter(seconds: number): void;
  close(): Promise<void>;
}

interface Account {
  id: string;
  email: string;
  password: string;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : null;
}

export async function startFakeGoTrue(
  jwtSecret: string,
  accounts: Account[],
  database?: Queryable,
): Promise<FakeGoTrue> {
  let signingSecret = jwtSecret;
  let lifetime = 3600;
  const requests: FakeGoTrue["requests"] = [];
  const refreshTokens = new Map<string, { account: Account; sessionId: string }>();
  let url = "";

  function userJson(account: Account) {
    const now = new Date().toISOString();
    return {
      id: account.id,
      aud: "authenticated",
      role: "authenticated",
      email: account.email,
      email_confirmed_at: now,
      phone: "",
      confirmed_at: now,
      last_sign_in_at: now,
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: {},
      identities: [],
      created_at: now,
      updated_at: now,
      is_anonymous: false,
    };
  }

  async function sessionJson(account: Account, sessionId: string) {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + lifetime;
    const access = await new SignJWT({
      sub: account.id,
      email: account.email,
      phone: "",
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: {},
      role: "authenticated",
      aal: "aal1",
      amr: [{ method: "password", timestamp: iat }],
      session_id: sessionId,
      is_anonymous: false,
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuer(`${url}/auth/v1`)
      .setAudience("authenticated")
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(signingSecret));
    const refresh = randomUUID().replaceAll("-", "").slice(0, 12);
    refreshTokens.set(refresh, { account, sessionId });
    return {
      access_token: access,
      token_type: "bearer",
      expires_in: lifetime,
      expires_at: exp,
      refresh_token: refresh,
      user: userJson(account),
    };
  }

  const server: Server = createServer(async (req, res) => {
    const parsed = new URL(req.url ?? "/", url);
    const body = await readBody(req);
    requests.push({ method: req.method ?? "GET", path: parsed.pathname + parsed.search, body });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(json));
    };
    const input = (body ?? {}) as Record<string, string>;
    if (
      parsed.pathname === "/auth/v1/token" &&
      parsed.searchParams.get("grant_type") === "password"
    ) {
      const account = accounts.find(
        (a) => a.email === input.email && a.password === input.password,
      );
      if (!account) {
        return send(400, {
          code: 400,
          error_code: "invalid_credentials",
          msg: "Invalid login credentials",
        });
      }
      const sessionId = randomUUID();
      await database?.query("insert into auth.sessions (id, user_id) values ($1, $2)", [
        sessionId,
        account.id,
      ]);
      return send(200, await sessionJson(account, sessionId));
    }
    if (
      parsed.pathname === "/auth/v1/token" &&
      parsed.searchParams.get("grant_type") === "refresh_token"
    ) {
      const known = refreshTokens.get(input.refresh_token ?? "");
      const live =
        known &&
        (!database ||
          (await database.query("select 1 from auth.sessions where id = $1", [known.sessionId]))
            .length > 0);
      if (!known || !live) {
        return send(400, {
          code: 400,
          error_code: "refresh_token_not_found",
          msg: "Invalid Refresh Token: Refresh Token Not Found",
        });
      }
      refreshTokens.delete(input.refresh_token ?? "");
      return send(200, await sessionJson(known.account, known.sessionId));
    }
    if (parsed.pathname === "/auth/v1/logout") {
      const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      const { sub, session_id } = decodeJwt(bearer) as { sub: string; session_id: string };
      const scope = parsed.searchParams.get("scope") ?? "global";
      const [where, params] =
        scope === "local"
          ? ["id = $1", [session_id]]
          : scope === "others"
            ? ["user_id = $1 and id <> $2", [sub, session_id]]
            : ["user_id = $1", [sub]];
      await database?.query(`delete from auth.sessions where ${where}`, params);
      res.writeHead(204);
      return res.end();
    }
    if (parsed.pathname === "/auth/v1/recover") return send(200, {});
    if (parsed.pathname === "/auth/v1/admin/users" && req.method === "POST") {
      const account = {
        id: randomUUID(),
        email: input.email ?? "",
        password: input.password ?? "",
      };
      accounts.push(account);
      return send(200, userJson(account));
    }
    if (parsed.pathname === "/auth/v1/invite") {
      const account = { id: randomUUID(), email: input.email ?? "", password: "" };
      accounts.push(account);
      return send(200, { ...userJson(account), invited_at: new Date().toISOString() });
    }
    return send(404, { code: 404, error_code: "not_found", msg: `No route ${parsed.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    signWith: (secret) => {
      signingSecret = secret;
    },
    expireAfter: (seconds) => {
      lifetime = seconds;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
