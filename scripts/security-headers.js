// Response headers that tell browsers what this site allows (issue 17, item 5; ADR 063). A fresh nonce per
// response lets Remix's inline scripts run and nothing else inline; server-rendered style attributes (chart
// bars, timeline positions) are allowed by style-src-attr, style elements and sheets come from this site only.
import { randomBytes } from "node:crypto";

/** The checkout and billing portal a billing form may be redirected to (form-action covers redirects). */
const STRIPE_PAGES = ["https://checkout.stripe.com", "https://billing.stripe.com"];

export function contentSecurityPolicy(nonce, { development = false } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // `remix dev` reloads the page over a WebSocket.
    development ? "connect-src 'self' ws:" : "connect-src 'self'",
    `form-action 'self' ${STRIPE_PAGES.join(" ")}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Sets the security headers on every response and leaves the nonce in res.locals.cspNonce for the renderer.
 * HSTS only over https (req.secure, which honours X-Forwarded-Proto when TRUST_PROXY=true).
 */
export function securityHeaders({ development = false } = {}) {
  return (req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, { development }));
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (req.secure) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  };
}
