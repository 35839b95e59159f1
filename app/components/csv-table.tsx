/*
 * A data table that sorts by any column (header buttons with aria-sort; exact for money, which sorts as
 * bigint) and offers its CSV export. Rendered on the server in the given order; sorting needs JavaScript,
 * the data and the export do not.
 */
import { useMemo, useState, type KeyboardEvent, type ReactNode } from "react";
import { FORMAT_LOCALES, type Language } from "~/i18n/config";
import { useT } from "~/i18n/react";

export type SortValue = string | number | bigint | null;

export interface Column<Row> {
  key: string;
  header: string;
  numeric?: boolean;
  sortValue?: (row: Row) => SortValue;
  render: (row: Row) => ReactNode;
}

/** Sorting happens in the browser after a click, so the reader's collation cannot differ from the server's. */
function compare(a: SortValue, b: SortValue, language: Language): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === "string" && typeof b === "string") {
    return a.localeCompare(b, FORMAT_LOCALES[language]);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function DataTable<Row>({
  id,
  caption,
  columns,
  rows,
  rowKey,
  exportHref,
  empty,
  footer,
  rowClassName,
}: {
  id: string;
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: ReadonlyArray<Row>;
  rowKey: (row: Row) => string;
  exportHref?: string;
  empty?: string;
  footer?: ReactNode;
  rowClassName?: (row: Row) => string | undefined;
}) {
  const { t, language } = useT();
  const [sort, setSort] = useState<{ key: string; direction: "ascending" | "descending" } | null>(
    null,
  );
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const column = columns.find((c) => c.key === sort.key);
    if (!column?.sortValue) return rows;
    const value = column.sortValue;
    const list = [...rows].sort((a, b) => compare(value(a), value(b), language));
    return sort.direction === "descending" ? list.reverse() : list;
  }, [rows, columns, sort, language]);
  const firstSortable = columns.findIndex((column) => column.sortValue);

  return (
    <div className="stack data-table">
      <div className="row data-table-head">
        <h3 id={`${id}-caption`} className="data-table-title">
          {caption}
        </h3>
        {exportHref ? (
          <a className="button secondary small" href={exportHref} download>
            {t("common.downloadCsv")}
            <span className="visually-hidden">{t("common.downloadCsvOf", { caption })}</span>
          </a>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="muted">{empty ?? t("common.nothingToShow")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table aria-labelledby={`${id}-caption`} id={id}>
            <thead>
              <tr>
                {columns.map((column, index) => {
                  const active = sort?.key === column.key;
                  // One tab stop per table (the sorted column's button, else the first); arrows move along.
                  const stop = sort ? active : index === firstSortable;
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      className={column.numeric ? "num" : undefined}
                      aria-sort={active ? sort?.direction : undefined}
                    >
                      {column.sortValue ? (
                        <button
                          type="button"
                          tabIndex={stop ? 0 : -1}
                          onKeyDown={moveAlongHeaders}
                          className="sort-button"
                          onClick={() =>
                            setSort({
                              key: column.key,
                              direction:
                                active && sort?.direction === "ascending"
                                  ? "descending"
                                  : "ascending",
                            })
                          }
                        >
                          {column.header}
                          <span aria-hidden="true" className="sort-mark">
                            {active ? (sort?.direction === "ascending" ? "▲" : "▼") : "↕"}
                          </span>
                        </button>
                      ) : (
                        column.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={rowKey(row)} className={rowClassName?.(row)}>
                  {columns.map((column) => (
                    <td key={column.key} className={column.numeric ? "num" : undefined}>
                      {column.render(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            {footer ? <tfoot>{footer}</tfoot> : null}
          </table>
        </div>
      )}
    </div>
  );
}

/**
 * The sort buttons of a table's header are one stop in the tab order (issue 12): the arrow keys, Home and End
 * move between them, so Tab leaves the table in one press.
 */
function moveAlongHeaders(event: KeyboardEvent<HTMLButtonElement>) {
  const keys = ["ArrowLeft", "ArrowRight", "Home", "End"];
  if (!keys.includes(event.key)) return;
  const buttons = [
    ...(event.currentTarget.closest("tr")?.querySelectorAll<HTMLButtonElement>(".sort-button") ??
      []),
  ];
  const at = buttons.indexOf(event.currentTarget);
  const next =
    event.key === "Home"
      ? 0
      : event.key === "End"
        ? buttons.length - 1
        : Math.min(buttons.length - 1, Math.max(0, at + (event.key === "ArrowRight" ? 1 : -1)));
  const target = buttons[next];
  if (!target) return;
  event.preventDefault();
  for (const button of buttons) button.tabIndex = button === target ? 0 : -1;
  target.focus();
}
