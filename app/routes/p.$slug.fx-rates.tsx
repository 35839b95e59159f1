import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "react-i18next";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { DataTable } from "~/components/csv-table";
import { ROLES_FOR } from "~/domain/permissions";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { INPUT_MESSAGES } from "~/forms/messages";
import { formFailure, readForm, validateForm } from "~/forms/parse.server";
import { boundedText, isoDate } from "~/forms/values";
import { fieldErrorsFrom, type FormFailure } from "~/forms/validation";
import { pageTitle } from "~/i18n/meta";
import { dayValue, msg, nested } from "~/i18n/message";
import { useFormat, useT } from "~/i18n/react";
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
import { TableHead } from "~/components/table-head";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "fxRates.title") }];

const RateSchema = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, msg("fxRates.schema.currency")),
  rate: z
    .string()
    .trim()
    .regex(/^\d{1,10}(\.\d{1,10})?$/, msg("fxRates.schema.rate")),
  asOf: isoDate({ format: msg("fxRates.schema.date") }),
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
    const [problem] = checkRate(result.data, reporting, clock.today());
    if (problem) return formFailure({ [problem.field]: problem.message }, formData);
    const saved = await saveRates(context, [result.data]);
    if (!saved.ok) return formFailure({ form: saved.message }, formData);
    return json<ActionData>({
      intent: "saved",
      notice: msg("fxRates.saved", {
        currency: result.data.currency,
        rate: result.data.rate,
        reporting,
        date: dayValue(result.data.asOf),
      }),
    });
  }
  if (intent === "preview" || intent === "import") {
    let csv = "";
    let fileName = "";
    const file = formData.get("file");
    if (intent === "import") {
      const imported = validateForm(formData, ImportSchema);
      if (!imported.ok) return imported.response;
      ({ csv, fileName } = imported.data);
    } else if (file && typeof file !== "string" && file.size > 0) {
      if (file.size > MAX_BYTES) {
        return json<ActionData>(
          { intent: "upload-error", error: msg("fxRates.tooLarge") },
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
        { intent: "upload-error", error: msg("fxRates.nothing") },
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
      notice: msg("fxRates.imported", {
        count: saved.saved,
        file: fileName || nested(msg("fxRates.pasted")),
      }),
    });
  }
  return formFailure({ intent: INPUT_MESSAGES.chooseRatesAction }, formData);
}

/** One rate, typed: added, or corrected when the currency already has one on that day. */
function AddRateForm({ reportingCurrency, day }: { reportingCurrency: string; day: string }) {
  const { t } = useT();
  const { form, formError } = useValidatedForm(RateSchema, { currency: "", rate: "", asOf: day });
  return (
    <section className="card stack" aria-labelledby="add-rate-title">
      <h2 id="add-rate-title">{t("fxRates.add.title")}</h2>
      <ValidatedForm form={form} formError={formError} className="form">
        <TextField
          form={form}
          name="currency"
          label={t("fxRates.add.currency")}
          autoComplete="off"
          hint={t("fxRates.add.currencyHint")}
        />
        <TextField
          form={form}
          name="rate"
          label={t("fxRates.add.rate", { currency: reportingCurrency })}
          inputMode="decimal"
          autoComplete="off"
          hint={t("fxRates.add.rateHint")}
        />
        <TextField form={form} name="asOf" label={t("fxRates.add.asOf")} type="date" />
        <SubmitButton name="intent" value="add" pendingText={t("fxRates.add.saving")}>
          {t("fxRates.add.save")}
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

/** A CSV file, or pasted rates, to check row by row before anything is saved. */
function UploadForm() {
  const { t } = useT();
  return (
    <section className="card stack" aria-labelledby="upload-title">
      <h2 id="upload-title">{t("fxRates.upload.title")}</h2>
      <p className="muted">
        <Trans i18nKey="fxRates.upload.lead" components={{ code: <code /> }} />
      </p>
      <Form method="post" encType="multipart/form-data" className="form">
        <div className="field">
          <label htmlFor="rates-file">{t("fxRates.upload.file")}</label>
          <input id="rates-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div className="field">
          <label htmlFor="rates-pasted">{t("fxRates.upload.pasted")}</label>
          <textarea id="rates-pasted" name="pasted" rows={4} defaultValue="" />
        </div>
        <SubmitButton name="intent" value="preview" pendingText={t("fxRates.upload.checking")}>
          {t("fxRates.upload.check")}
        </SubmitButton>
      </Form>
    </section>
  );
}

type PreviewData = Extract<ActionData, { intent: "preview" }>;

/** Every row of an upload, checked: what is wrong with each, or what it adds or replaces; then the import. */
function PreviewSection({ preview }: { preview: PreviewData }) {
  const { t } = useT();
  const { rows, valid } = preview.preview;
  return (
    <section className="card stack" aria-labelledby="preview-title">
      <h2 id="preview-title">
        {t("fxRates.preview.title", { file: preview.fileName || t("fxRates.pasted") })}
      </h2>
      <PreviewVerdict preview={preview.preview} />
      {rows.length > 0 ? (
        <div className="table-wrap preview-table">
          <table aria-labelledby="preview-title">
            <TableHead
              columns={[
                { label: t("fxRates.preview.line") },
                { label: t("fxRates.preview.currency") },
                { label: t("fxRates.preview.rate"), numeric: true },
                { label: t("fxRates.preview.asOf") },
                { label: t("fxRates.preview.check") },
              ]}
            />
            <tbody>
              {rows.map((row) => (
                <PreviewRowView key={row.line} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {valid.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="csv" value={preview.csv} />
          <input type="hidden" name="fileName" value={preview.fileName} />
          <SubmitButton name="intent" value="import" pendingText={t("fxRates.preview.importing")}>
            {t("fxRates.preview.import", { count: valid.length })}
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

/** The upload as a whole: what is wrong with the file, how many rows fail, or that all pass. */
function PreviewVerdict({ preview }: { preview: Preview }) {
  const { t, tm } = useT();
  const errorCount = preview.rows.filter((row) => row.errors.length > 0).length;
  if (preview.fileErrors.length > 0) {
    return (
      <div role="alert" className="alert error">
        {preview.fileErrors.map(tm).join(" ")}
      </div>
    );
  }
  return errorCount > 0 ? (
    <div role="alert" className="alert error">
      {t("fxRates.preview.errors", { errors: errorCount, rows: preview.rows.length })}
    </div>
  ) : (
    <div role="status" className="alert success">
      {t("fxRates.preview.valid", { rows: preview.rows.length })}
    </div>
  );
}

function PreviewRowView({ row }: { row: Preview["rows"][number] }) {
  const { t, tm } = useT();
  return (
    <tr className={row.errors.length ? "row-error" : undefined}>
      <td>{row.line}</td>
      <td>{row.currency}</td>
      <td className="num">{row.rate}</td>
      <td>{row.asOf}</td>
      <td>
        {row.errors.length ? (
          <ul className="row-errors">
            {row.errors.map((error) => (
              <li key={error}>{tm(error)}</li>
            ))}
          </ul>
        ) : row.replaces ? (
          t("fxRates.preview.replaces", { rate: row.replaces })
        ) : (
          t("fxRates.preview.new")
        )}
      </td>
    </tr>
  );
}

export default function FxRates() {
  const { rates, reportingCurrency, today: day, slug } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>() as ActionData | undefined;
  const { t, tm } = useT();
  const format = useFormat();
  const preview = result?.intent === "preview" ? result : null;
  const perUnit = t("fxRates.add.rate", { currency: reportingCurrency });
  return (
    <div className="stack">
      <h1>{t("fxRates.title")}</h1>
      <p className="muted">{t("fxRates.lead", { currency: reportingCurrency })}</p>
      {result?.intent === "saved" ? (
        <div role="status" className="alert success">
          {tm(result.notice)}
        </div>
      ) : null}
      {result?.intent === "upload-error" ? (
        <div role="alert" className="alert error">
          {tm(result.error)}
        </div>
      ) : null}
      <div className="action-grid">
        <AddRateForm reportingCurrency={reportingCurrency} day={day} />
        <UploadForm />
      </div>
      {preview ? <PreviewSection preview={preview} /> : null}
      <DataTable
        id="fx-rates-table"
        caption={t("fxRates.table", { count: rates.length })}
        rows={rates}
        rowKey={(row) => row.id}
        exportHref={`/p/${slug}/fx-rates/csv`}
        columns={[
          {
            key: "asOf",
            header: t("fxRates.preview.asOf"),
            sortValue: (row) => row.asOf,
            render: (row) => format.day(row.asOf),
          },
          {
            key: "currency",
            header: t("fxRates.preview.currency"),
            sortValue: (row) => row.currency,
            render: (row) => row.currency,
          },
          { key: "rate", header: perUnit, numeric: true, render: (row) => format.rate(row.rate) },
        ]}
      />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
