/// <reference types="@remix-run/dev" />
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's IP address (X-Forwarded-For only when TRUST_PROXY=true). */
    clientIp: string;
    /** This response's Content-Security-Policy nonce, for Remix's inline scripts (scripts/serve.js). */
    cspNonce?: string;
  }
}
