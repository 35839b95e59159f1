import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { metaT, pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { getOverview } from "~/models/overview.server";
import { RouteErrorMessage } from "~/root";
import * as clock from "~/utils/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? metaT(matches)("common.pageTitle", { title: data.partnership.name })
      : pageTitle(matches, "nav.overview"),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  return json({
    partnership: context.partnership,
    overview: await getOverview(context, clock.today()),
  });
}

export default function PartnershipOverview() {
  const { partnership, overview } = useLoaderData<typeof loader>();
  const totalProjects = overview.projectsByStatus.reduce((sum, row) => sum + row.count, 0);
  const approved = overview.projectsByStatus.find((row) => row.status === "approved")?.count ?? 0;
  const { t } = useT();
  const f = useFormat();
  return (
    <div className="stack">
      <h1>{partnership.name}</h1>
      <section aria-label={t("overview.atAGlance")} className="stat-grid">
        <div className="stat">
          <div className="value">{overview.governments.length}</div>
          <div className="label">
            {t("overview.governments", { count: overview.governments.length })}
          </div>
        </div>
        <div className="stat">
          <div className="value">{totalProjects}</div>
          <Link className="label" to={`/p/${partnership.slug}/projects`}>
            {t("overview.projects", { count: totalProjects })}
          </Link>
        </div>
        <div className="stat">
          <div className="value">{approved}</div>
          <Link className="label" to={`/p/${partnership.slug}/projects?status=approved`}>
            {t("overview.approved", { count: approved })}
          </Link>
        </div>
        <div className="stat">
          <div className="value">{overview.milestonesAtRisk}</div>
          <Link className="label" to={`/p/${partnership.slug}/board?attention=1`}>
            {t("overview.atRisk", { count: overview.milestonesAtRisk })}
          </Link>
        </div>
        <div className="stat">
          <div className="value">{overview.milestonesOverdue}</div>
          <Link className="label" to={`/p/${partnership.slug}/board?attention=1`}>
            {t("overview.overdue", { count: overview.milestonesOverdue })}
          </Link>
        </div>
      </section>
      <section className="card" aria-labelledby="governments-title">
        <h2 id="governments-title">{t("overview.participants")}</h2>
        <ul className="chip-list">
          {overview.governments.map((government) => (
            <li key={government.code} className="badge">
              {f.country(government.code)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
