import { randomUUID } from "node:crypto";
import { expectNoAxeViolations } from "./support/axe";
import { PARTNERSHIP as base, type Factories } from "./support/factories";
import { expect, test } from "./support/fixtures";

/**
 * A requested tranche of the test's own: the United States pledges US$15,000,000.00 to a new project, payable
 * when its milestone is done; the secretariat marks the milestone done, which requests the tranche.
 */
async function requestedTranche(make: Factories) {
  const project = await make.project({ milestones: [{ title: "Pilot plant commissioned" }] });
  const milestone = project.milestones[0];
  if (!milestone) throw new Error("the project has no milestone");
  const pledge = await make.pledge({
    by: "delegateUS",
    project,
    amount: "15,000,000",
    instrument: "loan",
    tranches: [{ amount: "15,000,000", milestone }],
  });
  await make.moveMilestone("secretariat", milestone, "done");
  const [tranche] = (await make.pledgeAsSeenBy("delegateUS", pledge.id)).tranches;
  expect(tranche?.status).toBe("requested");
  if (!tranche) throw new Error("the pledge has no tranche");
  return { project, tranche };
}

test("the secretariat sees the subscription state and how to configure Stripe", async ({
  pageAs,
}) => {
  const page = await pageAs("secretariat");
  await page.goto(base);
  await page
    .getByRole("navigation", { name: /sections/ })
    .getByRole("link", { name: "Billing" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByText("Lodestone is writable.")).toBeVisible();
  await expect(page.getByText("Subscriptions cannot be taken on this server yet.")).toBeVisible();
  // Plain words for the secretariat: no environment variable names (issue 12).
  await expect(page.getByRole("main")).not.toContainText("STRIPE_");
  await expect(
    page.getByRole("heading", { name: "When Lodestone becomes read-only" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/billing.png", fullPage: true });
});

test("a partnership in its trial sees the days left", async ({ pageAs }) => {
  const page = await pageAs("pacificSecretariat");
  await page.goto("/p/pacific-battery/billing");
  await expect(page.getByText("Trial", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/^(29|30) days left \(ends /)).toBeVisible();
  await expect(page.getByText("The partnership is in its trial.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/billing-trial.png", fullPage: true });
});

test("the secretariat records a bank transfer for a requested tranche and sees it paid", async ({
  pageAs,
  make,
}) => {
  const { project } = await requestedTranche(make);
  const reference = `FED-WIRE-${randomUUID().slice(0, 8)}`;
  const page = await pageAs("secretariat");
  await page.goto(`${base}/payments`);
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expectNoAxeViolations(page);

  const tranche = page.getByLabel("Tranche", { exact: true });
  const option = tranche
    .locator("option")
    .filter({ hasText: `United States — ${project.name} — US$15,000,000.00 due` });
  await tranche.selectOption({ value: (await option.getAttribute("value")) ?? "" });
  await page.getByLabel("Bank reference").fill(reference);
  await expect(page.getByLabel("Received on")).not.toHaveValue("");

  // Too many decimals for USD: the field says so and keeps what was typed.
  await page.getByLabel("Amount received").fill("15,000,000.001");
  await page.getByRole("button", { name: "Record bank transfer" }).click();
  await expect(page.getByText("USD has 2 decimal places at most.")).toBeVisible();
  await expect(page.getByLabel("Amount received")).toHaveValue("15,000,000.001");
  await expect(page.getByLabel("Bank reference")).toHaveValue(reference);
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
    .filter({ hasText: project.name })
    .filter({ hasText: "US$15,000,000.00" });
  await expect(row.getByText("Paid", { exact: true })).toBeVisible();
  const ledger = page.getByRole("region", { name: "Payments received" });
  await expect(ledger.getByRole("row").filter({ hasText: reference })).toContainText(
    "Bank transfer",
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/payments-secretariat.png", fullPage: true });
});

test("a government's delegate sees its own tranches' payment state, and only those", async ({
  pageAs,
  make,
}) => {
  const { tranche } = await requestedTranche(make);
  const reference = `FED-WIRE-${randomUUID().slice(0, 8)}`;
  await make.recordTransfer({ tranche, amount: "15,000,000.00", reference });
  const page = await pageAs("delegateUS");
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
  await expect(page.getByRole("region", { name: "Payments received" })).toContainText(reference);
  await expect(page.getByRole("link", { name: "Billing" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/payments-delegate.png", fullPage: true });
});
