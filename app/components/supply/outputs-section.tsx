/* The supply tab's first section: what the project will produce, each output editable by the project's editors. */
import { Form, Link } from "@remix-run/react";
import { Trans } from "react-i18next";
import { OutputFields } from "~/components/outputs-editor";
import { groupName, useResilienceFormat } from "~/components/resilience/format";
import { quantityFixed } from "~/domain/resilience";
import { groupValue, type OutputGroupOption } from "~/domain/supply";
import { TypedIn } from "~/forms/plain-fields";
import { useFormat, useT } from "~/i18n/react";
import type { ProjectOutput } from "~/models/supply.server";
import { FormMessage, RowEditor, useFailure, useResult } from "./row-forms";
import { TableHead } from "~/components/table-head";

/** A stored quantity as the reader types it ("1250.5", "1250,5" in French). */
export function quantityInput(value: string, language: string): string {
  const text = quantityFixed(Number(value));
  return language === "fr" ? text.replace(".", ",") : text;
}

interface OutputsProps {
  slug: string;
  project: { name: string; hostCountry: string; status: string };
  outputs: ProjectOutput[];
  groups: OutputGroupOption[];
  editable: boolean;
}

export function OutputsSection({ slug, project, outputs, groups, editable }: OutputsProps) {
  const { t } = useT();
  const format = useFormat();
  return (
    <section className="card stack" aria-labelledby="outputs-title">
      <h2 id="outputs-title">{t("supply.tab.outputsTitle")}</h2>
      <p className="small-print muted">
        <Trans
          i18nKey="supply.tab.outputsLead"
          values={{ country: format.country(project.hostCountry) }}
          components={{ page: <Link to={`/p/${slug}/resilience`} /> }}
        />
        {project.status === "draft" ? ` ${t("supply.tab.draftOutputs")}` : ""}
      </p>
      {outputs.length === 0 ? (
        <p className="muted">{t("supply.tab.noOutputs")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {t("supply.tab.outputsCaption", { project: project.name })}
            </caption>
            <TableHead
              columns={[
                { label: t("supply.tab.group") },
                { label: t("supply.tab.capacity"), numeric: true },
                { label: t("supply.tab.firstYear") },
                ...(editable
                  ? [{ label: <span className="visually-hidden">{t("supply.tab.actions")}</span> }]
                  : []),
              ]}
            />
            <tbody>
              {outputs.map((output) => (
                <OutputRow
                  key={output.id}
                  slug={slug}
                  output={output}
                  groups={groups}
                  editable={editable}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? <AddOutputForm groups={groups} count={outputs.length} /> : null}
    </section>
  );
}

function OutputRow({
  slug,
  output,
  groups,
  editable,
}: {
  slug: string;
  output: ProjectOutput;
  groups: OutputGroupOption[];
  editable: boolean;
}) {
  const { t, language } = useT();
  const f = useResilienceFormat();
  const failure = useFailure("edit-output", output.id);
  const label = groupName(t, output.mineral, output.stage);
  return (
    <tr>
      <th scope="row">
        <Link to={`/p/${slug}/resilience/${output.mineral}#${output.stage}`}>{label}</Link>
      </th>
      <td className="num">
        {f.quantity(Number(output.capacity))} {output.unit}
      </td>
      <td>{output.firstYear}</td>
      {editable ? (
        <td>
          <RowEditor kind="output" id={output.id} version={output.version} label={label}>
            <OutputFields
              idPrefix={`edit-${output.id}`}
              namePrefix=""
              groups={groups}
              legend={label}
              values={{
                group: failure?.values.group ?? groupValue(output.mineral, output.stage),
                capacity: failure?.values.capacity ?? quantityInput(output.capacity, language),
                firstYear: failure?.values.firstYear ?? String(output.firstYear),
              }}
              errors={failure?.errors ?? {}}
            />
          </RowEditor>
        </td>
      ) : null}
    </tr>
  );
}

function AddOutputForm({ groups, count }: { groups: OutputGroupOption[]; count: number }) {
  const { t } = useT();
  const result = useResult("add-output");
  const failure = useFailure("add-output");
  return (
    <Form
      method="post"
      className="form stack"
      preventScrollReset
      aria-labelledby="add-output-title"
    >
      <h3 id="add-output-title">{t("supply.tab.addOutputTitle")}</h3>
      <FormMessage intent="add-output" />
      <TypedIn />
      <OutputFields
        // A fresh, empty row once an output was added.
        key={result && "notice" in result ? count : "add"}
        idPrefix="add-output"
        namePrefix=""
        groups={groups}
        legend={t("supply.tab.newOutput")}
        values={failure?.values ?? {}}
        errors={failure?.errors ?? {}}
      />
      <div>
        <button type="submit" className="button" name="intent" value="add-output">
          {t("supply.tab.addOutput")}
        </button>
      </div>
    </Form>
  );
}
