/*
 * Projects on a world map: a land outline projected on the server (no tiles, no network) and a dot per 5° × 5°
 * square holding projects, larger where it holds more, so the map stays the same size whatever the portfolio's
 * (ADR 072). The SVG is one image with a title and description; the projects are in the list beside it.
 */
import { useFormat, useT } from "~/i18n/react";
import type { MapPoint } from "~/models/portfolio.server";

export interface WorldMapProps {
  width: number;
  height: number;
  /** The land outline's address (an SVG drawn in the same frame, cached by the browser). */
  landHref: string;
  points: MapPoint[];
  /** The host countries' names, for the description. */
  countries: string[];
  currency: string;
  /** The public page shows approved projects only: no status legend, and "committed" in the tooltips. */
  approvedOnly?: boolean;
}

export function WorldMap({
  width,
  height,
  landHref,
  points,
  countries,
  currency,
  approvedOnly,
}: WorldMapProps) {
  const { t } = useT();
  const format = useFormat();
  const projects = points.reduce((sum, point) => sum + point.projects, 0);
  const pointTitle = (point: WorldMapProps["points"][number]) => {
    const amount = format.money(point.counting, currency, { compact: true });
    if (approvedOnly) return t("worldMap.pointCommitted", { count: point.projects, amount });
    return point.approved
      ? t("worldMap.pointWithApproved", { count: point.projects, amount })
      : t("worldMap.point", { count: point.projects, amount });
  };
  return (
    <figure className="chart-figure world-map" aria-labelledby="world-map-caption">
      <figcaption id="world-map-caption">{t("worldMap.caption")}</figcaption>
      {approvedOnly ? null : (
        <ul className="legend" aria-label={t("worldMap.legend")}>
          <li>
            <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <circle className="project-dot approved" cx="7" cy="7" r="5" />
            </svg>
            {t("worldMap.approved")}
          </li>
          <li>
            <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <circle className="project-dot" cx="7" cy="7" r="5" />
            </svg>
            {t("worldMap.submittedOrCompleted")}
          </li>
        </ul>
      )}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="world-map-title world-map-desc"
        focusable="false"
      >
        <title id="world-map-title">{t("worldMap.title")}</title>
        <desc id="world-map-desc">
          {t("worldMap.description", {
            count: projects,
            names: countries.join(t("common.listSeparator")),
          })}
        </desc>
        <image className="land" href={landHref} x="0" y="0" width={width} height={height} />
        {points.map((point) => (
          <circle
            key={point.id}
            className={`project-dot${point.approved ? " approved" : ""}`}
            cx={point.x}
            cy={point.y}
            r={Math.min(14, 5 + Math.sqrt(point.projects))}
          >
            <title>{pointTitle(point)}</title>
          </circle>
        ))}
      </svg>
    </figure>
  );
}
