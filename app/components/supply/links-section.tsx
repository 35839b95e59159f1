/* The supply tab's second section: who the project supplies and buys from, and the form to add a link. */
import { Form, Link } from "@remix-run/react";
import { useResilienceFormat } from "~/components/resilience/format";
import { LINK_KINDS, LINK_STATUSES } from "~/domain/supply";
import type { ProjectLink } from "~/models/supply.server";
import { PlainInput, PlainSelect, TypedIn } from "~/forms/plain-fields";
import { useT } from "~/i18n/react";
import { quantityInput } from "./outputs-section";
import { FormMessage, RowEditor, useFailure, type SupplyFailure } from "./row-forms";
import { TableHead } from "~/components/table-head";

interface LinksProps {
  slug: string;
  projectName: string;
  links: ProjectLink[];
  candidates: Array<{ id: string; name: string; status: string }>;
  minerals: string[];
  editable: boolean;
}

export function LinksSection({
  slug,
  projectName,
  links,
  candidates,
  minerals,
  editable,
}: LinksProps) {
  const { t } = useT();
  return (
    <section className="card stack" aria-labelledby="links-title">
      <h2 id="links-title">{t("supply.tab.linksTitle")}</h2>
      <p className="small-print muted">{t("supply.tab.linksLead")}</p>
      {links.length === 0 ? (
        <p className="muted">{t("supply.tab.noLinks")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {t("supply.tab.linksCaption", { project: projectName })}
            </caption>
            <TableHead
              columns={[
                { label: t("supply.tab.link") },
                { label: t("supply.tab.mineral") },
                { label: t("supply.tab.kind") },
                { label: t("supply.tab.tonnes"), numeric: true },
                { label: t("supply.tab.status") },
                {
                  label: <span className="visually-hidden">{t("supply.tab.actions")}</span>,
                },
              ]}
            />
            <tbody>
              {links.map((link) => (
                <LinkRow key={link.id} slug={slug} link={link} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? <AddLinkForm candidates={candidates} minerals={minerals} /> : null}
    </section>
  );
}

function useLinkOptions() {
  const { t } = useT();
  return {
    kinds: LINK_KINDS.map((value) => ({ value, label: t(`vocabulary.linkKind.${value}`) })),
    statuses: LINK_STATUSES.map((value) => ({ value, label: t(`vocabulary.linkStatus.${value}`) })),
  };
}

/** A link's kind, tonnes and status: the fields both the add form and a row's editor have. */
function LinkTermsFields({
  idSuffix,
  failure,
  kind,
  tonnes,
  status,
}: {
  idSuffix: string;
  failure: SupplyFailure | undefined;
  kind: string;
  tonnes?: string;
  status: string;
}) {
  const { t } = useT();
  const options = useLinkOptions();
  return (
    <>
      <PlainSelect
        id={`kind-${idSuffix}`}
        name="kind"
        label={t("supply.tab.kind")}
        options={options.kinds}
        value={failure?.values.kind ?? kind}
        error={failure?.errors.kind}
      />
      <PlainInput
        id={`tonnes-${idSuffix}`}
        name="tonnes"
        label={t("supply.tab.tonnes")}
        inputMode="decimal"
        hint={t("supply.tab.tonnesHint")}
        value={failure?.values.tonnes ?? tonnes}
        error={failure?.errors.tonnes}
      />
      <PlainSelect
        id={`status-${idSuffix}`}
        name="status"
        label={t("supply.tab.status")}
        options={options.statuses}
        value={failure?.values.status ?? status}
        error={failure?.errors.status}
      />
    </>
  );
}

function LinkRow({ slug, link }: { slug: string; link: ProjectLink }) {
  const { t, language } = useT();
  const f = useResilienceFormat();
  const failure = useFailure("edit-link", link.id);
  const direction = t(
    link.direction === "supplies" ? "supply.tab.supplies" : "supply.tab.buysFrom",
  );
  const counterpart =
    link.counterpartStatus === "draft"
      ? t("supply.tab.draft", { name: link.counterpartName })
      : link.counterpartName;
  return (
    <tr>
      <th scope="row">
        {direction}{" "}
        <Link to={`/p/${slug}/projects/${link.counterpartId}/supply`}>{counterpart}</Link>
      </th>
      <td>{f.mineral(link.mineral)}</td>
      <td>{t(`vocabulary.linkKind.${link.kind}`)}</td>
      <td className="num">{f.quantity(Number(link.tonnes))}</td>
      <td>{t(`vocabulary.linkStatus.${link.status}`)}</td>
      <td>
        {link.editable ? (
          <RowEditor
            kind="link"
            id={link.id}
            version={link.version}
            label={t("supply.tab.linkName", { direction, project: link.counterpartName })}
          >
            <LinkTermsFields
              idSuffix={link.id}
              failure={failure}
              kind={link.kind}
              tonnes={quantityInput(link.tonnes, language)}
              status={link.status}
            />
          </RowEditor>
        ) : null}
      </td>
    </tr>
  );
}

function AddLinkForm({
  candidates,
  minerals,
}: {
  candidates: LinksProps["candidates"];
  minerals: string[];
}) {
  const { t } = useT();
  const f = useResilienceFormat();
  const failure = useFailure("add-link");
  return (
    <Form method="post" className="form" preventScrollReset aria-labelledby="add-link-title">
      <h3 id="add-link-title">{t("supply.tab.addLinkTitle")}</h3>
      <FormMessage intent="add-link" />
      <TypedIn />
      <div className="supply-forms">
        <PlainSelect
          id="link-direction"
          name="direction"
          label={t("supply.tab.thisProject")}
          options={[
            { value: "supplies", label: t("supply.tab.suppliesVerb") },
            { value: "buys", label: t("supply.tab.buysVerb") },
          ]}
          value={failure?.values.direction ?? "supplies"}
          error={failure?.errors.direction}
        />
        <PlainSelect
          id="link-counterpart"
          name="counterpartId"
          label={t("supply.tab.counterpart")}
          placeholder={t("supply.tab.chooseProject")}
          options={candidates.map((c) => ({
            value: c.id,
            label: c.status === "draft" ? t("supply.tab.draft", { name: c.name }) : c.name,
          }))}
          value={failure?.values.counterpartId}
          error={failure?.errors.counterpartId}
        />
        <PlainSelect
          id="link-mineral"
          name="mineral"
          label={t("supply.tab.mineral")}
          placeholder={t("supply.tab.chooseMineral")}
          options={minerals.map((value) => ({ value, label: f.mineral(value) }))}
          value={failure?.values.mineral}
          error={failure?.errors.mineral}
        />
        <LinkTermsFields
          idSuffix="link"
          failure={failure}
          kind="offtake"
          status="under_negotiation"
        />
      </div>
      <div>
        <button type="submit" className="button" name="intent" value="add-link">
          {t("supply.tab.addLink")}
        </button>
      </div>
    </Form>
  );
}
