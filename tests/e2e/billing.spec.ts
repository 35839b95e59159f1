import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { signIn } from "./support/session";

const base = "/p/critical-minerals";
// The seed's requested tranche: the United States' loan to the Pilbara plant, US$15,000,000.00.
const TRANCHE = /United States — Pilbara Rare Earth Separation Plant — US\$15,000,000\.00 due/;

test("the secretariat sees the subscription state and how to configure Stripe", async ({
  page,
}) => {
  await signIn(page, "secretariat@demo.lodestone.example");
  await page.goto(base);
  await page
    .getByRole("navigation", { name: /sections/ })
    .getByRole("link", { name: "Billing" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByText("Lodestone is writable.")).toBeVisible();
  await expect(page.getByText("Stripe is not configured on this server.")).toBeVisible();
  await expect(page.getByText("STRIPE_WEBHOOK_SECRET")).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "When Lodestone becomes read-only" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/billing.png", fullPage: true });
});

test("a partnership in its trial sees the days left", async ({ page }) => {
  await signIn(page, "secretariat@pacific.lodestone.example");
  await page.goto("/p/pacific-battery/billing");
  await expect(page.getByText("Trial", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/^(29|30) days left \(ends /)).toBeVisible();
  await expect(page.getByText("The partnership is in its trial.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/billing-trial.png", fullPage: true });
});

test("the secretariat records a bank transfer for a requested tranche and sees it paid", async ({
  page,
}) => {
  await signIn(page, "secretariat@demo.lodestone.example");
  await page.goto(`${base}/payments`);
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expectNoAxeViolations(page);

  const tranche = page.getByLabel("Tranche", { exact: true });
  const option = tranche.locator("option").filter({ hasText: TRANCHE });
  await tranche.selectOption({ value: (await option.getAttribute("value")) ?? "" });
  await page.getByLabel("Bank reference").fill("FED-WIRE-2026-1127");
  await expect(page.getByLabel("Received on")).not.toHaveValue("");

  // Too many decimals for USD: the field says so and keeps what was typed.
  await page.getByLabel("Amount received").fill("15,000,000.001");
  await page.getByRole("button", { name: "Record bank transfer" }).click();
  await expect(page.getByText("USD has 2 decimal places at most.")).toBeVisible();
  await expect(page.getByLabel("Amount received")).toHaveValue("15,000,000.001");
  await expect(page.getByLabel("Bank reference")).toHaveValue("FED-WIRE-2026-1127");
  await expectNoAxeViolations(page);

  await page.getByLabel("Amount received").fill("15,000,000.00");
  await page.getByRole("button", { name: "Record bank transfer" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Recorded US$15,000,000.00 from United States: the tranche is paid.",
  );
  const row = page
    .getByRole("table")
    .first()
    .getByRole("row")
    .filter({ hasText: "Pilbara Rare Earth Separation Plant" })
    .filter({ hasText: "US$15,000,000.00" });
  await expect(row.getByText("Paid", { exact: true })).toBeVisible();
  const ledger = page.getByRole("region", { name: "Payments received" });
  await expect(ledger.getByRole("row").filter({ hasText: "FED-WIRE-2026-1127" })).toContainText(
    "Bank transfer",
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/payments-secretariat.png", fullPage: true });
});

test("a government's delegate sees its own tranches' payment state, and only those", async ({
  page,
}) => {
  await signIn(page, "delegate.us@demo.lodestone.example");
  await page.goto(base);
  await page
    .getByRole("navigation", { name: /sections/ })
    .getByRole("link", { name: "Payments" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Record bank transfer" })).toHaveCount(0);
  const tranches = page.getByRole("region", { name: "Tranches" });
  await expect(tranches).toContainText("United States");
  await expect(tranches).not.toContainText("Japan");
  await expect(page.getByRole("region", { name: "Payments received" })).toContainText(
    "FED-WIRE-2026-1127",
  );
  await expect(page.getByRole("link", { name: "Billing" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/payments-delegate.png", fullPage: true });
});
