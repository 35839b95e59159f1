/*
 * Waiting for React: a confirmation dialog or a key handler exists only once the page is hydrated. A click
 * before then posts the form as a browser without JavaScript would (progressive enhancement), unconfirmed.
 */
import { expect, type Page } from "@playwright/test";

/** The page is hydrated (the sections menu is enhanced once React runs): dialogs and key handlers work. */
export async function hydrated(page: Page) {
  await expect(page.locator(".section-nav.enhanced")).toBeAttached();
}
