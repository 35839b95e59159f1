/*
 * Every decision in docs/decisions is in the index, with the title, status and date its file gives, and the
 * index names no decision that does not exist (scripts/adr-index.ts writes it: `npm run docs:adrs`).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DECISIONS, readDecisions } from "../../scripts/adr-index";

function indexRows() {
  return readFileSync(path.join(DECISIONS, "README.md"), "utf8")
    .split("\n")
    .filter((line) => /^\|\s*\[\d{3}\]/.test(line))
    .map((line) => {
      const [link = "", title = "", status = "", date = ""] = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim());
      return {
        file: /\((.*)\)/.exec(link)?.[1] ?? "",
        title: title.replace(/\\\|/g, "|"),
        status,
        date,
      };
    });
}

describe("the ADR index", () => {
  it("lists every decision, in order, with its title, status and date", () => {
    expect(indexRows()).toEqual(
      readDecisions().map(({ file, title, status, date }) => ({ file, title, status, date })),
    );
  });
});
