import { expect, test } from "./support/fixtures";
import { expectNoAxeViolations } from "./support/axe";

test("the start page explains Lodestone and passes an axe scan", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Co-fund critical-minerals projects, together.",
  );
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeAttached();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/start-page.png", fullPage: true });
});

test("an unknown address is a 404 page with a way back", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the start page" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the health route reports the embedded database round trip", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "pglite" });
  expect(typeof body.databaseMs).toBe("number");
});
