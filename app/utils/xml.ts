/*
 * A small XML writer for the exports (the IATI file): elements, attributes and text, escaped as XML 1.0 says,
 * indented two spaces. Text and attribute values are data typed by people, so everything is escaped (`&`, `<`,
 * `>`, quotes, and tab, CR and LF inside attributes, which a parser would otherwise normalise to spaces), and
 * the characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF) are
 * dropped rather than breaking the document. Names are the program's own and must be valid XML names.
 */

export type XmlAttributes = Record<string, string | number | null | undefined>;

export interface XmlElement {
  name: string;
  attributes: XmlAttributes;
  children: XmlNode[];
}

/** A child: an element, text, or nothing (null, undefined and false are skipped, for optional parts). */
export type XmlNode = XmlElement | string | null | undefined | false;

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
// Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** An element; attributes whose value is null or undefined are left out. */
export function element(
  name: string,
  attributes: XmlAttributes = {},
  ...children: XmlNode[]
): XmlElement {
  for (const key of [name, ...Object.keys(attributes)]) {
    if (!NAME.test(key)) throw new Error(`"${key}" is not an XML name.`);
  }
  return { name, attributes, children };
}

/** Text with the characters XML cannot carry removed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, "");
}

export function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/** A comment's text: XML forbids "--" inside a comment and a "-" at its end. */
export function escapeComment(text: string): string {
  return xmlSafe(text)
    .replace(/-(?=-)/g, "- ")
    .replace(/-$/, "- ");
}

function attributesOf(attributes: XmlAttributes): string {
  return Object.entries(attributes)
    .filter(
      (entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined,
    )
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join("");
}

function render(node: XmlElement, depth: number, out: string[]): void {
  const indent = "  ".repeat(depth);
  const open = `${node.name}${attributesOf(node.attributes)}`;
  const children = node.children.filter(
    (child): child is XmlElement | string =>
      child !== null && child !== undefined && child !== false,
  );
  if (children.length === 0) {
    out.push(`${indent}<${open}/>`);
  } else if (children.every((child) => typeof child === "string")) {
    out.push(
      `${indent}<${open}>${children.map((text) => escapeText(text)).join("")}</${node.name}>`,
    );
  } else {
    out.push(`${indent}<${open}>`);
    for (const child of children) {
      if (typeof child === "string") out.push(`${indent}  ${escapeText(child)}`);
      else render(child, depth + 1, out);
    }
    out.push(`${indent}</${node.name}>`);
  }
}

/** A whole UTF-8 document: the declaration, comments before the root (each on its line), the root. */
export function xmlDocument(root: XmlElement, comments: ReadonlyArray<string> = []): string {
  // i18n-exempt: the XML declaration, not words.
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  for (const comment of comments) out.push(`<!-- ${escapeComment(comment)} -->`);
  render(root, 0, out);
  return `${out.join("\n")}\n`;
}

/** A Response that downloads `xml` as `filename`. */
export function xmlResponse(xml: string, filename: string): Response {
  return new Response(xml, {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
