import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { InboxLink } from "~/components/inbox";
import { ReadOnlyBanner } from "~/components/read-only-banner";
import { SectionNav } from "~/components/section-nav";
import { reaches, type Section } from "~/domain/permissions";
import type { MessageKey } from "~/i18n/message";
import { useFormat, useT } from "~/i18n/react";
import { RouteErrorMessage } from "~/root";
import { partnershipShouldRevalidate } from "~/utils/revalidation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The inbox count comes with the membership: one statement for the request's context (ADR 164).
  const { partnership, membership, unread } = await requireMember(request, params.slug);
  return json({ partnership, membership, writable: partnership.writable, unread });
}

/** Reloaded only when what it shows can have changed (ADR 073). */
export const shouldRevalidate = partnershipShouldRevalidate;

export default function PartnershipLayout() {
  const { partnership, membership, writable, unread } = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  const base = `/p/${partnership.slug}`;
  /** A tab for the members whose role reaches `section`. */
  const only = (section: Section, link: { to: string; label: MessageKey; end: boolean }) =>
    reaches(membership.role, section) ? [link] : [];
  const links: Array<{ to: string; label: MessageKey; end: boolean }> = [
    { to: base, label: "nav.overview", end: true },
    { to: `${base}/board`, label: "nav.board", end: false },
    { to: `${base}/projects`, label: "nav.projects", end: false },
    { to: `${base}/timeline`, label: "nav.timeline", end: false },
    ...only("review", { to: `${base}/review`, label: "nav.review", end: false }),
    { to: `${base}/pledges`, label: "nav.pledges", end: false },
    { to: `${base}/portfolio`, label: "nav.portfolio", end: false },
    { to: `${base}/resilience`, label: "nav.resilience", end: false },
    ...only("sharing", { to: `${base}/technology`, label: "technology.nav", end: false }),
    ...only("sharing", { to: `${base}/actions`, label: "actions.nav", end: false }),
    ...only("sharing", { to: `${base}/meetings`, label: "meetings.nav", end: false }),
    ...only("fxRates", { to: `${base}/fx-rates`, label: "nav.fxRates", end: false }),
    { to: `${base}/report`, label: "nav.report", end: false },
    ...only("publish", { to: `${base}/publication`, label: "nav.publication", end: false }),
    ...only("people", { to: `${base}/people`, label: "nav.people", end: false }),
    ...only("billing", { to: `${base}/billing`, label: "nav.billing", end: false }),
    ...only("payments", { to: `${base}/payments`, label: "nav.payments", end: false }),
  ];
  return (
    <div className="stack">
      <div className="partnership-bar">
        <div>
          <p className="eyebrow">{partnership.name}</p>
          <p className="muted small-print">
            {t(`vocabulary.role.${membership.role}`)}
            {membership.memberCode ? ` · ${f.country(membership.memberCode)}` : ""}
            {membership.sponsorOrganisationName ? ` · ${membership.sponsorOrganisationName}` : ""}
          </p>
          <InboxLink slug={partnership.slug} unread={unread} />
        </div>
        <SectionNav
          label={t("nav.sections", { partnership: partnership.name })}
          links={links.map((link) => ({ ...link, label: t(link.label) }))}
        />
      </div>
      {writable ? null : (
        <ReadOnlyBanner
          slug={partnership.slug}
          isSecretariat={reaches(membership.role, "billing")}
        />
      )}
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
