import type { APIRequestContext, Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { TEST_HOST_COUNTRY, uniqueName } from "./support/factories";
import { expect, test } from "./support/fixtures";
import { loaderData, submitForm } from "./support/remix";

const base = "/p/critical-minerals";
const DARWIN = "f1000000-0000-4000-8000-000000000003"; // Japan's draft refinery (Australia)
const JAPAN = "b1000000-0000-4000-8000-000000000007"; // Japan's government (supabase/seed.sql)

const row = (page: Page, name: string) =>
  page.getByRole("table").first().getByRole("row").filter({ hasText: name });

/** The page never scrolls sideways: wide tables scroll inside their own box. */
async function expectNoSidewaysScroll(page: Page) {
  expect(
    await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    ),
  ).toBe(0);
}

test("the secretariat reads concentration by mineral, changes horizon and scenario, and ranks pledges", async ({
  pageAs,
}) => {
  const page = await pageAs("secretariat");
  await page.goto(`${base}/resilience`);
  await expect(
    page.getByRole("heading", { name: "Resilience: how concentrated is supply?", level: 1 }),
  ).toBeVisible();
  // Funded, 2030 by default: rare-earth refining unchanged (no funded project refines rare earths).
  const refining = row(page, "Rare earths, refining");
  await expect(refining).toContainText("International Energy Agency (2025), 2024 data");
  await expect(refining).toContainText("8,353.2");
  await expect(refining.getByRole("cell").nth(3)).toContainText("8,353.2");
  await expect(
    page.getByText(/Bands: U\.S\. Department of Justice and Federal Trade Commission/),
  ).toBeVisible();
  await expect(row(page, "Rare earths, magnets")).toContainText("estimate");

  await page.getByLabel("Scenario").selectOption("pipeline");
  await page.getByLabel("Horizon year").selectOption("2031");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/horizon=2031/);
  await expect(page).toHaveURL(/scenario=pipeline/);
  await expect(row(page, "Rare earths, refining")).toContainText("7,687.0");
  await expect(row(page, "Rare earths, refining")).toContainText(
    "3,500 t magnet rare earth elements",
  );
  // The secretariat is not a government: no "with my drafts" scenario to choose.
  await expect(page.getByLabel("Scenario").locator("option")).toHaveText(["Funded", "Pipeline"]);

  const pledges = page.getByRole("table", { name: /Where the next pledge helps most/ });
  await expect(
    page.getByRole("heading", { name: "Where the next pledge helps most", level: 2 }),
  ).toBeVisible();
  await expect(pledges.getByRole("row").nth(1)).toContainText("Gwangyang NdFeB Alloy Plant");
  await expect(pledges.getByRole("row").nth(1)).toContainText("US$27,360,000.00");
  await expect(
    pledges.getByRole("columnheader", { name: /per 100 million USD of gap/ }),
  ).toBeVisible();
});

test("the partnership's sections lead to the resilience page", async ({ pageAs }) => {
  const page = await pageAs("secretariat");
  await page.goto(base);
  await page
    .getByRole("navigation", { name: "Critical Minerals Ministerial sections" })
    .getByRole("link", { name: "Resilience" })
    .click();
  await expect(
    page.getByRole("heading", { name: "Resilience: how concentrated is supply?", level: 1 }),
  ).toBeVisible();
});

test("the resilience page, pipeline to 2031, passes axe at 1280 px", async ({ pageAs }) => {
  const page = await pageAs("secretariat");
  await page.goto(`${base}/resilience?horizon=2031&scenario=pipeline`);
  await expect(page.getByRole("table", { name: /Where the next pledge helps most/ })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/resilience-1280.png", fullPage: true });
});

test("the concentration figures download as CSV, and a horizon out of range is refused", async ({
  apiAs,
}) => {
  const api = await apiAs("secretariat");
  const csv = await api.get(`${base}/resilience.csv?horizon=2031&scenario=pipeline`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n")[0]).toBe(
    "mineral,stage,baseline_year,unit,world_total,baseline_top1_country,baseline_top1_share_pct,baseline_top3_share_pct,baseline_hhi,baseline_partner_share_pct,added_capacity,projected_top1_country,projected_top1_share_pct,projected_top3_share_pct,projected_hhi,projected_partner_share_pct",
  );
  const countries = await api.get(
    `${base}/resilience-countries.csv?horizon=2031&scenario=pipeline`,
  );
  expect(await countries.text()).toContain("\r\nlithium,mining,NA,2700,0,2700,1.15,1.11\r\n");
  expect((await api.get(`${base}/resilience.csv?horizon=2099`)).status()).toBe(400);
});

test("the resilience page fits a phone", async ({ pageAs }) => {
  const page = await pageAs("secretariat");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/resilience?horizon=2031&scenario=pipeline`);
  await expect(row(page, "Rare earths, refining")).toContainText("7,687.0");
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: "tests/.artifacts/resilience-390.png", fullPage: true });
});

const RARE_EARTHS = `${base}/resilience/rare_earths?horizon=2030&scenario=pipeline#refining`;

test("a mineral's row leads to its page, at its stage, with the same horizon and scenario", async ({
  pageAs,
}) => {
  const page = await pageAs("secretariat");
  await page.goto(`${base}/resilience?horizon=2030&scenario=pipeline`);
  await row(page, "Rare earths, refining")
    .getByRole("link", { name: "Rare earths, refining" })
    .click();
  await expect(page.getByRole("heading", { name: "Rare earths", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(
    /\/resilience\/rare_earths\?horizon=2030&scenario=pipeline#refining$/,
  );
});

test("a mineral page shows shares, the HHI over time, the projects and the supply chain", async ({
  pageAs,
}) => {
  const page = await pageAs("secretariat");
  await page.goto(RARE_EARTHS);
  await expect(page.getByRole("heading", { name: "Rare earths", level: 1 })).toBeVisible();

  const refining = page.locator("section#refining");
  await expect(refining).toContainText("Source: International Energy Agency (2025)");
  await expect(
    refining.getByRole("img", { name: /share of world supply by country, 2024 and 2030/ }),
  ).toBeVisible();
  await expect(refining.getByRole("img", { name: /Projected HHI by year/ })).toBeVisible();
  await expect(
    refining
      .getByRole("table", { name: /Refining: countries, baseline and 2030/ })
      .getByRole("row", {
        name: /Australia/,
      }),
  ).toContainText("3,000");
  const magnets = page.locator("section#magnets");
  await expect(magnets).toContainText("estimate");
  await expect(magnets).toContainText("189,000 t sintered NdFeB (2019)");
  await expect(
    magnets.getByText("Replace the estimate with the partnership’s own sourced figure"),
  ).toBeVisible();

  const projects = page.getByRole("table", { name: "Projects producing Rare earths" });
  await expect(
    projects.getByRole("row", { name: /Pilbara Rare Earth Separation Plant/ }),
  ).toContainText("Pipeline (not yet funded)");
  // Japan's draft refinery is Japan's and its sponsor's only.
  await expect(projects).not.toContainText("Darwin");

  const chain = page.locator("section#chain");
  await expect(
    chain.getByRole("img", { name: "Rare earths: supply links between countries, by stage" }),
  ).toBeVisible();
  // Links are added up by stage and host country; each end leads to the projects behind it.
  const flow = chain.getByRole("table").getByRole("row", { name: /Australia \(mining\)/ });
  await expect(flow).toContainText("Australia (refining)");
  await expect(flow).toContainText("Signed: 1");
  await expect(flow.getByRole("link", { name: "Australia (mining)" })).toHaveAttribute(
    "href",
    `${base}/projects?segment=mining&host=AU`,
  );
  await expect(chain).toContainText(
    "Gwangyang NdFeB Alloy Plant (magnets): its supply is only under negotiation, nothing contracted",
  );
  await expect(chain).toContainText(
    "Lacq Magnet Recycling Hub (refining): no supply link recorded",
  );
});

test("a mineral page passes axe at 1280 px", async ({ pageAs }) => {
  const page = await pageAs("secretariat");
  await page.goto(RARE_EARTHS);
  const chain = page.locator("section#chain");
  await expect(
    chain.getByRole("img", { name: "Rare earths: supply links between countries, by stage" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: "tests/.artifacts/resilience-mineral-1280.png", fullPage: true });
  await chain.screenshot({ path: "tests/.artifacts/resilience-sankey.png" });
});

test("a mineral page fits a phone", async ({ pageAs }) => {
  const page = await pageAs("secretariat");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(RARE_EARTHS);
  await expect(
    page
      .locator("section#chain")
      .getByRole("img", { name: "Rare earths: supply links between countries, by stage" }),
  ).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: "tests/.artifacts/resilience-mineral-390.png", fullPage: true });
});

test("the pickers work from the keyboard alone", async ({ pageAs }) => {
  const page = await pageAs("observer");
  await page.goto(`${base}/resilience`);
  const horizon = page.getByLabel("Horizon year");
  await horizon.focus();
  await expect(horizon).toHaveValue("2030");
  await page.keyboard.press("ArrowDown");
  await expect(horizon).toHaveValue("2031");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Scenario")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Scenario")).toHaveValue("pipeline");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Rest of the world grows")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Show" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/horizon=2031&scenario=pipeline&growth=0/);
  await expect(page.getByRole("heading", { name: /baseline → 2031/ })).toBeVisible();
  // Observers see the figures, not the pledge ranking.
  await expect(page.getByRole("heading", { name: "Where the next pledge helps most" })).toHaveCount(
    0,
  );
  await expectNoAxeViolations(page);
});

test("Japan's delegate edits its draft's output on the Outputs and supply tab", async ({
  apiAs,
  pageAs,
}) => {
  // A draft of Japan's own, registered through the registration form's post: editing the seed's Darwin draft
  // here would race the next test, which reads Darwin's figure (and sets it by the same tab's form post).
  const name = uniqueName("Kagoshima Gallium Draft");
  const registered = await submitForm(
    await apiAs("delegateJP"),
    `${base}/projects/new`,
    "routes/p.$slug.projects.new",
    {
      intent: "draft",
      name,
      segment: "refining",
      minerals: ["gallium"],
      stage: "concept",
      hostCountry: TEST_HOST_COUNTRY,
      currency: "USD",
      fundingSought: "10,000,000",
      registeringMemberId: JAPAN,
      "outputs.0.group": "gallium:refining",
      "outputs.0.capacity": "12,000",
      "outputs.0.firstYear": "2030",
    },
  );
  const id = /\/projects\/([0-9a-f-]{36})$/.exec(registered.redirect ?? "")?.[1];
  expect(id, `registering “${name}” redirects to it`).toBeTruthy();

  const japan = await pageAs("delegateJP");
  await japan.goto(`${base}/projects/${id}/supply`);
  await expect(japan.getByRole("heading", { name: "What the project will produce" })).toBeVisible();
  await japan.getByText("Edit Gallium, refining").click();
  const edit = japan.locator("details[open] form");
  await edit.getByLabel("Capacity a year").fill("18,000");
  await edit.getByRole("button", { name: "Save output" }).click();
  await expect(japan.getByRole("status").filter({ hasText: "Output saved" })).toHaveText(
    "Output saved: Gallium, refining.",
  );
  await expect(japan.getByRole("table", { name: `Outputs of ${name}` })).toContainText(
    "18,000 kg Ga (primary low-purity)",
  );
  await expectNoAxeViolations(japan);
});

/** Darwin's rare-earth refining output at 1,800 t, set through its Outputs and supply tab's own form post. */
async function darwinAt1800(japan: APIRequestContext) {
  const path = `${base}/projects/${DARWIN}/supply`;
  const route = "routes/p.$slug.projects.$projectId.supply";
  const { outputs } = await loaderData<{
    outputs: Array<{
      id: string;
      mineral: string;
      stage: string;
      capacity: string;
      version: number;
    }>;
  }>(japan, path, route);
  const output = outputs.find(
    ({ mineral, stage }) => mineral === "rare_earths" && stage === "refining",
  );
  if (!output) throw new Error("Darwin has no rare-earth refining output (supabase/seed.sql)");
  if (Number(output.capacity) === 1800) return;
  await submitForm(japan, path, route, {
    intent: "edit-output",
    outputId: output.id,
    version: String(output.version),
    group: "rare_earths:refining",
    capacity: "1,800",
    firstYear: "2030",
  });
}

test("Japan's draft output counts only in Japan's “with my drafts”", async ({ apiAs, pageAs }) => {
  await darwinAt1800(await apiAs("delegateJP"));
  // Japan's and Australia's readings are independent: their pages load at once.
  await Promise.all([
    (async () => {
      const japan = await pageAs("delegateJP");
      await japan.goto(`${base}/resilience?horizon=2030&scenario=with-my-drafts`);
      await expect(
        japan.getByRole("note").filter({ hasText: /Includes Japan.s own draft projects/ }),
      ).toBeVisible();
      await expect(row(japan, "Rare earths, refining")).toContainText(
        "5,300 t magnet rare earth elements",
      );
      await japan.goto(`${base}/resilience?horizon=2030&scenario=pipeline`);
      await expect(row(japan, "Rare earths, refining")).toContainText(
        "3,500 t magnet rare earth elements",
      );
    })(),
    (async () => {
      const australia = await pageAs("delegateAU");
      await australia.goto(`${base}/resilience?horizon=2030&scenario=with-my-drafts`);
      await expect(row(australia, "Rare earths, refining")).toContainText(
        "3,500 t magnet rare earth elements",
      );
      const csv = await australia.request.get(
        `${base}/resilience.csv?horizon=2030&scenario=with-my-drafts`,
      );
      expect(await csv.text()).toContain(
        "\r\nrare_earths,refining,2024,t magnet rare earth elements,80805,CN,91.28,96.95,8353.2,1.19,3500,",
      );
    })(),
  ]);
});

test("registration takes the project's outputs, in the reference unit, and keeps them when refused", async ({
  pageAs,
}) => {
  const name = `Oita Gallium Recovery ${Date.now().toString(36)}`;
  const page = await pageAs("delegateJP");
  await page.goto(`${base}/projects/new`);
  await page.getByLabel("Project name").fill(name);
  await page.getByLabel("Segment").selectOption("refining");
  await page.getByLabel("Gallium").check();
  await page.getByLabel("Stage", { exact: true }).selectOption("concept");
  const output = page.getByRole("group", { name: "Output 1" });
  await output.getByLabel("Produces").selectOption("gallium:refining");
  await expect(output.getByText("in kg Ga (primary low-purity) a year")).toBeVisible();
  await output.getByLabel("Capacity a year").fill("-12,000");
  await output.getByLabel("First year of output").fill("2030");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Next: Location" }).click();
  await page.getByLabel("Host country").selectOption("JP");
  await page.getByRole("button", { name: "Next: Funding and parties" }).click();
  await page.getByLabel("Currency of the project’s figures").selectOption("JPY");
  await page.getByLabel("Funding sought from the partnership").fill("1,000,000,000");
  await page.getByRole("button", { name: "Next: ESG and review" }).click();
  await page.getByRole("button", { name: "Save as draft" }).click();

  // The server refuses the negative capacity: back on step 1, with the message and what was typed.
  await expect(
    page.getByText(/Enter the capacity per year as a number greater than zero/),
  ).toBeVisible();
  await expect(output.getByLabel("Capacity a year")).toHaveValue("-12,000");
  await expect(output.getByLabel("Produces")).toHaveValue("gallium:refining");
  await expectNoAxeViolations(page);
  await output.getByLabel("Capacity a year").fill("12,000");
  await page.getByRole("button", { name: "Next: Location" }).click();
  await page.getByRole("button", { name: "Next: Funding and parties" }).click();
  await page.getByRole("button", { name: "Next: ESG and review" }).click();
  await page.getByRole("button", { name: "Save as draft" }).click();

  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Project sections" })
    .getByRole("link", { name: "Outputs and supply" })
    .click();
  await expect(page.getByRole("table", { name: `Outputs of ${name}` })).toContainText(
    "12,000 kg Ga (primary low-purity)",
  );
});
