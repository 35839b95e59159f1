// CSRF defence for every state-changing request: browsers send Sec-Fetch-Site (and Origin) with form posts and
// fetches; a cross-site one is refused before it reaches any action. Requests without either header are not
// from a browser form (server-to-server calls such as Stripe's webhook) and carry no ambient cookie risk.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request of this method, with these headers, to this host may change state. */
export function isSameOriginWrite(method, headers, host) {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const site = headers["sec-fetch-site"];
  if (site) return site === "same-origin" || site === "none";
  const origin = headers.origin;
  if (!origin || origin === "null") return origin !== "null";
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function rejectCrossSiteWrites(req, res, next) {
  if (isSameOriginWrite(req.method, req.headers, req.headers.host ?? "")) return next();
  res.status(403).type("application/json").send({
    error: "Cross-site request refused: submit the form from Lodestone itself.",
  });
}
