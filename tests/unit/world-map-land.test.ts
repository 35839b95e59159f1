/*
 * The world map's land outline (ADR 166): pages carry its address, not its 57 kB; the address names its version,
 * which is cached for good, and an old or missing version is still answered, cached for an hour only.
 */
import { landHref } from "~/models/portfolio-map.server";
import { loader } from "~/routes/map.land[.]svg";

function fetchLand(href: string) {
  return loader({
    request: new Request(`http://lodestone.test${href}`),
    params: {},
    context: {},
  } as never);
}

describe("the land outline", () => {
  it("is addressed by its version, and that address is cached for good", async () => {
    const href = landHref();
    expect(href).toMatch(/^\/map\/land\.svg\?v=[0-9a-f]{12}$/);
    const response = await fetchLand(href);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const svg = await response.text();
    expect(svg).toContain(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 470" width="960"',
    );
    // The whole outline: Natural Earth's land at 1:110m is well over a thousand points.
    expect(svg.match(/d="([^"]+)"/)?.[1]?.split(/[ML]/).length).toBeGreaterThan(1000);
  });

  it("answers another version too, but keeps it for an hour only", async () => {
    for (const href of ["/map/land.svg", "/map/land.svg?v=000000000000"]) {
      const response = await fetchLand(href);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
    }
  });
});
