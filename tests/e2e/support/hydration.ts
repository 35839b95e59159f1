/*
 * Waiting for React: a confirmation dialog, a key handler or a field a rule reveals exists only once the page is
 * hydrated. A click before then posts the form as a browser without JavaScript would (progressive enhancement),
 * unconfirmed, or is lost while React takes the page over. The root layout marks <html data-hydrated> from its
 * first render after hydration (app/utils/hydrated.ts).
 */
import { expect, type Page, type Response } from "@playwright/test";

/** The page is hydrated: dialogs, key handlers and revealed fields work. */
export async function hydrated(page: Page) {
  await expect(page.locator("html[data-hydrated]")).toBeAttached();
}

function isPage(response: Response | null): boolean {
  return (response?.headers()["content-type"] ?? "").startsWith("text/html");
}

/**
 * `page`, whose goto and reload come back once an HTML page is hydrated, as a person would wait before clicking;
 * anything else (JSON, a download) comes back as Playwright gives it.
 */
export function waitingForReact(page: Page): Page {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    if (isPage(response)) await hydrated(page);
    return response;
  };
  page.reload = async (...args) => {
    const response = await reload(...args);
    if (isPage(response)) await hydrated(page);
    return response;
  };
  return page;
}
