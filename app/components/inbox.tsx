/*
 * The inbox's place in the header: a link with the unread count, kept current by the partnership's event
 * stream (an `inbox` event names nothing: the page refetches its loaders, under the reader's RLS).
 */
import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT } from "~/i18n/react";

export function useInboxUpdates(slug: string) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  useEffect(() => {
    revalidate.current = revalidator.revalidate;
  });
  useEffect(() => {
    const source = new EventSource(`/p/${encodeURIComponent(slug)}/events`);
    source.addEventListener("inbox", () => revalidate.current());
    return () => source.close();
  }, [slug]);
}

export function InboxLink({ slug, unread }: { slug: string; unread: number }) {
  const { t } = useT();
  useInboxUpdates(slug);
  return (
    <Link
      to={`/p/${slug}/inbox`}
      className="inbox-link"
      aria-label={`${t("collaboration.inbox.navLabel")} (${t("collaboration.inbox.unreadBadge", { count: unread })})`}
    >
      {t("collaboration.inbox.navLabel")}
      {unread > 0 ? (
        <span className="badge" data-testid="unread-count">
          {unread}
        </span>
      ) : null}
    </Link>
  );
}
