/*
 * Every word a person reads comes from the catalogues (ADR 090). This walks the app's syntax trees with
 * TypeScript's own parser and fails on prose written in code: text between JSX tags, JSX attributes a person
 * reads (labels, titles, placeholders…), and sentence-like string literals anywhere else. What is not for a
 * person is told apart by where it is: SQL, log lines, errors thrown for developers (`new …Error(…)`; an error
 * whose message a person reads carries a catalogue message instead, e.g. MoneyInputError), CSS
 * classes, URLs and the like. Anything else that must stay as written carries a comment with "i18n-exempt"
 * and the reason, on the line before it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "../../app");

/** Data, not prose: the catalogues themselves, CLDR's country names, each language's own name. */
const SKIPPED = [
  /^locales\//,
  /\.cldr\.ts$/,
  /^i18n\/config\.ts$/,
  // What speaks to operators, never to a person using Lodestone, and stays in English (ADR 090): the
  // process's log lines and stopping steps, start-up refusals about connection strings, the readiness probe's
  // JSON, the SQL of the export and the control socket's answers.
  /^runtime\//,
  /^db\/(session|health|export)\.server\.ts$/,
  // Start-up configuration refusals (a missing or contradictory environment variable), printed before the
  // server listens; the migration runner's log lines; and the reference-data loader's checks of the CSV files
  // in supabase/reference/ — run at start-up and by `npm run reference:load`, read by whoever deploys.
  /^config\.server\.ts$/,
  /^db\/(engine|migrate|reference)\.server\.ts$/,
  /^domain\/supply-reference\.server\.ts$/,
  // The documents' part of a backup and its restore check (`npm run db:backup` / `db:restore`): lines the
  // operator reads in a terminal.
  /^storage\/backup\.server\.ts$/,
];

/** JSX attributes whose value is for machines, not people. */
const TECHNICAL_ATTRIBUTES = new Set([
  "className",
  "style",
  "i18nKey",
  "charSet",
  "content",
  "dangerouslySetInnerHTML",
  "nonce",
  "id",
  "htmlFor",
  "name",
  "type",
  "method",
  "action",
  "to",
  "href",
  "src",
  "value",
  "defaultValue",
  "key",
  "role",
  "autoComplete",
  "inputMode",
  "lang",
  "rel",
  "target",
  "encType",
  "d",
  "points",
  "viewBox",
  "transform",
  "fill",
  "stroke",
  "textAnchor",
  "dominantBaseline",
  "preserveAspectRatio",
  "xmlns",
  "pattern",
  "accept",
  "form",
  "scope",
  "dateTime",
  "media",
  "prefetch",
  "spellCheck",
  "step",
  "min",
  "max",
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return files(full);
    return /\.tsx?$/.test(entry) && !entry.endsWith(".d.ts") ? [full] : [];
  });
}

/** Two words of letters in a row: a phrase, not an identifier, a code or a path. */
const PROSE = /\p{L}{2,}[,;:]?\s+[\p{L}“‘(]/u;
const LETTER = /\p{L}/u;
/** Code, not prose: SQL (a statement, a column list, a parameter), a MIME type or header value, a URL. */
const NOT_PROSE =
  /^\s*(select|insert|update|delete|with|create|alter|drop|grant|revoke|begin|commit|set|do|lock|notify|listen)\s|\b(from|where|join|returning|values)\b[\s\S]*\b(public|private|auth|reference)\.|^[\w-]+\/[\w.+-]+|^https?:\/\/|^(attachment|inline);|\b(no-store|no-cache|max-age)\b|\b[a-z_]+\.[a-z_]+(::\w+)? as "?\w+"?|\$\d+::\w+/i;

function calleeName(node: ts.Node): string {
  let current: ts.Node | undefined = node.parent;
  while (current && !ts.isCallExpression(current) && !ts.isNewExpression(current)) {
    if (ts.isBlock(current) || ts.isSourceFile(current)) return "";
    current = current.parent;
  }
  if (!current) return "";
  return (current as ts.CallExpression | ts.NewExpression).expression.getText();
}

function exempt(node: ts.Node, source: ts.SourceFile): boolean {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const text = source.getFullText().slice(current.getFullStart(), current.getStart(source));
    if (/i18n-exempt/.test(text)) return true;
    if (ts.isSourceFile(current)) break;
  }
  return false;
}

/** The JSX attribute whose value the string is (directly, or a branch of a condition), or null. */
function insideAttribute(node: ts.Node): string | null {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isJsxAttribute(current)) return current.name.getText();
    if (
      ts.isJsxElement(current) ||
      ts.isJsxSelfClosingElement(current) ||
      ts.isCallExpression(current) ||
      ts.isArrowFunction(current)
    ) {
      return null;
    }
  }
  return null;
}

/** A string that is not for reading: an import, a property name, a type, a comparison, a key. */
function structural(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isLiteralTypeNode(parent) ||
    (ts.isPropertyAssignment(parent) && parent.name === node) ||
    // An HTTP status line's words: never shown (the error boundary speaks from the status code).
    (ts.isPropertyAssignment(parent) && parent.name.getText() === "statusText") ||
    ts.isPropertySignature(parent) ||
    ts.isElementAccessExpression(parent) ||
    ts.isCaseClause(parent) ||
    (ts.isBinaryExpression(parent) &&
      [
        ts.SyntaxKind.EqualsEqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsEqualsToken,
        ts.SyntaxKind.EqualsEqualsToken,
        ts.SyntaxKind.ExclamationEqualsToken,
      ].includes(parent.operatorToken.kind))
  );
}

/** Calls whose strings are for developers or machines: logs, developers' errors, queries, keys. */
const MACHINE_CALLS =
  /^((getLogger\(\)|log|logger)\.(trace|debug|info|warn|error|fatal)|onShutdown|requireSession|console\.\w+|\w*Error|assert\w*|tx\.(query|exec)|\w+\.(query|exec|unsafe)|sql|t|tm|msg|pageTitle|metaT|setHeader|headers\.(set|append|get)|\w+\.headers\.(set|append|get)|URLSearchParams|URL|RegExp|\w+\.(get|getAll|has|set|delete|append)|\w+\.(regex|startsWith|endsWith|includes|split|replace|replaceAll|match|test|join|padStart|padEnd))$/;

function findings(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    if (exempt(node, source)) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${path.relative(ROOT, file)}:${line + 1} ${what.trim().slice(0, 70)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text)) report(node, node.text);
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const value = node.text;
      const attribute = insideAttribute(node);
      if (attribute !== null) {
        if (
          !TECHNICAL_ATTRIBUTES.has(attribute) &&
          !attribute.startsWith("data-") &&
          !/^aria-(labelledby|describedby|controls|current|live|hidden|sort|expanded|haspopup|invalid|pressed|selected|owns|activedescendant|disabled|busy|atomic|relevant|level|modal|orientation|valuemin|valuemax|valuenow)$/.test(
            attribute,
          ) &&
          LETTER.test(value) &&
          // A single lowercase word is a value, not a phrase ("path", "idle").
          (/\s/.test(value) || /^\p{Lu}/u.test(value)) &&
          !NOT_PROSE.test(value) &&
          !MACHINE_CALLS.test(calleeName(node))
        ) {
          report(node, `${attribute}="${value}"`);
        }
      } else if (
        PROSE.test(value) &&
        !NOT_PROSE.test(value) &&
        !structural(ts.isTemplateLiteralToken(node) ? node.parent : node) &&
        !MACHINE_CALLS.test(calleeName(node))
      ) {
        report(node, value);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("strings a person reads", () => {
  const checked = files(ROOT).filter(
    (file) => !SKIPPED.some((pattern) => pattern.test(path.relative(ROOT, file))),
  );

  it("come from the catalogues, in every app module", () => {
    const all = checked.flatMap(findings);
    const pending = all.filter((finding) =>
      NOT_YET_CONVERTED.has(finding.slice(0, finding.indexOf(":"))),
    );
    expect(all.filter((finding) => !pending.includes(finding))).toEqual([]);
  });

  it("finds prose where it is written in code", () => {
    const sample = path.join(ROOT, "..", "tests", "fixtures", "i18n-literals-sample.tsx");
    expect(findings(sample).map((finding) => finding.replace(/^.*?:/, ""))).toEqual([
      "6 Save the pledge",
      '7 aria-label="Close the dialog"',
      "8 The pledge was refused.",
    ]);
  });
});

/* Modules whose words are still being moved to the catalogues, area by area (ADR 090). */
const NOT_YET_CONVERTED = new Set<string>([]);
