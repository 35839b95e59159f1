/*
 * Remix's own data requests, for the test factories: `?_data=<route id>` makes a route answer with its loader's
 * or action's JSON instead of a rendered page (Remix 2 with v3_singleFetch off, see remix.config.js), exactly as
 * the browser's fetchers and form submissions do. A redirect comes back as 204 with X-Remix-Redirect.
 */
import type { APIRequestContext, APIResponse } from "@playwright/test";

type FormValues = Record<string, string | readonly string[] | undefined>;

function dataPath(path: string, routeId: string): string {
  const url = new URL(path, "http://lodestone.test");
  // An index route shares its path with its parent layout; `index` says which of the two is meant.
  if (routeId.endsWith("._index")) url.searchParams.set("index", "");
  url.searchParams.set("_data", routeId);
  return `${url.pathname}${url.search}`;
}

async function refused(what: string, response: APIResponse): Promise<Error> {
  return new Error(
    `${what} answered ${response.status()}: ${(await response.text()).slice(0, 500)}`,
  );
}

/** The JSON a route's loader gives for `path`. */
export async function loaderData<T>(
  api: APIRequestContext,
  path: string,
  routeId: string,
): Promise<T> {
  const response = await api.get(dataPath(path, routeId));
  if (response.status() !== 200) throw await refused(`GET ${path} (${routeId})`, response);
  return (await response.json()) as T;
}

export interface ActionAnswer<T> {
  /** The action's JSON, when it answered rather than redirected. */
  data: T | null;
  /** Where the action redirected to, if it did. */
  redirect: string | null;
}

/**
 * Posts a form to a route's action as a browser would (url-encoded, repeated names for lists) and fails with the
 * app's answer unless the action accepted it (2xx, or a redirect).
 */
export async function submitForm<T = unknown>(
  api: APIRequestContext,
  path: string,
  routeId: string,
  values: FormValues,
): Promise<ActionAnswer<T>> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const item of typeof value === "string" ? [value] : value) body.append(name, item);
  }
  const response = await api.post(dataPath(path, routeId), {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: body.toString(),
    maxRedirects: 0,
  });
  if (response.status() === 204) {
    return { data: null, redirect: response.headers()["x-remix-redirect"] ?? null };
  }
  if (response.status() !== 200) throw await refused(`POST ${path} (${routeId})`, response);
  return { data: (await response.json()) as T, redirect: null };
}
