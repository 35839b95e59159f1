import { en } from "~/locales/en";
import { expectNoAxeViolations } from "./support/axe";
import { PARTNERSHIP as base } from "./support/factories";
import { expect, test } from "./support/fixtures";

/*
 * The main pages in French and in Japanese (issue 12, ADR 090): the browser asks for the language
 * (Accept-Language; the demo people chose none on their profile), every page says it in <html lang>, and no
 * catalogue key ("pledges.title") or raw message leaks onto a page. The converted pages are also checked for
 * words of their language and looked at as screenshots, wide and on a phone.
 */

/** "pledges.title", "funding.stack.sought", a message "payments.future {…}": any key of ours on a page. */
const KEY = new RegExp(`\\b(${Object.keys(en).join("|")})\\.[A-Za-z_][\\w.]*\\b`);

const KALGOORLIE = "f1000000-0000-4000-8000-000000000001";
/** Kalgoorlie's EPC contract, and Australia's committed pledge to Kalgoorlie (supabase/seed.sql). */
const EPC_MILESTONE = "5a000000-0000-4000-8000-000000000002";
const AU_PLEDGE = "9a000000-0000-4000-8000-000000000004";

/** The pages of issue 14 (discussions, documents, the inbox, notification settings). */
const COLLABORATION_PAGES = [
  { path: `${base}/inbox`, name: "inbox" },
  { path: "/notifications/settings", name: "notification-settings" },
  { path: `${base}/projects/${KALGOORLIE}/discussion`, name: "project-discussion" },
  { path: `${base}/projects/${KALGOORLIE}/documents`, name: "project-documents" },
  { path: `${base}/projects/${KALGOORLIE}/milestones/${EPC_MILESTONE}`, name: "milestone" },
  { path: `${base}/pledges/${AU_PLEDGE}/discussion`, name: "pledge-discussion" },
];

const PAGES = [
  { path: "/p", name: "partnerships" },
  { path: base, name: "home" },
  { path: `${base}/board`, name: "board" },
  { path: `${base}/timeline`, name: "timeline" },
  { path: `${base}/projects`, name: "projects" },
  { path: `${base}/projects/${KALGOORLIE}`, name: "project" },
  { path: `${base}/projects/${KALGOORLIE}/pledges`, name: "project-pledges" },
  { path: `${base}/pledges`, name: "pledges" },
  { path: `${base}/review`, name: "review" },
  { path: `${base}/people`, name: "people" },
  { path: `${base}/payments`, name: "payments" },
  { path: `${base}/billing`, name: "billing" },
  { path: `${base}/fx-rates`, name: "fx-rates" },
  { path: `${base}/portfolio`, name: "portfolio" },
  { path: `${base}/resilience`, name: "resilience" },
  { path: `${base}/report`, name: "report" },
  { path: `${base}/publication`, name: "publication" },
  { path: `${base}/resilience/rare_earths`, name: "mineral" },
  { path: `${base}/projects/${KALGOORLIE}/supply`, name: "project-supply" },
  { path: `${base}/technology/offers`, name: "technology-offers" },
  {
    path: `${base}/technology/requests/8b000000-0000-4000-8000-000000000001`,
    name: "technology-request",
  },
  { path: `${base}/technology/conversations`, name: "technology-conversations" },
  { path: `${base}/actions`, name: "national-actions" },
  // Canada's permitting reform, shared with the secretariat; it has no public link (the seed's links live on
  // actions.demo.lodestone.example, which reads like a catalogue key to KEY).
  { path: `${base}/actions/8c000000-0000-4000-8000-000000000003`, name: "national-action" },
  { path: `${base}/meetings`, name: "meetings" },
  { path: `${base}/countries/JP`, name: "country" },
  { path: "/profile", name: "profile" },
  ...COLLABORATION_PAGES,
];

/** A heading each language's converted pages show, in its own words. */
const WORDS = {
  fr: { payments: "Paiements", billing: "Facturation", pledges: "Annonces de contribution" },
  ja: { payments: "支払い", billing: "請求", pledges: "拠出表明" },
} as const;

for (const language of ["fr", "ja"] as const) {
  test.describe(`in ${language}`, () => {
    test.use({ role: "secretariat", locale: language === "fr" ? "fr-FR" : "ja-JP" });

    for (const { path, name } of PAGES) {
      test(`${name} says it is in ${language} and leaks no catalogue key`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("lang", language);
        const text = await page.locator("body").innerText();
        expect(text.match(KEY)?.[0] ?? null, `a key on ${path}`).toBeNull();
        expect(await page.title()).not.toMatch(KEY);
      });
    }

    for (const name of ["payments", "billing", "pledges"] as const) {
      test(`${name} reads in ${language}, wide and on a phone`, async ({ page }, testInfo) => {
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          await page.goto(`${base}/${name}`);
          await expect(page.getByRole("heading", { level: 1 })).toHaveText(WORDS[language][name]);
          await page.screenshot({
            path: testInfo.outputPath(`${name}-${language}-${width}.png`),
            fullPage: true,
          });
        }
        await expectNoAxeViolations(page);
      });
    }
  });
}

/*
 * Issue 14's pages in the three languages, wide and on a phone: nothing wider than the screen. One test a page,
 * so the two workers share the eighteen of them (one test a language took 17–19 s of its 30 s on a busy machine).
 */
for (const language of ["en", "fr", "ja"] as const) {
  test.describe(`collaboration pages in ${language}`, () => {
    test.use({ role: "secretariat", locale: { en: "en-GB", fr: "fr-FR", ja: "ja-JP" }[language] });

    for (const { path, name } of COLLABORATION_PAGES) {
      test(`${name} reads in ${language} at 1280 and 390 px without running off the screen`, async ({
        page,
      }, testInfo) => {
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(200);
          await expect(page.locator("html")).toHaveAttribute("lang", language);
          // Nothing scrolls sideways (a wide table scrolls inside its own .table-scroll box); when something
          // does, the message names the elements that reach beyond the screen.
          const overflow = await page.evaluate(() => {
            const edge = document.documentElement.clientWidth;
            return {
              by: document.documentElement.scrollWidth - edge,
              beyond: [...document.querySelectorAll("body *")]
                .filter((element) => element.getBoundingClientRect().right > edge + 0.5)
                .slice(0, 5)
                .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
            };
          });
          expect(
            overflow.by,
            `${name} at ${width} px runs off the screen: ${overflow.beyond.join(", ")}`,
          ).toBeLessThanOrEqual(0);
          await page.screenshot({
            path: testInfo.outputPath(`${name}-${language}-${width}.png`),
            fullPage: true,
          });
        }
      });
    }
  });
}

/*
 * The resilience pages and the FX rates in each language, wide and on a phone: each says its heading in its
 * language, and nothing on the phone is wider than the screen (tables scroll in their frame).
 */
const WIDE_PAGES = [
  {
    name: "resilience",
    path: `${base}/resilience`,
    heading: {
      en: "Resilience: how concentrated is supply?",
      fr: "Résilience : l’offre est-elle concentrée ?",
      ja: "レジリエンス：供給はどれほど集中しているか",
    },
  },
  {
    name: "mineral",
    path: `${base}/resilience/rare_earths`,
    heading: { en: "Rare earths", fr: "Terres rares", ja: "レアアース" },
  },
  {
    name: "fx-rates",
    path: `${base}/fx-rates`,
    heading: { en: "FX rates", fr: "Taux de change", ja: "為替レート" },
  },
] as const;

for (const language of ["en", "fr", "ja"] as const) {
  test.describe(`resilience and FX rates in ${language}`, () => {
    const locale = { en: "en-GB", fr: "fr-FR", ja: "ja-JP" }[language];
    test.use({ role: "secretariat", locale });

    for (const { name, path, heading } of WIDE_PAGES) {
      test(`${name} reads in ${language}, wide and on a phone`, async ({ page }, testInfo) => {
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          await page.goto(path);
          await expect(page.locator("html")).toHaveAttribute("lang", language);
          await expect(page.getByRole("heading", { name: heading[language] })).toBeVisible();
          const text = await page.locator("body").innerText();
          expect(text.match(KEY)?.[0] ?? null, `a key on ${path}`).toBeNull();
          // What sticks out past the screen's right edge outside a scrolling box, named, so a failure says where.
          const overflowing = await page.evaluate((screen) => {
            const scrolls = (element: Element) => {
              for (
                let up = element.parentElement;
                up && up !== document.body;
                up = up.parentElement
              ) {
                if (getComputedStyle(up).overflowX !== "visible") return true;
              }
              return false;
            };
            return [...document.body.querySelectorAll("*")]
              .filter((element) => element.getBoundingClientRect().right > screen + 1)
              .filter((element) => !scrolls(element))
              .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
              .slice(-5);
          }, width);
          await page.screenshot({
            path: testInfo.outputPath(`${name}-${language}-${width}.png`),
            fullPage: true,
          });
          const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(
            pageWidth,
            `${path} at ${width} px: ${overflowing.join(", ")}`,
          ).toBeLessThanOrEqual(width);
        }
      });
    }
  });
}
