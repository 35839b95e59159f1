/*
 * Stripe's webhook endpoint (resource route). The raw body is verified against the Stripe-Signature header,
 * then the event's shape; answers are JSON: 400 for no or a bad signature and for a malformed event (nothing
 * written), 200 for every other verified event (handled, duplicate, ignored, or an anomaly recorded).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { receiveStripeWebhook } from "~/billing/webhook.server";

export function action({ request }: ActionFunctionArgs) {
  return receiveStripeWebhook(request);
}

export function loader() {
  return json(
    // i18n-exempt: an answer to a machine (an HTTP client), not a page
    { error: "Stripe posts webhooks here." },
    { status: 405, headers: { Allow: "POST" } },
  );
}
