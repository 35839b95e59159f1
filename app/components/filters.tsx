import { Form, Link, useLocation, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import { sortCountryCodes } from "~/domain/countries";
import { MINERALS, SEGMENTS } from "~/domain/projects/vocabulary";
import { useFormat, useT } from "~/i18n/react";

export interface FilterOption {
  value: string;
  label: string;
}

/** One picker of a filter bar: "All …" means no filter. */
export function FilterSelect({
  name,
  label,
  options,
  value,
  allLabel,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<FilterOption>;
  value: string | null;
  allLabel: string;
}) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A GET form: the filters live in the URL, so a filtered view can be shared and the back button works.
 * `keep` carries parameters the bar does not show (such as the sort order); paging starts again at 1.
 */
export function FilterBar({
  label,
  children,
  keep = [],
}: {
  label: string;
  children: ReactNode;
  keep?: string[];
}) {
  const { pathname, search } = useLocation();
  const { t } = useT();
  const params = new URLSearchParams(search);
  const active = [...params.keys()].some((key) => !keep.includes(key) && key !== "page");
  const submit = useSubmit();
  return (
    <Form
      method="get"
      className="filter-bar"
      role="search"
      aria-label={label}
      onSubmit={(event) => {
        // Leave empty filters out of the URL, so a shared link reads as what it filters.
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const params = new URLSearchParams();
        for (const [key, value] of data.entries()) {
          if (typeof value === "string" && value.trim() !== "") params.append(key, value);
        }
        submit(params, { method: "get", action: pathname });
      }}
    >
      {keep.map((key) =>
        params.get(key) ? (
          <input key={key} type="hidden" name={key} value={params.get(key) ?? ""} />
        ) : null,
      )}
      {children}
      <div className="filter-actions">
        <button type="submit" className="button secondary">
          {t("filters.apply")}
        </button>
        {active ? (
          <Link to={pathname} className="button secondary">
            {t("filters.clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** The segment, mineral and host-country pickers that the board, project list and timeline share. */
export function PortfolioFilterSelects({
  filters,
  hosts,
}: {
  filters: { segment: string | null; mineral: string | null; host: string | null };
  hosts: readonly string[];
}) {
  const { t, language } = useT();
  const f = useFormat();
  return (
    <>
      <FilterSelect
        name="segment"
        label={t("filters.segment")}
        allLabel={t("filters.allSegments")}
        value={filters.segment}
        options={SEGMENTS.map((value) => ({ value, label: t(`vocabulary.segment.${value}`) }))}
      />
      <FilterSelect
        name="mineral"
        label={t("filters.mineral")}
        allLabel={t("filters.allMinerals")}
        value={filters.mineral}
        options={MINERALS.map((value) => ({ value, label: t(`vocabulary.mineral.${value}`) }))}
      />
      <FilterSelect
        name="host"
        label={t("filters.host")}
        allLabel={t("filters.allHosts")}
        value={filters.host}
        options={sortCountryCodes(hosts, language).map((code) => ({
          value: code,
          label: f.country(code),
        }))}
      />
    </>
  );
}
