/*
 * A local stand-in for Stripe's API at its HTTP boundary: the official `stripe` library, pointed here with
 * host/port/protocol (STRIPE_API_BASE), sends its real requests, and gets bodies shaped like Stripe's. Every
 * request is recorded (method, path, decoded form body, idempotency key) for assertions. No test reaches
 * Stripe's servers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  checkoutSessionObject,
  customerObject,
  invoiceItemObject,
  invoiceObject,
  portalSessionObject,
  stripeId,
} from "./stripe-fixtures";

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  idempotencyKey: string | null;
  authorization: string | null;
}

export interface StripeServer {
  url: string;
  requests: RecordedRequest[];
  /** The next request answers with this Stripe error (status and message). */
  failNext(status: number, message: string, type?: string): void;
  close(): Promise<void>;
}

/** Decodes Stripe's form encoding (`a[b][0][c]=x`) into nested objects and arrays. */
export function decodeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((part, index) => {
      const last = index === path.length - 1;
      const nextIsIndex = /^\d+$/.test(path[index + 1] ?? "");
      const container = node as Record<string, unknown>;
      if (last) {
        container[part] = value;
      } else {
        container[part] ??= nextIsIndex ? [] : {};
        node = container[part] as Record<string, unknown>;
      }
    });
  }
  return root;
}

const text = (value: unknown) => (typeof value === "string" ? value : null);

interface InvoiceState {
  invoice: ReturnType<typeof invoiceObject>;
  items: number;
}

export async function startStripeServer(): Promise<StripeServer> {
  const requests: RecordedRequest[] = [];
  const invoices = new Map<string, InvoiceState>();
  const idempotent = new Map<string, unknown>();
  let failure: { status: number; message: string; type: string } | null = null;

  function route(method: string, path: string, body: Record<string, unknown>): [number, unknown] {
    if (method === "POST" && path === "/v1/customers") {
      return [
        200,
        customerObject({
          email: text(body.email),
          name: text(body.name),
          metadata: body.metadata ?? {},
        }),
      ];
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      return [
        200,
        {
          ...checkoutSessionObject({
            partnershipId: text(body.client_reference_id) ?? "",
            customer: text(body.customer),
            subscription: null,
          }),
          customer_email: text(body.customer_email),
          success_url: text(body.success_url),
          cancel_url: text(body.cancel_url),
          metadata: body.metadata ?? {},
        },
      ];
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      return [
        200,
        portalSessionObject({
          customer: text(body.customer) ?? "",
          returnUrl: text(body.return_url) ?? "",
        }),
      ];
    }
    if (method === "POST" && path === "/v1/invoices") {
      const invoice = invoiceObject({
        id: stripeId("in"),
        customer: text(body.customer) ?? "",
        status: "draft",
        amountDue: 0,
        currency: text(body.currency) ?? "usd",
        metadata: (body.metadata as Record<string, string>) ?? {},
      });
      invoices.set(invoice.id, { invoice, items: 0 });
      return [200, invoice];
    }
    if (method === "POST" && path === "/v1/invoiceitems") {
      const amount = Number(text(body.amount) ?? "0");
      const invoiceId = text(body.invoice);
      const state = invoiceId ? invoices.get(invoiceId) : undefined;
      if (invoiceId && !state) return [404, stripeError(`No such invoice: '${invoiceId}'`)];
      if (state) {
        state.items += 1;
        state.invoice = { ...state.invoice, amount_due: state.invoice.amount_due + amount };
        state.invoice.amount_remaining = state.invoice.amount_due;
        state.invoice.subtotal = state.invoice.total = state.invoice.amount_due;
      }
      return [
        200,
        invoiceItemObject({
          customer: text(body.customer) ?? "",
          invoice: invoiceId,
          amount,
          currency: text(body.currency) ?? "usd",
          description: text(body.description),
        }),
      ];
    }
    const action = /^\/v1\/invoices\/([^/]+)\/(finalize|send)$/.exec(path);
    if (method === "POST" && action) {
      const state = invoices.get(action[1] ?? "");
      if (!state) return [404, stripeError(`No such invoice: '${action[1]}'`)];
      if (action[2] === "finalize") {
        const finalized = invoiceObject({
          id: state.invoice.id,
          customer: state.invoice.customer,
          status: "open",
          amountDue: state.invoice.amount_due,
          currency: state.invoice.currency,
          metadata: state.invoice.metadata,
        });
        state.invoice = finalized;
      }
      return [200, state.invoice];
    }
    return [
      404,
      stripeError(`Unrecognized request URL (${method}: ${path}).`, "invalid_request_error"),
    ];
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const body = decodeForm(raw);
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
      requests.push({
        method: req.method ?? "GET",
        path,
        body,
        idempotencyKey: key,
        authorization: (req.headers.authorization as string | undefined) ?? null,
      });
      let status: number;
      let payload: unknown;
      if (failure) {
        status = failure.status;
        payload = stripeError(failure.message, failure.type);
        failure = null;
      } else if (key && idempotent.has(`${path}:${key}`)) {
        status = 200;
        payload = idempotent.get(`${path}:${key}`);
      } else {
        [status, payload] = route(req.method ?? "GET", path, body);
        if (key && status === 200) idempotent.set(`${path}:${key}`, payload);
      }
      res.writeHead(status, {
        "Content-Type": "application/json",
        "Request-Id": `req_${Math.random().toString(36).slice(2, 16)}`,
        "Stripe-Version": "2026-10-28.endive",
      });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status, message, type = "invalid_request_error") {
      failure = { status, message, type };
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

function stripeError(message: string, type = "invalid_request_error") {
  return { error: { type, message, request_log_url: null } };
}
