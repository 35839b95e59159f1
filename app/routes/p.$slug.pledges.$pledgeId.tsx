import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { z } from "zod";
import { requireMember } from "~/auth/auth.server";
import { DraftMark, PledgeStatusBadge, RuleStateBadge } from "~/components/pledge-badges";
import {
  amendSchema,
  CommitSchema,
  INSTRUMENT_LABELS,
  TRANCHE_STATUS_LABELS,
  WithdrawSchema,
  type Instrument,
} from "~/domain/pledges";
import { REFUSALS } from "~/domain/refusals";
import { trancheProgress } from "~/domain/tranches";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { formFailure, parseForm } from "~/forms/parse.server";
import type { FormFailure } from "~/forms/validation";
import { amendPledge, commitPledge, getPledge, withdrawPledge } from "~/models/pledges.server";
import { RouteErrorMessage } from "~/root";
import { ConfirmButton } from "~/components/confirm";
import { useFormat, useT } from "~/i18n/react";
import fundingStyles from "~/styles/funding.css";
import * as clock from "~/utils/clock.server";
import { formatDay, formatMoment } from "~/utils/dates";
import { formatMoney, parseAmount } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Pledge to ${data.pledge.projectName} — Lodestone` : "Pledge — Lodestone" },
];

const PledgeIdSchema = z.uuid();

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await requireMember(request, params.slug);
  if (!PledgeIdSchema.safeParse(params.pledgeId).success) {
    throw new Response("Not found", { status: 404 });
  }
  const detail = await getPledge(context, params.pledgeId ?? "", clock.today());
  if (!detail) throw new Response("Not found", { status: 404 });
  return { context, detail };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { context, detail } = await load(request, params);
  return json({
    ...detail,
    slug: context.partnership.slug,
    reportingCurrency: context.partnership.reportingCurrency,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { context, detail } = await load(request, params);
  if (!detail.canAct) {
    throw new Response(REFUSALS.changePledge, { status: 403 });
  }
  const pledgeId = detail.pledge.id;
  const intent = (await request.clone().formData()).get("intent");
  if (intent === "commit") {
    const submission = await parseForm(request, CommitSchema);
    if (!submission.ok) return submission.response;
    const outcome = await commitPledge(context, pledgeId, submission.data.version);
    if (!outcome.ok) {
      return json<FormFailure>(
        { errors: { form: outcome.message }, values: { intent: "commit" } },
        { status: outcome.status },
      );
    }
    return json({ notice: outcome.notice });
  }
  if (intent === "amend") {
    const submission = await parseForm(request, amendSchema(detail.pledge.currency));
    if (!submission.ok) return submission.response;
    const { data, formData } = submission;
    const outcome = await amendPledge(
      context,
      pledgeId,
      parseAmount(data.newAmount, detail.pledge.currency, "en"),
      data.amendReason,
    );
    if (!outcome.ok) {
      const field = outcome.field === "newAmount" ? "newAmount" : "form";
      return json<FormFailure>(
        (await formFailure({ [field]: outcome.message }, formData).json()) as FormFailure,
        { status: outcome.status },
      );
    }
    return json({ notice: outcome.notice });
  }
  if (intent === "withdraw") {
    const submission = await parseForm(request, WithdrawSchema);
    if (!submission.ok) return submission.response;
    const outcome = await withdrawPledge(context, pledgeId, submission.data.withdrawReason);
    if (!outcome.ok) {
      return json<FormFailure>(
        {
          errors: { withdrawReason: outcome.message },
          values: { intent: "withdraw", withdrawReason: submission.data.withdrawReason },
        },
        { status: outcome.status },
      );
    }
    return json({ notice: outcome.notice });
  }
  return json<FormFailure>(
    { errors: { form: "Choose commit, amend or withdraw." }, values: {} },
    { status: 400 },
  );
}

type PledgeData = SerializeFrom<typeof loader>;

/** The pledge's terms, with what the co-funding engine makes of its rule. */
function TermsSection({ data }: { data: PledgeData }) {
  const { pledge, evaluation, slug } = data;
  return (
    <section className="card" aria-labelledby="terms-title">
      <h2 id="terms-title">Terms</h2>
      <dl className="definition-grid">
        <dt>Project</dt>
        <dd>
          <Link to={`/p/${slug}/projects/${pledge.projectId}/pledges`}>{pledge.projectName}</Link>
        </dd>
        <dt>Government</dt>
        <dd>{pledge.memberName}</dd>
        <dt>Amount</dt>
        <dd>{formatMoney(pledge.amountMinor, pledge.currency)}</dd>
        {evaluation?.amountReporting && pledge.currency !== data.reportingCurrency ? (
          <>
            <dt>In {data.reportingCurrency}</dt>
            <dd>{formatMoney(evaluation.amountReporting, data.reportingCurrency)}</dd>
          </>
        ) : null}
        <dt>Instrument</dt>
        <dd>{INSTRUMENT_LABELS[pledge.instrument as Instrument] ?? pledge.instrument}</dd>
        <dt>Co-funding rule</dt>
        <dd>
          {pledge.ruleText}
          {evaluation?.hasRule &&
          evaluation.state === "triggered" &&
          evaluation.pendingReporting !== "0" ? (
            <>
              {" "}
              (counting {formatMoney(
                evaluation.countingReporting ?? "0",
                data.reportingCurrency,
              )}{" "}
              now, the rest pending)
            </>
          ) : null}
          {evaluation?.waitsOnEachOther ? (
            <p className="muted">
              Pending only because the pledges it waits on are themselves conditional on this one:
              mutual conditions hold only once unconditional money meets them (ADR 030).
            </p>
          ) : null}
        </dd>
        <dt>Conditions</dt>
        <dd>{pledge.conditions || "None stated"}</dd>
        <dt>Committed</dt>
        <dd>{pledge.committedAt ? formatDay(pledge.committedAt) : "Not yet"}</dd>
        {pledge.withdrawalReason ? (
          <>
            <dt>Withdrawn because</dt>
            <dd>{pledge.withdrawalReason}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** The tranche schedule and how far it is paid. */
function TranchesSection({ data }: { data: PledgeData }) {
  const { pledge, tranches } = data;
  const progress = trancheProgress(
    tranches.map((t) => ({ id: t.id, amountMinor: BigInt(t.amountMinor), status: t.status })),
  );
  return (
    <section className="stack" aria-labelledby="tranches-title">
      <h2 id="tranches-title">Tranches</h2>
      <p className="muted">
        Paid {formatMoney(progress.paid, pledge.currency)} · requested{" "}
        {formatMoney(progress.requested, pledge.currency)} · scheduled{" "}
        {formatMoney(progress.scheduled, pledge.currency)} of{" "}
        {formatMoney(pledge.amountMinor, pledge.currency)}. A tranche tied to a milestone is
        requested when the milestone is done; the secretariat records payments.
      </p>
      <div className="table-wrap">
        <table aria-labelledby="tranches-title">
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Released by</th>
              <th scope="col">State</th>
              <th scope="col">Paid</th>
            </tr>
          </thead>
          <tbody>
            {tranches.map((tranche) => (
              <tr key={tranche.id}>
                <td>{tranche.dueDate}</td>
                <td className="num">{formatMoney(tranche.amountMinor, pledge.currency)}</td>
                <td>
                  {tranche.milestoneTitle
                    ? `${tranche.milestoneTitle} (${tranche.milestoneStatus?.replace("_", " ")})`
                    : "Its date"}
                </td>
                <td>
                  <span className={`badge tranche-${tranche.status}`}>
                    {TRANCHE_STATUS_LABELS[tranche.status]}
                  </span>
                </td>
                <td>
                  {tranche.paidOn
                    ? `${tranche.paidOn}${tranche.paymentReference ? ` · ${tranche.paymentReference}` : ""}`
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The pledge's amendments, newest first. */
function HistorySection({ data }: { data: PledgeData }) {
  const { pledge, amendments } = data;
  return (
    <section className="stack" aria-labelledby="history-title">
      <h2 id="history-title">Amendments</h2>
      {amendments.length === 0 ? (
        <p className="muted">No amendments.</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="history-title">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col" className="num">
                  From
                </th>
                <th scope="col" className="num">
                  To
                </th>
                <th scope="col">Reason</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {amendments.map((amendment) => (
                <tr key={amendment.id}>
                  <td>{formatMoment(amendment.createdAt)}</td>
                  <td className="num">
                    {formatMoney(amendment.previousAmountMinor, pledge.currency)}
                  </td>
                  <td className="num">{formatMoney(amendment.newAmountMinor, pledge.currency)}</td>
                  <td>{amendment.reason}</td>
                  <td>{amendment.byName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Commit, amend or withdraw, as far as the pledge's state allows. */
function PledgeActions({ data, intent }: { data: PledgeData; intent: string | undefined }) {
  const { pledge } = data;
  const { t } = useT();
  const f = useFormat();
  const live = ["committed", "disbursing"].includes(pledge.status);
  return (
    <section className="stack" aria-labelledby="actions-title">
      <h2 id="actions-title">Change this pledge</h2>
      <div className="action-grid">
        {pledge.status === "draft" ? (
          <div className="card stack">
            <h3>Commit</h3>
            <p className="muted">
              Committing shows the pledge to the whole partnership. Its terms are then fixed; the
              amount changes only by a recorded amendment.
            </p>
            {data.projectStatus !== "approved" ? (
              <p className="alert warning">
                The project is not approved, so it cannot be committed yet.
              </p>
            ) : null}
            <Form method="post" className="row">
              <input type="hidden" name="version" value={pledge.version} />
              <ConfirmButton
                name="intent"
                value="commit"
                message={t("everyday.confirm.commit", {
                  amount: f.money(pledge.amountMinor, pledge.currency),
                  project: pledge.projectName,
                })}
                confirmLabel={t("everyday.confirm.commitButton")}
                pendingText={t("common.saving")}
              >
                {t("everyday.confirm.commitPledge")}
              </ConfirmButton>
              <Link to="edit" relative="path" className="button secondary">
                {t("everyday.edit.editPledge")}
              </Link>
            </Form>
          </div>
        ) : null}
        {live ? (
          <AmendForm
            key={`amend-${pledge.version}`}
            currency={pledge.currency}
            current={pledge.amountMinor}
            showFormError={intent === "amend"}
          />
        ) : null}
        {pledge.status === "draft" || pledge.status === "committed" ? (
          <WithdrawForm
            key={`withdraw-${pledge.version}`}
            showFormError={intent === "withdraw"}
            amount={f.money(pledge.amountMinor, pledge.currency)}
          />
        ) : null}
      </div>
    </section>
  );
}

export default function PledgeDetail() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ notice?: string } & Partial<FormFailure>>();
  const [search] = useSearchParams();
  const { pledge, evaluation, canAct, slug } = data;
  const { t } = useT();
  const intent = result?.values?.intent;
  const live = ["committed", "disbursing"].includes(pledge.status);
  return (
    <div className="stack">
      <p>
        <Link to={`/p/${slug}/pledges`}>← Pledges</Link>
      </p>
      <div className="row">
        <h1>
          {pledge.memberName}: {formatMoney(pledge.amountMinor, pledge.currency)} to{" "}
          {pledge.projectName}
        </h1>
      </div>
      <div className="chip-list">
        <PledgeStatusBadge status={pledge.status} />
        {pledge.status === "draft" && pledge.mine ? <DraftMark /> : null}
        {evaluation?.hasRule && pledge.status !== "draft" && pledge.status !== "withdrawn" ? (
          <RuleStateBadge state={evaluation.state} waitsOnEachOther={evaluation.waitsOnEachOther} />
        ) : null}
      </div>
      {search.get("edited") && !result ? (
        <div role="status" className="alert success">
          {t("everyday.edit.pledgeSaved")}
        </div>
      ) : null}
      {search.get("created") && !result ? (
        <div role="status" className="alert success">
          Draft saved. Only {pledge.memberName}&apos;s delegates can see it until it is committed.
        </div>
      ) : null}
      {result?.notice ? (
        <div role="status" className="alert success">
          {result.notice}
        </div>
      ) : null}
      {result?.errors?.form && intent === "commit" ? (
        <div role="alert" className="alert error">
          {result.errors.form}
        </div>
      ) : null}

      <TermsSection data={data} />

      <TranchesSection data={data} />

      <HistorySection data={data} />

      {canAct && (pledge.status === "draft" || live) ? (
        <PledgeActions data={data} intent={intent} />
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;

function AmendForm({
  currency,
  current,
  showFormError,
}: {
  currency: string;
  current: string;
  showFormError: boolean;
}) {
  const schema = useMemo(() => amendSchema(currency), [currency]);
  const { form, formError } = useValidatedForm(schema, { newAmount: "", amendReason: "" });
  return (
    <div className="card stack">
      <h3 id="amend-title">Amend the amount</h3>
      <ValidatedForm
        form={form}
        formError={showFormError ? formError : undefined}
        className="form"
        aria-labelledby="amend-title"
      >
        <TextField
          form={form}
          name="newAmount"
          label={`New amount (${currency})`}
          inputMode="decimal"
          autoComplete="off"
          hint={`Now ${formatMoney(current, currency)}. Scheduled tranches are adjusted in proportion.`}
        />
        <TextField
          form={form}
          name="amendReason"
          label="Reason for the amendment"
          autoComplete="off"
        />
        <SubmitButton name="intent" value="amend" pendingText="Amending…">
          Amend pledge
        </SubmitButton>
      </ValidatedForm>
    </div>
  );
}

function WithdrawForm({ showFormError, amount }: { showFormError: boolean; amount: string }) {
  const { form, formError } = useValidatedForm(WithdrawSchema, { withdrawReason: "" });
  const { t } = useT();
  return (
    <div className="card stack">
      <h3 id="withdraw-title">Withdraw</h3>
      <ValidatedForm
        form={form}
        formError={showFormError ? formError : undefined}
        className="form"
        aria-labelledby="withdraw-title"
      >
        <TextField
          form={form}
          name="withdrawReason"
          label="Reason for withdrawing"
          autoComplete="off"
          hint="The pledge stays in the history with this reason."
        />
        <ConfirmButton
          name="intent"
          value="withdraw"
          className="button danger"
          message={t("everyday.confirm.withdraw", { amount })}
          asksWhen={(form) =>
            Boolean(String(new FormData(form).get("withdrawReason") ?? "").trim())
          }
          confirmLabel={t("everyday.confirm.withdrawButton")}
          pendingText={t("common.saving")}
        >
          {t("everyday.confirm.withdrawPledge")}
        </ConfirmButton>
      </ValidatedForm>
    </div>
  );
}
