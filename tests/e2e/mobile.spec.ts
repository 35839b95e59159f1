/*
 * Every main page on a phone (issue 12): at 390 × 844 the document never scrolls sideways (tables scroll or
 * stack inside their own box, the header wraps, the sections fold into a menu, the board shows one column at a
 * time). A failure names the widest elements, so the fix is easy to find.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const P = "/p/critical-minerals";
/** The seed's Pilbara plant (Japan's, approved) and Japan's committed pledge to it. */
const PILBARA = "f1000000-0000-4000-8000-000000000002";
const JAPAN_PILBARA_PLEDGE = "9a000000-0000-4000-8000-000000000001";
const PHONE = { width: 390, height: 844 };

/** What sticks out of the window, widest first (empty when nothing does). */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    /** Inside a box that scrolls or clips sideways: it does not widen the document. */
    const contained = (element: HTMLElement) => {
      for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
        if (/auto|scroll|hidden|clip/.test(getComputedStyle(box).overflowX)) return true;
      }
      return false;
    };
    return [...document.body.querySelectorAll<HTMLElement>("*")]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((element) => !contained(element))
      .map((element) => ({
        element: `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`,
        right: Math.round(element.getBoundingClientRect().right),
      }))
      .sort((a, b) => b.right - a.right)
      .slice(0, 6)
      .map((entry) => `${entry.element} reaches ${entry.right}px`)
      .concat(`document ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  });
}

async function expectFits(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.locator("main h1").first()).toBeVisible();
  expect(await overflow(page), path).toEqual([]);
}

const MEMBER_PAGES = [
  `${P}`,
  `${P}/board`,
  `${P}/projects`,
  `${P}/projects/${PILBARA}`,
  `${P}/projects/${PILBARA}/pledges`,
  `${P}/projects/${PILBARA}/supply`,
  `${P}/projects/${PILBARA}/history`,
  `${P}/projects/new`,
  `${P}/timeline`,
  `${P}/review`,
  `${P}/pledges`,
  `${P}/pledges/${JAPAN_PILBARA_PLEDGE}`,
  `${P}/portfolio`,
  `${P}/resilience`,
  `${P}/fx-rates`,
  `${P}/people`,
  `${P}/billing`,
  `${P}/payments`,
  "/p",
  "/profile",
];

test.describe("at 390 × 844, signed in as the secretariat", () => {
  test.use({ role: "secretariat", viewport: PHONE });
  for (const path of MEMBER_PAGES.filter((p) => !p.endsWith("/projects/new"))) {
    test(`${path} fits the window`, async ({ page }) => {
      await expectFits(page, path);
    });
  }
});

test.describe("at 390 × 844, signed in as Japan's delegate", () => {
  test.use({ role: "delegateJP", viewport: PHONE });
  for (const path of [`${P}/projects/new`, `${P}/pledges/new`, `${P}/payments`]) {
    test(`${path} fits the window`, async ({ page }) => {
      await expectFits(page, path);
    });
  }
});

test.describe("at 390 × 844, signed out", () => {
  test.use({ viewport: PHONE });
  for (const path of ["/", "/sign-in", "/forgot-password"]) {
    test(`${path} fits the window`, async ({ page }) => {
      await expectFits(page, path);
    });
  }
});

test.describe("small-screen controls", () => {
  test.use({ role: "sponsor", viewport: PHONE });

  test("the sections fold into a menu that opens, closes on Escape and on choosing a section", async ({
    page,
  }) => {
    await page.goto(`${P}/board`);
    const menu = page.getByRole("button", { name: /Menu/ });
    const projects = page.getByRole("link", { name: "Projects", exact: true });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(projects).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(projects).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(projects).toBeHidden();
    await expect(menu).toBeFocused();
    await menu.click();
    await projects.click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole("link", { name: "Projects", exact: true })).toBeHidden();
  });

  test("the board shows one column at a time and a switcher chooses it", async ({ page }) => {
    await page.goto(`${P}/board`);
    const columns = page.locator(".board-column");
    await expect(columns.filter({ visible: true })).toHaveCount(1);
    await expect(columns.filter({ visible: true })).toHaveAttribute("data-status", "planned");
    await page.getByLabel("Column").selectOption("done");
    await expect(columns.filter({ visible: true })).toHaveCount(1);
    await expect(columns.filter({ visible: true })).toHaveAttribute("data-status", "done");
    expect(await overflow(page)).toEqual([]);
  });
});
