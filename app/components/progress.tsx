/*
 * Global progress (issue 12): a thin bar at the top of the window while a page loads or a form is being sent,
 * by navigation or by a fetcher (a card's move, a filter). Screen readers hear "Loading…" once, politely. The
 * bar waits a moment before it shows, so quick answers do not flicker.
 */
import { useFetchers, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useT } from "~/i18n/react";

export function GlobalProgress() {
  const { t } = useT();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy = navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setLate(true), 150);
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [busy]);
  const shown = busy && late;
  return (
    <div className="global-progress" data-busy={busy ? "true" : "false"}>
      <div className={shown ? "global-progress-bar is-shown" : "global-progress-bar"} />
      {/* aria-live without role="status": a page's own status messages stay the only ones. */}
      <span className="visually-hidden" aria-live="polite">
        {shown ? t("everyday.layout.loading") : ""}
      </span>
    </div>
  );
}
