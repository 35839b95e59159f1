/*
 * The inbox's place in the header: a link with the unread count, kept current by the partnership's event
 * stream (an `inbox` event names nothing: the count is fetched again, under the reader's RLS, and the page's
 * own loaders run again so an open inbox shows the new notification). The partnership's layout is not
 * reloaded for it (ADR 073): the count comes from the inbox's loader through a fetcher.
 */
import { Link, useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { listen } from "~/components/event-stream";
import { useT } from "~/i18n/react";

export function useInboxUpdates(slug: string, onInbox: () => void) {
  const revalidator = useRevalidator();
  const handlers = useRef({ revalidate: revalidator.revalidate, onInbox });
  useEffect(() => {
    handlers.current = { revalidate: revalidator.revalidate, onInbox };
  });
  useEffect(
    () =>
      // The tab's one stream for the partnership, shared with the page's live revalidation.
      listen(slug, {
        on: {
          inbox: () => {
            handlers.current.onInbox();
            handlers.current.revalidate();
          },
        },
      }),
    [slug],
  );
}

export function InboxLink({ slug, unread }: { slug: string; unread: number }) {
  const { t } = useT();
  const fetcher = useFetcher<{ unread: number }>();
  // The newer of two counts: the layout's (on load, and after the inbox's own forms) and the fetcher's (after
  // an event; Remix reloads it after actions too). Derived while rendering, when either source changes.
  const [shown, setShown] = useState({ unread, data: fetcher.data, count: unread });
  if (shown.unread !== unread) {
    setShown({ ...shown, unread, count: unread });
  } else if (shown.data !== fetcher.data && typeof fetcher.data?.unread === "number") {
    setShown({ ...shown, data: fetcher.data, count: fetcher.data.unread });
  }
  const count = shown.count;
  useInboxUpdates(slug, () => fetcher.load(`/p/${encodeURIComponent(slug)}/inbox`));
  return (
    <Link
      to={`/p/${slug}/inbox`}
      className="inbox-link"
      aria-label={`${t("collaboration.inbox.navLabel")} (${t("collaboration.inbox.unreadBadge", { count })})`}
    >
      {t("collaboration.inbox.navLabel")}
      {count > 0 ? (
        <span className="badge" data-testid="unread-count">
          {count}
        </span>
      ) : null}
    </Link>
  );
}
