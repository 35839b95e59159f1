/*
 * The world map, drawn on the server from a bundled outline (Natural Earth land at 1:110m, from the
 * world-atlas package): no tile server, no network. Projected once per process with d3-geo's Equal Earth
 * projection into a fixed 960 × 470 frame; projects become dots at their latitude and longitude.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { element, xmlDocument } from "~/utils/xml";

export const MAP_WIDTH = 960;
const SVG_NAMESPACE = "http://www.w3.org/2000/svg";
const LAND_FILL = "#d9dee4";
export const MAP_HEIGHT = 470;

let cached: {
  land: string;
  version: string;
  project: (lon: number, lat: number) => [number, number] | null;
} | null = null;

function world() {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(
    readFileSync(require.resolve("world-atlas/land-110m.json"), "utf8"),
  ) as Topology<{ land: GeometryCollection }>;
  const land = feature(topology, topology.objects.land);
  const projection = geoEqualEarth().fitExtent(
    [
      [8, 8],
      [MAP_WIDTH - 8, MAP_HEIGHT - 8],
    ],
    { type: "Sphere" },
  );
  // One decimal place is sub-pixel at this size and keeps the path small.
  const path = geoPath(projection).digits(1);
  const outline = path(land) ?? "";
  cached = {
    land: outline,
    version: createHash("sha256").update(outline).digest("hex").slice(0, 12),
    project: (lon, lat) => {
      const point = projection([lon, lat]);
      return point ? [Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10] : null;
    },
  };
  return cached;
}

/*
 * The outline is the same on every page and for every reader (57 kB): pages point at it rather than carry it,
 * so the browser fetches it once and keeps it (ADR 166). Its address changes with its content.
 */
export const LAND_PATH = "/map/land.svg";

/** The address of the land outline, as pages refer to it. */
export function landHref(): string {
  return `${LAND_PATH}?v=${world().version}`;
}

/** Whether `version` is the outline's current one (so the answer can be cached for good). */
export function isCurrentLand(version: string | null): boolean {
  return version === world().version;
}

/** The land outline as an SVG document in the map's frame, styled as the map draws it. */
export function landSvg(): string {
  return xmlDocument(
    element(
      "svg",
      {
        xmlns: SVG_NAMESPACE,
        viewBox: `0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`,
        width: MAP_WIDTH,
        height: MAP_HEIGHT,
      },
      element("path", { fill: LAND_FILL, stroke: "#ffffff", "stroke-width": 0.4, d: world().land }),
    ),
  );
}

/** Screen coordinates of a place in the map's frame. */
export function projectPoint(longitude: number, latitude: number): [number, number] | null {
  return world().project(longitude, latitude);
}
