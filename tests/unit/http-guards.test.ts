/*
 * Issue 17, items 5 and 6, at the HTTP layer: the security headers on every response, HSTS and https only
 * when the request really came over https (X-Forwarded-Proto counts only with TRUST_PROXY), and body limits
 * answered with 413 before a body is read in full, whether or not it declares its length.
 */
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import {
  BodyTooLargeError,
  bodyLimitFor,
  readLimitedBody,
  sendTooLarge,
} from "../../scripts/body-limit.js";
import { contentSecurityPolicy, securityHeaders } from "../../scripts/security-headers.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A server with the guards in front of a handler that reads the body as Remix would, then says what it saw. */
async function startServer(trustProxy: boolean) {
  const app = express();
  app.set("trust proxy", trustProxy);
  app.use(securityHeaders());
  app.all("*", async (req, res) => {
    try {
      const body = await readLimitedBody(req, req.path);
      res.json({
        bytes: body?.length ?? null,
        protocol: req.protocol,
        nonce: res.locals.cspNonce,
      });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendTooLarge(req, res, error);
      throw error;
    }
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    send(
      path: string,
      options: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] } = {},
    ) {
      return new Promise<Answer>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port,
            path,
            method: options.method ?? "GET",
            headers: options.headers,
          },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => (body += chunk));
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body }),
            );
          },
        );
        // The server may answer 413 and close while a large body is still being written.
        req.on("error", (error: NodeJS.ErrnoException) => {
          if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
        });
        for (const chunk of options.chunks ?? []) req.write(chunk);
        req.end();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("security headers", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(false);
  });
  afterAll(() => server.close());

  it("sends a nonce-based CSP and the framing, sniffing and referrer rules on every response", async () => {
    const first = await server.send("/p/critical-minerals");
    const second = await server.send("/sign-in");
    const nonce = (JSON.parse(first.body) as { nonce: string }).nonce;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(first.headers["content-security-policy"]).toBe(contentSecurityPolicy(nonce));
    expect(first.headers["content-security-policy"]).toContain(
      `script-src 'self' 'nonce-${nonce}'`,
    );
    expect(first.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(first.headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(second.headers["content-security-policy"]).not.toContain(nonce);
    expect(first.headers).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
    expect(first.headers["strict-transport-security"]).toBeUndefined();
  });

  it("ignores X-Forwarded-Proto without TRUST_PROXY", async () => {
    const answer = await server.send("/", { headers: { "X-Forwarded-Proto": "https" } });
    expect((JSON.parse(answer.body) as { protocol: string }).protocol).toBe("http");
    expect(answer.headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends HSTS and treats the request as https behind a trusted proxy that says so", async () => {
    const proxied = await startServer(true);
    try {
      const answer = await proxied.send("/", { headers: { "X-Forwarded-Proto": "https" } });
      expect((JSON.parse(answer.body) as { protocol: string }).protocol).toBe("https");
      expect(answer.headers["strict-transport-security"]).toBe(
        "max-age=31536000; includeSubDomains",
      );
      const plain = await proxied.send("/");
      expect(plain.headers["strict-transport-security"]).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });
});

describe("request body limits", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer(false);
  });
  afterAll(() => server.close());

  const form = { "Content-Type": "application/x-www-form-urlencoded" };

  it("refuses a 20 MB form by its Content-Length, with a page that says why", async () => {
    const answer = await server.send("/sign-in", {
      method: "POST",
      headers: { ...form, "Content-Length": String(20 * 1024 * 1024) },
      chunks: Array.from({ length: 20 }, () => Buffer.alloc(1024 * 1024, "a")),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers["content-type"]).toMatch(/text\/html/);
    expect(answer.body).toContain("larger than 256 KB, the limit for a form");
  });

  it("closes the connection rather than read the rest of a huge declared body", async () => {
    const answer = await server.send("/sign-in", {
      method: "POST",
      headers: { ...form, "Content-Length": String(1024 * 1024 * 1024) },
      chunks: [Buffer.alloc(64 * 1024, "a")],
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
  });

  it("counts the bytes of a body that does not declare its length", async () => {
    const answer = await server.send("/p/critical-minerals/projects/new", {
      method: "POST",
      headers: { ...form, "Transfer-Encoding": "chunked" },
      chunks: Array.from({ length: 5 }, () => Buffer.alloc(64 * 1024, "a")),
    });
    expect(answer.status).toBe(413);
  });

  it("answers Remix's data requests so the route's error boundary explains the 413", async () => {
    const answer = await server.send("/sign-in?_data=routes%2Fsign-in", {
      method: "POST",
      headers: { ...form, "Transfer-Encoding": "chunked" },
      chunks: Array.from({ length: 5 }, () => Buffer.alloc(64 * 1024, "a")),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers["x-remix-catch"]).toBe("yes");
    expect(answer.body).toMatch(/^The request body is larger than 256 KB/);
  });

  it("accepts forms within the limit, and larger uploads only where files are uploaded", async () => {
    const form200k = await server.send("/sign-in", {
      method: "POST",
      headers: { ...form, "Transfer-Encoding": "chunked" },
      chunks: [Buffer.alloc(200 * 1024, "a")],
    });
    expect(form200k.status).toBe(200);
    expect((JSON.parse(form200k.body) as { bytes: number }).bytes).toBe(200 * 1024);
    const upload = await server.send("/p/critical-minerals/fx-rates", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=x" },
      chunks: [Buffer.alloc(900 * 1024, "a")],
    });
    expect(upload.status).toBe(200);
    expect(bodyLimitFor("/p/critical-minerals/fx-rates").bytes).toBe(1024 * 1024);
    expect(bodyLimitFor("/p/critical-minerals/people").bytes).toBe(256 * 1024);
  });
});
