import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { SankeyChart, ShareBars, TrendChart } from "~/components/resilience-charts";
import {
  Assumptions,
  paramsQuery,
  ResilienceControls,
  SourceList,
} from "~/components/resilience-controls";
import {
  formatDelta,
  formatHhi,
  formatPct,
  formatQuantity,
  HHI_BAND_LABELS,
  HORIZON_YEARS,
  REST_OF_WORLD,
  SCENARIO_LABELS,
  type HhiBand,
} from "~/domain/resilience";
import {
  LINK_KIND_LABELS,
  LINK_STATUS_LABELS,
  mineralLabel,
  stageLabel,
  WorldTotalActionSchema,
} from "~/domain/supply";
import { requireParam } from "~/forms/params.server";
import { readForm, typedValues } from "~/forms/parse.server";
import { fieldErrorsFrom } from "~/forms/validation";
import { countryLabel, getResilience, groupTrajectory } from "~/models/resilience.server";
import { mineralChain, mineralProjects } from "~/models/supply-chain.server";
import { removeWorldTotal, setWorldTotal } from "~/models/world-totals.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import resilienceStyles from "~/styles/resilience.css";
import { formatMoney } from "~/utils/money";
import * as clock from "~/utils/clock.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fundingStyles },
  { rel: "stylesheet", href: resilienceStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mineralLabel ?? "Mineral"}: resilience — Lodestone` },
];

/** Countries drawn as bars: the largest, then rest of world; the table below has every country. */
const BAR_COUNTRIES = 8;
/** Rows of the list of contributing projects shown on the page. */
const LIST_ROWS = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const mineral = requireParam(params, "mineral", "mineral");
  const outcome = await getResilience(context, new URL(request.url).searchParams, clock.today());
  if (!outcome.ok) throw new Response(outcome.message, { status: outcome.status });
  const { model } = outcome;
  const entries = model.groups.filter((entry) => entry.view.mineral === mineral);
  if (entries.length === 0) throw new Response("Not found", { status: 404 });
  const projects = await mineralProjects(context, mineral, model);
  const chain = await mineralChain(context, mineral, projects);
  const stages = entries.map((entry) => {
    const { view, assessment } = entry;
    const baseline = new Map(assessment.baseline.shares.map((share) => [share.country, share]));
    const countries = assessment.projected.shares.map((projected) => {
      const before = baseline.get(projected.country);
      return {
        country: projected.country,
        name: countryLabel(projected.country),
        baselineQuantity: before ? before.quantity : 0,
        baselineShare: before ? before.sharePct : 0,
        added: assessment.addedByCountry.get(projected.country) ?? 0,
        projectedQuantity: projected.quantity,
        projectedShare: projected.sharePct,
      };
    });
    const named = countries.filter((c) => c.country !== REST_OF_WORLD);
    const bars = [
      ...named.slice(0, BAR_COUNTRIES),
      ...countries.filter((c) => c.country === REST_OF_WORLD),
    ].map((c) => ({ label: c.name, baseline: c.baselineShare, projected: c.projectedShare }));
    return {
      view,
      countries,
      bars,
      trajectory: groupTrajectory(model, entry),
    };
  });
  const used = new Set(
    stages.flatMap((stage) => [
      ...stage.view.sourceIds,
      ...(stage.view.worldTotal?.sourceIds ?? []),
    ]),
  );
  return json({
    slug: context.partnership.slug,
    mineral,
    mineralLabel: mineralLabel(mineral),
    reportingCurrency: context.partnership.reportingCurrency,
    isSecretariat: context.membership.role === "secretariat",
    memberName: context.membership.memberName,
    params: model.params,
    baselineYear: model.reference.baselineYear,
    canUseDrafts: model.canUseDrafts,
    stages,
    // The list shows the first rows; the counts are of all of them (the list grows with the portfolio).
    projects: projects.slice(0, LIST_ROWS),
    projectCounts: { all: projects.length, counted: projects.filter((p) => p.counted).length },
    chain,
    sources: Object.values(model.reference.sources).filter((source) => used.has(source.id)),
    sourceNames: Object.fromEntries(
      Object.values(model.reference.sources).map((s) => [s.id, `${s.publisher} (${s.year})`]),
    ),
  });
}

type ActionResult =
  | { ok: true; notice: string }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** The secretariat replaces (or goes back to) the dated world-total estimate of a shares-only group. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ["secretariat"]);
  const mineral = requireParam(params, "mineral", "mineral");
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const values = typedValues(read.formData);
  const parsed = WorldTotalActionSchema.safeParse(values);
  if (!parsed.success) {
    return json<ActionResult>(
      { ok: false, errors: fieldErrorsFrom(parsed.error), values },
      { status: 400 },
    );
  }
  if (parsed.data.intent === "remove-world-total") {
    const outcome = await removeWorldTotal(context, mineral, parsed.data.stage);
    if (!outcome.ok) {
      return json<ActionResult>(
        { ok: false, errors: { form: outcome.message }, values },
        { status: outcome.status },
      );
    }
    return redirect(new URL(request.url).pathname + new URL(request.url).search);
  }
  const outcome = await setWorldTotal(context, mineral, parsed.data);
  if (!outcome.ok) {
    return json<ActionResult>(
      { ok: false, errors: { form: outcome.message }, values },
      { status: outcome.status },
    );
  }
  return json<ActionResult>({
    ok: true,
    notice: "The partnership's world total is saved: every figure of this stage now uses it.",
  });
}

const CLASS_LABELS = {
  funded: "Funded",
  pipeline: "Pipeline (not yet funded)",
  draft: "Your draft",
} as const;

function FigureStat({
  label,
  baseline,
  projected,
  format,
  horizon,
}: {
  label: string;
  baseline: number;
  projected: number;
  format: (value: number) => string;
  horizon: number;
}) {
  return (
    <div className="stat">
      <dt className="label">{label}</dt>
      <dd className="value">{format(projected)}</dd>
      <dd className="change">
        in {horizon}; {format(baseline)} in the baseline ({formatDelta(projected - baseline)})
      </dd>
    </div>
  );
}

function WorldTotalForm({
  stage,
  unit,
  current,
}: {
  stage: string;
  unit: string;
  current: { year: number; value: number; source: string; setBy: string } | null;
}) {
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const failure = result && !result.ok ? result : null;
  const value = (name: string, fallback: string) => failure?.values[name] ?? fallback;
  const error = (name: string) =>
    failure?.errors[name] ? (
      <p className="field-error" id={`wt-${stage}-${name}-error`} role="alert">
        {failure.errors[name]}
      </p>
    ) : null;
  const invalid = (name: string) =>
    failure?.errors[name]
      ? { "aria-invalid": true as const, "aria-describedby": `wt-${stage}-${name}-error` }
      : {};
  return (
    <details className="card world-total-form">
      <summary>
        {current?.setBy === "secretariat"
          ? "Change the partnership's world total"
          : "Replace the estimate with the partnership's own sourced figure"}
      </summary>
      <Form method="post" className="form" preventScrollReset>
        {failure?.errors.form ? (
          <div role="alert" className="alert error">
            {failure.errors.form}
          </div>
        ) : null}
        {result?.ok ? (
          <div role="status" className="alert success">
            {result.notice}
          </div>
        ) : null}
        <input type="hidden" name="stage" value={stage} />
        <div className="field">
          <label htmlFor={`wt-${stage}-worldTotal`}>World total ({unit} a year)</label>
          <input
            id={`wt-${stage}-worldTotal`}
            name="worldTotal"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={value("worldTotal", "")}
            {...invalid("worldTotal")}
          />
          {error("worldTotal")}
        </div>
        <div className="field">
          <label htmlFor={`wt-${stage}-year`}>Year the figure is for</label>
          <input
            id={`wt-${stage}-year`}
            name="year"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={value("year", "")}
            {...invalid("year")}
          />
          {error("year")}
        </div>
        <div className="field">
          <label htmlFor={`wt-${stage}-source`}>Source (publisher, title, year)</label>
          <input
            id={`wt-${stage}-source`}
            name="source"
            autoComplete="off"
            defaultValue={value("source", "")}
            {...invalid("source")}
          />
          {error("source")}
        </div>
        <div className="field">
          <label htmlFor={`wt-${stage}-sourceUrl`}>Address of the source (optional)</label>
          <input
            id={`wt-${stage}-sourceUrl`}
            name="sourceUrl"
            type="url"
            autoComplete="off"
            defaultValue={value("sourceUrl", "")}
            {...invalid("sourceUrl")}
          />
          {error("sourceUrl")}
        </div>
        <div className="field">
          <label htmlFor={`wt-${stage}-note`}>How it was derived (optional)</label>
          <input
            id={`wt-${stage}-note`}
            name="note"
            autoComplete="off"
            defaultValue={value("note", "")}
            {...invalid("note")}
          />
          {error("note")}
        </div>
        <div className="row">
          <button type="submit" className="button" name="intent" value="set-world-total">
            {navigation.state === "submitting" ? "Saving…" : "Save the world total"}
          </button>
          {current?.setBy === "secretariat" ? (
            <button
              type="submit"
              className="button secondary"
              name="intent"
              value="remove-world-total"
            >
              Go back to the dataset&rsquo;s estimate
            </button>
          ) : null}
        </div>
      </Form>
    </details>
  );
}

export default function MineralPage() {
  const data = useLoaderData<typeof loader>();
  const { params, stages, projects, chain, reportingCurrency } = data;
  const base = `/p/${data.slug}`;
  const query = paramsQuery(params);
  const horizon = params.horizon;
  const { all, counted } = data.projectCounts;
  return (
    <div className="stack resilience">
      <nav aria-label="Breadcrumb" className="breadcrumb small-print">
        <Link to={`${base}/resilience?${query}`}>Resilience</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{data.mineralLabel}</span>
      </nav>
      <h1>{data.mineralLabel}</h1>
      <p className="lead">
        {stages
          .map(
            (s) =>
              `${s.view.stageLabel}: HHI ${formatHhi(s.view.baseline.hhi)} (${s.view.year}) → ${formatHhi(s.view.projected.hhi)} (${horizon})`,
          )
          .join(" · ")}
        . {SCENARIO_LABELS[params.scenario]} scenario.
      </p>
      <ResilienceControls
        params={params}
        baselineYear={data.baselineYear}
        lastYear={data.baselineYear + HORIZON_YEARS}
        canUseDrafts={data.canUseDrafts}
        exportBase={base}
      />
      {params.scenario === "with-my-drafts" ? (
        <div className="alert warning" role="note">
          Includes {data.memberName}&rsquo;s own draft projects: these figures are private to your
          government&rsquo;s delegates.
        </div>
      ) : null}
      <Assumptions params={params} baselineYear={data.baselineYear} />
      {stages.length > 1 ? (
        <nav aria-label="Stages" className="tabs">
          {stages.map((s) => (
            <a key={s.view.stage} href={`#${s.view.stage}`}>
              {s.view.stageLabel}
            </a>
          ))}
          <a href="#projects">Projects</a>
          <a href="#chain">Supply chain</a>
        </nav>
      ) : null}

      {stages.map(({ view, countries, bars, trajectory }) => (
        <section
          key={view.stage}
          id={view.stage}
          className="stage-section card"
          aria-labelledby={`${view.stage}-title`}
        >
          <h2 id={`${view.stage}-title`}>
            {view.stageLabel}
            {view.estimated ? <span className="estimate">estimate</span> : null}
          </h2>
          <p className="small-print">
            Baseline: {view.year}, in {view.unit}
            {view.printedUnit !== view.unit ? ` (published in ${view.printedUnit})` : ""}. Source:{" "}
            {view.sourceIds.map((id, index) => (
              <span key={id}>
                {index > 0 ? "; " : ""}
                <a href={`#source-${id}`}>{data.sourceNames[id] ?? id}</a>
              </span>
            ))}
            .
          </p>
          {view.estimated ? (
            <div className="alert warning" role="note">
              The source gives only shares for this stage. Every quantity here, and every projected
              figure, is an <strong>estimate</strong> that uses a world total of{" "}
              {view.worldTotal
                ? `${formatQuantity(view.worldTotal.value)} ${view.worldTotal.unit} (${view.worldTotal.year}), ${
                    view.worldTotal.setBy === "secretariat"
                      ? `set by the secretariat from: ${view.worldTotal.source}`
                      : `estimated from: ${view.worldTotal.source}`
                  }${view.worldTotal.note ? ` — ${view.worldTotal.note}` : ""}`
                : "none: projects cannot be added until one is set"}
              .
            </div>
          ) : null}
          {view.estimated && data.isSecretariat ? (
            <WorldTotalForm
              stage={view.stage}
              unit={view.unit}
              current={
                view.worldTotal
                  ? {
                      year: view.worldTotal.year,
                      value: view.worldTotal.value,
                      source: view.worldTotal.source,
                      setBy: view.worldTotal.setBy,
                    }
                  : null
              }
            />
          ) : null}
          <dl className="figures-grid">
            <FigureStat
              label="HHI"
              baseline={view.baseline.hhi}
              projected={view.projected.hhi}
              format={formatHhi}
              horizon={horizon}
            />
            <FigureStat
              label={`Top producer: ${view.projected.top1?.name ?? "—"}`}
              baseline={view.baseline.top1?.sharePct ?? 0}
              projected={view.projected.top1?.sharePct ?? 0}
              format={(v) => formatPct(v)}
              horizon={horizon}
            />
            <FigureStat
              label="Top 3"
              baseline={view.baseline.top3Pct}
              projected={view.projected.top3Pct}
              format={(v) => formatPct(v)}
              horizon={horizon}
            />
            <FigureStat
              label="Partner share"
              baseline={view.baseline.partnerPct}
              projected={view.projected.partnerPct}
              format={(v) => formatPct(v)}
              horizon={horizon}
            />
          </dl>
          <p className="small-print muted">
            {HHI_BAND_LABELS[view.baseline.band as HhiBand]} in {view.year};{" "}
            {HHI_BAND_LABELS[view.projected.band as HhiBand].toLowerCase()} in {horizon}.
          </p>
          <ShareBars
            id={`shares-${view.stage}`}
            title={`${data.mineralLabel}, ${view.stageLabel.toLowerCase()}: share of world supply by country, ${view.year} and ${horizon}`}
            rows={bars}
            baselineLabel={`Baseline (${view.year})`}
            projectedLabel={`${horizon}, ${SCENARIO_LABELS[params.scenario].toLowerCase()}`}
          />
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                {view.stageLabel}: countries, baseline and {horizon}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Country</th>
                  <th scope="col" className="num">
                    {view.year} ({view.unit})
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                  <th scope="col" className="num">
                    Projects add
                  </th>
                  <th scope="col" className="num">
                    {horizon}
                  </th>
                  <th scope="col" className="num">
                    Share
                  </th>
                </tr>
              </thead>
              <tbody>
                {countries.map((c) => (
                  <tr key={c.country}>
                    <th scope="row">{c.name}</th>
                    <td className="num">
                      {c.baselineQuantity === null
                        ? "withheld"
                        : formatQuantity(c.baselineQuantity)}
                    </td>
                    <td className="num">
                      {c.baselineShare === null ? "—" : formatPct(c.baselineShare)}
                    </td>
                    <td className="num">{c.added ? formatQuantity(c.added) : "—"}</td>
                    <td className="num">
                      {c.projectedQuantity === null
                        ? "withheld"
                        : formatQuantity(c.projectedQuantity)}
                    </td>
                    <td className="num">
                      {c.projectedShare === null ? "—" : formatPct(c.projectedShare)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="chart-pair">
            <TrendChart
              id={`hhi-${view.stage}`}
              title={`Projected HHI by year (dashed: baseline ${view.year})`}
              points={trajectory.map((p) => ({ year: p.year, value: p.hhi }))}
              kind="hhi"
              baseline={view.baseline.hhi}
              baselineYear={view.year}
            />
            <TrendChart
              id={`partner-${view.stage}`}
              title={`Projected partner share by year (dashed: baseline ${view.year})`}
              points={trajectory.map((p) => ({ year: p.year, value: p.partnerPct }))}
              kind="pct"
              baseline={view.baseline.partnerPct}
              baselineYear={view.year}
            />
          </div>
          <details>
            <summary>The figures by year</summary>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">
                  {view.stageLabel}: projected HHI and partner share by year
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Year</th>
                    <th scope="col" className="num">
                      HHI
                    </th>
                    <th scope="col" className="num">
                      Partner share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trajectory.map((p) => (
                    <tr key={p.year}>
                      <th scope="row">{p.year}</th>
                      <td className="num">{formatHhi(p.hhi)}</td>
                      <td className="num">{formatPct(p.partnerPct)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
      ))}

      <section id="projects" className="stack" aria-labelledby="projects-title">
        <h2 id="projects-title">Projects that contribute</h2>
        <p className="section-lead muted">
          {counted} of {all} outputs you can see count in {horizon} in the{" "}
          {SCENARIO_LABELS[params.scenario].toLowerCase()} scenario.
          {all > projects.length ? ` The first ${projects.length} are listed.` : ""}
        </p>
        {projects.length === 0 ? (
          <p className="muted">
            No project you can see produces {data.mineralLabel.toLowerCase()}.
          </p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Projects producing {data.mineralLabel}</caption>
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Stage</th>
                  <th scope="col" className="num">
                    Capacity a year
                  </th>
                  <th scope="col">First output</th>
                  <th scope="col">Funding</th>
                  <th scope="col">Counts in {horizon}</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={`${p.projectId}:${p.stage}`}>
                    <th scope="row">
                      <Link to={`${base}/projects/${p.projectId}`}>{p.name}</Link>
                      <span className="source">{p.hostName}</span>
                    </th>
                    <td>{stageLabel(p.stage)}</td>
                    <td className="num">
                      {formatQuantity(p.capacity)} {p.unit}
                    </td>
                    <td>{p.firstYear}</td>
                    <td>
                      <span className={`badge class-${p.projectClass ?? "none"}`}>
                        {p.projectClass
                          ? CLASS_LABELS[p.projectClass]
                          : `Not in a scenario (${p.status})`}
                      </span>
                      {p.projectClass === "pipeline" && p.gapMinor !== null ? (
                        <span className="source">
                          Gap {formatMoney(p.gapMinor, reportingCurrency)}
                        </span>
                      ) : null}
                    </td>
                    <td>{p.counted ? "Yes" : "No"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section id="chain" className="stack" aria-labelledby="chain-title">
        <h2 id="chain-title">Supply chain</h2>
        <p className="section-lead muted">
          Who supplies whom, from the links recorded between projects (mining → refining → magnets).
          Each stage is measured in its own unit, so band widths compare links between the same two
          stages only; the table gives tonnes per year.
        </p>
        {chain.flags.length > 0 ? (
          <div className="alert warning" role="note">
            <ul className="flag-list">
              {chain.flags.map((flag) => (
                <li key={flag.projectId}>
                  <Link to={`${base}/projects/${flag.projectId}/supply`}>{flag.name}</Link> (
                  {stageLabel(flag.stage).toLowerCase()}):{" "}
                  {flag.flag === "no-link"
                    ? "no supply link recorded"
                    : "its supply is only under negotiation, nothing contracted"}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {chain.links.length === 0 ? (
          <p className="muted">No supply link between projects you can see.</p>
        ) : (
          <>
            <SankeyChart
              id="chain-sankey"
              title={`${data.mineralLabel}: supply links between projects`}
              chain={chain}
            />
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Supply links for {data.mineralLabel}</caption>
                <thead>
                  <tr>
                    <th scope="col">Supplier</th>
                    <th scope="col">Buyer</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="num">
                      Tonnes a year
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {chain.links.map((link) => (
                    <tr key={link.id}>
                      <th scope="row">
                        <Link to={`${base}/projects/${link.supplierId}/supply`}>
                          {link.supplierName}
                        </Link>
                      </th>
                      <td>
                        <Link to={`${base}/projects/${link.buyerId}/supply`}>{link.buyerName}</Link>
                      </td>
                      <td>{LINK_KIND_LABELS[link.kind]}</td>
                      <td className="num">
                        {formatQuantity(link.tonnes)}
                        {link.unit ? ` (${link.unit})` : ""}
                      </td>
                      <td>{LINK_STATUS_LABELS[link.status]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <SourceList sources={data.sources} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
