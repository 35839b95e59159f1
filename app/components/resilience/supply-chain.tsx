/* The mineral page's supply chain: projects flagged for missing or uncontracted supply, the Sankey, the links. */
import { Link } from "@remix-run/react";
import { SankeyChart } from "~/components/resilience-charts";
import { useT } from "~/i18n/react";
import type { SupplyChain } from "~/models/supply-chain.server";
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
        </div>
      ) : null}
      {chain.links.length === 0 ? (
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
            { label: t("resilience.chain.kind") },
            { label: t("resilience.chain.tonnes"), numeric: true },
            { label: t("resilience.chain.status") },
          ]}
        />
        <tbody>
          {chain.links.map((link) => (
            <tr key={link.id}>
              <th scope="row">
                <Link to={`${base}/projects/${link.supplierId}/supply`}>{link.supplierName}</Link>
              </th>
              <td>
                <Link to={`${base}/projects/${link.buyerId}/supply`}>{link.buyerName}</Link>
              </td>
              <td>{t(`vocabulary.linkKind.${link.kind}`)}</td>
              <td className="num">
                {f.quantity(link.tonnes)}
                {link.unit ? ` (${link.unit})` : ""}
              </td>
              <td>{t(`vocabulary.linkStatus.${link.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
