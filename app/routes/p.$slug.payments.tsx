import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { BankTransferSchema, PaymentActionSchema } from "~/billing/schemas";
import { stripeSetup } from "~/billing/stripe.server";
import { isTrancheOverdue } from "~/domain/decisions";
import { reaches, ROLES_FOR } from "~/domain/permissions";
import {
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
  useValidatedForm,
} from "~/forms/fields";
import { formFailure, parseForm } from "~/forms/parse.server";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { isPartnershipWritable } from "~/models/billing.server";
import {
  issueTrancheInvoice,
  listBillingAnomalies,
  listLedger,
  listTranches,
  recordBankTransfer,
} from "~/models/payments.server";
import { RouteErrorMessage } from "~/root";
import billingStyles from "~/styles/billing.css";
import * as clock from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: billingStyles }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "payments.title") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.payments);
  const [tranches, ledger, writable, anomalies] = await Promise.all([
    listTranches(context),
    listLedger(context),
    isPartnershipWritable(context),
    // Row-level security gives them to the secretariat only.
    listBillingAnomalies(context),
  ]);
  return json({
    tranches,
    ledger,
    anomalies,
    writable,
    isSecretariat: reaches(context.membership.role, "recordPayments"),
    memberCode: context.membership.memberCode,
    stripe: stripeSetup().api,
    today: clock.today(),
    slug: context.partnership.slug,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.recordPayments);
  const submission = await parseForm(request, PaymentActionSchema);
  if (!submission.ok) return submission.response;
  const { data } = submission;
  if (data.intent === "issue-invoice") {
    const outcome = await issueTrancheInvoice(context, data.trancheId);
    if (!outcome.ok) return json({ error: outcome.message }, { status: outcome.status ?? 400 });
    return json({ notice: outcome.message });
  }
  const outcome = await recordBankTransfer(context, data, clock.today());
  if (!outcome.ok) return formFailure({ [outcome.field]: outcome.message }, submission.formData);
  return json({ notice: outcome.message });
}

type PaymentsData = SerializeFrom<typeof loader>;

/** The secretariat's form for a bank transfer received for a requested tranche. */
function TransferForm({ data }: { data: PaymentsData }) {
  const { tranches, today } = data;
  const { t, language } = useT();
  const f = useFormat();
  const { form, formError } = useValidatedForm(BankTransferSchema, {
    intent: "record-transfer",
    paidOn: today,
    typedIn: language,
  });
  const requested = tranches.filter((t) => t.status === "requested");
  return (
    <section className="card stack" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t("payments.recordTitle")}</h2>
      {requested.length === 0 ? (
        <p className="muted">{t("payments.noneRequested")}</p>
      ) : (
        <ValidatedForm form={form} formError={formError} className="form">
          <input type="hidden" {...form.register("intent")} />
          <input type="hidden" {...form.register("typedIn")} />
          <SelectField
            form={form}
            name="trancheId"
            label={t("payments.tranche")}
            placeholder={t("payments.chooseTranche")}
            options={requested.map((tranche) => ({
              value: tranche.id,
              label: t("payments.trancheOption", {
                member: f.country(tranche.memberCode),
                project: tranche.projectName,
                amount: f.money(
                  BigInt(tranche.amountMinor) - BigInt(tranche.paidMinor),
                  tranche.currency,
                ),
              }),
            }))}
          />
          <TextField
            form={form}
            name="reference"
            label={t("payments.reference")}
            hint={t("payments.referenceHint")}
            autoComplete="off"
          />
          <TextField
            form={form}
            name="paidOn"
            label={t("payments.receivedOn")}
            type="date"
            max={today}
          />
          <TextField
            form={form}
            name="amount"
            label={t("payments.amountReceived")}
            hint={t("payments.amountHint")}
            inputMode="decimal"
            autoComplete="off"
          />
          <SubmitButton
            className="button"
            name="intent"
            value="record-transfer"
            pendingText={t("payments.recording")}
          >
            {t("payments.record")}
          </SubmitButton>
        </ValidatedForm>
      )}
    </section>
  );
}

/** Every tranche the member may see, with what is due and, for the secretariat, the invoice controls. */
function TranchesTable({ data, canWrite }: { data: PaymentsData; canWrite: boolean }) {
  const { tranches, stripe, today, slug } = data;
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="stack" aria-labelledby="tranches-title">
      <h2 id="tranches-title">{t("payments.tranches")}</h2>
      {tranches.length === 0 ? <p className="muted">{t("payments.noTranches")}</p> : null}
      {tranches.length > 0 ? (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("payments.government")}</th>
                <th scope="col">{t("payments.project")}</th>
                <th scope="col" className="num">
                  {t("payments.amount")}
                </th>
                <th scope="col" className="num">
                  {t("payments.received")}
                </th>
                <th scope="col">{t("payments.due")}</th>
                <th scope="col">{t("payments.state")}</th>
                <th scope="col">{t("payments.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {tranches.map((tranche) => (
                <tr key={tranche.id}>
                  <td>{f.country(tranche.memberCode)}</td>
                  <td>{tranche.projectName}</td>
                  <td className="num">{f.money(tranche.amountMinor, tranche.currency)}</td>
                  <td className="num">{f.money(tranche.paidMinor, tranche.currency)}</td>
                  <td className="date">
                    {f.day(tranche.dueDate)}
                    {isTrancheOverdue(tranche, today) ? (
                      <>
                        {" "}
                        <span className="badge tranche-overdue">
                          {t("everyday.tranche.overdue")}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <span
                      className={`badge state-${tranche.state}${
                        tranche.state === "cancelled" ? " tranche-cancelled" : ""
                      }`}
                    >
                      {t(`payments.paymentState.${tranche.state}`)}
                    </span>
                    {tranche.invoiceUrl ? (
                      <>
                        {" "}
                        <a href={tranche.invoiceUrl} rel="noreferrer" target="_blank">
                          {t("payments.invoice")}
                          <span className="visually-hidden">{t("payments.opensStripe")}</span>
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <div className="row">
                      {canWrite &&
                      stripe &&
                      tranche.status === "requested" &&
                      tranche.invoiceable &&
                      tranche.state !== "invoiced" &&
                      tranche.state !== "partially_paid" ? (
                        <Form method="post">
                          <input type="hidden" name="trancheId" value={tranche.id} />
                          <button
                            className="button secondary small"
                            name="intent"
                            value="issue-invoice"
                            aria-label={t("payments.issueInvoiceLabel", {
                              member: f.country(tranche.memberCode),
                              project: tranche.projectName,
                            })}
                          >
                            {t("payments.issueInvoice")}
                          </button>
                        </Form>
                      ) : null}
                      {canWrite && tranche.status === "requested" ? (
                        <a href="#transfer-title" className="button secondary small">
                          {t("everyday.tranche.recordTransfer")}
                        </a>
                      ) : null}
                      <Link to={`/p/${slug}/pledges/${tranche.pledgeId}`} className="small-print">
                        {t("everyday.tranche.viewPledge")}
                        <span className="visually-hidden">
                          {" "}
                          {f.country(tranche.memberCode)}, {tranche.projectName}
                        </span>
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The payments received, newest first. */
function LedgerTable({ data }: { data: PaymentsData }) {
  const { ledger } = data;
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="stack" aria-labelledby="ledger-title">
      <h2 id="ledger-title">{t("payments.ledger")}</h2>
      {ledger.length === 0 ? <p className="muted">{t("payments.noPayments")}</p> : null}
      {ledger.length > 0 ? (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("payments.receivedOn")}</th>
                <th scope="col">{t("payments.government")}</th>
                <th scope="col">{t("payments.project")}</th>
                <th scope="col" className="num">
                  {t("payments.amount")}
                </th>
                <th scope="col">{t("payments.method")}</th>
                <th scope="col">{t("payments.reference")}</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((entry) => (
                <tr key={entry.id}>
                  <td className="date">{f.day(entry.paidOn)}</td>
                  <td>{f.country(entry.memberCode)}</td>
                  <td>{entry.projectName}</td>
                  <td className="num">{f.money(entry.amountMinor, entry.currency)}</td>
                  <td>{t(`payments.methods.${entry.method}`)}</td>
                  <td>{entry.reference}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/**
 * What Stripe reported that Lodestone cannot account for (ADR 068): invoices paid that Lodestone never
 * issued. None of them was booked; the secretariat checks each in Stripe's Dashboard.
 */
function AnomaliesSection({ data }: { data: PaymentsData }) {
  const { anomalies } = data;
  const { t } = useT();
  const f = useFormat();
  if (anomalies.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="anomalies-title">
      <h2 id="anomalies-title">{t("payments.anomalies.title")}</h2>
      <div role="status" className="alert warning">
        {t("payments.anomalies.explain", { count: anomalies.length })}
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("payments.anomalies.reportedOn")}</th>
              <th scope="col">{t("payments.anomalies.invoice")}</th>
              <th scope="col">{t("payments.anomalies.customer")}</th>
              <th scope="col" className="num">
                {t("payments.anomalies.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {anomalies.map((anomaly) => (
              <tr key={anomaly.id}>
                <td>{f.moment(anomaly.occurredAt)}</td>
                <td>
                  {anomaly.invoiceNumber
                    ? `${anomaly.invoiceNumber} (${anomaly.stripeInvoiceId})`
                    : anomaly.stripeInvoiceId}
                </td>
                <td>{anomaly.stripeCustomerId ?? "—"}</td>
                <td className="num">
                  {anomaly.currency
                    ? f.money(anomaly.amountMinor, anomaly.currency)
                    : t("payments.anomalies.unknownCurrency", { amount: anomaly.amountMinor })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function Payments() {
  const data = useLoaderData<typeof loader>();
  const { writable, isSecretariat, memberCode } = data;
  const result = useActionData<{ notice?: string; error?: string }>();
  const canWrite = isSecretariat && writable;
  const { t, tm } = useT();
  const f = useFormat();
  return (
    <div className="stack">
      <h1>{t("payments.title")}</h1>
      <p className="muted">
        {isSecretariat
          ? t("payments.leadSecretariat")
          : memberCode
            ? t("payments.leadMember", { member: f.country(memberCode) })
            : t("payments.leadMemberUnknown")}
      </p>
      {result?.notice ? (
        <div role="status" className="alert success">
          {tm(result.notice)}
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {tm(result.error)}
        </div>
      ) : null}

      {canWrite ? <TransferForm data={data} /> : null}

      <AnomaliesSection data={data} />

      <TranchesTable data={data} canWrite={canWrite} />

      <LedgerTable data={data} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
