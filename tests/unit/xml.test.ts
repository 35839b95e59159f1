/*
 * The XML writer: whatever people typed comes back unchanged (less the characters XML 1.0 cannot carry)
 * when xmllint reads the document, and nothing typed can end an element, an attribute or a comment early.
 */
import {
  element,
  escapeAttribute,
  escapeComment,
  escapeText,
  xmlDocument,
  xmlSafe,
} from "~/utils/xml";
import { childOf, readXml, xpathString } from "../support/iati-standard";

const NASTY = [
  `Fish & Chips <Ltd> "quoted" 'single'`,
  "]]> and <![CDATA[ and </title> and <!-- not a comment -->",
  "tab\there\nnew line\r\ncarriage",
  "Rare earths 🪨 in 日本語 and العربية",
  "&amp; already escaped &#x26; &lt;",
];

describe("the XML writer", () => {
  it("escapes markup in text and attributes", () => {
    expect(escapeText(`a & b < c > d "e"`)).toBe(`a &amp; b &lt; c &gt; d "e"`);
    expect(escapeAttribute(`a & b < c > d "e" 'f'`)).toBe(
      "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;",
    );
    expect(escapeAttribute("a\tb\nc\rd")).toBe("a&#9;b&#10;c&#13;d");
  });

  it("drops the characters XML 1.0 cannot carry, and keeps every other", () => {
    expect(xmlSafe("a\u0000b\u0001c\u0008d\u000Be\u001Ff")).toBe("abcdef");
    expect(xmlSafe("x\uFFFEy\uFFFFz")).toBe("xyz");
    expect(xmlSafe("lone \uD800 surrogate \uDC00")).toBe("lone  surrogate ");
    expect(xmlSafe("\t\n\r é 🪨 \uE000 \uFFFD")).toBe("\t\n\r é 🪨 \uE000 \uFFFD");
  });

  it("never lets a comment end early", () => {
    expect(escapeComment("a -- b --- c-")).toBe("a - - b - - - c- ");
    const xml = xmlDocument(element("root"), ["--> <evil/> <!--", "ends with -"]);
    expect(readXml(xml).children).toEqual([]);
    expect(xml).not.toContain("<evil/>\n");
  });

  it("refuses names that are not XML names (they are the program's, never the user's)", () => {
    expect(() => element("bad name")).toThrow(/not an XML name/);
    expect(() => element("ok", { "bad>attr": "x" })).toThrow(/not an XML name/);
    expect(() => element("1st")).toThrow(/not an XML name/);
    expect(element("xml:ok", { "iso-date": "2026-01-01" }).name).toBe("xml:ok");
  });

  it("leaves out null attributes and empty children, and closes empty elements", () => {
    const xml = xmlDocument(
      element(
        "root",
        { kept: "1", gone: null, also: undefined },
        null,
        false,
        undefined,
        element("leaf"),
      ),
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<root kept="1">\n  <leaf/>\n</root>\n',
    );
  });

  it("round-trips typed text through xmllint, in text and in attributes", () => {
    const xml = xmlDocument(
      element(
        "root",
        {},
        ...NASTY.map((text, index) =>
          element("item", { n: index, value: `${text}\u0001` }, `${text}\u0002`),
        ),
      ),
    );
    const root = readXml(xml);
    NASTY.forEach((text, index) => {
      const item = root.children[index];
      if (!item) throw new Error(`item ${index} is missing`);
      // Text keeps CR LF as typed only where XML allows: a parser turns CR LF in text into LF.
      expect(item.text).toBe(text.replace(/\r\n/g, "\n"));
      expect(item.attributes.value).toBe(text);
    });
    expect(xpathString(xml, "string(/root/item[1]/@value)")).toBe(NASTY[0]);
    expect(childOf(root, "item").attributes.n).toBe("0");
  });
});
