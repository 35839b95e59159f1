/*
 * The access log through a real HTTP server (Express, as scripts/serve.js mounts it): one line per request
 * with its id (echoed in X-Request-Id), route pattern, status, time, and the user and partnership a guard
 * noted; a slow request is a warning; no header, path or query string reaches the line.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { Writable } from "node:stream";
import { parseConfig } from "~/config.server";
import { httpLogging } from "~/runtime/http-log.server";
import { createLogger, noteRequest } from "~/runtime/log.server";

const lines: Array<Record<string, unknown>> = [];
const logger = createLogger(
  { LOG_LEVEL: "debug", logFormat: "json" },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  }),
);
// A threshold far above what a plain request takes even on a loaded machine, so only the request made to wait
// past it is slow.
const SLOW_MS = 2000;
const config = parseConfig({ TRUST_PROXY: "true", SLOW_REQUEST_MS: String(SLOW_MS) });

const route = (id: string, parentId: string | undefined, path?: string) => ({
  id,
  parentId,
  path,
  index: undefined,
  caseSensitive: undefined,
  module: {} as never,
});

describe("the access log", () => {
  let base = "";
  let close = () => {};
  beforeAll(async () => {
    const app = express();
    app.use(
      httpLogging(
        {
          routes: {
            root: route("root", undefined, ""),
            "routes/reset-password": route("routes/reset-password", "root", "reset-password"),
            "routes/p.$slug.board": route("routes/p.$slug.board", "root", "p/:slug/board"),
            "routes/healthz": route("routes/healthz", "root", "healthz"),
          },
        },
        { logger, config },
      ),
    );
    app.get("/p/:slug/board", (req, res) => {
      noteRequest({ userId: "user-1" });
      noteRequest({ partnership: req.params.slug });
      setTimeout(() => res.send("board"), Number(req.query.wait ?? 0));
    });
    app.get("*", (_req, res) => res.send("ok"));
    const server = app.listen(0);
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const lineOf = async (requestId: string) => {
    await vi.waitFor(() => expect(lines.some((line) => line.requestId === requestId)).toBe(true));
    return lines.find((line) => line.requestId === requestId) ?? {};
  };

  it("writes one line per request, with what the guards noted, and nothing from the headers", async () => {
    const response = await fetch(`${base}/p/critical-minerals/board`, {
      headers: { "X-Request-Id": "lb-42", Cookie: "lodestone_session=secret-cookie-value" },
    });
    expect(response.headers.get("X-Request-Id")).toBe("lb-42");
    const { time: _time, pid: _pid, ...line } = await lineOf("lb-42");
    expect(line).toEqual({
      level: 30,
      requestId: "lb-42",
      method: "GET",
      route: "/p/:slug/board",
      status: 200,
      durationMs: expect.any(Number),
      userId: "user-1",
      partnership: "critical-minerals",
      msg: "GET /p/:slug/board 200",
    });
    expect(JSON.stringify(lines)).not.toContain("secret-cookie-value");
  });

  it("never logs a query string, warns of a slow request, and keeps probes at debug", async () => {
    await fetch(`${base}/reset-password?token=reset-token-value`, {
      headers: { "X-Request-Id": "reset" },
    });
    expect(await lineOf("reset")).toMatchObject({ route: "/reset-password", level: 30 });
    expect(JSON.stringify(lines)).not.toContain("reset-token-value");
    await fetch(`${base}/p/critical-minerals/board?wait=${SLOW_MS + 100}`, {
      headers: { "X-Request-Id": "slow" },
    });
    expect(await lineOf("slow")).toMatchObject({
      level: 40,
      msg: "GET /p/:slug/board 200 (slow request)",
    });
    await fetch(`${base}/healthz`, { headers: { "X-Request-Id": "probe" } });
    expect(await lineOf("probe")).toMatchObject({ level: 20, route: "/healthz" });
  });
});
