import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { jwtVerify, SignJWT, errors as joseErrors } from "jose";
import type { Config } from "~/config.server";
import type { Claims } from "~/db/rls.server";

export const ACCESS_TOKEN_SECONDS = 60 * 60;

export interface TokenUser {
  id: string;
  email: string;
  app_metadata?: Record<string, unknown> | null;
  user_metadata?: Record<string, unknown> | null;
}

export class InvalidTokenError extends Error {}

/** A uuid's text form: checked before a claim is compared with a uuid column (a cast error would be a 500). */
export function isUuid(value: unknown): value is string {
  return (
    typeof value === "string" &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  );
}

const encoder = new TextEncoder();

/**
 * The HS256 secret that signs and verifies access tokens: JWT_SECRET when set (required with Supabase Auth:
 * the project's JWT secret), else one generated once into DATA_DIR so sessions survive restarts.
 */
export function resolveJwtSecret(config: Pick<Config, "JWT_SECRET" | "dataDir">): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = path.join(config.dataDir, "jwt-secret");
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * An access token with the claims Supabase Auth puts in its own, `session_id` included: the session it
 * belongs to, checked on every request so that ending the session ends the token (ADR 061).
 */
export async function signAccessToken(
  user: TokenUser,
  secret: string,
  options: { issuer: string; sessionId: string; now?: number; seconds?: number },
): Promise<{ token: string; claims: Claims }> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: Claims = {
    sub: user.id,
    session_id: options.sessionId,
    email: user.email,
    role: "authenticated",
    aud: "authenticated",
    iat,
    exp: iat + (options.seconds ?? ACCESS_TOKEN_SECONDS),
    app_metadata: user.app_metadata ?? { provider: "email", providers: ["email"] },
    user_metadata: user.user_metadata ?? {},
  };
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(options.issuer)
    .sign(encoder.encode(secret));
  return { token, claims };
}

/**
 * Verifies signature, expiry and audience, and returns the claims RLS receives — nothing else from the token.
 * Throws InvalidTokenError for a tampered, expired, wrong-audience or wrong-role token.
 */
export async function verifyAccessToken(
  token: string,
  secret: string,
  options: { issuer?: string; now?: number } = {},
): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: ["HS256"],
      audience: "authenticated",
      issuer: options.issuer,
      currentDate: options.now === undefined ? undefined : new Date(options.now),
    });
    if (payload.role !== "authenticated" || typeof payload.sub !== "string") {
      throw new InvalidTokenError("The token is not a signed-in user's token.");
    }
    return {
      sub: payload.sub,
      ...(typeof payload.session_id === "string" ? { session_id: payload.session_id } : {}),
      email: typeof payload.email === "string" ? payload.email : "",
      role: "authenticated",
      aud: "authenticated",
      iat: payload.iat ?? 0,
      exp: payload.exp ?? 0,
      app_metadata: (payload.app_metadata as Record<string, unknown>) ?? {},
      user_metadata: (payload.user_metadata as Record<string, unknown>) ?? {},
    };
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof joseErrors.JWTExpired)
      throw new InvalidTokenError("The token has expired.");
    if (error instanceof joseErrors.JOSEError) {
      throw new InvalidTokenError(`The token was rejected: ${error.code}.`);
    }
    throw error;
  }
}
