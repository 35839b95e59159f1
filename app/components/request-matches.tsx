/* The requester's dashboard panel: each open request of the member's government with the offers matching it. */
import { Link } from "@remix-run/react";
import type { TechnologyCategory, TechnologyStatus } from "~/domain/technology";
import { useT } from "~/i18n/react";
import { StatusBadge } from "./technology";

export interface RequestMatchesView {
  request: { id: string; title: string; category: TechnologyCategory; status: TechnologyStatus };
  matches: Array<{ id: string; title: string; ownerName: string; trl: number }>;
}

export function RequestMatchesPanel({
  slug,
  requests,
}: {
  slug: string;
  requests: readonly RequestMatchesView[];
}) {
  const { t } = useT();
  if (requests.length === 0) return null;
  return (
    <section className="card" aria-labelledby="request-matches-title">
      <h2 id="request-matches-title">{t("technology.matches.dashboardTitle")}</h2>
      <p className="muted">{t("technology.matches.dashboardLead")}</p>
      <ul className="match-list">
        {requests.map(({ request, matches }) => (
          <li key={request.id}>
            <Link to={`/p/${slug}/technology/requests/${request.id}`}>{request.title}</Link>{" "}
            <StatusBadge status={request.status} /> ·{" "}
            {t("technology.matches.count", { count: matches.length })}
            {matches.length > 0 ? (
              <ol className="match-list">
                {matches.map((offer) => (
                  <li key={offer.id}>
                    <Link to={`/p/${slug}/technology/offers/${offer.id}`}>{offer.title}</Link> —{" "}
                    {offer.ownerName} · {t(`technology.trl.${offer.trl as 1}`)}
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A participant chip that opens the government's country page. */
export function CountryChip({ slug, code, name }: { slug: string; code: string; name: string }) {
  const { t } = useT();
  return (
    <Link
      className="badge"
      to={`/p/${slug}/countries/${code}`}
      aria-label={t("country.chipLabel", { government: name })}
    >
      {name}
    </Link>
  );
}
