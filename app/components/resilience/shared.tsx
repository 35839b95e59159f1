/* Pieces both resilience pages show: the drafts warning and the links from a figure to its sources. */
import { useT } from "~/i18n/react";

/** The warning that the figures include the viewer's government's own drafts (private to its delegates). */
export function DraftsNote({
  memberName,
  hasDrafts = true,
}: {
  memberName: string | null;
  hasDrafts?: boolean;
}) {
  const { t } = useT();
  return (
    <div className="alert warning" role="note">
      {t(hasDrafts ? "resilience.drafts" : "resilience.draftsWithoutOutputs", {
        member: memberName,
      })}
    </div>
  );
}

/** "USGS (2025); IEA (2024)": each a link to its entry in the page's list of sources. */
export function SourceLinks({
  ids,
  names,
}: {
  ids: ReadonlyArray<string>;
  names: Readonly<Record<string, string>>;
}) {
  const { t } = useT();
  return (
    <>
      {ids.map((id, index) => (
        <span key={id}>
          {index > 0 ? t("common.listSeparator") : null}
          <a href={`#source-${id}`}>{names[id] ?? id}</a>
        </span>
      ))}
    </>
  );
}
