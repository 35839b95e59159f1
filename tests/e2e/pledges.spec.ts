import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { signIn } from "./support/session";

/*
 * The pledge lifecycle as delegates live it. Every pledge here is created by the spec itself (seed pledges
 * are left alone), on approved seed projects.
 */
const base = "/p/critical-minerals";
const KITAKYUSHU = "f1000000-0000-4000-8000-000000000004";
const LACQ = "f1000000-0000-4000-8000-000000000007";

async function asUser(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function draftPledge(
  page: Page,
  options: {
    projectId: string;
    amount: string;
    currency?: string;
    tranches: Array<{ amount: string; due: string }>;
    minOtherMembers?: string;
  },
) {
  await page.goto(`${base}/pledges/new`);
  await page.getByLabel("Project").selectOption(options.projectId);
  await page.getByLabel("Amount", { exact: true }).fill(options.amount);
  await page.getByLabel("Currency").selectOption(options.currency ?? "USD");
  if (options.minOtherMembers) {
    await page.getByLabel("Rule", { exact: true }).selectOption("min_other_members");
    await page.getByLabel("How many other members must commit").fill(options.minOtherMembers);
  }
  for (const [index, tranche] of options.tranches.entries()) {
    if (index > 0) await page.getByRole("button", { name: "Add a tranche" }).click();
    await page.getByLabel(`Tranche ${index + 1} amount`).fill(tranche.amount);
    await page.getByLabel(`Tranche ${index + 1} due date`).fill(tranche.due);
  }
  await page.getByRole("button", { name: "Save as draft" }).click();
}

test("a delegate drafts, commits and amends a pledge, and other governments never see the draft", async ({
  page,
  browser,
}) => {
  await signIn(page, "delegate.us@demo.lodestone.example");
  await page.goto(`${base}/pledges`);
  await expect(page.getByRole("heading", { name: "Pledges", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "New pledge" }).click();
  await expect(page.getByRole("heading", { name: /New pledge for United States/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The tranches do not add up: the form says by how much, on the form, before anything is saved.
  await page.getByLabel("Project").selectOption(KITAKYUSHU);
  await page.getByLabel("Amount", { exact: true }).fill("2,000,000");
  await page.getByLabel("Tranche 1 amount").fill("1,200,000");
  await page.getByLabel("Tranche 1 due date").fill("2027-06-30");
  await page.getByLabel("Tranche 1 released by milestone (optional)").selectOption({
    label: "Line 2 ramp-up to 3,000 t a year (due 2027-12-17)",
  });
  await page.getByRole("button", { name: "Add a tranche" }).click();
  await page.getByLabel("Tranche 2 amount").fill("700,000");
  await page.getByLabel("Tranche 2 due date").fill("2027-12-31");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText("add US$100,000.00", { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/pledges\/new$/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/pledge-form-error.png", fullPage: true });

  await page.getByLabel("Tranche 2 amount").fill("800,000");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/pledges\/[0-9a-f-]{36}\?created=1$/);
  const pledgeUrl = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "United States: US$2,000,000.00 to Kitakyushu Sintered Magnet Line",
  );
  await expect(page.getByText("Your draft — private")).toBeVisible();
  await expectNoAxeViolations(page);

  // Japan's delegate does not see the United States' draft: not in the list, not by its address.
  const japan = await asUser(browser, "delegate.jp@demo.lodestone.example");
  const hidden = await japan.goto(pledgeUrl);
  expect(hidden?.status()).toBe(404);
  await japan.goto(`${base}/pledges?project=${KITAKYUSHU}`);
  await expect(japan.getByRole("table")).not.toContainText("United States");

  await page.getByRole("button", { name: "Commit pledge" }).click();
  await expect(page.getByRole("status")).toContainText("Pledge committed");
  await expect(page.locator(".chip-list").first()).toContainText("Committed");

  // Now Japan sees it.
  await japan.goto(pledgeUrl);
  await expect(japan.getByRole("heading", { level: 1 })).toContainText("United States");
  await expect(japan.getByRole("button", { name: "Commit pledge" })).toHaveCount(0);
  await japan.context().close();

  // The amount of a committed pledge changes only by an amendment with a reason.
  await page.getByLabel("New amount (USD)").fill("2,500,000");
  await page.getByRole("button", { name: "Amend pledge" }).click();
  await expect(page.getByText(/Say why the amount changes/)).toBeVisible();
  await page.getByLabel("Reason for the amendment").fill("Raised after the second audit.");
  await page.getByRole("button", { name: "Amend pledge" }).click();
  await expect(page.getByRole("status")).toContainText("Pledge amended");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("US$2,500,000.00");
  const history = page.getByRole("table", { name: "Amendments" });
  await expect(history).toContainText("Raised after the second audit.");
  await expect(history).toContainText("US$2,000,000.00");
  // The scheduled tranches took up the difference in proportion: 1,500,000 + 1,000,000.
  const tranches = page.getByRole("table", { name: "Tranches" });
  await expect(tranches).toContainText("US$1,500,000.00");
  await expect(tranches).toContainText("US$1,000,000.00");
  await expect(tranches).toContainText("Line 2 ramp-up");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/pledge-detail.png", fullPage: true });

  // The list exports what the page shows, as CSV.
  const csv = await page.request.get(
    `${base}/pledges/csv?government=b1000000-0000-4000-8000-000000000011`,
  );
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toContain("pledge_id,project,government,amount,currency");
  expect(text).toContain("Kitakyushu Sintered Magnet Line,United States,2500000.00,USD,250000000");
});

test("a conditional pledge flips from pending to triggered when a second government commits", async ({
  page,
  browser,
}) => {
  await signIn(page, "delegate.au@demo.lodestone.example");
  await draftPledge(page, {
    projectId: LACQ,
    amount: "5,000,000",
    minOtherMembers: "1",
    tranches: [{ amount: "5,000,000", due: "2027-06-30" }],
  });
  await expect(page).toHaveURL(/\?created=1$/);
  await page.getByRole("button", { name: "Commit pledge" }).click();
  await expect(page.getByRole("status")).toContainText("Pledge committed");

  await page.goto(`${base}/projects/${LACQ}/pledges`);
  const table = page.getByRole("table", { name: "Pledges and their co-funding state" });
  const australia = table.getByRole("row").filter({ hasText: "Australia" });
  await expect(australia).toContainText("Pending");
  await expect(page.getByText("Conditional, pending").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/project-pledges-pending.png", fullPage: true });

  const japan = await asUser(browser, "delegate.jp@demo.lodestone.example");
  await draftPledge(japan, {
    projectId: LACQ,
    amount: "1,000,000",
    tranches: [{ amount: "1,000,000", due: "2027-03-31" }],
  });
  await japan.getByRole("button", { name: "Commit pledge" }).click();
  await expect(japan.getByRole("status")).toContainText("Pledge committed");
  await japan.context().close();

  await page.reload();
  await expect(australia).toContainText("Triggered");
  const japanRow = table.getByRole("row").filter({ hasText: "Japan" });
  await expect(japanRow).toContainText("Committed");
  await expect(japanRow).toContainText("Unconditional");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/project-pledges-triggered.png", fullPage: true });
});
