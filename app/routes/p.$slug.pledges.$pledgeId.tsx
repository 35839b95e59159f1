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
import { requireMember } from "~/auth/auth.server";
import { DraftMark, PledgeStatusBadge, RuleStateBadge } from "~/components/pledge-badges";
import { isMilestoneStatus } from "~/domain/milestones";
import { amendSchema, pledgeActionSchema, WithdrawSchema, type Instrument } from "~/domain/pledges";
import { REFUSALS } from "~/domain/refusals";
import { trancheProgress } from "~/domain/tranches";
import { SubmitButton, TextField, ValidatedForm, useValidatedForm } from "~/forms/fields";
import { requireParam } from "~/forms/params.server";
import { formFailure, parseForm } from "~/forms/parse.server";
import type { FormFailure } from "~/forms/validation";
import { msg } from "~/i18n/message";
import { metaT } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { amendPledge, commitPledge, getPledge, withdrawPledge } from "~/models/pledges.server";
import { RouteErrorMessage } from "~/root";
import { ConfirmButton } from "~/components/confirm";
import fundingStyles from "~/styles/funding.css";
import * as clock from "~/utils/clock.server";
import { parseAmount } from "~/utils/money";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fundingStyles }];
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  const title = data
    ? t("pledges.detail.title", { project: data.pledge.projectName })
    : t("pledges.detail.fallbackTitle");
  return [{ title: t("common.pageTitle", { title }) }];
};

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await requireMember(request, params.slug);
  const pledgeId = requireParam(params, "pledgeId", "uuid");
  const detail = await getPledge(context, pledgeId, clock.today());
  if (!detail) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
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
  const submission = await parseForm(request, pledgeActionSchema(detail.pledge.currency));
  if (!submission.ok) return submission.response;
  const { data, formData } = submission;
  if (data.intent === "commit") {
    const outcome = await commitPledge(context, pledgeId, data.version);
    if (!outcome.ok) {
      return json<FormFailure>(
        { errors: { form: outcome.message }, values: { intent: "commit" } },
        { status: outcome.status },
      );
    }
    return json({ notice: outcome.notice });
  }
  if (data.intent === "amend") {
    const outcome = await amendPledge(
      context,
      pledgeId,
      parseAmount(data.newAmount, detail.pledge.currency, data.typedIn),
      data.amendReason,
    );
    if (!outcome.ok) {
      const field = outcome.field === "newAmount" ? "newAmount" : "form";
      return formFailure({ [field]: outcome.message }, formData, outcome.status);
    }
    return json({ notice: outcome.notice });
  }
  const outcome = await withdrawPledge(context, pledgeId, data.withdrawReason);
  if (!outcome.ok) {
    return json<FormFailure>(
      {
        errors: { withdrawReason: outcome.message },
        values: { intent: "withdraw", withdrawReason: data.withdrawReason },
      },
      { status: outcome.status },
    );
  }
  return json({ notice: outcome.notice });
}

type PledgeData = SerializeFrom<typeof loader>;

/** The pledge's terms, with what the co-funding engine makes of its rule. */
function TermsSection({ data }: { data: PledgeData }) {
  const { pledge, evaluation, slug } = data;
  const { t, tm } = useT();
  const f = useFormat();
  return (
    <section className="card" aria-labelledby="terms-title">
      <h2 id="terms-title">{t("pledges.detail.terms")}</h2>
      <dl className="definition-grid">
        <dt>{t("pledges.detail.project")}</dt>
        <dd>
          <Link to={`/p/${slug}/projects/${pledge.projectId}/pledges`}>{pledge.projectName}</Link>
        </dd>
        <dt>{t("pledges.detail.government")}</dt>
        <dd>{f.country(pledge.memberCode)}</dd>
        <dt>{t("pledges.detail.amount")}</dt>
        <dd>{f.money(pledge.amountMinor, pledge.currency)}</dd>
        {evaluation?.amountReporting && pledge.currency !== data.reportingCurrency ? (
          <>
            <dt>{t("pledges.detail.inCurrency", { currency: data.reportingCurrency })}</dt>
            <dd>{f.money(evaluation.amountReporting, data.reportingCurrency)}</dd>
          </>
        ) : null}
        <dt>{t("pledges.detail.instrument")}</dt>
        <dd>{t(`vocabulary.instrument.${pledge.instrument as Instrument}`)}</dd>
        <dt>{t("pledges.detail.rule")}</dt>
        <dd>
          {tm(pledge.ruleText)}
          {evaluation?.hasRule &&
          evaluation.state === "triggered" &&
          evaluation.pendingReporting !== "0"
            ? t("pledges.detail.countingNow", {
                amount: f.money(evaluation.countingReporting ?? "0", data.reportingCurrency),
              })
            : null}
          {evaluation?.waitsOnEachOther ? (
            <p className="muted">{t("pledges.detail.waitsOnEachOther")}</p>
          ) : null}
        </dd>
        <dt>{t("pledges.detail.conditions")}</dt>
        <dd>{pledge.conditions || t("pledges.detail.noneStated")}</dd>
        <dt>{t("pledges.detail.committed")}</dt>
        <dd>{pledge.committedAt ? f.day(pledge.committedAt) : t("pledges.detail.notYet")}</dd>
        {pledge.withdrawalReason ? (
          <>
            <dt>{t("pledges.detail.withdrawnBecause")}</dt>
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
  const { t } = useT();
  const f = useFormat();
  const progress = trancheProgress(
    tranches.map((row) => ({
      id: row.id,
      amountMinor: BigInt(row.amountMinor),
      status: row.status,
    })),
  );
  const money = (minor: string | bigint) => f.money(minor, pledge.currency);
  return (
    <section className="stack" aria-labelledby="tranches-title">
      <h2 id="tranches-title">{t("pledges.detail.tranches")}</h2>
      <p className="muted">
        {t("pledges.detail.progress", {
          paid: money(progress.paid),
          requested: money(progress.requested),
          scheduled: money(progress.scheduled),
          total: money(pledge.amountMinor),
        })}
      </p>
      <div className="table-wrap">
        <table aria-labelledby="tranches-title">
          <thead>
            <tr>
              <th scope="col">{t("pledges.detail.due")}</th>
              <th scope="col" className="num">
                {t("pledges.detail.amount")}
              </th>
              <th scope="col">{t("pledges.detail.releasedBy")}</th>
              <th scope="col">{t("pledges.detail.trancheState")}</th>
              <th scope="col">{t("pledges.detail.paid")}</th>
            </tr>
          </thead>
          <tbody>
            {tranches.map((tranche) => (
              <tr key={tranche.id}>
                <td>{f.day(tranche.dueDate)}</td>
                <td className="num">{money(tranche.amountMinor)}</td>
                <td>
                  {tranche.milestoneTitle
                    ? isMilestoneStatus(tranche.milestoneStatus)
                      ? t("pledges.detail.milestoneWithStatus", {
                          title: tranche.milestoneTitle,
                          status: tranche.milestoneStatus,
                        })
                      : tranche.milestoneTitle
                    : t("pledges.detail.itsDate")}
                </td>
                <td>
                  <span className={`badge tranche-${tranche.status}`}>
                    {t(`vocabulary.trancheStatus.${tranche.status}`)}
                  </span>
                </td>
                <td>
                  {tranche.paidOn
                    ? `${f.day(tranche.paidOn)}${tranche.paymentReference ? ` · ${tranche.paymentReference}` : ""}`
                    : t("common.none")}
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
  const { t } = useT();
  const f = useFormat();
  return (
    <section className="stack" aria-labelledby="history-title">
      <h2 id="history-title">{t("pledges.detail.amendments")}</h2>
      {amendments.length === 0 ? (
        <p className="muted">{t("pledges.detail.noAmendments")}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="history-title">
            <thead>
              <tr>
                <th scope="col">{t("pledges.detail.when")}</th>
                <th scope="col" className="num">
                  {t("pledges.detail.from")}
                </th>
                <th scope="col" className="num">
                  {t("pledges.detail.to")}
                </th>
                <th scope="col">{t("pledges.detail.reason")}</th>
                <th scope="col">{t("pledges.detail.by")}</th>
              </tr>
            </thead>
            <tbody>
              {amendments.map((amendment) => (
                <tr key={amendment.id}>
                  <td>{f.moment(amendment.createdAt)}</td>
                  <td className="num">{f.money(amendment.previousAmountMinor, pledge.currency)}</td>
                  <td className="num">{f.money(amendment.newAmountMinor, pledge.currency)}</td>
                  <td>{amendment.reason}</td>
                  <td>{amendment.byName ?? t("common.none")}</td>
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
      <h2 id="actions-title">{t("pledges.detail.change")}</h2>
      <div className="action-grid">
        {pledge.status === "draft" ? (
          <div className="card stack">
            <h3>{t("pledges.detail.commit")}</h3>
            <p className="muted">{t("pledges.detail.commitExplain")}</p>
            {data.projectStatus !== "approved" ? (
              <p className="alert warning">{t("pledges.detail.notApproved")}</p>
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
                pendingText={t("pledges.detail.committing")}
              >
                {t("pledges.detail.commitButton")}
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
  const { t, tm } = useT();
  const f = useFormat();
  const { pledge, evaluation, canAct, slug } = data;
  const intent = result?.values?.intent;
  const live = ["committed", "disbursing"].includes(pledge.status);
  return (
    <div className="stack">
      <p>
        <Link to={`/p/${slug}/pledges`}>{t("pledges.detail.back")}</Link>
      </p>
      <div className="row">
        <h1>
          {t("pledges.detail.heading", {
            member: f.country(pledge.memberCode),
            amount: f.money(pledge.amountMinor, pledge.currency),
            project: pledge.projectName,
          })}
        </h1>
      </div>
      <p>
        <Link to={`/p/${slug}/pledges/${pledge.id}/discussion`}>
          {t("collaboration.subjects.discussPledge")}
        </Link>
      </p>
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
          {t("pledges.detail.created", { member: f.country(pledge.memberCode) })}
        </div>
      ) : null}
      {result?.notice ? (
        <div role="status" className="alert success">
          {tm(result.notice)}
        </div>
      ) : null}
      {result?.errors?.form && intent === "commit" ? (
        <div role="alert" className="alert error">
          {tm(result.errors.form)}
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
  const { t, language } = useT();
  const f = useFormat();
  const schema = useMemo(() => amendSchema(currency), [currency]);
  const { form, formError } = useValidatedForm(schema, {
    newAmount: "",
    amendReason: "",
    typedIn: language,
  });
  return (
    <div className="card stack">
      <h3 id="amend-title">{t("pledges.detail.amend")}</h3>
      <ValidatedForm
        form={form}
        formError={showFormError ? formError : undefined}
        className="form"
        aria-labelledby="amend-title"
      >
        <input type="hidden" {...form.register("typedIn")} />
        <TextField
          form={form}
          name="newAmount"
          label={t("pledges.detail.newAmount", { currency })}
          inputMode="decimal"
          autoComplete="off"
          hint={t("pledges.detail.newAmountHint", { amount: f.money(current, currency) })}
        />
        <TextField
          form={form}
          name="amendReason"
          label={t("pledges.detail.amendReason")}
          autoComplete="off"
        />
        <SubmitButton name="intent" value="amend" pendingText={t("pledges.detail.amending")}>
          {t("pledges.detail.amendButton")}
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
      <h3 id="withdraw-title">{t("pledges.detail.withdraw")}</h3>
      <ValidatedForm
        form={form}
        formError={showFormError ? formError : undefined}
        className="form"
        aria-labelledby="withdraw-title"
      >
        <TextField
          form={form}
          name="withdrawReason"
          label={t("pledges.detail.withdrawReason")}
          autoComplete="off"
          hint={t("pledges.detail.withdrawHint")}
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
          pendingText={t("pledges.detail.withdrawing")}
        >
          {t("pledges.detail.withdrawButton")}
        </ConfirmButton>
      </ValidatedForm>
    </div>
  );
}
