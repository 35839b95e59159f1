import { isSameOriginWrite } from "../../scripts/same-origin.js";

describe("isSameOriginWrite", () => {
  const host = "lodestone.example";

  it("lets reads through whatever their origin", () => {
    expect(isSameOriginWrite("GET", { "sec-fetch-site": "cross-site" }, host)).toBe(true);
  });

  it("accepts a form posted from the same origin", () => {
    expect(isSameOriginWrite("POST", { "sec-fetch-site": "same-origin" }, host)).toBe(true);
    expect(isSameOriginWrite("POST", { origin: "https://lodestone.example" }, host)).toBe(true);
  });

  it("refuses a post from another site", () => {
    expect(isSameOriginWrite("POST", { "sec-fetch-site": "cross-site" }, host)).toBe(false);
    expect(isSameOriginWrite("POST", { "sec-fetch-site": "same-site" }, host)).toBe(false);
    expect(isSameOriginWrite("POST", { origin: "https://evil.example" }, host)).toBe(false);
    expect(isSameOriginWrite("DELETE", { origin: "null" }, host)).toBe(false);
  });

  it("lets a server-to-server call without browser headers through (webhooks)", () => {
    expect(isSameOriginWrite("POST", {}, host)).toBe(true);
  });
});
