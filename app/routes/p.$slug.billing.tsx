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
import {
  getBillingState,
  openCustomerPortal,
  startSubscriptionCheckout,
} from "~/models/billing.server";
import { RouteErrorMessage } from "~/root";
import billingStyles from "~/styles/billing.css";
import * as clock from "~/utils/clock.server";
import { formatDay } from "~/utils/dates";
import { originOf } from "~/utils/origin.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: billingStyles }];

export const meta: MetaFunction = () => [{ title: "Billing — Lodestone" }];

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
  return (
    <div className="stack">
      <h1>Billing</h1>
      {checkout === "success" ? (
        <div role="status" className="alert success">
          Thank you: Stripe confirmed the checkout. The subscription shows here as soon as Stripe
          notifies Lodestone, usually within seconds.
        </div>
      ) : null}
      {checkout === "cancelled" ? (
        <div role="status" className="alert warning">
          The checkout was cancelled; nothing was charged.
        </div>
      ) : null}
      {result?.error ? (
        <div role="alert" className="alert error">
          {result.error}
        </div>
      ) : null}

      <section className="card stack" aria-labelledby="subscription-title">
        <h2 id="subscription-title">Subscription of {partnership.name}</h2>
        <dl className="billing-facts">
          <dt>State</dt>
          <dd>
            <span className={`badge state-${billing.writable ? "paid" : "payment_failed"}`}>
              {billing.statusLabel}
            </span>{" "}
            {billing.writable ? "Lodestone is writable." : "Lodestone is read-only."}
          </dd>
          {billing.status === "active" ? null : (
            <>
              <dt>Trial</dt>
              <dd>
                {inTrial
                  ? `${billing.trialDaysLeft} day${billing.trialDaysLeft === 1 ? "" : "s"} left (ends ${formatDay(billing.trialEndsAt)})`
                  : `Ended ${formatDay(billing.trialEndsAt)}`}
              </dd>
            </>
          )}
          {billing.currentPeriodEnd ? (
            <>
              <dt>{billing.cancelAtPeriodEnd ? "Ends on" : "Renews on"}</dt>
              <dd>{formatDay(billing.currentPeriodEnd)}</dd>
            </>
          ) : null}
        </dl>
        {billing.explanation ? <p className="muted">{billing.explanation}</p> : null}
        {billing.setup.subscriptions ? (
          <div className="billing-actions">
            {billing.status !== "active" || !billing.hasCustomer ? (
              <Form method="post">
                <SubmitButton
                  className="button"
                  name="intent"
                  value="checkout"
                  pendingText="Opening Stripe Checkout…"
                >
                  Start subscription
                </SubmitButton>
              </Form>
            ) : null}
            {billing.hasCustomer ? (
              <Form method="post">
                <SubmitButton
                  className="button secondary"
                  name="intent"
                  value="portal"
                  pendingText="Opening the billing portal…"
                >
                  Manage subscription
                </SubmitButton>
              </Form>
            ) : null}
          </div>
        ) : (
          <div className="alert warning stack" role="note">
            <p>
              <strong>Stripe is not configured on this server.</strong> The subscription state above
              is kept as it is; to take subscriptions, set these variables and restart (details in
              docs/billing.md):
            </p>
            <ul className="billing-config">
              <li>
                <code>STRIPE_SECRET_KEY</code> — the account&apos;s secret key
              </li>
              <li>
                <code>STRIPE_PRICE_ID</code> — the price of the Lodestone plan
              </li>
              <li>
                <code>STRIPE_WEBHOOK_SECRET</code> — the signing secret of the endpoint{" "}
                <code>/api/stripe/webhook</code>
              </li>
            </ul>
            <p>Tranche payments can still be recorded by hand on the Payments page.</p>
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="rule-title">
        <h2 id="rule-title">When Lodestone becomes read-only</h2>
        <p>
          A partnership can write during its 30-day trial and while its subscription is active. If a
          renewal fails, it stays writable for 14 days while Stripe retries. After that, or once the
          trial ends without a subscription, every change is refused until the subscription is
          renewed; reading and exports keep working for everyone.
        </p>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
