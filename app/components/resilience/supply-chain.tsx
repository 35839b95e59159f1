/*
 * The mineral page's supply chain: projects flagged for missing or uncontracted supply, the Sankey of the links
 * added up by stage and country, and the table of those flows, each leading to the projects behind it.
 */
import { Link } from "@remix-run/react";
import { SankeyChart } from "~/components/resilience-charts";
import { REST_OF_WORLD } from "~/domain/resilience";
import { LINK_STATUSES } from "~/domain/supply";
import { useT } from "~/i18n/react";
import type { ChainFlow, SupplyChain } from "~/models/supply-chain.server";
import { useResilienceFormat } from "./format";
import { TableHead } from "~/components/table-head";

export function SupplyChainSection({
  base,
  mineral,
  chain,
}: {
  base: string;
  mineral: string;
  chain: SupplyChain;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const mineralName = f.mineral(mineral);
  return (
    <section id="chain" className="stack" aria-labelledby="chain-title">
      <h2 id="chain-title">{t("resilience.chain.title")}</h2>
      <p className="section-lead muted">{t("resilience.chain.lead")}</p>
      {chain.flags.length > 0 ? (
        <div className="alert warning" role="note">
          <ul className="flag-list">
            {chain.flags.map((flag) => (
              <li key={flag.projectId}>
                <Link to={`${base}/projects/${flag.projectId}/supply`}>{flag.name}</Link>{" "}
                {t("resilience.chain.flag", {
                  stage: t(`supply.stageInName.${flag.stage}`),
                  flag: t(
                    flag.flag === "no-link"
                      ? "resilience.chain.noLink"
                      : "resilience.chain.negotiationOnly",
                  ),
                })}
              </li>
            ))}
          </ul>
          {chain.flagCount > chain.flags.length ? (
            <p className="small-print">
              {t("resilience.chain.moreFlags", { count: chain.flagCount - chain.flags.length })}
            </p>
          ) : null}
        </div>
      ) : null}
      {chain.flows.length === 0 ? (
        <p className="muted">{t("resilience.chain.empty")}</p>
      ) : (
        <>
          <SankeyChart
            id="chain-sankey"
            title={t("resilience.chain.sankeyTitle", { mineral: mineralName })}
            chain={chain}
          />
          <ChainTable base={base} mineralName={mineralName} chain={chain} />
        </>
      )}
    </section>
  );
}

/** The projects list, filtered to one end of a flow (a stage's segment in a named country). */
function projectsAt(base: string, end: ChainFlow["from"]): string | null {
  if (end.country === REST_OF_WORLD) return null;
  return `${base}/projects?${new URLSearchParams({ segment: end.stage, host: end.country })}`;
}

function ChainTable({
  base,
  mineralName,
  chain,
}: {
  base: string;
  mineralName: string;
  chain: SupplyChain;
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const place = (end: ChainFlow["from"]) => {
    const href = projectsAt(base, end);
    const label = f.place(end.stage, end.country);
    return href ? <Link to={href}>{label}</Link> : label;
  };
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">
          {t("resilience.chain.caption", { mineral: mineralName })}
        </caption>
        <TableHead
          columns={[
            { label: t("resilience.chain.supplier") },
            { label: t("resilience.chain.buyer") },
            { label: t("resilience.chain.links"), numeric: true },
            { label: t("resilience.chain.tonnes"), numeric: true },
            { label: t("resilience.chain.status") },
          ]}
        />
        <tbody>
          {chain.flows.map((flow) => (
            <tr key={flow.id}>
              <th scope="row">{place(flow.from)}</th>
              <td>{place(flow.to)}</td>
              <td className="num">{flow.links}</td>
              <td className="num">
                {f.quantity(flow.tonnes)}
                {flow.unit ? ` (${flow.unit})` : ""}
              </td>
              <td>
                {LINK_STATUSES.filter((status) => flow.statuses[status] > 0)
                  .map((status) =>
                    t("resilience.chain.statusCount", {
                      count: flow.statuses[status],
                      status: t(`vocabulary.linkStatus.${status}`),
                    }),
                  )
                  .join(", ")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
