/* Comments' Markdown subset, rendered safely (ADR 144). */
import { renderMarkdown } from "~/utils/markdown.server";

describe("renderMarkdown", () => {
  it("renders the subset", () => {
    expect(renderMarkdown("**Bold** and *italic*, `code`\n\n- one\n- two")).toBe(
      "<p><strong>Bold</strong> and <em>italic</em>, <code>code</code></p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n",
    );
  });

  it("gives links rel=noopener noreferrer, and only web and mail links", () => {
    expect(renderMarkdown("[study](https://example.org/a) and https://example.org/b")).toBe(
      '<p><a href="https://example.org/a" rel="noopener noreferrer">study</a> and <a href="https://example.org/b" rel="noopener noreferrer">https://example.org/b</a></p>\n',
    );
    expect(renderMarkdown("[x](javascript:alert(1))")).not.toMatch(/href/);
    expect(renderMarkdown("[x](data:text/html;base64,PHNjcmlwdD4=)")).not.toMatch(/href/);
  });

  it("never lets raw HTML through", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script><img src=x onerror=alert(1)> <a href="https://e.org" onclick="x()">a</a>',
    );
    // Shown as text, never as markup: no element but the linkified address, which has no handler.
    expect(html).not.toMatch(/<script|<img|<[a-z]+ [^>]*on(error|click)=/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;");
  });

  it("leaves out what the subset does not have: headings, images, tables", () => {
    const html = renderMarkdown("# Title\n\n![alt](https://e.org/i.png)\n\n| a |\n|---|\n| b |");
    expect(html).not.toMatch(/<h1|<img|<table/);
  });
});
