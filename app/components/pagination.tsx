import { Link, useLocation } from "@remix-run/react";
import { withParams } from "~/domain/projects/filters";
import { useT } from "~/i18n/react";

/** What a paged list counts: a plural of app/locales/…/timeline.ts's `count`. */
export type Counted = "projects" | "projectsWaiting" | "outputs";

/** Server-side pages as links that keep every other filter in the URL. */
export function Pagination({
  page,
  pageCount,
  total,
  what,
  param = "page",
}: {
  page: number;
  pageCount: number;
  total: number;
  what: Counted;
  param?: string;
}) {
  const { t } = useT();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const href = (target: number) =>
    withParams(params, { [param]: target === 1 ? null : target }) || "?";
  const pages = pageNumbers(page, pageCount);
  return (
    <nav className="pagination" aria-label={t(`pagination.label.${what}`)}>
      <p className="muted small-print" aria-live="polite">
        {total === 0
          ? t(`pagination.none.${what}`)
          : t("pagination.status", {
              counted: t(`count.${what}`, { count: total }),
              page,
              pages: pageCount,
            })}
      </p>
      {pageCount > 1 ? (
        <ul>
          <li>
            {page > 1 ? (
              <Link to={href(page - 1)} rel="prev">
                {t("pagination.previous")}
              </Link>
            ) : (
              <span aria-disabled="true">{t("pagination.previous")}</span>
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
                  aria-label={t("pagination.page", { page: item })}
                >
                  {item}
                </Link>
              </li>
            ),
          )}
          <li>
            {page < pageCount ? (
              <Link to={href(page + 1)} rel="next">
                {t("pagination.next")}
              </Link>
            ) : (
              <span aria-disabled="true">{t("pagination.next")}</span>
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
