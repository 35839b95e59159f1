/*
 * The Content-Security-Policy nonce of the response being rendered (scripts/security-headers.js sets the
 * header, the server renders with the same value). In the browser it is empty: nonces are needed only for the
 * server-rendered inline scripts.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
