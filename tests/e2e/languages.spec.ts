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
  { path: "/profile", name: "profile" },
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
