import { expect, type Page } from "@playwright/test";
import axe, { type AxeResults } from "axe-core";

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Fails with the list of violations when axe finds any WCAG 2.1 A/AA problem on the page. axe-core is parsed
 * into a document once (a scan after a client-side navigation reuses it) and runs with one `axe.run`: the same
 * rules and result as @axe-core/playwright's builder, which parsed axe twice and opened a blank page per scan.
 */
export async function expectNoAxeViolations(page: Page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: "tag", values: tags },
      }) as Promise<AxeResults>,
    WCAG_21_A_AA,
  );
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`,
    ),
  ).toEqual([]);
}
