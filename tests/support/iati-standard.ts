/*
 * The official IATI 2.03 schema and codelists, read only by tests (where they come from: docs/iati.md): an
 * export is validated with xmllint (Debian's libxml2-utils) against the XSD, and every code it uses is looked
 * up in the codelist files. The XML is read back with xmllint too, an
 * independent parser, never with the writer's own code.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** The standards folder beside the clone (CI), or two levels up for a worktree; a test fails when neither has it. */
export const IATI_DIR = (() => {
  const candidates = [
    resolve(root, "../shared/standards/iati-2.03"),
    resolve(root, "../../shared/standards/iati-2.03"),
  ];
  const found = candidates.find((dir) =>
    existsSync(join(dir, "schema/iati-activities-schema.xsd")),
  );
  if (!found) throw new Error(`The IATI 2.03 standard is not at ${candidates.join(" or ")}.`);
  return found;
})();

/**
 * xmllint with `args`. Never skipped: without xmllint the IATI tests fail, naming what to install (.ci/run
 * installs it, as REQUIRE_TEST_DATABASES makes the database suites run rather than skip).
 */
function xmllint(args: string[]) {
  const result = spawnSync("xmllint", args, { encoding: "utf8" });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    throw new Error(
      "xmllint is not installed: the IATI tests need it (Debian: apt-get install libxml2-utils; .ci/run does).",
    );
  }
  if (result.error) throw result.error;
  return result;
}

function withFile<T>(xml: string, work: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "lodestone-iati-"));
  try {
    const file = join(dir, "activities.xml");
    writeFileSync(file, xml);
    return work(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** xmllint's verdict on the document against the activity schema: "" when valid, else its messages. */
export function schemaErrors(xml: string): string {
  return withFile(xml, (file) => {
    const result = xmllint([
      "--noout",
      "--schema",
      join(IATI_DIR, "schema/iati-activities-schema.xsd"),
      file,
    ]);
    return result.status === 0
      ? ""
      : `${result.stderr}`.trim() || `xmllint exited ${result.status}`;
  });
}

/** The string value of an XPath expression (e.g. "string(//title/narrative)"), as xmllint reads it. */
export function xpathString(xml: string, xpath: string): string {
  return withFile(xml, (file) => {
    const result = xmllint(["--xpath", xpath, file]);
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.replace(/\n$/, "");
  });
}

/** An element as xmllint parsed it: attributes and text unescaped, comments dropped. */
export interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  /** The element's own text (its text children joined, whitespace as written). */
  text: string;
}

const unescape = (text: string) =>
  text
    .replace(/&#x([0-9A-F]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * The document read by xmllint (which refuses anything that is not well-formed) and written back in W3C
 * canonical form, a fixed shape that this small reader then turns into a tree. The writer's own code is
 * never used to read what it wrote.
 */
export function readXml(xml: string): Node {
  const canonical = withFile(xml, (file) => {
    const result = xmllint(["--c14n", file]);
    if (result.status !== 0) throw new Error(`not well-formed: ${result.stderr}`);
    return result.stdout;
  });
  const root: Node = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  const token = /<!--[\s\S]*?-->|<\/([^>]+)>|<([^\s>]+)((?:\s+[^\s=]+="[^"]*")*)>|([^<]+)/g;
  for (const [, close, open, attributes, text] of canonical.matchAll(token)) {
    const current = stack[stack.length - 1] as Node;
    if (open) {
      const node: Node = { name: open, attributes: {}, children: [], text: "" };
      for (const [, key, value] of (attributes ?? "").matchAll(/([^\s=]+)="([^"]*)"/g)) {
        node.attributes[key ?? ""] = unescape(value ?? "");
      }
      current.children.push(node);
      stack.push(node);
    } else if (close) {
      stack.pop();
    } else if (text) {
      current.text += unescape(text);
    }
  }
  const [document] = root.children;
  if (!document) throw new Error("no root element");
  return document;
}

/** The element's children called `name`. */
export const childrenOf = (node: Node, name: string) =>
  node.children.filter((child) => child.name === name);

/** The first child called `name` (throws when there is none). */
export function childOf(node: Node, name: string): Node {
  const [child] = childrenOf(node, name);
  if (!child) throw new Error(`<${node.name}> has no <${name}>`);
  return child;
}

/** Every element below `node` called `name`, in document order. */
export function descendantsOf(node: Node, name: string): Node[] {
  return node.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...descendantsOf(child, name),
  ]);
}

export interface CodelistEntry {
  code: string;
  active: boolean;
}

const codelists = new Map<string, Map<string, CodelistEntry>>();

/** A codelist file's codes: active unless the item says status="withdrawn". */
export function codelist(name: string): Map<string, CodelistEntry> {
  let list = codelists.get(name);
  if (!list) {
    const text = readFileSync(join(IATI_DIR, "codelists", `${name}.xml`), "utf8");
    list = new Map();
    for (const match of text.matchAll(/<codelist-item([^>]*)>\s*<code>([^<]+)<\/code>/g)) {
      const code = (match[2] ?? "").trim();
      list.set(code, { code, active: !/status="withdrawn"/.test(match[1] ?? "") });
    }
    if (list.size === 0) throw new Error(`No codes read from codelist ${name}.`);
    codelists.set(name, list);
  }
  return list;
}

/** Codes of `list` that are missing from the codelist or withdrawn. */
export function notInCodelist(name: string, codes: Iterable<string>): string[] {
  const list = codelist(name);
  return [...new Set(codes)].filter((code) => !list.get(code)?.active);
}

/** Where each coded attribute of an activity file takes its codes from: [element, attribute, codelist]. */
export const CODED_ATTRIBUTES: ReadonlyArray<
  [element: string, attribute: string, codelist: string]
> = [
  ["iati-activities", "version", "Version"],
  ["reporting-org", "type", "OrganisationType"],
  ["participating-org", "type", "OrganisationType"],
  ["participating-org", "role", "OrganisationRole"],
  ["provider-org", "type", "OrganisationType"],
  ["receiver-org", "type", "OrganisationType"],
  ["description", "type", "DescriptionType"],
  ["activity-status", "code", "ActivityStatus"],
  ["activity-date", "type", "ActivityDateType"],
  ["recipient-country", "code", "Country"],
  ["sector", "vocabulary", "SectorVocabulary"],
  ["budget", "type", "BudgetType"],
  ["budget", "status", "BudgetStatus"],
  ["value", "currency", "Currency"],
  ["transaction-type", "code", "TransactionType"],
  ["finance-type", "code", "FinanceType"],
];

/** Every coded value of the file that its codelist lacks, as "codelist: code" (empty when all are known). */
export function codelistErrors(root: Node): string[] {
  const errors = CODED_ATTRIBUTES.flatMap(([element, attribute, name]) => {
    const nodes = element === root.name ? [root] : descendantsOf(root, element);
    const codes = nodes.flatMap((node) => node.attributes[attribute] ?? []);
    return notInCodelist(name, codes).map((code) => `${name}: ${code} (${element}/@${attribute})`);
  });
  // Sector codes are read in the vocabulary they name (1, the DAC 5-digit codes, when none is named).
  const sectors = descendantsOf(root, "sector").filter(
    (sector) => (sector.attributes.vocabulary ?? "1") === "1",
  );
  const sectorCodes = sectors.map((sector) => sector.attributes.code ?? "");
  return [...errors, ...notInCodelist("Sector", sectorCodes).map((code) => `Sector: ${code}`)];
}
