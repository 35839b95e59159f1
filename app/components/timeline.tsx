import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { isOverdue, MILESTONE_STATUSES, type MilestoneStatus } from "~/domain/milestones";
import { useFormat, useT } from "~/i18n/react";
import { addMonths, dayNumber } from "~/utils/dates";

export interface TimelineItem {
  id: string;
  title: string;
  dueDate: string;
  status: MilestoneStatus;
}

export interface TimelineRow {
  id: string;
  label: ReactNode;
  detail?: ReactNode;
  items: TimelineItem[];
}

/** The default window: from three months before `today`'s month. */
export function defaultStart(today: string): string {
  return addMonths(today.slice(0, 7), -3);
}

/**
 * A Gantt-like view of milestones over months: one row per project (or per milestone), each milestone a
 * marker at its due date, coloured by status, overdue ones flagged; a line marks today. Every marker is a
 * link with its title, date and status in words, so the chart reads the same without sight or a pointer.
 */
export function TimelineChart({
  rows,
  from,
  months,
  today,
  caption,
  hrefOf,
}: {
  rows: TimelineRow[];
  from: string;
  months: number;
  today: string;
  caption: string;
  hrefOf: (row: TimelineRow, item: TimelineItem) => string;
}) {
  const { t } = useT();
  const f = useFormat();
  const start = dayNumber(`${from}-01`);
  const end = dayNumber(`${addMonths(from, months)}-01`);
  const span = end - start;
  const at = (day: number) => `${(((day - start) / span) * 100).toFixed(3)}%`;
  const ticks = Array.from({ length: months }, (_, i) => addMonths(from, i));
  const todayDay = dayNumber(today);
  const labelEvery = months > 24 ? 3 : months > 12 ? 2 : 1;
  return (
    <figure className="timeline">
      <figcaption className="visually-hidden">{caption}</figcaption>
      <div className="timeline-scale" aria-hidden="true">
        <span className="timeline-label-spacer" />
        <div className="timeline-track">
          {ticks.map((month, i) => (
            <span
              key={month}
              className={`timeline-tick${month.endsWith("-01") ? " year" : ""}`}
              style={{ left: at(dayNumber(`${month}-01`)) }}
            >
              {i % labelEvery === 0 ? f.month(month) : ""}
            </span>
          ))}
        </div>
      </div>
      <ol className="timeline-rows">
        {rows.map((row) => {
          const inside = row.items.filter((item) => {
            const day = dayNumber(item.dueDate);
            return day >= start && day < end;
          });
          const before = row.items.filter((item) => dayNumber(item.dueDate) < start).length;
          const after = row.items.filter((item) => dayNumber(item.dueDate) >= end).length;
          const first = inside[0];
          const last = inside[inside.length - 1];
          return (
            <li key={row.id} className="timeline-row">
              <div className="timeline-row-label">
                {row.label}
                {row.detail ? <div className="small-print muted">{row.detail}</div> : null}
              </div>
              <div className="timeline-track">
                {todayDay >= start && todayDay < end ? (
                  <span
                    className="timeline-today"
                    style={{ left: at(todayDay) }}
                    aria-hidden="true"
                  />
                ) : null}
                {first && last && first !== last ? (
                  <span
                    className="timeline-span"
                    aria-hidden="true"
                    style={{
                      left: at(dayNumber(first.dueDate)),
                      width: `${(((dayNumber(last.dueDate) - dayNumber(first.dueDate)) / span) * 100).toFixed(3)}%`,
                    }}
                  />
                ) : null}
                {before > 0 ? (
                  <span className="timeline-outside before">
                    <span aria-hidden="true">← {before}</span>
                    <span className="visually-hidden">
                      {t("timeline.earlier", { count: before })}
                    </span>
                  </span>
                ) : null}
                {after > 0 ? (
                  <span className="timeline-outside after">
                    <span aria-hidden="true">{after} →</span>
                    <span className="visually-hidden">{t("timeline.later", { count: after })}</span>
                  </span>
                ) : null}
                <ul className="timeline-items">
                  {inside.map((item) => {
                    const overdue = isOverdue(item, today);
                    const words = t(overdue ? "timeline.markerOverdue" : "timeline.marker", {
                      title: item.title,
                      due: f.day(item.dueDate),
                      status: item.status,
                    });
                    return (
                      <li
                        key={item.id}
                        className={`timeline-item status-${item.status}${overdue ? " is-overdue" : ""}`}
                        style={{ left: at(dayNumber(item.dueDate)) }}
                      >
                        <Link to={hrefOf(row, item)} aria-label={words} data-label={words}>
                          <span className="marker" aria-hidden="true" />
                        </Link>
                      </li>
                    );
                  })}
                </ul>
                {inside.length === 0 && before + after === 0 ? (
                  <span className="timeline-none small-print muted">
                    {t("timeline.noMilestones")}
                  </span>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <TimelineLegend />
    </figure>
  );
}

export function TimelineLegend() {
  const { t } = useT();
  return (
    <ul className="timeline-legend small-print" aria-label={t("timeline.legend")}>
      {MILESTONE_STATUSES.map((status) => (
        <li key={status} className={`timeline-item status-${status} legend`}>
          <span className="marker" aria-hidden="true" /> {t(`vocabulary.milestoneStatus.${status}`)}
        </li>
      ))}
      <li className="timeline-item status-planned is-overdue legend">
        <span className="marker" aria-hidden="true" /> {t("timeline.overdueRinged")}
      </li>
      <li className="legend">
        <span className="today-key" aria-hidden="true" /> {t("timeline.today")}
      </li>
    </ul>
  );
}
