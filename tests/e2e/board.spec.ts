import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { signIn } from "./support/session";

const board = "/p/critical-minerals/board";
const milestone = (n: number) => `5a000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
// Kalgoorlie Basin Rare Earths Mine: registered by Australia, run by Austral Rare Earths (the demo sponsor).
const CONCENTRATE = milestone(3); // "First mixed rare earth concentrate shipped", planned
const EPC = milestone(2); // "Processing plant EPC contract awarded", in progress
const SPODUMENE = milestone(13); // James Bay: "First spodumene concentrate", planned

async function openAs(browser: Browser, email: string, path = board): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto(path);
  return page;
}

const card = (page: Page, id: string, status?: string) =>
  page.locator(
    `${status ? `.board-column[data-status="${status}"] ` : ""}[data-milestone-id="${id}"]`,
  );

test("a sponsor drags a card and a delegate's open board shows the move without a reload", async ({
  browser,
}) => {
  const delegate = await openAs(browser, "delegate.au@demo.lodestone.example");
  await expect(delegate.getByRole("heading", { name: "Board", level: 1 })).toBeVisible();
  await expect(delegate.locator(".live-indicator.live-live")).toBeVisible();
  await expect(card(delegate, CONCENTRATE, "planned")).toBeVisible();
  await expectNoAxeViolations(delegate);
  await delegate.evaluate(() => {
    (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
  });

  const sponsor = await openAs(browser, "sponsor@demo.lodestone.example");
  await expect(sponsor.locator(".live-indicator.live-live")).toBeVisible();
  const from = await card(sponsor, CONCENTRATE, "planned").locator(".card-project").boundingBox();
  const to = await sponsor.locator('.board-column[data-status="in_progress"]').boundingBox();
  if (!from || !to) throw new Error("board not laid out");
  await sponsor.mouse.move(from.x + 12, from.y + 6);
  await sponsor.mouse.down();
  await sponsor.mouse.move(from.x + 30, from.y + 24, { steps: 4 });
  await sponsor.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
  await sponsor.mouse.up();
  const moved = Date.now();
  await expect(card(sponsor, CONCENTRATE, "in_progress")).toBeVisible();
  await expect(card(sponsor, CONCENTRATE, "planned")).toHaveCount(0);

  // The delegate's board follows through the event stream: no reload, within a second or so.
  await expect(card(delegate, CONCENTRATE, "in_progress")).toBeVisible({ timeout: 3_000 });
  test.info().annotations.push({ type: "live latency", description: `${Date.now() - moved} ms` });
  await expect(card(delegate, CONCENTRATE, "planned")).toHaveCount(0);
  expect(
    await delegate.evaluate(
      () => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage,
    ),
  ).toBe(true);
  await delegate.screenshot({ path: "tests/.artifacts/board-live.png", fullPage: true });
  await delegate.context().close();
  await sponsor.context().close();
});

test("the second of two people moving the same card is told, and sees the fresh state", async ({
  browser,
}) => {
  // The delegate's board goes stale: its live stream is cut, as if the network dropped.
  const delegate = await browser.newContext().then((context) => context.newPage());
  await delegate.route("**/events", (route) => route.abort());
  await signIn(delegate, "delegate.au@demo.lodestone.example");
  await delegate.goto(board);
  await expect(card(delegate, EPC, "in_progress")).toBeVisible();

  const sponsor = await openAs(browser, "sponsor@demo.lodestone.example");
  const sponsorCard = card(sponsor, EPC, "in_progress");
  await sponsorCard
    .getByLabel("Move “Processing plant EPC contract awarded” to")
    .selectOption("delayed");
  await sponsorCard.getByRole("button", { name: /Move/ }).click();
  await expect(card(sponsor, EPC, "delayed")).toBeVisible();

  // The delegate still sees it in progress and moves it from there.
  const staleCard = card(delegate, EPC, "in_progress");
  await staleCard
    .getByLabel("Move “Processing plant EPC contract awarded” to")
    .selectOption("at_risk");
  await staleCard.getByRole("button", { name: /Move/ }).click();
  await expect(delegate.getByRole("alert")).toHaveText(
    /Someone moved “Processing plant EPC contract awarded” to Delayed a moment ago, so it was not moved to At risk\. The board shows the current state\./,
  );
  await expect(card(delegate, EPC, "delayed")).toBeVisible();
  await expect(card(delegate, EPC, "at_risk")).toHaveCount(0);
  await expectNoAxeViolations(delegate);
  await delegate.screenshot({ path: "tests/.artifacts/board-conflict.png", fullPage: true });

  // Nothing was overwritten: the sponsor's board still has it delayed.
  await sponsor.reload();
  await expect(card(sponsor, EPC, "delayed")).toBeVisible();
  await delegate.context().close();
  await sponsor.context().close();
});

test("a card moves with the keyboard alone, through the same action", async ({ browser }) => {
  const page = await openAs(browser, "secretariat@demo.lodestone.example");
  await expect(card(page, SPODUMENE, "planned")).toBeVisible();
  await card(page, SPODUMENE).getByRole("link", { name: "First spodumene concentrate" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Move “First spodumene concentrate” to")).toBeFocused();
  await page.keyboard.type("Del");
  await page.keyboard.press("Tab");
  await expect(card(page, SPODUMENE).getByRole("button", { name: /Move/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(card(page, SPODUMENE, "delayed")).toBeVisible();
  await expect(card(page, SPODUMENE, "planned")).toHaveCount(0);
  await page.reload();
  await expect(card(page, SPODUMENE, "delayed")).toBeVisible();
  await page.context().close();
});

test("observers follow the board and the timeline but get no controls; filters live in the URL", async ({
  browser,
}) => {
  const page = await openAs(browser, "observer@demo.lodestone.example");
  await expect(page.getByText("Observers follow the board; they do not move cards.")).toBeVisible();
  await expect(page.locator(".move-form")).toHaveCount(0);
  await page.getByLabel("Host country").selectOption({ label: "Japan" });
  await page.getByLabel("Only at risk, delayed or overdue").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/host=JP/);
  await expect(page).toHaveURL(/attention=1/);
  await expect(page.locator(".board-card")).toHaveCount(1);
  await expect(page.locator(".board-card")).toContainText("Automotive customer qualification");
  await expect(page.locator(".board-card")).toContainText(/Overdue · \d+ days late/);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Timeline", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Timeline", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("link", {
      name: /Automotive customer qualification: due 30 Oct 2026, At risk, overdue/,
    }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/timeline.png", fullPage: true });
  await page.context().close();
});
