/*
 * Projects on a world map: a land outline projected on the server (no tiles, no network) and a dot per 5° × 5°
 * square holding projects, larger where it holds more, so the map stays the same size whatever the portfolio's
 * (ADR 072). The SVG is one image with a title and description; the projects are in the list beside it.
 */
import { formatMoney } from "~/utils/money";

export interface WorldMapProps {
  width: number;
  height: number;
  land: string;
  points: Array<{
    id: string;
    x: number;
    y: number;
    projects: number;
    approved: boolean;
    counting: string;
  }>;
  /** The host countries' names, for the description. */
  countries: string[];
  currency: string;
}

export function WorldMap({ width, height, land, points, countries, currency }: WorldMapProps) {
  const projects = points.reduce((sum, point) => sum + point.projects, 0);
  return (
    <figure className="chart-figure world-map" aria-labelledby="world-map-caption">
      <figcaption id="world-map-caption">Where the projects are</figcaption>
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
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="world-map-title world-map-desc"
        focusable="false"
      >
        <title id="world-map-title">World map of projects</title>
        <desc id="world-map-desc">
          {`${projects} projects in ${countries.length} countries: ${countries.join(", ")}. The list of projects is below the map.`}
        </desc>
        <path className="land" d={land} />
        {points.map((point) => (
          <circle
            key={point.id}
            className={`project-dot${point.approved ? " approved" : ""}`}
            cx={point.x}
            cy={point.y}
            r={Math.min(14, 5 + Math.sqrt(point.projects))}
          >
            <title>{`${point.projects === 1 ? "1 project" : `${point.projects} projects`}${point.approved ? ", approved among them" : ""}: ${formatMoney(point.counting, currency, { compact: true })} counting`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
