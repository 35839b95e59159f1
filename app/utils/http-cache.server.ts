/*
 * Conditional GET for the public open data (docs/open-data.md): a strong ETag from the body's SHA-256, a
 * Last-Modified from the newest change anon can see, and 304 Not Modified when If-None-Match names the ETag.
 * `no-cache` lets any cache keep a copy but makes it ask again each time, so a partnership that stops
 * publishing is off the web at once.
 */
import { createHash } from "node:crypto";
import { matchesEtag } from "~/domain/open-data";

export const PUBLIC_CACHE_CONTROL = "public, no-cache";

export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** 'YYYY-MM-DDTHH:MM:SSZ' as an HTTP date. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

export function conditionalResponse(
  request: Request,
  body: string,
  headers: { contentType: string; lastModified: string; extra?: Record<string, string> },
): Response {
  const etag = etagOf(body);
  const common = {
    ETag: etag,
    "Last-Modified": httpDate(headers.lastModified),
    "Cache-Control": PUBLIC_CACHE_CONTROL,
    ...headers.extra,
  };
  if (matchesEtag(request.headers.get("If-None-Match"), etag)) {
    return new Response(null, { status: 304, headers: common });
  }
  return new Response(body, { headers: { ...common, "Content-Type": headers.contentType } });
}
