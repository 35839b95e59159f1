/*
 * Technology sharing in a real browser (issue 13): a government offers a technology to the governments it
 * chooses, one of them answers, the conversation moves into talks, and a government that was not chosen cannot
 * tell the offer exists. Every new page passes axe, and none is wider than a phone in any language.
 */
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { sessionFile, type Role } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { PARTNERSHIP as base, uniqueName } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { waitingForReact } from "./support/hydration";

/** Seed items (supabase/seed.sql): Japan's separation offer shared with Canada and France; Australia's request. */
const JAPAN_OFFER_TO_CANADA_AND_FRANCE = "8a000000-0000-4000-8000-000000000001";
const AUSTRALIA_REQUEST = "8b000000-0000-4000-8000-000000000001";

/** Fills the offer form (Japan's delegate) with `title`, choosing the governments `chosen`. */
async function fillOffer(page: Page, title: string, chosen: readonly string[]) {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Category").selectOption("separation");
  await page.getByLabel("Technology readiness level").selectOption("7");
  await page.getByRole("checkbox", { name: "Dysprosium" }).check();
  await page.getByRole("checkbox", { name: "Terbium" }).check();
  await page.getByLabel("Holder organisation").fill("JOGMEC pilot plant");
  await page.getByRole("radio", { name: "Governments I choose" }).check();
  for (const government of chosen) {
    await page.getByRole("checkbox", { name: government, exact: true }).check();
  }
}

test.describe("sharing a technology with the governments one chooses", () => {
  test("Japan offers to two governments; the United States answers, talks start, Australia sees nothing", async ({
    pageAs,
  }) => {
    // Three governments' browsers, one after the other, with an accessibility scan at each step.
    test.setTimeout(120_000);
    const title = uniqueName("Solvent-extraction separation of Dy/Tb");
    const japan = await pageAs("delegateJP");
    await japan.goto(`${base}/technology/offers`);
    await japan.getByRole("link", { name: "Offer a technology" }).click();
    await expect(
      japan.getByRole("heading", { name: "Offer a technology", level: 1 }),
    ).toBeVisible();
    await expectNoAxeViolations(japan);
    // The form refuses what is missing, then a chosen audience with nobody in it, and keeps what was typed.
    await japan.getByLabel("Title").fill(title);
    await japan.getByRole("button", { name: "Save the offer" }).click();
    await expect(japan.getByText("Choose at least one mineral.")).toBeVisible();
    await expect(japan.getByLabel("Title")).toHaveValue(title);
    await fillOffer(japan, title, []);
    await japan.getByRole("button", { name: "Save the offer" }).click();
    await expect(
      japan.getByText("Tick at least one government (or the secretariat)"),
    ).toBeVisible();
    await expectNoAxeViolations(japan);

    await japan.getByRole("checkbox", { name: "United States", exact: true }).check();
    await japan.getByRole("checkbox", { name: "Canada", exact: true }).check();
    await japan.getByRole("button", { name: "Save the offer" }).click();
    await expect(japan).toHaveURL(/\/technology\/offers\/[0-9a-f-]{36}$/);
    await expect(japan.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    const offer = new URL(japan.url()).pathname;
    // Its owner reads whom it chose, in the page's language's list style.
    await expect(japan.getByTestId("audience")).toHaveText("Canada and United States");
    await expectNoAxeViolations(japan);

    // The United States sees it, and expresses interest.
    const us = await pageAs("delegateUS");
    await us.goto(`${base}/technology/offers`);
    await expectNoAxeViolations(us);
    await us.getByRole("link", { name: title }).click();
    await expect(us.getByTestId("audience")).toHaveText("Shared with your government by Japan.");
    await us.getByLabel("Message").fill("Our DoD-funded plant in Texas would license this.");
    await us.getByRole("button", { name: "Send" }).click();
    await expect(us.getByText("From United States")).toBeVisible();
    await expect(us.locator(".conversation .badge")).toHaveText("Sent");
    await expect(us.getByRole("button", { name: "Send" })).toHaveCount(0);
    await expectNoAxeViolations(us);

    // Japan starts talks: the conversation and the offer are both "In talks".
    await japan.reload();
    await expect(japan.locator(".conversation .message")).toHaveText(
      "Our DoD-funded plant in Texas would license this.",
    );
    await japan.getByRole("button", { name: "Start talks" }).click();
    await expect(japan.locator(".conversation .badge")).toHaveText("In talks");
    await expect(japan.locator(".page-heading .badge")).toHaveText("In talks");
    await expectNoAxeViolations(japan);

    await us.goto(`${base}/technology/conversations`);
    await expect(us.getByRole("row", { name: new RegExp(title) })).toContainText("In talks");
    await expectNoAxeViolations(us);

    // Australia was not chosen: not in the list, not at its address, not on Japan's country page.
    const australia = await pageAs("delegateAU");
    await australia.goto(`${base}/technology/offers`);
    await expect(australia.getByRole("heading", { name: "Technology register" })).toBeVisible();
    await expect(australia.getByText(title)).toHaveCount(0);
    const response = await australia.goto(offer);
    expect(response?.status()).toBe(404);
    await expect(australia.getByText(title)).toHaveCount(0);
    await australia.goto(`${base}/countries/JP`);
    await expect(australia.getByRole("heading", { name: "Japan", level: 1 })).toBeVisible();
    await expect(australia.getByText(title)).toHaveCount(0);
    await australia.goto(`${base}/technology/conversations`);
    await expect(australia.getByText(title)).toHaveCount(0);
  });

  test("a national action shared with the secretariat is marked presented at a meeting", async ({
    pageAs,
  }) => {
    test.setTimeout(90_000);
    const title = uniqueName("Critical minerals stockpile pilot");
    const meeting = uniqueName("Ministerial meeting");
    const japan = await pageAs("delegateJP");
    await japan.goto(`${base}/actions`);
    await expectNoAxeViolations(japan);
    await japan.getByRole("link", { name: "Report an action" }).click();
    await expect(japan.getByRole("heading", { name: "Report a national action" })).toBeVisible();
    await japan.getByLabel("Kind").selectOption("stockpile");
    await japan.getByLabel("Status").selectOption("under_way");
    await japan.getByLabel("Title").fill(title);
    await japan.getByLabel("Summary").fill("A strategic reserve of dysprosium and terbium oxides.");
    await japan.getByLabel("Amount").fill("1,250,000,000");
    await japan.getByLabel("Currency").selectOption("JPY");
    await japan.getByRole("radio", { name: "Every government and the secretariat" }).check();
    await expectNoAxeViolations(japan);
    await japan.getByRole("button", { name: "Save the action" }).click();
    await expect(japan.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    await expect(japan.getByText("¥1,250,000,000")).toBeVisible();
    await expectNoAxeViolations(japan);
    const actionPath = new URL(japan.url()).pathname;

    const secretariat = await pageAs("secretariat");
    await secretariat.goto(`${base}/meetings`);
    await secretariat.getByLabel("Title").fill(meeting);
    await secretariat.getByLabel("Place").fill("Tokyo");
    await secretariat.getByLabel("Date").fill("2026-10-12");
    await secretariat.getByRole("button", { name: "Record the meeting" }).click();
    await expect(secretariat.getByRole("heading", { name: meeting, level: 2 })).toBeVisible();
    await expectNoAxeViolations(secretariat);

    await secretariat.goto(actionPath);
    const picker = secretariat.getByLabel("Presented at", { exact: true });
    const choice = picker.locator("option", { hasText: meeting });
    await picker.selectOption((await choice.getAttribute("value")) ?? "");
    await secretariat.getByRole("button", { name: "Mark as presented" }).click();
    await expect(secretariat.getByRole("link", { name: new RegExp(meeting) })).toBeVisible();
    await expectNoAxeViolations(secretariat);

    await japan.reload();
    await expect(japan.getByRole("link", { name: new RegExp(meeting) })).toBeVisible();
  });

  // Three tests where there was one (it took 39 s on a busy machine, past its 30): each page read on its own.
  test.describe("Australia's delegate", () => {
    test.use({ role: "delegateAU" });

    test("sees the offers that match a request, most mature first", async ({ page }) => {
      await page.goto(`${base}/technology/requests/${AUSTRALIA_REQUEST}`);
      await expect(page.getByRole("heading", { name: "Matching offers" })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test("reads a country page's items, its own and Japan's", async ({ page }) => {
      await page.goto(`${base}/countries/AU`);
      await expect(page.getByText(/Your government’s page/)).toBeVisible();
      await expectNoAxeViolations(page);
      await page.goto(base);
      await page.getByRole("link", { name: "Japan: country page" }).click();
      await expect(page.getByRole("heading", { name: "Japan", level: 1 })).toBeVisible();
    });

    test("never reaches an offer shared with other governments", async ({ page }) => {
      // Canada was chosen for Japan's seed offer; Australia was not, and never reaches it.
      const response = await page.goto(
        `${base}/technology/offers/${JAPAN_OFFER_TO_CANADA_AND_FRANCE}`,
      );
      expect(response?.status()).toBe(404);
    });
  });
});

/** A page of `role` in `locale` (the browser's Accept-Language: the demo accounts choose no language). */
async function pageIn(browser: Browser, role: Role, locale: string, width: number) {
  const context = await browser.newContext({
    storageState: sessionFile(role),
    locale,
    viewport: { width, height: 900 },
  });
  return { page: waitingForReact(await context.newPage()), close: () => context.close() };
}

const PAGES = [
  { name: "offers", path: "/technology/offers" },
  { name: "requests", path: "/technology/requests" },
  { name: "offer", path: `/technology/offers/${JAPAN_OFFER_TO_CANADA_AND_FRANCE}` },
  { name: "request", path: `/technology/requests/${AUSTRALIA_REQUEST}` },
  { name: "new-offer", path: "/technology/offers/new" },
  { name: "conversations", path: "/technology/conversations" },
  { name: "actions", path: "/actions" },
  { name: "new-action", path: "/actions/new" },
  { name: "meetings", path: "/meetings" },
  { name: "country", path: "/countries/JP" },
] as const;

test.describe("the technology pages in every language", () => {
  for (const [language, locale] of [
    ["en", "en-GB"],
    ["fr", "fr-FR"],
    ["ja", "ja-JP"],
  ] as const) {
    test(`fit a phone and a desktop in ${language}`, async ({ browser }) => {
      test.setTimeout(120_000);
      for (const width of [390, 1280]) {
        const { page, close } = await pageIn(browser, "delegateJP", locale, width);
        for (const { name, path: address } of PAGES) {
          await page.goto(`${base}${address}`);
          await expect(page.locator("html")).toHaveAttribute("lang", language);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, `${name} at ${width} px in ${language}`).toBeLessThanOrEqual(0);
          await page.screenshot({
            path: path.join(
              "test-results",
              "screens",
              `technology-${name}-${language}-${width}.png`,
            ),
            fullPage: true,
          });
        }
        await close();
      }
    });
  }
});
