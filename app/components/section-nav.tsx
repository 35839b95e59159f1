/*
 * A partnership's sections (issue 12): tabs on wide screens; on small screens a "Menu" button that opens them
 * as a list and closes again on choosing a section or on Escape. Before the page is hydrated (or without
 * JavaScript) the tabs simply show, wrapped.
 */
import { NavLink, useLocation } from "@remix-run/react";
import { useId, useState } from "react";
import { useT } from "~/i18n/react";
import { useHydrated } from "~/utils/hydrated";

export function SectionNav({
  label,
  links,
}: {
  label: string;
  links: ReadonlyArray<{ to: string; label: string; end: boolean }>;
}) {
  const { t } = useT();
  const id = useId();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  // Choosing a section closes the menu (state adjusted while rendering, as React recommends).
  const [seenPath, setSeenPath] = useState(pathname);
  if (seenPath !== pathname) {
    setSeenPath(pathname);
    setOpen(false);
  }
  const current = links.find((link) =>
    link.end ? pathname === link.to : pathname.startsWith(link.to),
  );
  return (
    <nav
      aria-label={label}
      className={`section-nav${hydrated ? " enhanced" : ""}${open ? " is-open" : ""}`}
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          (document.getElementById(`${id}-toggle`) as HTMLButtonElement | null)?.focus();
        }
      }}
    >
      {hydrated ? (
        <button
          type="button"
          id={`${id}-toggle`}
          className="button secondary small section-menu-toggle"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">☰</span> {t("everyday.layout.menu")}
          {current ? <span className="current-section">· {current.label}</span> : null}
        </button>
      ) : null}
      <div className="tabs" id={`${id}-list`}>
        {links.map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end}>
            {link.label}
          </NavLink>
        ))}
      </div>
    </nav>
  );
}
