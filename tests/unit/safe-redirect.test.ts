/*
 * Attack (issue 17, item 2): an open redirect after sign-in. Browsers drop tabs and newlines from URLs and
 * read backslashes as slashes, so "/\t/evil.example" or "/\evil.example" leave the site. Every answer must
 * stay on our origin as a browser resolves it, and be a valid Location header.
 */
import fc from "fast-check";
import { safeRedirect } from "~/auth/sign-in.server";

const site = "https://lodestone.example";
const staysHome = (path: string) => new URL(path, site).origin === site;

describe("safeRedirect", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    "https://evil.example/p",
    "javascript:alert(1)",
    "/ /evil.example",
    // Dot segments that collapse into a scheme-relative "//evil.example" once resolved.
    "/.//evil.example",
    "/a/..//evil.example",
    "/./\\evil.example",
    "/%2e//evil.example",
  ])("keeps %j on the site", (attack) => {
    const answer = safeRedirect(attack);
    expect(staysHome(answer)).toBe(true);
    expect(answer).toMatch(/^\/(?![/\\])/);
    expect(() => new Headers({ Location: answer })).not.toThrow();
  });

  it("keeps the site's own paths, queries and fragments", () => {
    expect(safeRedirect("/p/critical-minerals/board?project=1#card")).toBe(
      "/p/critical-minerals/board?project=1#card",
    );
    expect(safeRedirect("/invitations/abc_DEF-123")).toBe("/invitations/abc_DEF-123");
    expect(safeRedirect(undefined)).toBe("/p");
    expect(safeRedirect("")).toBe("/p");
  });

  it("turns CR/LF and non-ASCII into a valid Location instead of an error", () => {
    for (const value of ["/p\r\nSet-Cookie: a=b", "/p/日本?q=ü", "/p/\u0000x", "/p/\u2028"]) {
      const answer = safeRedirect(value);
      expect(answer).toMatch(/^[\x21-\x7e]+$/);
      expect(() => new Headers({ Location: answer })).not.toThrow();
      expect(new Headers({ Location: answer }).get("Location")).not.toMatch(/Set-Cookie: /);
    }
  });

  it("never leaves the site, whatever the string", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc
            .array(
              fc.constantFrom("/", "\\", "\t", "\n", "\r", " ", ".", ":", "@", "%", "evil.example"),
            )
            .map((parts) => parts.join("")),
        ),
        (value) => {
          const answer = safeRedirect(value);
          expect(staysHome(answer)).toBe(true);
          expect(() => new Headers({ Location: answer })).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
