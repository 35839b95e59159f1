import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { DataTable } from "~/components/csv-table";
import { ROLES_FOR } from "~/domain/permissions";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { INPUT_MESSAGES } from "~/forms/messages";
import { formFailure, readForm, validateForm } from "~/forms/parse.server";
import { boundedText, isoDate } from "~/forms/values";
import { fieldErrorsFrom, type FormFailure } from "~/forms/validation";
import {
  checkRate,
  listRates,
  previewRates,
  saveRates,
  type Preview,
} from "~/models/fx-rates.server";
import { RouteErrorMessage } from "~/root";
import fundingStyles from "~/styles/funding.css";
import * as clock from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction = () => [{ title: "FX rates — Lodestone" }];

const RateSchema = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "Enter a three-letter ISO 4217 code such as EUR."),
  rate: z
    .string()
    .trim()
    .regex(
      /^\d{1,10}(\.\d{1,10})?$/,
      "Enter a positive decimal with a point, e.g. 1.158 (at most 10 decimals).",
    ),
  asOf: isoDate({ format: "Enter the date as YYYY-MM-DD." }),
});

/** A previewed file sent back to be imported: its text, and its name to say where the rates came from. */
const ImportSchema = z.object({
  csv: z.string(),
  fileName: boundedText(200),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.fxRates);
  return json({
    rates: await listRates(context),
    reportingCurrency: context.partnership.reportingCurrency,
    today: clock.today(),
    slug: context.partnership.slug,
  });
}

type ActionData =
  | (FormFailure & { intent?: undefined })
  | { intent: "preview"; preview: Preview; csv: string; fileName: string }
  | { intent: "saved"; notice: string }
  | { intent: "upload-error"; error: string };

const MAX_BYTES = 256 * 1024;

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.fxRates);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const intent = formData.get("intent");
  const reporting = context.partnership.reportingCurrency;
  if (intent === "add") {
    const result = RateSchema.safeParse(Object.fromEntries(formData));
    if (!result.success) return formFailure(fieldErrorsFrom(result.error), formData);
    const errors = checkRate(result.data, reporting, clock.today());
    if (errors.length > 0) {
      const field = errors[0]?.startsWith("Rate")
        ? "rate"
        : errors[0]?.startsWith("Date")
          ? "asOf"
          : "currency";
      return formFailure({ [field]: errors[0] ?? "Check the rate." }, formData);
    }
    const saved = await saveRates(context, [result.data]);
    if (!saved.ok) return formFailure({ form: saved.message }, formData);
    return json<ActionData>({
      intent: "saved",
      notice: `Saved: 1 ${result.data.currency} = ${result.data.rate} ${reporting} on ${result.data.asOf}.`,
    });
  }
  if (intent === "preview" || intent === "import") {
    let csv = "";
    let fileName = "pasted rates";
    const file = formData.get("file");
    if (intent === "import") {
      const imported = validateForm(formData, ImportSchema);
      if (!imported.ok) return imported.response;
      ({ csv, fileName } = imported.data);
    } else if (file && typeof file !== "string" && file.size > 0) {
      if (file.size > MAX_BYTES) {
        return json<ActionData>(
          { intent: "upload-error", error: "The file is larger than 256 KB." },
          { status: 400 },
        );
      }
      csv = await file.text();
      fileName = file.name || fileName;
    } else {
      csv = String(formData.get("pasted") ?? "");
    }
    if (!csv.trim()) {
      return json<ActionData>(
        { intent: "upload-error", error: "Choose a CSV file or paste the rates." },
        { status: 400 },
      );
    }
    const preview = previewRates(csv, reporting, await listRates(context), clock.today());
    if (intent === "preview" || preview.valid.length === 0) {
      return json<ActionData>(
        { intent: "preview", preview, csv, fileName },
        { status: preview.valid.length === 0 ? 422 : 200 },
      );
    }
    const saved = await saveRates(context, preview.valid);
    if (!saved.ok) {
      return json<ActionData>({ intent: "upload-error", error: saved.message }, { status: 422 });
    }
    return json<ActionData>({
      intent: "saved",
      notice: `Imported ${saved.saved} ${saved.saved === 1 ? "rate" : "rates"} from ${fileName}.`,
    });
  }
  return formFailure({ intent: INPUT_MESSAGES.chooseRatesAction }, formData);
}

/** One rate, typed: added, or corrected when the currency already has one on that day. */
function AddRateForm({ reportingCurrency, day }: { reportingCurrency: string; day: string }) {
  const { form, formError } = useValidatedForm(RateSchema, { currency: "", rate: "", asOf: day });
  return (
    <section className="card stack" aria-labelledby="add-rate-title">
      <h2 id="add-rate-title">Add or correct a rate</h2>
      <ValidatedForm form={form} formError={formError} className="form">
        <TextField
          form={form}
          name="currency"
          label="Currency"
          autoComplete="off"
          hint="e.g. EUR"
        />
        <TextField
          form={form}
          name="rate"
          label={`${reportingCurrency} per unit`}
          inputMode="decimal"
          autoComplete="off"
          hint="e.g. 1.158"
        />
        <TextField form={form} name="asOf" label="As of" type="date" />
        <SubmitButton name="intent" value="add" pendingText="Saving…">
          Save rate
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

/** A CSV file, or pasted rates, to check row by row before anything is saved. */
function UploadForm() {
  return (
    <section className="card stack" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload a CSV</h2>
      <p className="muted">
        Columns <code>currency,rate,as_of</code>, e.g. <code>EUR,1.158,2026-11-20</code>. You see
        every row checked before anything is saved.
      </p>
      <Form method="post" encType="multipart/form-data" className="form">
        <div className="field">
          <label htmlFor="rates-file">CSV file</label>
          <input id="rates-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div className="field">
          <label htmlFor="rates-pasted">Or paste the rates</label>
          <textarea id="rates-pasted" name="pasted" rows={4} defaultValue="" />
        </div>
        <SubmitButton name="intent" value="preview" pendingText="Checking…">
          Check the rates
        </SubmitButton>
      </Form>
    </section>
  );
}

/** Every row of an upload, checked: what is wrong with each, or what it adds or replaces; then the import. */
function PreviewSection({ preview }: { preview: Extract<ActionData, { intent: "preview" }> }) {
  const errorCount = preview.preview.rows.filter((row) => row.errors.length > 0).length;
  return (
    <section className="card stack" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview of {preview.fileName}</h2>
      {preview.preview.fileErrors.length > 0 ? (
        <div role="alert" className="alert error">
          {preview.preview.fileErrors.join(" ")}
        </div>
      ) : errorCount > 0 ? (
        <div role="alert" className="alert error">
          {errorCount} of {preview.preview.rows.length} rows have errors. Nothing was saved: fix the
          file and check it again.
        </div>
      ) : (
        <div role="status" className="alert success">
          All {preview.preview.rows.length} rows are valid. Nothing is saved until you import them.
        </div>
      )}
      {preview.preview.rows.length > 0 ? (
        <div className="table-wrap preview-table">
          <table aria-labelledby="preview-title">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Currency</th>
                <th scope="col" className="num">
                  Rate
                </th>
                <th scope="col">As of</th>
                <th scope="col">Check</th>
              </tr>
            </thead>
            <tbody>
              {preview.preview.rows.map((row) => (
                <tr key={row.line} className={row.errors.length ? "row-error" : undefined}>
                  <td>{row.line}</td>
                  <td>{row.currency}</td>
                  <td className="num">{row.rate}</td>
                  <td>{row.asOf}</td>
                  <td>
                    {row.errors.length ? (
                      <ul className="row-errors">
                        {row.errors.map((error) => (
                          <li key={error}>{error}</li>
                        ))}
                      </ul>
                    ) : row.replaces ? (
                      `OK · replaces ${row.replaces}`
                    ) : (
                      "OK · new"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {preview.preview.valid.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="csv" value={preview.csv} />
          <input type="hidden" name="fileName" value={preview.fileName} />
          <SubmitButton name="intent" value="import" pendingText="Importing…">
            Import {preview.preview.valid.length} rates
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

export default function FxRates() {
  const { rates, reportingCurrency, today: day, slug } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>() as ActionData | undefined;
  const preview = result?.intent === "preview" ? result : null;
  return (
    <div className="stack">
      <h1>FX rates</h1>
      <p className="muted">
        Units of {reportingCurrency} per one unit of each currency, dated. Every converted total
        uses the newest rate on or before its date and says which.
      </p>
      {result?.intent === "saved" ? (
        <div role="status" className="alert success">
          {result.notice}
        </div>
      ) : null}
      {result?.intent === "upload-error" ? (
        <div role="alert" className="alert error">
          {result.error}
        </div>
      ) : null}

      <div className="action-grid">
        <AddRateForm reportingCurrency={reportingCurrency} day={day} />

        <UploadForm />
      </div>

      {preview ? <PreviewSection preview={preview} /> : null}

      <DataTable
        id="fx-rates-table"
        caption={`${rates.length} rates`}
        rows={rates}
        rowKey={(row) => row.id}
        exportHref={`/p/${slug}/fx-rates/csv`}
        columns={[
          { key: "asOf", header: "As of", sortValue: (row) => row.asOf, render: (row) => row.asOf },
          {
            key: "currency",
            header: "Currency",
            sortValue: (row) => row.currency,
            render: (row) => row.currency,
          },
          {
            key: "rate",
            header: `${reportingCurrency} per unit`,
            numeric: true,
            render: (row) => row.rate,
          },
        ]}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
