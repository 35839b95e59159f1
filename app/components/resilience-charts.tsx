/*
 * The resilience charts, drawn as SVG on the server like the other charts (ADR 032): each is a <figure> with a
 * visible caption, an SVG role="img" with a title and a description naming the main values, and the same data
 * in a table beside it (the pages render those tables). Floats appear only as pixel positions and shares.
 */
import { scaleLinear } from "d3-scale";
import { ChartSvg } from "~/components/charts";
import { useResilienceFormat } from "~/components/resilience/format";
import { HHI_BANDS } from "~/domain/resilience";
import { SUPPLY_STAGES, type LinkStatus } from "~/domain/supply";
import { useT } from "~/i18n/react";

const truncate = (label: string, max = 26) =>
  label.length > max ? `${label.slice(0, max - 1)}…` : label;

/* Baseline vs projected shares by country ------------------------------------------------------------ */

export interface ShareBarRow {
  label: string;
  baseline: number | null;
  projected: number | null;
}

export function ShareBars({
  id,
  title,
  rows,
  baselineLabel,
  projectedLabel,
}: {
  id: string;
  title: string;
  rows: ReadonlyArray<ShareBarRow>;
  baselineLabel: string;
  projectedLabel: string;
}) {
  const WIDTH = 640;
  const LABEL = 190;
  const RIGHT = 70;
  const ROW = 40;
  const max = Math.max(1, ...rows.flatMap((row) => [row.baseline ?? 0, row.projected ?? 0]));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, WIDTH - LABEL - RIGHT])
    .nice();
  const ticks = x.ticks(4);
  const height = rows.length * ROW + 34;
  const { t } = useT();
  const { pct: formatPct } = useResilienceFormat();
  const [first] = rows;
  const description = first
    ? t("charts.shares", {
        n: rows.length,
        first: first.label,
        baseline: formatPct(first.baseline ?? 0),
        projected: formatPct(first.projected ?? 0),
      })
    : t("charts.noData");
  return (
    <figure className="chart-figure resilience-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <ul className="legend" aria-label={t("charts.legendFor", { title })}>
        <li>
          <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false">
            <rect className="bar-baseline" width="14" height="14" rx="2" />
          </svg>
          {baselineLabel}
        </li>
        <li>
          <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false">
            <rect className="bar-projected" width="14" height="14" rx="2" />
          </svg>
          {projectedLabel}
        </li>
      </ul>
      <ChartSvg id={id} viewBox={`0 0 ${WIDTH} ${height}`} title={title} description={description}>
        <g className="chart-grid" transform={`translate(${LABEL}, 6)`}>
          {ticks.map((tick) => (
            <line key={tick} x1={x(tick)} x2={x(tick)} y1={0} y2={rows.length * ROW} />
          ))}
        </g>
        <g className="chart-axis" transform={`translate(${LABEL}, ${rows.length * ROW + 24})`}>
          {ticks.map((tick) => (
            <text key={tick} x={x(tick)} textAnchor="middle">
              {tick}%
            </text>
          ))}
        </g>
        {rows.map((row, index) => {
          const y = 6 + index * ROW;
          return (
            <g key={row.label}>
              <text className="chart-label" x={LABEL - 8} y={y + ROW / 2 + 4} textAnchor="end">
                {truncate(row.label, 19)}
              </text>
              {(
                [
                  ["bar-baseline", row.baseline, 4],
                  ["bar-projected", row.projected, 20],
                ] as const
              ).map(([className, value, offset]) =>
                value === null ? null : (
                  <g key={className}>
                    <rect
                      className={className}
                      x={LABEL}
                      y={y + offset}
                      width={Math.max(value > 0 ? 1 : 0, x(value))}
                      height={14}
                    />
                    <text className="chart-value" x={LABEL + x(value) + 5} y={y + offset + 11}>
                      {formatPct(value)}
                    </text>
                  </g>
                ),
              )}
            </g>
          );
        })}
      </ChartSvg>
    </figure>
  );
}

/* A value by year (projected HHI with its bands, partner share) --------------------------------------- */

export function TrendChart({
  id,
  title,
  points,
  kind,
  baseline,
  baselineYear,
}: {
  id: string;
  title: string;
  points: ReadonlyArray<{ year: number; value: number }>;
  kind: "hhi" | "pct";
  baseline: number;
  baselineYear: number;
}) {
  const WIDTH = 540;
  const HEIGHT = 230;
  const LEFT = 66;
  const RIGHT = 136;
  const TOP = 12;
  const BOTTOM = 32;
  const max =
    kind === "hhi"
      ? 10_000
      : Math.min(100, Math.max(10, ...points.map((p) => p.value), baseline) * 1.25);
  const years = points.map((p) => p.year);
  const x = scaleLinear()
    .domain([Math.min(...years), Math.max(...years)])
    .range([LEFT, WIDTH - RIGHT]);
  const y = scaleLinear()
    .domain([0, max])
    .range([HEIGHT - BOTTOM, TOP])
    .nice();
  const { t } = useT();
  const f = useResilienceFormat();
  const format = (value: number) => (kind === "hhi" ? f.hhi(value) : f.pct(value));
  const line = points
    .map((p, index) => `${index === 0 ? "M" : "L"}${x(p.year).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join("");
  const last = points[points.length - 1];
  const description = last
    ? t("charts.trend", {
        from: format(points[0]?.value ?? 0),
        fromYear: points[0]?.year,
        to: format(last.value),
        toYear: last.year,
        baseline: format(baseline),
        baselineYear,
      })
    : t("charts.noData");
  const bands =
    kind === "hhi"
      ? [
          {
            from: HHI_BANDS.highlyConcentrated,
            to: 10_000,
            className: "band-high",
            label: t("vocabulary.hhiBand.high"),
          },
          {
            from: HHI_BANDS.moderatelyConcentrated,
            to: HHI_BANDS.highlyConcentrated,
            className: "band-moderate",
            label: t("charts.moderately"),
          },
          {
            from: 0,
            to: HHI_BANDS.moderatelyConcentrated,
            className: "band-low",
            label: t("vocabulary.hhiBand.low"),
          },
        ]
      : [];
  return (
    <figure className="chart-figure resilience-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <ChartSvg id={id} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} title={title} description={description}>
        {bands.map((band) => (
          <g key={band.className}>
            <rect
              className={band.className}
              x={LEFT}
              width={WIDTH - RIGHT - LEFT}
              y={y(band.to)}
              height={Math.max(0, y(band.from) - y(band.to))}
            />
            <text
              className="chart-band-label"
              x={WIDTH - RIGHT + 6}
              y={(y(band.to) + y(band.from)) / 2 + 4}
            >
              {band.label}
            </text>
          </g>
        ))}
        <g className="chart-grid">
          {y.ticks(4).map((tick) => (
            <line key={tick} x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} />
          ))}
        </g>
        <g className="chart-axis">
          {y.ticks(4).map((tick) => (
            <text key={tick} x={LEFT - 6} y={y(tick) + 4} textAnchor="end">
              {kind === "hhi" ? f.quantity(tick) : f.pct(tick, 0)}
            </text>
          ))}
          {points
            .filter((_, index) => index % 2 === 0)
            .map((p) => (
              <text key={p.year} x={x(p.year)} y={HEIGHT - 10} textAnchor="middle">
                {p.year}
              </text>
            ))}
        </g>
        <line
          className="trend-baseline"
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={y(baseline)}
          y2={y(baseline)}
        />
        <path className="trend-line" d={line} />
        {points.map((p) => (
          <circle key={p.year} className="trend-point" cx={x(p.year)} cy={y(p.value)} r={3} />
        ))}
      </ChartSvg>
    </figure>
  );
}

/* The supply chain as a Sankey diagram (laid out on the server) --------------------------------------- */

export interface SankeyView {
  width: number;
  height: number;
  nodes: Array<{
    id: string;
    country: string;
    column: number;
    x0: number;
    x1: number;
    y0: number;
    y1: number;
  }>;
  flows: Array<{
    id: string;
    from: { stage: string; country: string };
    to: { stage: string; country: string };
    links: number;
    status: LinkStatus;
    tonnes: number;
    path: string;
    width: number;
  }>;
  links: number;
}

export function SankeyChart({
  id,
  title,
  chain,
}: {
  id: string;
  title: string;
  chain: SankeyView;
}) {
  const HEAD = 22;
  const { t } = useT();
  const f = useResilienceFormat();
  const description = t("charts.sankey", {
    flows: chain.flows.length,
    links: chain.links,
    places: chain.nodes.length,
    first: chain.flows
      .slice(0, 3)
      .map((flow) =>
        t("charts.sankeyLink", {
          supplier: f.place(flow.from.stage, flow.from.country),
          buyer: f.place(flow.to.stage, flow.to.country),
          tonnes: f.quantity(flow.tonnes),
          links: flow.links,
        }),
      )
      .join("; "),
  });
  const columnX = (column: number) =>
    chain.nodes.find((node) => node.column === column)?.x0 ?? null;
  return (
    <figure className="chart-figure sankey" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <ul className="legend" aria-label={t("charts.legendFor", { title })}>
        {(["signed", "mou", "under_negotiation"] as const).map((status) => (
          <li key={status}>
            <svg viewBox="0 0 24 14" aria-hidden="true" focusable="false">
              <line
                className={`sankey-link link-${status}`}
                x1="0"
                x2="24"
                y1="7"
                y2="7"
                strokeWidth="6"
              />
            </svg>
            {t(`vocabulary.linkStatus.${status}`)}
          </li>
        ))}
      </ul>
      <ChartSvg
        id={id}
        viewBox={`0 0 ${chain.width} ${chain.height + HEAD}`}
        title={title}
        description={description}
      >
        <g className="chart-axis">
          {SUPPLY_STAGES.map((stage) => t(`vocabulary.supplyStage.${stage}`)).map(
            (label, column) => {
              const at = columnX(column);
              return at === null ? null : (
                <text key={label} x={at + 7} y={14} textAnchor="middle" className="sankey-column">
                  {label}
                </text>
              );
            },
          )}
        </g>
        <g transform={`translate(0, ${HEAD})`}>
          {chain.flows.map((flow) => (
            <path
              key={flow.id}
              className={`sankey-link link-${flow.status}`}
              d={flow.path}
              strokeWidth={flow.width}
            />
          ))}
          {chain.nodes.map((node) => {
            // Left column: name on the left; right column: on the right; middle: above the node.
            const left = node.column === 0;
            const middle = !left && node.x1 < chain.width - 220;
            return (
              <g key={node.id}>
                <rect
                  className="sankey-node"
                  x={node.x0}
                  y={node.y0}
                  width={node.x1 - node.x0}
                  height={Math.max(2, node.y1 - node.y0)}
                />
                <text
                  className="chart-label"
                  x={left ? node.x0 - 6 : middle ? (node.x0 + node.x1) / 2 : node.x1 + 6}
                  y={middle ? node.y0 - 6 : (node.y0 + node.y1) / 2 + 4}
                  textAnchor={left ? "end" : middle ? "middle" : "start"}
                >
                  {truncate(f.country(node.country), 28)}
                </text>
              </g>
            );
          })}
        </g>
      </ChartSvg>
    </figure>
  );
}
