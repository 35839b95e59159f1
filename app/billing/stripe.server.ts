/*
 * The Stripe client, from configuration. STRIPE_SECRET_KEY absent: Stripe is off and the secretariat records
 * payments by hand. STRIPE_API_BASE points the official library at another server (tests' fixture server,
 * stripe-mock) through its host/port/protocol settings.
 */
import Stripe from "stripe";
import { getConfig, type Config } from "~/config.server";
import { msg } from "~/i18n/message";

export interface StripeSetup {
  /** Can call Stripe's API (a secret key is configured). */
  api: boolean;
  /** Can start subscriptions (a key and the plan's price id). */
  subscriptions: boolean;
  /** Can receive webhooks (the endpoint's signing secret). */
  webhooks: boolean;
}

export function stripeSetup(config: Config = getConfig()): StripeSetup {
  return {
    api: Boolean(config.STRIPE_SECRET_KEY),
    subscriptions: Boolean(config.STRIPE_SECRET_KEY && config.STRIPE_PRICE_ID),
    webhooks: Boolean(config.STRIPE_WEBHOOK_SECRET),
  };
}

/** Client settings for a base URL such as http://localhost:12111 (none: Stripe's own API). */
export function connectionSettings(base: string | undefined): Stripe.StripeConfig {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return {
    host: url.hostname,
    port: url.port || (protocol === "http" ? 80 : 443),
    protocol,
  };
}

const cache = new Map<string, Stripe>();

/** The configured client, or null when Stripe is not configured. */
export function getStripe(config: Config = getConfig()): Stripe | null {
  const key = config.STRIPE_SECRET_KEY;
  if (!key) return null;
  const cacheKey = `${key}@${config.STRIPE_API_BASE ?? ""}`;
  let client = cache.get(cacheKey);
  if (!client) {
    client = new Stripe(key, {
      ...connectionSettings(config.STRIPE_API_BASE),
      maxNetworkRetries: 1,
      timeout: 20_000,
      telemetry: false,
      appInfo: { name: "Lodestone" },
    });
    cache.set(cacheKey, client);
  }
  return client;
}

/**
 * A failure talking to Stripe, as a message for the person who clicked (no secrets, no stack, no variable
 * names: the operator reads the log).
 */
export function stripeFailureMessage(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) {
    if (error.type === "StripeAuthenticationError") {
      return msg("billing.stripeKeyRefused");
    }
    if (error.type === "StripeConnectionError") {
      return msg("billing.stripeUnreachable");
    }
    return msg("billing.stripeRefused", { reason: error.message });
  }
  return msg("billing.stripeFailed");
}
