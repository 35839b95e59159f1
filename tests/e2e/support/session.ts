import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./accounts";
import { loaderData } from "./remix";

/** Signs in through the form, as a person would (for the tests of signing in; others use stored sessions). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** The link of the newest mail to `to` in the embedded outbox (/dev/outbox, read as its loader's JSON). */
export async function latestMailLink(api: APIRequestContext, to: string): Promise<string> {
  const { messages } = await loaderData<{ messages: Array<{ to_email: string; link: string }> }>(
    api,
    "/dev/outbox",
    "routes/dev.outbox",
  );
  const link = messages.find((message) => message.to_email === to)?.link;
  expect(link, `a mail to ${to} in the outbox`).toBeTruthy();
  return link ?? "";
}
