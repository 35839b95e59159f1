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
import { PAYMENT_STATE_LABELS } from "~/billing/rules";
import { BankTransferSchema, IssueInvoiceSchema } from "~/billing/schemas";
import { stripeSetup } from "~/billing/stripe.server";
import { isTrancheOverdue } from "~/domain/decisions";
import { reaches, ROLES_FOR } from "~/domain/permissions";
import { useT } from "~/i18n/react";
import {
  SelectField,
  SubmitButton,
  TextField,
  ValidatedForm,
  useValidatedForm,
} from "~/forms/fields";
import { formFailure, parseForm } from "~/forms/parse.server";
import { isPartnershipWritable } from "~/models/billing.server";
import {
  issueTrancheInvoice,
  listLedger,
  listTranches,
  recordBankTransfer,
} from "~/models/payments.server";
import { RouteErrorMessage } from "~/root";
import billingStyles from "~/styles/billing.css";
import * as clock from "~/utils/clock.server";
import { formatDay } from "~/utils/dates";
import { formatMoney } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: billingStyles }];

export const meta: MetaFunction = () => [{ title: "Payments — Lodestone" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.payments);
  const [tranches, ledger, writable] = await Promise.all([
    listTranches(context),
    listLedger(context),
    isPartnershipWritable(context),
  ]);
  return json({
    tranches,
    ledger,
    writable,
    isSecretariat: reaches(context.membership.role, "recordPayments"),
    memberName: context.membership.memberName,
    stripe: stripeSetup().api,
    today: clock.today(),
    slug: context.partnership.slug,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.recordPayments);
  const intent = (await request.clone().formData()).get("intent");
  if (intent === "issue-invoice") {
    const submission = await parseForm(request, IssueInvoiceSchema);
    if (!submission.ok) return submission.response;
    const outcome = await issueTrancheInvoice(context, submission.data.trancheId);
    if (!outcome.ok) return json({ error: outcome.message }, { status: outcome.status ?? 400 });
    return json({ notice: outcome.message });
  }
  const submission = await parseForm(request, BankTransferSchema);
  if (!submission.ok) return submission.response;
  const outcome = await recordBankTransfer(context, submission.data, clock.today());
  if (!outcome.ok) return formFailure({ [outcome.field]: outcome.message }, submission.formData);
  return json({ notice: outcome.message });
}

const METHOD_LABELS = { stripe_invoice: "Stripe invoice", bank_transfer: "Bank transfer" } as const;

type PaymentsData = SerializeFrom<typeof loader>;

/** The secretariat's form for a bank transfer received for a requested tranche. */
function TransferForm({ data }: { data: PaymentsData }) {
  const { tranches, today } = data;
  const { form, formError } = useValidatedForm(BankTransferSchema, {
    intent: "record-transfer",
    paidOn: today,
  });
  const requested = tranches.filter((t) => t.status === "requested");
  return (
    <section className="card stack" aria-labelledby="transfer-title">
      <h2 id="transfer-title">Record a bank transfer</h2>
      {requested.length === 0 ? (
        <p className="muted">
          No tranche is requested right now: a tranche is requested when its milestone is done.
        </p>
      ) : (
        <ValidatedForm form={form} formError={formError} className="form">
          <input type="hidden" {...form.register("intent")} />
          <SelectField
            form={form}
            name="trancheId"
            label="Tranche"
            placeholder="Choose a requested tranche"
            options={requested.map((t) => ({
              value: t.id,
              label: `${t.memberName} — ${t.projectName} — ${formatMoney(
                BigInt(t.amountMinor) - BigInt(t.paidMinor),
                t.currency,
              )} due`,
            }))}
          />
          <TextField
            form={form}
            name="reference"
            label="Bank reference"
            hint="As it appears on the bank statement."
            autoComplete="off"
          />
          <TextField form={form} name="paidOn" label="Received on" type="date" max={today} />
          <TextField
            form={form}
            name="amount"
            label="Amount received"
            hint="In the tranche's currency, for example 15,000,000.00 (whole amounts for JPY and KRW)."
            inputMode="decimal"
            autoComplete="off"
          />
          <SubmitButton
            className="button"
            name="intent"
            value="record-transfer"
            pendingText="Recording…"
          >
            Record bank transfer
          </SubmitButton>
        </ValidatedForm>
      )}
    </section>
  );
}

/** Every tranche the member may see, with what is due and, for the secretariat, the invoice controls. */
function TranchesTable({ data, canWrite }: { data: PaymentsData; canWrite: boolean }) {
  const { tranches, stripe, today, slug } = data;
  const { t: tr } = useT();
  return (
    <section className="stack" aria-labelledby="tranches-title">
      <h2 id="tranches-title">Tranches</h2>
      {tranches.length === 0 ? <p className="muted">No tranches yet.</p> : null}
      {tranches.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Government</th>
                <th scope="col">Project</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Received
                </th>
                <th scope="col">Due</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {tranches.map((t) => (
                <tr key={t.id}>
                  <td>{t.memberName}</td>
                  <td>{t.projectName}</td>
                  <td className="num">{formatMoney(t.amountMinor, t.currency)}</td>
                  <td className="num">{formatMoney(t.paidMinor, t.currency)}</td>
                  <td>
                    {formatDay(t.dueDate)}
                    {isTrancheOverdue(t, today) ? (
                      <>
                        {" "}
                        <span className="badge tranche-overdue">
                          {tr("everyday.tranche.overdue")}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <span
                      className={`badge state-${t.state}${
                        t.state === "cancelled" ? " tranche-cancelled" : ""
                      }`}
                    >
                      {PAYMENT_STATE_LABELS[t.state]}
                    </span>
                    {t.invoiceUrl ? (
                      <>
                        {" "}
                        <a href={t.invoiceUrl} rel="noreferrer" target="_blank">
                          Invoice<span className="visually-hidden"> (opens Stripe)</span>
                        </a>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <div className="row">
                      {canWrite &&
                      stripe &&
                      t.status === "requested" &&
                      t.invoiceable &&
                      t.state !== "invoiced" &&
                      t.state !== "partially_paid" ? (
                        <Form method="post">
                          <input type="hidden" name="trancheId" value={t.id} />
                          <button
                            className="button secondary small"
                            name="intent"
                            value="issue-invoice"
                            aria-label={`Issue a Stripe invoice to ${t.memberName} for ${t.projectName}`}
                          >
                            Issue invoice
                          </button>
                        </Form>
                      ) : null}
                      {canWrite && t.status === "requested" ? (
                        <a href="#transfer-title" className="button secondary small">
                          {tr("everyday.tranche.recordTransfer")}
                        </a>
                      ) : null}
                      <Link to={`/p/${slug}/pledges/${t.pledgeId}`} className="small-print">
                        {tr("everyday.tranche.viewPledge")}
                        <span className="visually-hidden">
                          {" "}
                          {t.memberName}, {t.projectName}
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
  return (
    <section className="stack" aria-labelledby="ledger-title">
      <h2 id="ledger-title">Payments received</h2>
      {ledger.length === 0 ? <p className="muted">No payment recorded yet.</p> : null}
      {ledger.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Received on</th>
                <th scope="col">Government</th>
                <th scope="col">Project</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Method</th>
                <th scope="col">Reference</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDay(entry.paidOn)}</td>
                  <td>{entry.memberName}</td>
                  <td>{entry.projectName}</td>
                  <td className="num">{formatMoney(entry.amountMinor, entry.currency)}</td>
                  <td>{METHOD_LABELS[entry.method]}</td>
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

export default function Payments() {
  const data = useLoaderData<typeof loader>();
  const { writable, isSecretariat, memberName } = data;
  const result = useActionData<{ notice?: string; error?: string }>();
  const canWrite = isSecretariat && writable;
  return (
    <div className="stack">
      <h1>Payments</h1>
      <p className="muted">
        {isSecretariat
          ? "Tranches the governments have pledged, what is due now, and every payment received."
          : `The tranches ${memberName ?? "your government"} pledged and the payments received for them.`}
      </p>
      {result?.notice ? (
        <div role="status" className="alert success">
          {result.notice}
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {result.error}
        </div>
      ) : null}

      {canWrite ? <TransferForm data={data} /> : null}

      <TranchesTable data={data} canWrite={canWrite} />

      <LedgerTable data={data} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
