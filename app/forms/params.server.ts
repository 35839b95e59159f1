/*
 * The one parser of a route's path parameters (docs/decisions/067-*.md). Each parameter has a kind; a value
 * not of its kind names nothing, so it is answered 404 — the same answer as an id that does not exist or is not
 * visible, so a malformed address tells nobody more than a wrong one — before any query runs.
 */
import type { Params } from "@remix-run/react";
import { INPUT_MESSAGES } from "./messages";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The kinds of path parameter, as the database holds them. */
export const PARAM_KINDS = {
  /** A row's id. */
  uuid: (value: string) => UUID.test(value),
  /** A partnership's slug (partnerships_slug_format in the tenancy migration). */
  slug: (value: string) => value.length <= 63 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value),
  /** A mineral of the reference data ("rare_earths"). */
  mineral: (value: string) => /^[a-z][a-z_]{1,39}$/.test(value),
  /** A link's single-use token (base64url, app/auth/tokens.server.ts). */
  token: (value: string) => /^[A-Za-z0-9_-]{16,128}$/.test(value),
} as const;
export type ParamKind = keyof typeof PARAM_KINDS;

/** The 404 of an address that names nothing. */
export function notFound(): Response {
  return new Response(INPUT_MESSAGES.notFound, { status: 404, statusText: "Not Found" });
}

/** Whether `value` is a well-formed parameter of `kind`, or one of the listed values. */
export function isParam(value: string | undefined, kind: ParamKind | readonly string[]): boolean {
  if (value === undefined) return false;
  return typeof kind === "string" ? PARAM_KINDS[kind](value) : kind.includes(value);
}

/**
 * The path parameter `name`, well formed for `kind` (or one of the listed values); otherwise throws a 404.
 * `requireParam(params, "projectId", "uuid")`.
 */
export function requireParam<Kind extends ParamKind | readonly string[]>(
  params: Params,
  name: string,
  kind: Kind,
): Kind extends readonly (infer Value)[] ? Value : string {
  const value = params[name];
  if (!isParam(value, kind)) throw notFound();
  return value as Kind extends readonly (infer Value)[] ? Value : string;
}
