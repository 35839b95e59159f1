/*
 * Stripe's webhook endpoint (resource route). The raw body is verified against the Stripe-Signature header;
 * answers are JSON: 400 for a bad signature, 200 for every verified event (handled, duplicate or ignored).
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
