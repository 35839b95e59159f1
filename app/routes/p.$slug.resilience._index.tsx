import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { ConcentrationSection } from "~/components/resilience/concentration";
import { useResilienceFormat } from "~/components/resilience/format";
import { NextPledgeSection } from "~/components/resilience/next-pledge";
import {
  paramsQuery,
  resilienceLinks,
  ResilienceSettings,
  SourceList,
} from "~/components/resilience-controls";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { nextPledgeTop, resilienceFor, resilienceSources } from "~/models/resilience.server";
import { RouteErrorMessage } from "~/root";
import * as clock from "~/utils/clock.server";

export const links = resilienceLinks;
export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "resilience.title") },
];

/** Rows of the ranking shown on the page. */
const LIST_ROWS = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const model = await resilienceFor(context, request, clock.today());
  const role = context.membership.role;
  const ranked =
    role === "delegate" || role === "secretariat"
      ? await nextPledgeTop(context, model, LIST_ROWS)
      : null;
  return json({
    slug: context.partnership.slug,
    reportingCurrency: context.partnership.reportingCurrency,
    memberName: context.membership.memberName,
    params: model.params,
    baselineYear: model.reference.baselineYear,
    reference: { version: model.reference.version, loadedAt: model.reference.loadedAt },
    canUseDrafts: model.canUseDrafts,
    hasDrafts: model.hasDrafts,
    rows: model.groups.map(({ view }) => view),
    ...resilienceSources(
      model,
      model.groups.flatMap(({ view }) => view.sourceIds),
    ),
    // The page shows the highest-ranked rows and counts the rest, which are never read (ADR 168).
    pledges: ranked?.rows ?? null,
    pledgeCount: ranked?.count ?? 0,
  });
}

export default function ResiliencePage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useResilienceFormat();
  const { params, rows, pledges } = data;
  const base = `/p/${data.slug}`;
  const query = paramsQuery(params);
  const horizon = params.horizon;
  const example = rows.find((r) => r.key === "rare_earths:refining");
  return (
    <div className="stack resilience">
      <h1>{t("resilience.index.title")}</h1>
      <p className="lead">
        {t("resilience.index.lead", { horizon })}
        {example
          ? ` ${t("resilience.index.example", {
              baseline: f.hhi(example.baseline.hhi),
              year: example.year,
              projected: f.hhi(example.projected.hhi),
              horizon,
              scenario: t(`vocabulary.scenario.${params.scenario}`),
            })}`
          : ""}
      </p>
      <ResilienceSettings
        params={params}
        baselineYear={data.baselineYear}
        canUseDrafts={data.canUseDrafts}
        exportBase={base}
        memberName={data.memberName}
        hasDrafts={data.hasDrafts}
      />
      <ConcentrationSection
        rows={rows}
        context={{ base, query, horizon, sourceNames: data.sourceNames }}
        reference={data.reference}
      />
      {pledges ? (
        <NextPledgeSection
          pledges={pledges}
          pledgeCount={data.pledgeCount}
          context={{ base, query, horizon, currency: data.reportingCurrency }}
        />
      ) : null}
      <SourceList sources={data.sources} note={t("resilience.sources.asPublished")} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
