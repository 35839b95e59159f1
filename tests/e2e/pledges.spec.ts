import type { Page } from "@playwright/test";
import { formatDay } from "~/utils/dates";
import { addDays, isoToday } from "../support/seed-dates";
import { expectNoAxeViolations } from "./support/axe";
import { GOVERNMENTS, PARTNERSHIP as base } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { hydrated } from "./support/hydration";

/*
 * The pledge lifecycle as delegates live it. Each test pledges to an approved project of its own
 * (tests/e2e/support/factories.ts); the seed's projects and pledges are left alone.
 */

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
  await hydrated(page); // the rule's fields appear only once React runs the form
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

test("the pledge form says by how much the tranches are off, then saves a private draft", async ({
  pageAs,
  make,
}) => {
  const rampUp = { title: "Line 2 ramp-up to 3,000 t a year", dueDate: addDays(isoToday(), 382) };
  const project = await make.project({ milestones: [rampUp] });

  const page = await pageAs("delegateUS");
  await page.goto(`${base}/pledges`);
  await expect(page.getByRole("heading", { name: "Pledges", level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "New pledge" }).click();
  await expect(page.getByRole("heading", { name: /New pledge for United States/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // The tranches do not add up: the form says by how much, on the form, before anything is saved.
  await page.getByLabel("Project").selectOption(project.id);
  await page.getByLabel("Amount", { exact: true }).fill("2,000,000");
  await page.getByLabel("Tranche 1 amount").fill("1,200,000");
  await page.getByLabel("Tranche 1 due date").fill(addDays(isoToday(), 212));
  await page.getByLabel("Tranche 1 released by milestone (optional)").selectOption({
    label: `${rampUp.title} (due ${formatDay(rampUp.dueDate)})`,
  });
  await page.getByRole("button", { name: "Add a tranche" }).click();
  await page.getByLabel("Tranche 2 amount").fill("700,000");
  await page.getByLabel("Tranche 2 due date").fill(addDays(isoToday(), 396));
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText("add US$100,000.00", { exact: false })).toBeVisible();
  await expect(page).toHaveURL(/\/pledges\/new$/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/pledge-form-error.png", fullPage: true });

  await page.getByLabel("Tranche 2 amount").fill("800,000");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\/pledges\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `United States: US$2,000,000.00 to ${project.name}`,
  );
  await expect(page.getByText("Your draft — private")).toBeVisible();
  await expect(page.getByRole("table", { name: "Tranches" })).toContainText("Line 2 ramp-up");
  await expectNoAxeViolations(page);
});

test("other governments never see a draft pledge; once committed they do", async ({
  pageAs,
  make,
}) => {
  const project = await make.project();
  // Australia's committed pledge: what Japan's delegate does see on the project.
  await make.pledge({ by: "delegateAU", project, amount: "1,000,000" });
  // The United States' draft, saved through the same form.
  const draft = await make.pledge({
    by: "delegateUS",
    project,
    amount: "2,000,000",
    commit: false,
  });
  expect(draft.status).toBe("draft");

  // Japan's delegate does not see the United States' draft: not in the list, not by its address.
  const japan = await pageAs("delegateJP");
  const hidden = await japan.goto(draft.url);
  expect(hidden?.status()).toBe(404);
  await japan.goto(`${base}/pledges?project=${project.id}`);
  await expect(japan.getByRole("table")).toContainText("Australia");
  await expect(japan.getByRole("table")).not.toContainText("United States");

  const page = await pageAs("delegateUS");
  await page.goto(draft.url);
  await expect(page.getByText("Your draft — private")).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "Commit pledge" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Commit", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Pledge committed");
  await expect(page.locator(".chip-list").first()).toContainText("Committed");

  // Now Japan sees it.
  await japan.goto(draft.url);
  await expect(japan.getByRole("heading", { level: 1 })).toContainText("United States");
  await expect(japan.getByRole("button", { name: "Commit pledge" })).toHaveCount(0);
});

test("a committed pledge changes amount only by an amendment with a reason, and the list exports it", async ({
  pageAs,
  make,
}) => {
  const rampUp = { title: "Line 2 ramp-up to 3,000 t a year" };
  const project = await make.project({ milestones: [rampUp] });
  const pledge = await make.pledge({
    by: "delegateUS",
    project,
    amount: "2,000,000",
    tranches: [
      { amount: "1,200,000", dueDate: addDays(isoToday(), 212), milestone: project.milestones[0] },
      { amount: "800,000", dueDate: addDays(isoToday(), 396) },
    ],
  });
  const page = await pageAs("delegateUS");
  await page.goto(pledge.url);

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
  const csv = await page.request.get(`${base}/pledges/csv?government=${GOVERNMENTS.US}`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\r\n")[0]).toContain("pledge_id,project,government,amount,currency");
  expect(text).toContain(`${project.name},United States,2500000.00,USD,250000000`);
});

test("a conditional pledge flips from pending to triggered when a second government commits", async ({
  pageAs,
  make,
}) => {
  const project = await make.project();
  const page = await pageAs("delegateAU");
  await draftPledge(page, {
    projectId: project.id,
    amount: "5,000,000",
    minOtherMembers: "1",
    tranches: [{ amount: "5,000,000", due: addDays(isoToday(), 212) }],
  });
  await expect(page).toHaveURL(/\?created=1$/);
  await hydrated(page);
  await page.getByRole("button", { name: "Commit pledge" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Commit", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Pledge committed");

  await page.goto(`${project.url}/pledges`);
  const table = page.getByRole("table", { name: "Pledges and their co-funding state" });
  const australia = table.getByRole("row").filter({ hasText: "Australia" });
  await expect(australia).toContainText("Pending");
  await expect(page.getByText("Conditional, pending").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/project-pledges-pending.png", fullPage: true });

  // Japan commits an unconditional pledge (through the same form, posted without a browser).
  await make.pledge({
    by: "delegateJP",
    project,
    amount: "1,000,000",
    tranches: [{ amount: "1,000,000", dueDate: addDays(isoToday(), 121) }],
  });

  await page.reload();
  await expect(australia).toContainText("Triggered");
  const japanRow = table.getByRole("row").filter({ hasText: "Japan" });
  await expect(japanRow).toContainText("Committed");
  await expect(japanRow).toContainText("Unconditional");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/project-pledges-triggered.png", fullPage: true });
});
