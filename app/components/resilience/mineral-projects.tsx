/* The mineral page's list of the projects that produce it, and whether each counts at the horizon. */
import { Link } from "@remix-run/react";
import type { Scenario } from "~/domain/resilience";
import { useFormat, useT } from "~/i18n/react";
import type { ContributingProject } from "~/models/supply-chain.server";
import { useResilienceFormat } from "./format";
import { Pagination } from "~/components/pagination";
import { TableHead } from "~/components/table-head";

type ProjectClass = NonNullable<ContributingProject["projectClass"]>;
const CLASS_KEYS = {
  funded: "resilience.projects.funded",
  pipeline: "resilience.projects.pipeline",
  draft: "resilience.projects.draft",
} as const satisfies Record<ProjectClass, string>;

export function MineralProjects({
  base,
  mineral,
  projects,
  counts,
  page,
  pageCount,
  rowsPerPage,
  horizon,
  scenario,
  reportingCurrency,
}: {
  base: string;
  mineral: string;
  projects: ContributingProject[];
  counts: { all: number; counted: number };
  /** The list is paged (ADR 162): a ministry's mineral can have thousands of contributing outputs. */
  page: number;
  pageCount: number;
  rowsPerPage: number;
  horizon: number;
  scenario: Scenario;
  reportingCurrency: string;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const mineralName = f.mineral(mineral);
  return (
    <section id="projects" className="stack" aria-labelledby="projects-title">
      <h2 id="projects-title">{t("resilience.projects.title")}</h2>
      <p className="section-lead muted">
        {t("resilience.projects.lead", {
          counted: counts.counted,
          all: counts.all,
          horizon,
          scenario: t(`vocabulary.scenario.${scenario}`),
        })}
        {pageCount > 1 && projects.length > 0
          ? t("resilience.projects.listedRows", {
              from: (page - 1) * rowsPerPage + 1,
              to: (page - 1) * rowsPerPage + projects.length,
            })
          : ""}
      </p>
      {projects.length === 0 ? (
        <p className="muted">{t("resilience.projects.empty", { mineral: mineralName })}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {t("resilience.projects.caption", { mineral: mineralName })}
            </caption>
            <TableHead
              columns={[
                { label: t("resilience.projects.project") },
                { label: t("resilience.projects.stage") },
                { label: t("resilience.projects.capacity"), numeric: true },
                { label: t("resilience.projects.firstOutput") },
                { label: t("resilience.projects.funding") },
                { label: t("resilience.projects.counts", { horizon }) },
              ]}
            />
            <tbody>
              {projects.map((p) => (
                <ProjectRow
                  key={`${p.projectId}:${p.stage}`}
                  base={base}
                  project={p}
                  currency={reportingCurrency}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <Pagination
          page={page}
          pageCount={pageCount}
          total={counts.all}
          what="outputs"
          param="projectsPage"
        />
      ) : null}
    </section>
  );
}

function ProjectRow({
  base,
  project: p,
  currency,
}: {
  base: string;
  project: ContributingProject;
  currency: string;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const format = useFormat();
  return (
    <tr>
      <th scope="row">
        <Link to={`${base}/projects/${p.projectId}`}>{p.name}</Link>
        <span className="source">{format.country(p.hostCountry)}</span>
      </th>
      <td>{f.stage(p.stage)}</td>
      <td className="num">
        {f.quantity(p.capacity)} {p.unit}
      </td>
      <td>{p.firstYear}</td>
      <td>
        <span className={`badge class-${p.projectClass ?? "none"}`}>
          {p.projectClass
            ? t(CLASS_KEYS[p.projectClass])
            : t("resilience.projects.noScenario", { status: p.status })}
        </span>
        {p.projectClass === "pipeline" && p.gapMinor !== null ? (
          <span className="source">
            {t("resilience.projects.gap", { amount: format.money(p.gapMinor, currency) })}
          </span>
        ) : null}
      </td>
      <td>{p.counted ? t("resilience.projects.yes") : t("resilience.projects.no")}</td>
    </tr>
  );
}
