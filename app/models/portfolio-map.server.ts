/*
 * The world map, drawn on the server from a bundled outline (Natural Earth land at 1:110m, from the
 * world-atlas package): no tile server, no network. Projected once per process with d3-geo's Equal Earth
 * projection into a fixed 960 × 470 frame; projects become dots at their latitude and longitude.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

let cached: {
  land: string;
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
  cached = {
    land: path(land) ?? "",
    project: (lon, lat) => {
      const point = projection([lon, lat]);
      return point ? [Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10] : null;
    },
  };
  return cached;
}

/** The land outline as one SVG path. */
export function landPath(): string {
  return world().land;
}

/** Screen coordinates of a place in the map's frame. */
export function projectPoint(longitude: number, latitude: number): [number, number] | null {
  return world().project(longitude, latitude);
}
