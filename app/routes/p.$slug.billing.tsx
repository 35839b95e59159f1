import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { BillingActionSchema } from "~/billing/schemas";
import { ROLES_FOR } from "~/domain/permissions";
import { SubmitButton } from "~/forms/fields";
import { parseForm } from "~/forms/parse.server";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import {
  getBillingState,
  openCustomerPortal,
  startSubscriptionCheckout,
} from "~/models/billing.server";
import { RouteErrorMessage } from "~/root";
import billingStyles from "~/styles/billing.css";
import * as clock from "~/utils/clock.server";
import { originOf } from "~/utils/origin.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: billingStyles }];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "billing.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.billing);
  return json({
    partnership: context.partnership,
    billing: await getBillingState(context, clock.now()),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.billing);
  const submission = await parseForm(request, BillingActionSchema);
  if (!submission.ok) return submission.response;
  const outcome =
    submission.data.intent === "checkout"
      ? await startSubscriptionCheckout(context, originOf(request))
      : await openCustomerPortal(context, originOf(request));
  if (!outcome.ok) return json({ error: outcome.message }, { status: 409 });
  return redirect(outcome.url);
}

export default function Billing() {
  const { partnership, billing } = useLoaderData<typeof loader>();
  const result = useActionData<{ error?: string }>();
  const [search] = useSearchParams();
  const checkout = search.get("checkout");
  const inTrial = billing.trialDaysLeft > 0;
  const { t, tm } = useT();
  const f = useFormat();
  return (
    <div className="stack">
      <h1>{t("billing.title")}</h1>
      {checkout === "success" ? (
        <div role="status" className="alert success">
          {t("billing.checkoutSuccess")}
        </div>
      ) : null}
      {checkout === "cancelled" ? (
        <div role="status" className="alert warning">
          {t("billing.checkoutCancelled")}
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {tm(result.error)}
        </div>
      ) : null}

      <section className="card stack" aria-labelledby="subscription-title">
        <h2 id="subscription-title">
          {t("billing.subscriptionOf", { partnership: partnership.name })}
        </h2>
        <dl className="billing-facts">
          <dt>{t("billing.state")}</dt>
          <dd>
            <span className={`badge state-${billing.writable ? "paid" : "payment_failed"}`}>
              {t(`billing.subscriptionStatus.${billing.status}`)}
            </span>{" "}
            {billing.writable ? t("billing.writable") : t("billing.readOnlyState")}
          </dd>
          {billing.status === "active" ? null : (
            <>
              <dt>{t("billing.trial")}</dt>
              <dd>
                {inTrial
                  ? t("billing.daysLeft", {
                      count: billing.trialDaysLeft,
                      end: f.day(billing.trialEndsAt),
                    })
                  : t("billing.ended", { end: f.day(billing.trialEndsAt) })}
              </dd>
            </>
          )}
          {billing.currentPeriodEnd ? (
            <>
              <dt>{billing.cancelAtPeriodEnd ? t("billing.endsOn") : t("billing.renewsOn")}</dt>
              <dd>{f.day(billing.currentPeriodEnd)}</dd>
            </>
          ) : null}
        </dl>
        {billing.explanation ? <p className="muted">{tm(billing.explanation)}</p> : null}
        {billing.setup.subscriptions ? (
          <div className="billing-actions">
            {billing.status !== "active" || !billing.hasCustomer ? (
              <Form method="post">
                <SubmitButton
                  className="button"
                  name="intent"
                  value="checkout"
                  pendingText={t("billing.openingCheckout")}
                >
                  {t("billing.startSubscription")}
                </SubmitButton>
              </Form>
            ) : null}
            {billing.hasCustomer ? (
              <Form method="post">
                <SubmitButton
                  className="button secondary"
                  name="intent"
                  value="portal"
                  pendingText={t("billing.openingPortal")}
                >
                  {t("billing.manageSubscription")}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
        ) : (
          <div className="alert warning stack" role="note">
            <p>
              <strong>{t("billing.notSetUp")}</strong>
            </p>
            <p>{t("billing.notSetUpExplain")}</p>
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="rule-title">
        <h2 id="rule-title">{t("billing.ruleTitle")}</h2>
        <p>{t("billing.rule")}</p>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
