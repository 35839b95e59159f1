/*
 * Issue 16 in a real browser: the secretariat publishes the portfolio, a visitor reads the public page signed out
 * (axe, 1280 and 390 px), and a delegate opens the ministerial report and prints it (print media emulation, axe,
 * A4 PDF). Publishing is left on: no other test depends on the partnership being unpublished.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { en } from "~/locales/en";
import { sessionFile } from "./support/accounts";
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { waitingForReact } from "./support/hydration";
import { loaderData, submitForm } from "./support/remix";

/** Any key of ours ("report.kind", a message "refusals.x {…}") left untranslated on a page. */
const KEY = new RegExp(`\\b(${Object.keys(en).join("|")})\\.[A-Za-z_][\\w.]*\\b`);

/** Horizontal overflow of the page, in CSS pixels (0 when nothing sticks out to the side). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const slug = "critical-minerals";

async function publish(page: Page) {
  await page.goto(`/p/${slug}/publication`);
  await expect(page.getByRole("heading", { level: 1, name: "Public portfolio" })).toBeVisible();
  const publishButton = page.getByRole("button", { name: "Publish the portfolio" });
  if (await publishButton.isVisible()) {
    await publishButton.click();
    await expect(page.getByRole("status")).toHaveText("The portfolio is published.");
  }
  await expect(
    page.getByRole("button", { name: "Take the portfolio off the public web" }),
  ).toBeVisible();
  await expect(page.getByTestId("publication-history")).toContainText("published by");
  await expectNoAxeViolations(page);
}

/** The portfolio published through the publication page's own form post, for the tests that read it published. */
async function published(secretariat: APIRequestContext) {
  const path = `/p/${slug}/publication`;
  const { publication } = await loaderData<{ publication: { isPublished: boolean } }>(
    secretariat,
    path,
    "routes/p.$slug.publication",
  );
  if (!publication.isPublished) {
    await submitForm(secretariat, path, "routes/p.$slug.publication", { published: "true" });
  }
}

test("the secretariat publishes the portfolio from the publication page", async ({ pageAs }) => {
  await publish(await pageAs("secretariat"));
});

test("a visitor reads the published portfolio signed out", async ({ apiAs, page }) => {
  await published(await apiAs("secretariat"));

  await page.setViewportSize({ width: 1280, height: 900 });
  const response = await page.goto(`/public/${slug}`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toBe("public, no-cache");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 1, name: "Critical Minerals Ministerial" }),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 3, name: "Pilbara Rare Earth Separation Plant" }),
  ).toBeVisible();
  // Drafts and projects under review are not there.
  await expect(page.getByText("Darwin Heavy Rare Earths Refinery")).toHaveCount(0);
  await expect(
    page.getByRole("table", { name: "Committed funding by government" }).getByRole("row"),
  ).not.toHaveCount(0);
  await expect(page.getByRole("img", { name: /World map of projects/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Resilience summary" })).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: "Resilience summary" })
      .getByRole("row", { name: /Rare earths — Refining/ }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "projects.json" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/public-1280.png", fullPage: true });
});

test("the public page fits a phone and its open data answers conditional requests", async ({
  apiAs,
  page,
}) => {
  await published(await apiAs("secretariat"));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/public/${slug}`);
  await expect(
    page.getByRole("heading", { level: 1, name: "Critical Minerals Ministerial" }),
  ).toBeVisible();
  expect(
    await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    ),
  ).toBe(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/public-390.png", fullPage: true });

  const data = await page.request.get(`/public/${slug}/projects.json?per_page=5`);
  expect(data.status()).toBe(200);
  const etag = data.headers()["etag"] ?? "";
  const again = await page.request.get(`/public/${slug}/projects.json?per_page=5`, {
    headers: { "If-None-Match": etag },
  });
  expect(again.status()).toBe(304);
});

test.describe("the ministerial report", () => {
  test.use({ role: "delegateJP" });

  test("opens as a briefing that says whose view it is", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/p/${slug}`);
    await page
      .getByRole("navigation", { name: "Critical Minerals Ministerial sections" })
      .getByRole("link", { name: "Report" })
      .click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Critical Minerals Ministerial" }),
    ).toBeVisible();
    await expect(page.getByTestId("report-visibility")).toContainText(
      "only what this person may see",
    );
    await expect(page.getByText("Prepared for: Delegate of a government, Japan")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "tests/.artifacts/report-1280.png", fullPage: true });
  });

  test("fits a phone, its wide tables scrolling inside their own regions", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/p/${slug}/report`);
    await expect(page.getByTestId("report-visibility")).toBeVisible();
    // The report itself never scrolls sideways: its wide tables scroll inside their own regions.
    const report = page.locator("article.report");
    expect(await report.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    expect((await report.boundingBox())?.width).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "tests/.artifacts/report-390.png", fullPage: true });
  });

  test("a bad date keeps what was typed and says why", async ({ page }) => {
    await page.goto(`/p/${slug}/report?since=2026-02-30`);
    await expect(page.getByRole("alert")).toHaveText("Choose a date as YYYY-MM-DD for “since”.");
  });

  test("prints from one button, in print media an A4 PDF with a cover page", async ({ page }) => {
    await page.goto(`/p/${slug}/report`);
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();
    // The print dialogue cannot open headless: record that the button asks for it.
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute("data-printed", "yes");
    });
    await page.getByRole("button", { name: "Print or save as PDF" }).click();
    await expect(page.locator("body")).toHaveAttribute("data-printed", "yes");

    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
    await expect(page.getByRole("heading", { level: 2, name: "Headline totals" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Resilience" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: "tests/.artifacts/report-print.png", fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // A cover page and the briefing after it.
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(2);
  });
});

/*
 * The transparency pages in the reader's language: the public page follows an anonymous visitor's browser
 * (Accept-Language, as at sign-in); the report and the publication page a member's. Each at 1280 and 390 px,
 * nothing wider than a phone, no catalogue key on the page.
 */
const LANGUAGES = [
  { language: "en", locale: "en-GB", eyebrow: "Public portfolio", report: "Ministerial briefing" },
  { language: "fr", locale: "fr-FR", eyebrow: "Portefeuille public", report: "Note ministérielle" },
  {
    language: "ja",
    locale: "ja-JP",
    eyebrow: "公開ポートフォリオ",
    report: "閣僚向けブリーフィング",
  },
] as const;

/** The three pages, each read by who would read it: the public page signed out, the others by the secretariat. */
const READ_PAGES = [
  {
    name: "public",
    title: "the public page",
    path: `/public/${slug}`,
    signedIn: false,
    words: "eyebrow",
  },
  {
    name: "report",
    title: "the report",
    path: `/p/${slug}/report`,
    signedIn: true,
    words: "report",
  },
  {
    name: "publication",
    title: "the publication page",
    path: `/p/${slug}/publication`,
    signedIn: true,
    words: null,
  },
] as const;

// One test a page and language, so the two workers share the nine of them (one test a language, the three
// pages in turn, took 22–26 s of its 30 s on a busy machine).
for (const { language, locale, ...words } of LANGUAGES) {
  for (const { name, title, path, signedIn, words: which } of READ_PAGES) {
    test(`${title} reads in ${language}, wide and on a phone`, async ({
      browser,
      apiAs,
    }, testInfo) => {
      // Read published, as each page was when the three were one test (the public page is there only then).
      await published(await apiAs("secretariat"));
      const context = await browser.newContext({
        locale,
        storageState: signedIn ? sessionFile("secretariat") : undefined,
      });
      try {
        const page = waitingForReact(await context.newPage());
        const expected = which ? words[which] : null;
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(200);
          await expect(page.locator("html")).toHaveAttribute("lang", language);
          if (expected) await expect(page.getByText(expected).first()).toBeVisible();
          // The open data's file names (projects.json) are addresses, not keys.
          const text = (await page.locator("body").innerText()).replace(
            /\b\w+\.(json|csv|xml)\b/g,
            "",
          );
          expect(text.match(KEY)?.[0] ?? null, `a key on ${path}`).toBeNull();
          expect(await page.title()).not.toMatch(KEY);
          expect(await overflow(page), `${path} at ${width} px`).toBe(0);
          await page.screenshot({
            path: testInfo.outputPath(`${name}-${language}-${width}.png`),
            fullPage: true,
          });
        }
      } finally {
        await context.close();
      }
    });
  }
}
