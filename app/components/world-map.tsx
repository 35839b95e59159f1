/*
 * Projects on a world map: a land outline projected on the server (no tiles, no network) and a dot per
 * project. The SVG is one image with a title and description; every dot is also in the list beside it.
 */
import { formatMoney } from "~/utils/money";

export interface WorldMapProps {
  width: number;
  height: number;
  land: string;
  points: Array<{
    id: string;
    name: string;
    country: string;
    status: string;
    x: number;
    y: number;
    counting: string;
  }>;
  currency: string;
  /** The public page shows approved projects only: no status legend, and "committed" in the tooltips. */
  approvedOnly?: boolean;
}

export function WorldMap({ width, height, land, points, currency, approvedOnly }: WorldMapProps) {
  const countries = new Set(points.map((point) => point.country));
  return (
    <figure className="chart-figure world-map" aria-labelledby="world-map-caption">
      <figcaption id="world-map-caption">Where the projects are</figcaption>
      {approvedOnly ? null : (
        <ul className="legend" aria-label="Legend for the world map">
          <li>
            <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <circle className="project-dot approved" cx="7" cy="7" r="5" />
            </svg>
            Approved
          </li>
          <li>
            <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <circle className="project-dot" cx="7" cy="7" r="5" />
            </svg>
            Submitted or completed
          </li>
        </ul>
      )}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="world-map-title world-map-desc"
        focusable="false"
      >
        <title id="world-map-title">World map of projects</title>
        <desc id="world-map-desc">
          {`${points.length} projects in ${countries.size} countries: ${[...countries].join(", ")}. The list of projects is below the map.`}
        </desc>
        <path className="land" d={land} />
        {points.map((point) => (
          <circle
            key={point.id}
            className={`project-dot ${point.status}`}
            cx={point.x}
            cy={point.y}
            r={6}
          >
            <title>
              {approvedOnly
                ? `${point.name} (${point.country}): ${formatMoney(point.counting, currency, { compact: true })} committed`
                : `${point.name} (${point.country}, ${point.status}): ${formatMoney(point.counting, currency, { compact: true })} counting`}
            </title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
