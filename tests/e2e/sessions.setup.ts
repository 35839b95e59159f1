/*
 * Signs every demo account in once per run, through the sign-in form's own POST, and stores the session for the
 * fixtures (tests/e2e/support/fixtures.ts). Only successful sign-ins happen here, so the sign-in throttle (which
 * counts failures) is never touched.
 */
import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, ROLES, sessionFile } from "./support/accounts";

for (const role of ROLES) {
  setup(`${ACCOUNTS[role]} signs in once for the run`, async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL });
    const response = await api.post("/sign-in", {
      form: { email: ACCOUNTS[role], password: DEMO_PASSWORD, redirectTo: "" },
      maxRedirects: 0,
    });
    expect(response.status(), await response.text()).toBe(302);
    expect(response.headers()["set-cookie"]).toContain("lodestone_session=");
    await api.storageState({ path: sessionFile(role) });
    await api.dispose();
  });
}
