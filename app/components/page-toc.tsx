/*
 * An in-page table of contents (issue 12): a long page (the portfolio) lists its sections at the top, each a
 * link to its heading, so a reader jumps to "Tranche schedule by quarter" instead of tabbing through every
 * table before it.
 */
import { useId } from "react";
import { useT } from "~/i18n/react";

export function PageToc({ sections }: { sections: ReadonlyArray<{ id: string; label: string }> }) {
  const { t } = useT();
  const id = useId();
  return (
    <nav className="page-toc" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("everyday.layout.onThisPage")}</h2>
      <ol>
        {sections.map((section) => (
          <li key={section.id}>
            <a href={`#${section.id}`}>{section.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
