// Express → Remix, as @remix-run/express does it, except that the body is read here first, within its
// route's limit (scripts/body-limit.js): Remix never sees a body over the limit, and the answer is a 413.
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import { BodyTooLargeError, readLimitedBody, sendTooLarge } from "./body-limit.js";

function remixHeaders(req) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

function remixRequest(req, res, body) {
  // req.protocol and req.hostname honour X-Forwarded-Proto and X-Forwarded-Host only with "trust proxy".
  const port = /:(\d+)$/.exec(req.get("X-Forwarded-Host") ?? req.get("host") ?? "")?.[1];
  const url = new URL(
    `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`,
  );
  let controller = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, {
    method: req.method,
    headers: remixHeaders(req),
    signal: controller.signal,
    ...(body ? { body } : {}),
  });
}

async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

export function createRemixHandler({ build, mode, getLoadContext }) {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const pathname = new URL(req.originalUrl, "http://x").pathname;
      const body = await readLimitedBody(req, pathname);
      const request = remixRequest(req, res, body);
      const context = await getLoadContext(req, res);
      // The app's loaders share what one request already asked (ADR 073), within a scope per request.
      const scoped = build.entry.module.withRequestScope;
      const response = scoped
        ? await scoped(request, () => handle(request, context))
        : await handle(request, context);
      await sendRemixResponse(res, response);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendTooLarge(req, res, error);
      next(error);
    }
  };
}
