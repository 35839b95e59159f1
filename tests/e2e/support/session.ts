import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./accounts";

/** Signs in through the form, as a person would (for the tests of signing in; others use stored sessions). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** The link of the newest mail to `to` in the embedded outbox. */
export async function latestMailLink(page: Page, to: string): Promise<string> {
  await page.goto("/dev/outbox");
  const mail = page
    .getByRole("listitem")
    .filter({ hasText: `To ${to}` })
    .first();
  const href = await mail.getByRole("link").getAttribute("href");
  expect(href).toBeTruthy();
  return href ?? "";
}
