import { useState } from "react";

/**
 * The version of an item as the person opened its form. A later reload of the page (a live refresh, the inbox
 * count's) must not move it: the form would remount and drop what was typed, and a save would then overwrite
 * silently what someone else saved meanwhile, instead of coming back as a conflict. It moves only when another
 * item is opened, or when `answer` changes: a lost race answered with the current version, now seen.
 */
export function useVersionAtOpen(itemId: string, version: number, answer?: unknown): number {
  const [opened, setOpened] = useState({ itemId, version, answer });
  if (opened.itemId !== itemId || opened.answer !== answer) {
    // State adjusted while rendering, as React recommends for state derived from props.
    setOpened({ itemId, version, answer });
    return version;
  }
  return opened.version;
}
