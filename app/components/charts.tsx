/*
 * Horizontal (stacked) bar charts drawn as SVG on the server, with d3-scale for the axis (ADR 032). Each
 * chart is a <figure> with a visible caption; the SVG is role="img" with a title and a description that
 * states the largest values, and the same data is always in a table beside it. Amounts are summed in
 * bigint; floats appear only as pixel positions.
 */
import { scaleLinear } from "d3-scale";
import type { ReactNode } from "react";
import { useFormat, useT } from "~/i18n/react";

export interface ChartSeries {
  key: string;
  label: string;
  className: string;
}

export interface ChartCategory {
  label: string;
  /** Minor units per series key, as strings (bigint on the wire). */
  values: Record<string, string>;
}

const ROW = 28;
const LABEL_WIDTH = 210;
const WIDTH = 720;
const RIGHT = 90;

function truncate(label: string, max = 30) {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * A chart's drawing: one image to assistive technology, named by its title and described by a sentence that
 * gives the main values (the full figures are in a table beside it).
 */
export function ChartSvg({
  id,
  viewBox,
  title,
  description,
  children,
}: {
  id: string;
  viewBox: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <svg viewBox={viewBox} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

export function StackedBarChart({
  id,
  title,
  categories,
  series,
  currency,
}: {
  id: string;
  title: string;
  categories: ReadonlyArray<ChartCategory>;
  series: ReadonlyArray<ChartSeries>;
  currency: string;
}) {
  const { t } = useT();
  const format = useFormat();
  const totals = categories.map((category) =>
    series.reduce((sum, s) => sum + BigInt(category.values[s.key] ?? "0"), 0n),
  );
  const max = totals.reduce((a, b) => (b > a ? b : a), 0n);
  // Pixel geometry only: the ratio of two exact sums, as a float, never added back into money.
  const x = scaleLinear()
    .domain([0, Number(max) || 1])
    .range([0, WIDTH - LABEL_WIDTH - RIGHT])
    .nice();
  const ticks = x.ticks(4);
  const height = categories.length * ROW + 36;
  const ranked = categories
    .map((category, index) => ({ label: category.label, total: totals[index] ?? 0n }))
    .sort((a, b) => (b.total > a.total ? 1 : b.total < a.total ? -1 : 0))
    .slice(0, 3);
  const description =
    categories.length === 0
      ? t("charts.noData")
      : t("charts.bars", {
          n: categories.length,
          largest: ranked
            .map(
              (entry) => `${entry.label} ${format.money(entry.total, currency, { compact: true })}`,
            )
            .join(t("common.listSeparator")),
        });

  return (
    <figure className="chart-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {series.length > 1 ? (
        <ul className="legend" aria-label={t("charts.legendFor", { title })}>
          {series.map((s) => (
            <li key={s.key}>
              <svg viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                <rect className={s.className} width="14" height="14" rx="2" />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <ChartSvg id={id} viewBox={`0 0 ${WIDTH} ${height}`} title={title} description={description}>
        <g className="chart-grid" transform={`translate(${LABEL_WIDTH}, 8)`}>
          {ticks.map((tick) => (
            <line key={tick} x1={x(tick)} x2={x(tick)} y1={0} y2={categories.length * ROW} />
          ))}
        </g>
        <g
          className="chart-axis"
          transform={`translate(${LABEL_WIDTH}, ${categories.length * ROW + 24})`}
        >
          {ticks.map((tick) => (
            <text key={tick} x={x(tick)} textAnchor="middle">
              {format.money(BigInt(Math.round(tick)), currency, { compact: true })}
            </text>
          ))}
        </g>
        {categories.map((category, row) => {
          let offset = 0n;
          const y = 8 + row * ROW;
          return (
            <g key={category.label}>
              <text
                className="chart-label"
                x={LABEL_WIDTH - 8}
                y={y + ROW / 2 + 4}
                textAnchor="end"
              >
                {truncate(category.label)}
              </text>
              {series.map((s) => {
                const value = BigInt(category.values[s.key] ?? "0");
                const start = offset;
                offset += value;
                if (value <= 0n) return null;
                return (
                  <rect
                    key={s.key}
                    className={s.className}
                    x={LABEL_WIDTH + x(Number(start))}
                    y={y + 5}
                    width={Math.max(1, x(Number(offset)) - x(Number(start)))}
                    height={ROW - 10}
                  />
                );
              })}
              <text
                className="chart-value"
                x={LABEL_WIDTH + x(Number(offset)) + 6}
                y={y + ROW / 2 + 4}
              >
                {format.money(offset, currency, { compact: true })}
              </text>
            </g>
          );
        })}
      </ChartSvg>
    </figure>
  );
}
