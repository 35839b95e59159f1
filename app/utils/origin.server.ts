import { getConfig } from "~/config.server";

/** The site's public origin for links in mails: APP_URL when set, else the request's own origin. */
export function originOf(request: Request): string {
  return getConfig().APP_URL?.replace(/\/$/, "") ?? new URL(request.url).origin;
}
