/*
 * The suite's `test`: Playwright's, with people signed in from the sessions stored once per run
 * (tests/e2e/sessions.setup.ts) and the data factories. Every spec imports `test` and `expect` from here.
 *
 *   test.use({ role: "secretariat" })   → `page` and `request` are signed in as that demo account
 *   pageAs("observer") / pageAs(person) → a page of its own (its own browser context), signed in
 *   apiAs("delegateUS")                 → an APIRequestContext signed in, for requests without a browser
 *   make.project({ … })                 → test data of the test's own, made through the app's forms
 *
 * Every page's goto and reload wait until React has hydrated what they loaded (support/hydration.ts), so a
 * test's first click is never lost to hydration.
 *
 * (Fixtures hand their value on with `provide`, Playwright's `use` under another name that React's hook lint
 * rule does not mistake for React's `use`.)
 */
import {
  test as base,
  type APIRequestContext,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { sessionFile, type Role } from "./accounts";
import { factories, type Factories, type Who } from "./factories";
import { waitingForReact } from "./hydration";

export { expect } from "@playwright/test";

interface Fixtures {
  /** The demo account `page` and `request` are signed in as (none: signed out). */
  role: Role | null;
  pageAs: (who: Who) => Promise<Page>;
  apiAs: (who: Who) => Promise<APIRequestContext>;
  make: Factories;
}

function storageStateOf(who: Who) {
  return typeof who === "string" ? sessionFile(who) : who.storageState;
}

export const test = base.extend<Fixtures>({
  role: [null, { option: true }],

  page: async ({ page }, provide) => {
    await provide(waitingForReact(page));
  },

  storageState: async ({ role, storageState }, provide) => {
    await provide(role ? sessionFile(role) : storageState);
  },

  request: async ({ role, playwright, baseURL }, provide) => {
    const request = await playwright.request.newContext({
      baseURL,
      storageState: role ? sessionFile(role) : undefined,
    });
    await provide(request);
    await request.dispose();
  },

  pageAs: async ({ browser }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (who) => {
      const context = await browser.newContext({ storageState: storageStateOf(who) });
      contexts.push(context);
      return waitingForReact(await context.newPage());
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  apiAs: async ({ playwright, baseURL }, provide) => {
    const contexts = new Map<string, APIRequestContext>();
    await provide(async (who) => {
      const key = typeof who === "string" ? who : who.email;
      let api = contexts.get(key);
      if (!api) {
        api = await playwright.request.newContext({ baseURL, storageState: storageStateOf(who) });
        contexts.set(key, api);
      }
      return api;
    });
    await Promise.all([...contexts.values()].map((api) => api.dispose()));
  },

  make: async ({ apiAs, playwright, baseURL }, provide) => {
    const anonymous: APIRequestContext[] = [];
    await provide(
      factories(apiAs, async () => {
        const api = await playwright.request.newContext({ baseURL });
        anonymous.push(api);
        return api;
      }),
    );
    await Promise.all(anonymous.map((api) => api.dispose()));
  },
});
