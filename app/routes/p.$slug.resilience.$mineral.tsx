import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { useResilienceFormat } from "~/components/resilience/format";
import { MineralProjects } from "~/components/resilience/mineral-projects";
import { StageSection } from "~/components/resilience/stage-section";
import { SupplyChainSection } from "~/components/resilience/supply-chain";
import type { WorldTotalResult } from "~/components/resilience/world-total-form";
import {
  paramsQuery,
  resilienceLinks,
  ResilienceSettings,
  SourceList,
} from "~/components/resilience-controls";
import { REST_OF_WORLD } from "~/domain/resilience";
import { WorldTotalActionSchema } from "~/domain/supply";
import { requireParam } from "~/forms/params.server";
import { readForm, typedValues } from "~/forms/parse.server";
import { fieldErrorsFrom } from "~/forms/validation";
import { pageTitle } from "~/i18n/meta";
import { msg } from "~/i18n/message";
import { useT } from "~/i18n/react";
import { resilienceFor, resilienceSources } from "~/models/resilience.server";
import { groupTrajectory } from "~/models/resilience.server";
import { LIST_ROWS, mineralChain, mineralProjects } from "~/models/supply-chain.server";
import { pageOf } from "~/domain/projects/filters";
import { removeWorldTotal, setWorldTotal } from "~/models/world-totals.server";
import { RouteErrorMessage } from "~/root";
import * as clock from "~/utils/clock.server";

export const links = resilienceLinks;
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(matches, "resilience.mineral.title", {
      mineral: data?.mineral ? { $message: `vocabulary.mineral.${data.mineral}` } : "",
    }),
  },
];

/** Countries drawn as bars: the largest, then rest of world; the table below has every country. */
const BAR_COUNTRIES = 8;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const mineral = requireParam(params, "mineral", "mineral");
  const model = await resilienceFor(context, request, clock.today());
  const entries = model.groups.filter((entry) => entry.view.mineral === mineral);
  if (entries.length === 0) throw new Response(msg("errors.notFound"), { status: 404 });
  const page = pageOf(new URL(request.url).searchParams.get("projectsPage"));
  const projects = await mineralProjects(context, mineral, model, page);
  const chain = await mineralChain(context, mineral);
  const stages = entries.map((entry) => ({
    view: entry.view,
    ...countryRows(entry.assessment),
    trajectory: groupTrajectory(model, entry),
  }));
  return json({
    slug: context.partnership.slug,
    mineral,
    reportingCurrency: context.partnership.reportingCurrency,
    isSecretariat: context.membership.role === "secretariat",
    memberName: context.membership.memberName,
    params: model.params,
    baselineYear: model.reference.baselineYear,
    canUseDrafts: model.canUseDrafts,
    stages,
    // One page of the list and the counts of all (the list grows with the portfolio; the page does not).
    projects: projects.rows,
    projectCounts: projects.counts,
    projectsPage: { page: projects.page, pageCount: projects.pageCount, rowsPerPage: LIST_ROWS },
    chain,
    ...resilienceSources(
      model,
      stages.flatMap(({ view }) => [...view.sourceIds, ...(view.worldTotal?.sourceIds ?? [])]),
    ),
  });
}

type Assessment = Parameters<typeof groupTrajectory>[1]["assessment"];

/** Every country of a stage, baseline beside projected, and the few the chart draws as bars. */
function countryRows(assessment: Assessment) {
  const baseline = new Map(assessment.baseline.shares.map((share) => [share.country, share]));
  const countries = assessment.projected.shares.map((projected) => {
    const before = baseline.get(projected.country);
    return {
      country: projected.country,
      baselineQuantity: before ? before.quantity : 0,
      baselineShare: before ? before.sharePct : 0,
      added: assessment.addedByCountry.get(projected.country) ?? 0,
      projectedQuantity: projected.quantity,
      projectedShare: projected.sharePct,
    };
  });
  const bars = [
    ...countries.filter((c) => c.country !== REST_OF_WORLD).slice(0, BAR_COUNTRIES),
    ...countries.filter((c) => c.country === REST_OF_WORLD),
  ].map((c) => ({ country: c.country, baseline: c.baselineShare, projected: c.projectedShare }));
  return { countries, bars };
}

/** The secretariat replaces (or goes back to) the dated world-total estimate of a shares-only group. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ["secretariat"]);
  const mineral = requireParam(params, "mineral", "mineral");
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const values = typedValues(read.formData);
  const parsed = WorldTotalActionSchema.safeParse(values);
  if (!parsed.success) {
    return json<WorldTotalResult>(
      { ok: false, errors: fieldErrorsFrom(parsed.error), values },
      { status: 400 },
    );
  }
  const outcome =
    parsed.data.intent === "remove-world-total"
      ? await removeWorldTotal(context, mineral, parsed.data.stage)
      : await setWorldTotal(context, mineral, parsed.data);
  if (!outcome.ok) {
    return json<WorldTotalResult>(
      { ok: false, errors: { form: outcome.message }, values },
      { status: outcome.status },
    );
  }
  if (parsed.data.intent === "remove-world-total") {
    return redirect(new URL(request.url).pathname + new URL(request.url).search);
  }
  return json<WorldTotalResult>({ ok: true, notice: msg("resilience.worldTotal.saved") });
}

export default function MineralPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useResilienceFormat();
  const { params, stages } = data;
  const base = `/p/${data.slug}`;
  const mineralName = f.mineral(data.mineral);
  const context = {
    horizon: params.horizon,
    scenario: params.scenario,
    sourceNames: data.sourceNames,
    isSecretariat: data.isSecretariat,
  };
  return (
    <div className="stack resilience">
      <nav aria-label={t("resilience.mineral.breadcrumb")} className="breadcrumb small-print">
        <Link to={`${base}/resilience?${paramsQuery(params)}`}>{t("resilience.title")}</Link>{" "}
        <span aria-hidden="true">/</span> <span aria-current="page">{mineralName}</span>
      </nav>
      <h1>{mineralName}</h1>
      <p className="lead">
        {stages
          .map(({ view }) =>
            t("resilience.mineral.lead", {
              stage: f.stage(view.stage),
              baseline: f.hhi(view.baseline.hhi),
              year: view.year,
              projected: f.hhi(view.projected.hhi),
              horizon: params.horizon,
            }),
          )
          .join(" · ")}
        .{" "}
        {t("resilience.mineral.scenario", {
          scenario: t(`vocabulary.scenario.${params.scenario}`),
        })}
      </p>
      <ResilienceSettings
        params={params}
        baselineYear={data.baselineYear}
        canUseDrafts={data.canUseDrafts}
        exportBase={base}
        memberName={data.memberName}
      />
      {stages.length > 1 ? (
        <nav aria-label={t("resilience.mineral.stages")} className="tabs">
          {stages.map(({ view }) => (
            <a key={view.stage} href={`#${view.stage}`}>
              {f.stage(view.stage)}
            </a>
          ))}
          <a href="#projects">{t("resilience.mineral.projectsTab")}</a>
          <a href="#chain">{t("resilience.mineral.chainTab")}</a>
        </nav>
      ) : null}
      {stages.map((stage) => (
        <StageSection key={stage.view.stage} stage={stage} context={context} />
      ))}
      <MineralProjects
        base={base}
        mineral={data.mineral}
        projects={data.projects}
        counts={data.projectCounts}
        {...data.projectsPage}
        horizon={params.horizon}
        scenario={params.scenario}
        reportingCurrency={data.reportingCurrency}
      />
      <SupplyChainSection base={base} mineral={data.mineral} chain={data.chain} />
      <SourceList sources={data.sources} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
