/*
 * The access log (pino-http): one line per request when its response ends, with the request id, the method,
 * the Remix route's pattern, the status, the duration, and the user and partnership when the guards knew
 * them. Slow requests are warnings, server errors errors, probes (/healthz, /readyz) debug lines.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchRoutes } from "@remix-run/react";
import type { ServerBuild } from "@remix-run/node";
import { pinoHttp, startTime } from "pino-http";
import type { Logger } from "pino";
import { getConfig, type Config } from "~/config.server";
import { getLogger, requestContext, type RequestLog } from "./log.server";

/** A request id from a proxy is taken only as a short token: no spaces, quotes or line breaks in the log. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PROBES = new Set(["/healthz", "/readyz"]);

/** The request's id: the proxy's X-Request-Id when TRUST_PROXY says the proxy is trusted, else a new one. */
export function requestIdOf(
  header: string | string[] | undefined,
  config: Pick<Config, "TRUST_PROXY">,
): string {
  const given = Array.isArray(header) ? header[0] : header;
  if (config.TRUST_PROXY === "true" && given && REQUEST_ID.test(given)) return given;
  return randomUUID();
}

type RouteObject = NonNullable<Parameters<typeof matchRoutes>[0]>[number];
type RouteManifest = Pick<ServerBuild, "routes">["routes"];

/** Maps a path to its route's pattern (`/p/:slug/board`), so the log never holds a token from a path. */
export function routePatterns(manifest: RouteManifest): (pathname: string) => string {
  const routes = Object.values(manifest).flatMap((route) => (route ? [route] : []));
  const childrenOf = (parentId: string | undefined): RouteObject[] =>
    routes
      .filter((route) => route.parentId === parentId)
      .map((route) =>
        route.index
          ? { id: route.id, index: true }
          : { id: route.id, path: route.path, children: childrenOf(route.id) },
      );
  const tree = childrenOf(undefined);
  return (pathname) => {
    const matches = matchRoutes(tree, pathname);
    if (!matches) return "(no route)";
    return `/${matches
      .map((match) => match.route.path)
      .filter(Boolean)
      .join("/")}`;
  };
}

type Request = IncomingMessage & { originalUrl?: string; id?: unknown };
type Response = ServerResponse & {
  locals?: { requestLog?: RequestLog };
  [startTime]?: number;
};

function entryOf(res: Response): RequestLog | undefined {
  return res.locals?.requestLog;
}

/**
 * The Express middleware: opens the request context, then logs the response when it ends. The logger and the
 * configuration are the process's unless given (tests).
 */
export function httpLogging(
  build: Pick<ServerBuild, "routes">,
  { logger = getLogger(), config = getConfig() }: { logger?: Logger; config?: Config } = {},
) {
  const routeOf = routePatterns(build.routes);
  /** Slow: over SLOW_REQUEST_MS, except live event streams, which stay open by design. */
  const isSlow = (res: Response, durationMs: number) =>
    config.SLOW_REQUEST_MS > 0 &&
    durationMs > config.SLOW_REQUEST_MS &&
    !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream");

  const logResponse = pinoHttp<Request, Response>({
    logger,
    // The request's own fields only: no headers, no URL, no body.
    quietResLogger: true,
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined },
    customAttributeKeys: { reqId: "requestId", responseTime: "durationMs" },
    customLogLevel(_req, res, error) {
      if (error || res.statusCode >= 500) return "error";
      if (isSlow(res, Date.now() - (res[startTime] ?? Date.now()))) return "warn";
      const route = entryOf(res)?.route;
      return route && PROBES.has(route) ? "debug" : "info";
    },
    customSuccessObject: (req, res, value: { durationMs: number }) => fieldsOf(req, res, value),
    customErrorObject: (req, res, error, value: { durationMs: number }) => ({
      ...fieldsOf(req, res, value),
      err: error,
    }),
    customSuccessMessage(req, res, durationMs) {
      const ended = res.writableEnded ? "" : " (closed by the client)";
      const slow = isSlow(res, durationMs) ? " (slow request)" : "";
      return `${req.method} ${entryOf(res)?.route ?? ""} ${res.statusCode}${ended}${slow}`;
    },
    customErrorMessage: (req, res) =>
      `${req.method} ${entryOf(res)?.route ?? ""} ${res.statusCode}`,
  });

  return (req: Request, res: Response, next: (error?: unknown) => void) => {
    const pathname = new URL(req.originalUrl ?? req.url ?? "/", "http://x").pathname;
    const entry: RequestLog = {
      requestId: requestIdOf(req.headers["x-request-id"], config),
      route: routeOf(pathname),
    };
    req.id = entry.requestId;
    res.locals = { ...res.locals, requestLog: entry };
    res.setHeader("X-Request-Id", entry.requestId);
    requestContext.run(entry, () => logResponse(req, res, next));
  };
}

function fieldsOf(req: Request, res: Response, value: { durationMs: number }) {
  const entry = entryOf(res);
  return {
    requestId: entry?.requestId,
    method: req.method,
    route: entry?.route,
    status: res.statusCode,
    durationMs: value.durationMs,
    userId: entry?.userId,
    partnership: entry?.partnership,
  };
}
