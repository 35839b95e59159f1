/*
 * Tranche payments: the tranches the secretariat collects (or a government pays), the ledger, a bank
 * transfer recorded by hand, and a Stripe invoice issued for a requested tranche. All reads and writes run as
 * the signed-in user under RLS; the database checks the amount, the currency, the tranche's state and the
 * read-only rule, and marks the tranche paid once payments cover it.
 */
import type { MemberContext } from "~/auth/auth.server";
import {
  bankTransferFor,
  tranchePaymentState,
  type TrancheInvoiceStatus,
  type TranchePaymentState,
} from "~/billing/rules";
import type { BankTransferInput } from "~/billing/schemas";
import { createGovernmentCustomer, issueBankTransferInvoice } from "~/billing/stripe-calls.server";
import { getStripe, stripeFailureMessage } from "~/billing/stripe.server";
import { databaseError, refusalOf } from "~/db/errors";
import { seesOwnPaymentsOnly } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import { moneyValue, msg } from "~/i18n/message";
import { MoneyInputError, parseAmount } from "~/utils/money";

export interface TrancheLine {
  id: string;
  pledgeId: string;
  memberName: string;
  memberCode: string;
  projectName: string;
  amountMinor: string;
  paidMinor: string;
  currency: string;
  dueDate: string;
  status: "scheduled" | "requested" | "paid" | "cancelled";
  state: TranchePaymentState;
  invoiceStatus: TrancheInvoiceStatus | null;
  invoiceUrl: string | null;
  /** Stripe offers a bank-transfer invoice in this currency. */
  invoiceable: boolean;
}

interface TrancheRow {
  id: string;
  pledge_id: string;
  member_name: string;
  member_code: string;
  project_name: string;
  amount_minor: string;
  paid_minor: string;
  currency: string;
  due_date: string;
  status: "scheduled" | "requested" | "paid" | "cancelled";
  invoice_status: TrancheInvoiceStatus | null;
  invoice_paid_minor: string | null;
  invoice_url: string | null;
}

/**
 * Tranches of live and closed (non-draft) pledges: the secretariat sees its partnership's; a delegate sees
 * their own government's only. Requested first, then scheduled, then paid; by due date.
 */
export function listTranches({ user, partnership, membership }: MemberContext) {
  const ownOnly = seesOwnPaymentsOnly(membership);
  return user
    .db((tx) =>
      tx.query<TrancheRow>(
        `select t.id, t.pledge_id, m.name as member_name, m.code as member_code, pr.name as project_name,
                t.amount_minor, t.status, t.due_date, trim(pl.currency) as currency,
                -- A tranche paid before the ledger existed (seeded, or marked by hand) counts as received.
                greatest(coalesce((select sum(tp.amount_minor) from public.tranche_payments tp
                                    where tp.tranche_id = t.id), 0),
                         case when t.status = 'paid' then t.amount_minor else 0 end) as paid_minor,
                inv.status as invoice_status, inv.amount_paid_minor as invoice_paid_minor,
                inv.hosted_invoice_url as invoice_url
           from public.tranches t
           join public.pledges pl on pl.id = t.pledge_id
           join public.members m on m.id = pl.member_id
           join public.projects pr on pr.id = pl.project_id
           left join lateral (
             select ti.status, ti.amount_paid_minor, ti.hosted_invoice_url from public.tranche_invoices ti
              where ti.tranche_id = t.id order by ti.created_at desc limit 1) inv on true
          where t.partnership_id = $1 and pl.status <> 'draft'
            and ($2::uuid is null or pl.member_id = $2::uuid)
          order by case t.status when 'requested' then 0 when 'scheduled' then 1 when 'paid' then 2 else 3 end,
                   t.due_date, m.name`,
        [partnership.id, ownOnly ? (membership.memberId ?? partnership.id) : null],
      ),
    )
    .then((rows) =>
      rows.map((row): TrancheLine => ({
        id: row.id,
        pledgeId: row.pledge_id,
        memberName: row.member_name,
        memberCode: row.member_code,
        projectName: row.project_name,
        amountMinor: row.amount_minor,
        paidMinor: row.paid_minor,
        currency: row.currency,
        dueDate: row.due_date,
        status: row.status,
        invoiceStatus: row.invoice_status,
        invoiceUrl: row.invoice_url,
        invoiceable: bankTransferFor(row.currency, row.member_code) !== null,
        state: tranchePaymentState({
          status: row.status,
          amountMinor: BigInt(row.amount_minor),
          paidMinor: BigInt(row.paid_minor),
          invoiceStatus: row.invoice_status,
          invoicePaidMinor: BigInt(row.invoice_paid_minor ?? "0"),
        }),
      })),
    );
}

export interface LedgerEntry {
  id: string;
  trancheId: string;
  memberName: string;
  /** The government's code: pages name it with the one country formatter (f.country). */
  memberCode: string;
  projectName: string;
  amountMinor: string;
  currency: string;
  method: "stripe_invoice" | "bank_transfer";
  reference: string;
  paidOn: string;
}

/** The ledger (RLS: the secretariat sees its partnership's; a delegate their government's). */
export function listLedger({ user, partnership }: MemberContext): Promise<LedgerEntry[]> {
  return user.db((tx) =>
    tx.query<LedgerEntry>(
      `select tp.id, tp.tranche_id as "trancheId", m.name as "memberName", m.code as "memberCode",
              pr.name as "projectName", tp.amount_minor as "amountMinor", trim(tp.currency) as currency, tp.method,
              tp.reference, tp.paid_on as "paidOn"
         from public.tranche_payments tp
         join public.pledges pl on pl.id = tp.pledge_id
         join public.members m on m.id = pl.member_id
         join public.projects pr on pr.id = pl.project_id
        where tp.partnership_id = $1
        order by tp.paid_on desc, tp.created_at desc`,
      [partnership.id],
    ),
  );
}

/** Something Stripe reported that Lodestone cannot account for (ADR 068), as the Payments page lists it. */
export interface BillingAnomaly {
  id: string;
  kind: "unknown_invoice_paid";
  stripeInvoiceId: string;
  invoiceNumber: string | null;
  stripeCustomerId: string | null;
  amountMinor: string;
  currency: string | null;
  occurredAt: string;
}

/** The partnership's billing anomalies, newest first (RLS: its secretariat only; others read none). */
export function listBillingAnomalies({
  user,
  partnership,
}: MemberContext): Promise<BillingAnomaly[]> {
  return user.db((tx) =>
    tx.query<BillingAnomaly>(
      `select id, kind, stripe_invoice_id as "stripeInvoiceId", invoice_number as "invoiceNumber",
              stripe_customer_id as "stripeCustomerId", amount_minor as "amountMinor",
              trim(currency) as currency, occurred_at as "occurredAt"
         from public.billing_anomalies
        where partnership_id = $1
        order by occurred_at desc, id
        limit 100`,
      [partnership.id],
    ),
  );
}

export type PaymentOutcome =
  { ok: true; message: string } | { ok: false; field: string; message: string; status?: number };

interface PayableRow {
  id: string;
  partnership_id: string;
  pledge_id: string;
  status: string;
  amount_minor: string;
  paid_minor: string;
  currency: string;
  member_id: string;
  member_name: string;
  member_code: string;
  billing_email: string | null;
  member_customer: string | null;
  project_name: string;
  invoices: number;
  open_invoices: number;
  writable: boolean;
}

function loadTranche({ user, partnership }: MemberContext, trancheId: string) {
  return user
    .db((tx) =>
      tx.query<PayableRow>(
        `select t.id, t.partnership_id, t.pledge_id, t.status, t.amount_minor, trim(pl.currency) as currency,
                coalesce((select sum(tp.amount_minor) from public.tranche_payments tp
                           where tp.tranche_id = t.id), 0) as paid_minor,
                m.id as member_id, m.name as member_name, m.code as member_code, m.billing_email,
                m.stripe_customer_id as member_customer, pr.name as project_name,
                (select count(*)::int from public.tranche_invoices ti where ti.tranche_id = t.id) as invoices,
                (select count(*)::int from public.tranche_invoices ti
                  where ti.tranche_id = t.id and ti.status in ('open', 'partially_paid')) as open_invoices,
                private.partnership_is_writable(t.partnership_id) as writable
           from public.tranches t
           join public.pledges pl on pl.id = t.pledge_id
           join public.members m on m.id = pl.member_id
           join public.projects pr on pr.id = pl.project_id
          where t.id = $1 and t.partnership_id = $2`,
        [trancheId, partnership.id],
      ),
    )
    .then(([row]) => row ?? null);
}

/** A database refusal (app/db/errors.ts) as a message for the form; unexpected errors are rethrown. */
function refusal(error: unknown): PaymentOutcome {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  switch (refusal.kind) {
    case "read-only":
      return {
        ok: false,
        field: "form",
        message: msg("billing.readOnly"),
        status: refusal.status,
      };
    case "forbidden":
      return { ok: false, field: "form", message: REFUSALS.recordPayments, status: refusal.status };
    case "not-found":
      return {
        ok: false,
        field: "trancheId",
        message: REFUSALS.trancheNotFound,
        status: refusal.status,
      };
    default:
      return {
        ok: false,
        field: "form",
        message: refusal.message ?? REFUSALS.invalidValue,
        status: refusal.status,
      };
  }
}

/**
 * Records a bank transfer received for a requested tranche. `today` ('YYYY-MM-DD') refuses a date in the
 * future on the form; the database refuses it again against its own clock.
 */
export async function recordBankTransfer(
  context: MemberContext,
  input: BankTransferInput,
  today: string,
): Promise<PaymentOutcome> {
  const tranche = await loadTranche(context, input.trancheId);
  if (!tranche) return { ok: false, field: "trancheId", message: REFUSALS.trancheNotFound };
  if (tranche.status !== "requested") {
    return {
      ok: false,
      field: "trancheId",
      message: msg("payments.notRequested", { status: tranche.status }),
    };
  }
  let amount: bigint;
  try {
    amount = parseAmount(input.amount, tranche.currency, input.typedIn);
  } catch (error) {
    if (error instanceof MoneyInputError)
      return { ok: false, field: "amount", message: error.message };
    throw error;
  }
  const due = BigInt(tranche.amount_minor) - BigInt(tranche.paid_minor);
  if (amount <= 0n) return { ok: false, field: "amount", message: msg("payments.abovezero") };
  if (amount > due) {
    return {
      ok: false,
      field: "amount",
      message: msg("payments.moreThanDue", { due: moneyValue(due, tranche.currency) }),
    };
  }
  if (input.paidOn > today) {
    return { ok: false, field: "paidOn", message: msg("payments.future") };
  }
  try {
    await context.user.db((tx) =>
      tx.query(
        `insert into public.tranche_payments (partnership_id, tranche_id, pledge_id, amount_minor, currency,
           method, reference, paid_on)
         values ($1, $2, $3, $4, $5, 'bank_transfer', $6, $7)`,
        [
          tranche.partnership_id,
          tranche.id,
          tranche.pledge_id,
          amount.toString(),
          tranche.currency,
          input.reference,
          input.paidOn,
        ],
      ),
    );
  } catch (error) {
    return refusal(error);
  }
  const left = due - amount;
  return {
    ok: true,
    message:
      left === 0n
        ? msg("payments.recordedPaid", {
            amount: moneyValue(amount, tranche.currency),
            member: tranche.member_name,
          })
        : msg("payments.recordedLeft", {
            amount: moneyValue(amount, tranche.currency),
            member: tranche.member_name,
            left: moneyValue(left, tranche.currency),
          }),
  };
}

/** Issues a Stripe invoice (bank transfer) to the pledging government's billing contact for what is due. */
export async function issueTrancheInvoice(
  context: MemberContext,
  trancheId: string,
): Promise<PaymentOutcome> {
  const stripe = getStripe();
  if (!stripe) {
    return {
      ok: false,
      field: "form",
      message: msg("billing.stripeNotSetUp"),
      status: 409,
    };
  }
  const tranche = await loadTranche(context, trancheId);
  if (!tranche) return { ok: false, field: "form", message: REFUSALS.trancheNotFound, status: 404 };
  if (!tranche.writable)
    return { ok: false, field: "form", message: msg("billing.readOnly"), status: 402 };
  if (tranche.status !== "requested") {
    return {
      ok: false,
      field: "form",
      message: msg("payments.notInvoiceable", { status: tranche.status }),
      status: 409,
    };
  }
  if (tranche.open_invoices > 0) {
    return {
      ok: false,
      field: "form",
      message: msg("payments.invoiceOpen"),
      status: 409,
    };
  }
  const bankTransfer = bankTransferFor(tranche.currency, tranche.member_code);
  if (!bankTransfer) {
    return {
      ok: false,
      field: "form",
      message: msg("payments.noBankTransfer", { currency: tranche.currency }),
      status: 409,
    };
  }
  if (!tranche.billing_email) {
    return {
      ok: false,
      field: "form",
      message: msg("payments.noBillingContact", { member: tranche.member_name }),
      status: 409,
    };
  }
  const due = BigInt(tranche.amount_minor) - BigInt(tranche.paid_minor);
  try {
    let customerId = tranche.member_customer;
    if (!customerId) {
      customerId = await createGovernmentCustomer(stripe, {
        partnershipId: tranche.partnership_id,
        memberId: tranche.member_id,
        name: tranche.member_name,
        email: tranche.billing_email,
      });
      const created = customerId;
      await context.user.db((tx) =>
        tx.query("update public.members set stripe_customer_id = $2 where id = $1", [
          tranche.member_id,
          created,
        ]),
      );
    }
    const invoice = await issueBankTransferInvoice(stripe, {
      partnershipId: tranche.partnership_id,
      trancheId: tranche.id,
      pledgeId: tranche.pledge_id,
      customerId,
      amountMinor: due,
      currency: tranche.currency,
      // i18n-exempt: the invoice's line for Stripe, in English like everything sent to Stripe (ADR 090).
      description: `Lodestone — ${tranche.project_name}: tranche from ${tranche.member_name}`,
      bankTransfer,
      attempt: tranche.invoices + 1,
    });
    await context.user.db((tx) =>
      tx.query(
        `insert into public.tranche_invoices (partnership_id, tranche_id, pledge_id, stripe_invoice_id,
           stripe_customer_id, amount_due_minor, currency, hosted_invoice_url)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (stripe_invoice_id) do nothing`,
        [
          tranche.partnership_id,
          tranche.id,
          tranche.pledge_id,
          invoice.id,
          customerId,
          due.toString(),
          tranche.currency,
          invoice.hosted_invoice_url?.startsWith("https://") ? invoice.hosted_invoice_url : null,
        ],
      ),
    );
  } catch (error) {
    if (databaseError(error)) return refusal(error);
    return { ok: false, field: "form", message: stripeFailureMessage(error), status: 502 };
  }
  return {
    ok: true,
    message: msg("payments.invoiceSent", {
      amount: moneyValue(due, tranche.currency),
      member: tranche.member_name,
      email: tranche.billing_email,
    }),
  };
}
