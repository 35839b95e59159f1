import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { ROLE_LABELS } from "~/auth/schemas";
import { RouteErrorMessage } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { partnership, membership } = await requireMember(request, params.slug);
  return json({ partnership, membership });
}

export default function PartnershipLayout() {
  const { partnership, membership } = useLoaderData<typeof loader>();
  const base = `/p/${partnership.slug}`;
  const links = [
    { to: base, label: "Overview", end: true },
    ...(membership.role === "secretariat"
      ? [{ to: `${base}/people`, label: "People", end: false }]
      : []),
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
      <Outlet />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
