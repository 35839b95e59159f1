import { appendFileSync } from "node:fs";
import { requestTraceFile } from "~/utils/request-scope.server";
import type { Database, Queryable } from "./engine.server";

/** The JWT claims Supabase's API server passes to Postgres; both auth adapters produce exactly this shape. */
export interface Claims {
  sub: string;
  /** The session the token belongs to (Supabase Auth's claim; the local adapter's too), live-checked per request. */
  session_id?: string;
  email: string;
  role: "authenticated";
  aud: "authenticated";
  exp: number;
  iat: number;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
}

/**
 * Runs `work` as the signed-in user, exactly as Supabase's API server does: one transaction,
 * `role` = authenticated and `request.jwt.claims` = the verified claims, both local to the transaction,
 * so every statement inside is subject to row-level security.
 */
export function runAsUser<T>(
  db: Database,
  claims: Claims,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(
      "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify(claims)],
    );
    const traceFile = requestTraceFile();
    return work(traceFile ? tracing(tx, traceFile, claims.sub) : tx);
  });
}

/* The statements of a traced request (see requestTraceFile), one JSON line each, for the benchmark's replay. */
function tracing(tx: Queryable, file: string, userId: string): Queryable {
  return {
    query(text, params) {
      appendFileSync(file, `${JSON.stringify({ userId, text, params: params ?? [] })}\n`);
      return tx.query(text, params);
    },
    exec: (script) => tx.exec(script),
  };
}

/** Runs `work` as an anonymous visitor (`anon`), who sees only what a partnership has published. */
export function runAsAnon<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(
      "select set_config('role', 'anon', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify({ role: "anon" })],
    );
    return work(tx);
  });
}
