import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { requireMember, type MemberContext } from "~/auth/auth.server";
import { OutputFields } from "~/components/outputs-editor";
import { countryName } from "~/domain/countries";
import { formatQuantity, quantityFixed } from "~/domain/resilience";
import {
  groupValue,
  LINK_KIND_LABELS,
  LINK_KINDS,
  LINK_STATUS_LABELS,
  LINK_STATUSES,
  mineralLabel,
  stageLabel,
  SupplyActionSchema,
  type SupplyAction,
} from "~/domain/supply";
import { requireParam } from "~/forms/params.server";
import { readForm, typedValues } from "~/forms/parse.server";
import { fieldErrorsFrom } from "~/forms/validation";
import { getProjectIn } from "~/models/projects.server";
import {
  addLink,
  addOutput,
  editLink,
  editOutput,
  linkCandidates,
  listProjectLinks,
  listProjectOutputs,
  outputGroupOptions,
  removeLink,
  removeOutput,
  type SupplyOutcome,
} from "~/models/supply.server";
import { RouteErrorMessage } from "~/root";
import resilienceStyles from "~/styles/resilience.css";
import type { loader as projectLoader } from "./p.$slug.projects.$projectId";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: resilienceStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, partnership } = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const data = await user.db(async (tx) => {
    const project = await getProjectIn(tx, partnership.id, projectId);
    if (!project) return null;
    return {
      groups: await outputGroupOptions(tx),
      outputs: await listProjectOutputs(tx, project.id),
      links: await listProjectLinks(tx, project.id),
      candidates: await linkCandidates(tx, partnership.id, project.id),
    };
  });
  if (!data) throw new Response("Not found", { status: 404 });
  const minerals = [...new Set(data.groups.map((g) => g.mineral))].map((mineral) => ({
    value: mineral,
    label: mineralLabel(mineral),
  }));
  return json({ ...data, minerals });
}

type Intent = SupplyAction["intent"];
type SupplyResult =
  | { intent: Intent; target?: string; notice: string }
  | {
      intent?: Intent;
      target?: string;
      errors: Record<string, string>;
      values: Record<string, string>;
      message?: string;
    };

/** The page's six forms, told apart by `intent`; each answers with its intent and row (`target`). */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const values = typedValues(read.formData);
  const intent = values.intent as Intent;
  const target = values.outputId ?? values.linkId;
  const parsed = SupplyActionSchema.safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrorsFrom(parsed.error);
    return json<SupplyResult>({ intent, target, errors, values }, { status: 400 });
  }
  const outcome = await applySupplyAction(context, projectId, parsed.data);
  return outcome.ok
    ? json<SupplyResult>({ intent, target, notice: outcome.notice })
    : json<SupplyResult>(
        { intent, target, errors: {}, values, message: outcome.message },
        { status: outcome.status },
      );
}

function applySupplyAction(
  context: MemberContext,
  projectId: string,
  data: SupplyAction,
): Promise<SupplyOutcome> {
  switch (data.intent) {
    case "add-output":
      return addOutput(context, projectId, data);
    case "edit-output":
      return editOutput(context, data);
    case "remove-output":
      return removeOutput(context, data.outputId);
    case "add-link":
      return addLink(context, projectId, data);
    case "edit-link":
      return editLink(context, data);
    case "remove-link":
      return removeLink(context, data.linkId);
  }
}

/**
 * The answer to this form (matched by intent and, for a row's form, its id). A refusal before the form was
 * understood (a NUL character, app/forms/parse.server.ts) carries them in its values.
 */
function useResult(intent: Intent, target?: string) {
  const result = useActionData<SupplyResult>();
  if (!result) return undefined;
  const values = "values" in result ? result.values : {};
  const answered = result.intent ?? values.intent;
  const row = result.target ?? values.outputId ?? values.linkId;
  return answered === intent && (target === undefined || row === target) ? result : undefined;
}

function FormMessage({ intent, target }: { intent: Intent; target?: string }) {
  const result = useResult(intent, target);
  if (!result) return null;
  if ("notice" in result) {
    return (
      <div role="status" className="alert success">
        {result.notice}
      </div>
    );
  }
  return result.message ? (
    <div role="alert" className="alert error">
      {result.message}
    </div>
  ) : null;
}

function SelectBox({
  id,
  name,
  label,
  options,
  value,
  error,
  placeholder,
}: {
  id: string;
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value?: string;
  error?: string;
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function TonnesField({ id, value, error }: { id: string; value?: string; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>Tonnes a year</label>
      <input
        id={id}
        name="tonnes"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <span className="hint" id={`${id}-hint`}>
        In the supplier&rsquo;s unit for that mineral (t REO from a mine, for instance).
      </span>
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const KIND_OPTIONS = LINK_KINDS.map((value) => ({ value, label: LINK_KIND_LABELS[value] }));
const STATUS_OPTIONS = LINK_STATUSES.map((value) => ({ value, label: LINK_STATUS_LABELS[value] }));

export default function ProjectSupply() {
  const data = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof projectLoader>("routes/p.$slug.projects.$projectId");
  const addOutputResult = useResult("add-output");
  const addLinkResult = useResult("add-link");
  const editResult = useActionData<SupplyResult>();
  const editValues = editResult && "values" in editResult ? editResult.values : {};
  if (!layout) return null;
  const { slug, project, permissions } = layout;
  const editable = permissions.editMilestones;
  const failed = (result: SupplyResult | undefined) =>
    result && "errors" in result ? result : undefined;
  const addOutputFailure = failed(addOutputResult);
  const addLinkFailure = failed(addLinkResult);
  const rowFailure = (intent: Intent, id: string) =>
    editResult &&
    (editResult.intent ?? editValues.intent) === intent &&
    (editResult.target ?? editValues.outputId ?? editValues.linkId) === id
      ? failed(editResult)
      : undefined;

  return (
    <div className="stack resilience supply">
      <section className="card stack" aria-labelledby="outputs-title">
        <h2 id="outputs-title">What the project will produce</h2>
        <p className="small-print muted">
          Each output counts on the <Link to={`/p/${slug}/resilience`}>Resilience</Link> page from
          its first year, at full capacity, in {countryName(project.hostCountry)}. Units are those
          of the reference data.
          {project.status === "draft"
            ? " While the project is a draft, its outputs are seen by its registering government and sponsor only."
            : ""}
        </p>
        {data.outputs.length === 0 ? (
          <p className="muted">No outputs recorded yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Outputs of {project.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Mineral and stage</th>
                  <th scope="col" className="num">
                    Capacity a year
                  </th>
                  <th scope="col">First year</th>
                  {editable ? (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {data.outputs.map((output) => {
                  const label = `${mineralLabel(output.mineral)}, ${stageLabel(output.stage).toLowerCase()}`;
                  const failure = rowFailure("edit-output", output.id);
                  return (
                    <tr key={output.id}>
                      <th scope="row">
                        <Link to={`/p/${slug}/resilience/${output.mineral}#${output.stage}`}>
                          {label}
                        </Link>
                      </th>
                      <td className="num">
                        {formatQuantity(Number(output.capacity))} {output.unit}
                      </td>
                      <td>{output.firstYear}</td>
                      {editable ? (
                        <td>
                          <FormMessage intent="remove-output" target={output.id} />
                          <details open={Boolean(failure) || undefined}>
                            <summary>
                              Edit<span className="visually-hidden"> {label}</span>
                            </summary>
                            <Form method="post" className="form" preventScrollReset>
                              <FormMessage intent="edit-output" target={output.id} />
                              <input type="hidden" name="outputId" value={output.id} />
                              <input type="hidden" name="version" value={output.version} />
                              <OutputFields
                                idPrefix={`edit-${output.id}`}
                                namePrefix=""
                                groups={data.groups}
                                legend={label}
                                values={{
                                  group:
                                    failure?.values.group ??
                                    groupValue(output.mineral, output.stage),
                                  capacity:
                                    failure?.values.capacity ??
                                    quantityFixed(Number(output.capacity)),
                                  firstYear: failure?.values.firstYear ?? String(output.firstYear),
                                }}
                                errors={failure?.errors ?? {}}
                              />
                              <div className="row">
                                <button
                                  type="submit"
                                  className="button small"
                                  name="intent"
                                  value="edit-output"
                                >
                                  Save output
                                </button>
                                <button
                                  type="submit"
                                  className="button secondary small"
                                  name="intent"
                                  value="remove-output"
                                >
                                  Remove output
                                </button>
                              </div>
                            </Form>
                          </details>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {editable ? (
          <Form
            method="post"
            className="form stack"
            preventScrollReset
            aria-labelledby="add-output-title"
          >
            <h3 id="add-output-title">Add an output</h3>
            <FormMessage intent="add-output" />
            <OutputFields
              key={addOutputResult && "notice" in addOutputResult ? data.outputs.length : "add"}
              idPrefix="add-output"
              namePrefix=""
              groups={data.groups}
              legend="New output"
              values={addOutputFailure?.values ?? {}}
              errors={addOutputFailure?.errors ?? {}}
            />
            <div>
              <button type="submit" className="button" name="intent" value="add-output">
                Add output
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="links-title">
        <h2 id="links-title">Supply links</h2>
        <p className="small-print muted">
          Who this project sells to and buys from, within the partnership. A link is visible to
          those who can see both projects, and changed by the editors of either.
        </p>
        {data.links.length === 0 ? (
          <p className="muted">No supply links you can see.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Supply links of {project.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Link</th>
                  <th scope="col">Mineral</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Tonnes a year
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.links.map((link) => {
                  const failure = rowFailure("edit-link", link.id);
                  const label = `${link.direction === "supplies" ? "Supplies" : "Buys from"} ${link.counterpartName}`;
                  return (
                    <tr key={link.id}>
                      <th scope="row">
                        {link.direction === "supplies" ? "Supplies " : "Buys from "}
                        <Link to={`/p/${slug}/projects/${link.counterpartId}/supply`}>
                          {link.counterpartName}
                        </Link>
                        {link.counterpartStatus === "draft" ? " (draft)" : ""}
                      </th>
                      <td>{mineralLabel(link.mineral)}</td>
                      <td>{LINK_KIND_LABELS[link.kind]}</td>
                      <td className="num">{formatQuantity(Number(link.tonnes))}</td>
                      <td>{LINK_STATUS_LABELS[link.status]}</td>
                      <td>
                        {link.editable ? (
                          <>
                            <FormMessage intent="remove-link" target={link.id} />
                            <details open={Boolean(failure) || undefined}>
                              <summary>
                                Edit<span className="visually-hidden"> {label}</span>
                              </summary>
                              <Form method="post" className="form" preventScrollReset>
                                <FormMessage intent="edit-link" target={link.id} />
                                <input type="hidden" name="linkId" value={link.id} />
                                <input type="hidden" name="version" value={link.version} />
                                <SelectBox
                                  id={`kind-${link.id}`}
                                  name="kind"
                                  label="Kind"
                                  options={KIND_OPTIONS}
                                  value={failure?.values.kind ?? link.kind}
                                  error={failure?.errors.kind}
                                />
                                <TonnesField
                                  id={`tonnes-${link.id}`}
                                  value={
                                    failure?.values.tonnes ?? quantityFixed(Number(link.tonnes))
                                  }
                                  error={failure?.errors.tonnes}
                                />
                                <SelectBox
                                  id={`status-${link.id}`}
                                  name="status"
                                  label="Status"
                                  options={STATUS_OPTIONS}
                                  value={failure?.values.status ?? link.status}
                                  error={failure?.errors.status}
                                />
                                <div className="row">
                                  <button
                                    type="submit"
                                    className="button small"
                                    name="intent"
                                    value="edit-link"
                                  >
                                    Save link
                                  </button>
                                  <button
                                    type="submit"
                                    className="button secondary small"
                                    name="intent"
                                    value="remove-link"
                                  >
                                    Remove link
                                  </button>
                                </div>
                              </Form>
                            </details>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {editable ? (
          <Form method="post" className="form" preventScrollReset aria-labelledby="add-link-title">
            <h3 id="add-link-title">Add a supply link</h3>
            <FormMessage intent="add-link" />
            <div className="supply-forms">
              <SelectBox
                id="link-direction"
                name="direction"
                label="This project"
                options={[
                  { value: "supplies", label: "supplies" },
                  { value: "buys", label: "buys from" },
                ]}
                value={addLinkFailure?.values.direction ?? "supplies"}
                error={addLinkFailure?.errors.direction}
              />
              <SelectBox
                id="link-counterpart"
                name="counterpartId"
                label="The other project"
                placeholder="Choose a project"
                options={data.candidates.map((c) => ({
                  value: c.id,
                  label: c.status === "draft" ? `${c.name} (draft)` : c.name,
                }))}
                value={addLinkFailure?.values.counterpartId}
                error={addLinkFailure?.errors.counterpartId}
              />
              <SelectBox
                id="link-mineral"
                name="mineral"
                label="Mineral"
                placeholder="Choose a mineral"
                options={data.minerals}
                value={addLinkFailure?.values.mineral}
                error={addLinkFailure?.errors.mineral}
              />
              <SelectBox
                id="link-kind"
                name="kind"
                label="Kind"
                options={KIND_OPTIONS}
                value={addLinkFailure?.values.kind ?? "offtake"}
                error={addLinkFailure?.errors.kind}
              />
              <TonnesField
                id="link-tonnes"
                value={addLinkFailure?.values.tonnes}
                error={addLinkFailure?.errors.tonnes}
              />
              <SelectBox
                id="link-status"
                name="status"
                label="Status"
                options={STATUS_OPTIONS}
                value={addLinkFailure?.values.status ?? "under_negotiation"}
                error={addLinkFailure?.errors.status}
              />
            </div>
            <div>
              <button type="submit" className="button" name="intent" value="add-link">
                Add link
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
