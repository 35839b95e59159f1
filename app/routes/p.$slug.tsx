import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { ReadOnlyBanner } from "~/components/read-only-banner";
import { reaches, ROLE_LABELS, type Section } from "~/domain/permissions";
import { RouteErrorMessage } from "~/root";
import { partnershipShouldRevalidate } from "~/utils/revalidation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partnership, membership } = await requireMember(request, params.slug);
  return json({ partnership, membership, writable: partnership.writable });
}

/** Reloaded only when what it shows can have changed (ADR 073). */
export const shouldRevalidate = partnershipShouldRevalidate;

export default function PartnershipLayout() {
  const { partnership, membership, writable } = useLoaderData<typeof loader>();
  const base = `/p/${partnership.slug}`;
  /** A tab for the members whose role reaches `section`. */
  const only = (section: Section, link: { to: string; label: string; end: boolean }) =>
    reaches(membership.role, section) ? [link] : [];
  const links = [
    { to: base, label: "Overview", end: true },
    { to: `${base}/board`, label: "Board", end: false },
    { to: `${base}/projects`, label: "Projects", end: false },
    { to: `${base}/timeline`, label: "Timeline", end: false },
    ...only("review", { to: `${base}/review`, label: "Review", end: false }),
    { to: `${base}/pledges`, label: "Pledges", end: false },
    { to: `${base}/portfolio`, label: "Portfolio", end: false },
    { to: `${base}/resilience`, label: "Resilience", end: false },
    ...only("fxRates", { to: `${base}/fx-rates`, label: "FX rates", end: false }),
    ...only("people", { to: `${base}/people`, label: "People", end: false }),
    ...only("billing", { to: `${base}/billing`, label: "Billing", end: false }),
    ...only("payments", { to: `${base}/payments`, label: "Payments", end: false }),
  ];
  return (
    <div className="stack">
      <div className="partnership-bar">
        <div>
          <p className="eyebrow">{partnership.name}</p>
          <p className="muted small-print">
            {ROLE_LABELS[membership.role]}
            {membership.memberName ? ` · ${membership.memberName}` : ""}
            {membership.sponsorOrganisationName ? ` · ${membership.sponsorOrganisationName}` : ""}
          </p>
        </div>
        <nav aria-label={`${partnership.name} sections`} className="tabs">
          {links.map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          ))}
        </nav>
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
