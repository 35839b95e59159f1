/*
 * Comments' Markdown (ADR 144): a small subset — paragraphs, line breaks, emphasis, inline code, code blocks,
 * quotes, lists and links — rendered by markdown-it with raw HTML off, then passed through sanitize-html with
 * an allow-list of exactly those elements, so even a parser bug cannot let markup through. Links keep http(s)
 * and mailto only, and carry rel="noopener noreferrer".
 */
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

const markdown = MarkdownIt("zero", { html: false, linkify: true, breaks: true }).enable([
  "paragraph",
  "newline",
  "emphasis",
  "backticks",
  "fence",
  "code",
  "blockquote",
  "list",
  "link",
  "linkify",
  "escape",
  "entity",
]);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      // i18n-exempt: an attribute value, not prose
      attribs: { ...attribs, rel: "noopener noreferrer" },
    }),
  },
};

/** A comment's body as safe HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE);
}
