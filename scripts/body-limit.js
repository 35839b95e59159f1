// Request body limits, enforced before Remix reads a body (issue 17, item 6; ADR 064): small for forms, larger
// only where a file is uploaded. A body over its route's limit is refused with 413 as soon as that is known:
// from Content-Length before reading, or by counting bytes as they arrive (chunked or lying clients).

const KB = 1024;

// Every other form: far above what any form's field limits allow, far below abuse.
const FORM_LIMIT = { pattern: /^/, bytes: 256 * KB, what: "a form" };

/** The limits by route; the first match wins. */
export const BODY_LIMITS = [
  // FX rates: a CSV file of up to 256 KB, its preview sent back for import, and pasted rates.
  { pattern: /^\/p\/[^/]+\/fx-rates\/?$/, bytes: 1024 * KB, what: "an FX rates upload" },
  // A project's documents: the configured upload limit (UPLOAD_LIMIT_MB, 25 by default, ADR 143) and room for
  // the multipart envelope. The route checks the file's own size against the limit and says so in the form.
  {
    pattern: /^\/p\/[^/]+\/projects\/[^/]+\/documents\/?$/,
    bytes: Number(process.env.UPLOAD_LIMIT_MB || 25) * 1024 * KB + 64 * KB,
    what: "a document upload",
  },
  // Stripe's signed webhook events.
  { pattern: /^\/api\/stripe\/webhook\/?$/, bytes: 512 * KB, what: "a webhook event" },
  FORM_LIMIT,
];

export function bodyLimitFor(pathname) {
  return BODY_LIMITS.find((rule) => rule.pattern.test(pathname)) ?? FORM_LIMIT;
}

export class BodyTooLargeError extends Error {
  constructor(limit) {
    super(`The request body is larger than ${limit.bytes / KB} KB, the limit for ${limit.what}.`);
    this.limit = limit;
  }
}

/**
 * The request's body as one Buffer (null for GET and HEAD), or a BodyTooLargeError once it is known to
 * exceed its route's limit; reading stops there.
 */
export function readLimitedBody(req, pathname) {
  if (req.method === "GET" || req.method === "HEAD") return Promise.resolve(null);
  const limit = bodyLimitFor(pathname);
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit.bytes) {
    return Promise.reject(new BodyTooLargeError(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit.bytes) {
        cleanup();
        req.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

// Up to this size the rest of a refused body is read and thrown away, so the client (still sending) gets the
// 413 cleanly and keeps its connection; anything bigger, or of no declared size, has its connection closed.
const DRAIN_AT_MOST = 32 * 1024 * KB;

/**
 * The 413 answer: a short page for a browser's own form post, and for Remix's data requests (?_data) a
 * response its client shows in the route's error boundary (X-Remix-Catch), with the message as text.
 * The rest of the body is never processed.
 */
export function sendTooLarge(req, res, error) {
  const message = `${error.message} Shorten what you send, or split it, and try again.`;
  const declared = Number(req.headers["content-length"]);
  res.status(413);
  if (!(Number.isFinite(declared) && declared <= DRAIN_AT_MOST)) res.set("Connection", "close");
  if (new URL(req.originalUrl, "http://x").searchParams.has("_data")) {
    res.set("X-Remix-Catch", "yes").type("text/plain").send(message);
  } else {
    res
      .type("html")
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large — Lodestone</title>` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>` +
          `<main><h1>What you sent is too large</h1><p>${message}</p>` +
          `<p>Use your browser's Back button to return to the form.</p></main></body></html>`,
      );
  }
}
