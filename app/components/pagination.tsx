import { Link, useLocation } from "@remix-run/react";
import { withParams } from "~/domain/projects/filters";

/** Server-side pages as links that keep every other filter in the URL. */
export function Pagination({
  page,
  pageCount,
  total,
  noun,
  param = "page",
}: {
  page: number;
  pageCount: number;
  total: number;
  noun: [singular: string, plural: string];
  param?: string;
}) {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const href = (target: number) =>
    withParams(params, { [param]: target === 1 ? null : target }) || "?";
  const pages = pageNumbers(page, pageCount);
  return (
    <nav className="pagination" aria-label={`Pages of ${noun[1]}`}>
      <p className="muted small-print" aria-live="polite">
        {total === 0
          ? `No ${noun[1]}`
          : `${total.toLocaleString("en-GB")} ${total === 1 ? noun[0] : noun[1]} · page ${page} of ${pageCount}`}
      </p>
      {pageCount > 1 ? (
        <ul>
          <li>
            {page > 1 ? (
              <Link to={href(page - 1)} rel="prev">
                Previous
              </Link>
            ) : (
              <span aria-disabled="true">Previous</span>
            )}
          </li>
          {pages.map((item, index) =>
            item === null ? (
              <li key={`gap-${index}`} aria-hidden="true">
                …
              </li>
            ) : (
              <li key={item}>
                <Link
                  to={href(item)}
                  aria-current={item === page ? "page" : undefined}
                  aria-label={`Page ${item}`}
                >
                  {item}
                </Link>
              </li>
            ),
          )}
          <li>
            {page < pageCount ? (
              <Link to={href(page + 1)} rel="next">
                Next
              </Link>
            ) : (
              <span aria-disabled="true">Next</span>
            )}
          </li>
        </ul>
      ) : null}
    </nav>
  );
}

/** 1 … 4 5 [6] 7 8 … 20: the first, the last, and two either side of the current page. */
export function pageNumbers(page: number, pageCount: number): Array<number | null> {
  const shown = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const result: Array<number | null> = [];
  let previous = 0;
  for (const n of [...shown].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b)) {
    if (n - previous > 1) result.push(null);
    result.push(n);
    previous = n;
  }
  return result;
}
