import { useSyncExternalStore } from "react";

/* Whether the page is hydrated never changes once it is, so there is nothing to subscribe to. */
const noSubscription = () => () => {};

/**
 * False while the server renders and during hydration (so both render the same HTML), true from the first
 * render after it: what works only with JavaScript (a stepper, a menu button) shows from then on.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
