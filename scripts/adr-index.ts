/*
 * The ADR index (docs/decisions/README.md) written from the decisions themselves: number, title (the file's
 * first heading), status and date (its "Status: … Date: …" lines). `npm run docs:adrs` rewrites the table;
 * tests/unit/adr-index.test.ts fails when the table and the files disagree.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DECISIONS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../docs/decisions",
);

export interface Decision {
  number: string;
  file: string;
  title: string;
  status: string;
  date: string;
}

/** Each decision file's number, title, status and date; a file missing one of them is an error. */
export function readDecisions(folder = DECISIONS): Decision[] {
  return readdirSync(folder)
    .filter((file) => /^\d{3}-.*\.md$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(folder, file), "utf8");
      const heading = /^#\s+(.*)$/m.exec(text)?.[1] ?? "";
      const title = heading.replace(/^(ADR\s*)?\d{3}\s*[.:—–-]\s*/i, "").trim();
      const status = /\bStatus:\s*\**\s*([A-Za-z][^.·\n*]*)/i.exec(text)?.[1]?.trim().toLowerCase();
      const date = /\bDate:\s*\**\s*(\d{4}-\d{2}-\d{2})/i.exec(text)?.[1];
      if (!title || !status || !date) {
        throw new Error(
          `${file} needs a "# NNN — title" heading, a "Status:" and a "Date: YYYY-MM-DD" line`,
        );
      }
      return { number: file.slice(0, 3), file, title, status, date };
    });
}

export function indexTable(decisions: Decision[]): string {
  const rows = decisions.map(
    (d) =>
      `| [${d.number}](${d.file}) | ${d.title.replace(/\|/g, "\\|")} | ${d.status} | ${d.date} |`,
  );
  return ["| ADR | Title | Status | Date |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** The README with its table replaced (everything from the table's header row to the end of the table). */
export function withIndex(readme: string, table: string): string {
  const lines = readme.split("\n");
  const start = lines.findIndex((line) => /^\|\s*ADR\s*\|/.test(line));
  if (start < 0) throw new Error("docs/decisions/README.md has no table starting with | ADR |");
  let end = start;
  while (end < lines.length && lines[end]?.startsWith("|")) end += 1;
  return [...lines.slice(0, start), table, ...lines.slice(end)].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const readme = path.join(DECISIONS, "README.md");
  const decisions = readDecisions();
  writeFileSync(readme, withIndex(readFileSync(readme, "utf8"), indexTable(decisions)));
  console.log(`Wrote the index of ${decisions.length} decisions; run prettier on it.`);
}
