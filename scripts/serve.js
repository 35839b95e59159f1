// The Lodestone HTTP server: Express serving the Remix build (production), or reloading it on each
// rebuild under `remix dev --manual` (development). It reads .env (./env.js), logs through the build's
// logger (JSON lines, or readable ones in development: ADR 122), and stops gracefully on SIGTERM (ADR 121).
import "./heap.js";
import "./env.js";
import { existsSync, statSync, watchFile } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { createRemixHandler } from "./remix-handler.js";
import { rejectCrossSiteWrites } from "./same-origin.js";
import { securityHeaders } from "./security-headers.js";

const BUILD_PATH = path.resolve("build/index.js");
const VERSION_PATH = path.resolve("build/version.txt");
const development = process.env.NODE_ENV === "development";

async function importBuild() {
  const url = pathToFileURL(BUILD_PATH).href;
  return import(`${url}?t=${statSync(BUILD_PATH).mtimeMs}`);
}

if (!existsSync(BUILD_PATH)) {
  console.error(
    "No build found at build/index.js: run `npm run build` first (npm start does it for you).",
  );
  process.exit(1);
}

let build = await importBuild();
const entry = () => build.entry.module;

// Configuration, database, session check: a problem stops the start with its message, before any logging.
try {
  await entry().startup();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const log = entry().getLogger();
const {
  TRUST_PROXY,
  PORT,
  SHUTDOWN_DELAY_MS: shutdownDelayMs,
  SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs,
} = entry().getConfig();

/**
 * What loaders and actions get besides the request: the client's address (sign-in throttling) and the
 * response's Content-Security-Policy nonce (for Remix's inline scripts).
 */
function getLoadContext(req, res) {
  return {
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    cspNonce: res.locals.cspNonce,
  };
}

// Requests in flight, so a stop can wait for them; while stopping, every answer closes its connection.
const inFlight = new Set();
let stopping = false;
let onIdle = () => {};
function closeAfterAnswer(res) {
  if (!res.headersSent) res.setHeader("Connection", "close");
}
function trackRequests(req, res, next) {
  inFlight.add(res);
  if (stopping) closeAfterAnswer(res);
  res.once("close", () => {
    inFlight.delete(res);
    if (stopping) {
      server.closeIdleConnections();
      if (inFlight.size === 0) onIdle();
    }
  });
  next();
}

const app = express();
app.disable("x-powered-by");
// Behind a load balancer, TRUST_PROXY=true makes the client's address come from X-Forwarded-For.
app.set("trust proxy", TRUST_PROXY === "true");
app.use(trackRequests);
app.use(securityHeaders({ development }));
app.use(rejectCrossSiteWrites);
app.use(
  compression({
    // Server-sent events must reach the browser as they are written, not when a buffer fills.
    filter: (req, res) =>
      !String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream") &&
      compression.filter(req, res),
  }),
);
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// The files of public/ have an extension (favicon.ico); a page's path asks the disk for nothing (ADR 154).
const publicFiles = express.static("public", { maxAge: "1h" });
app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

// The access log and the request context, for what Remix serves (static files are not logged).
let logging = entry().httpLogging(build);
app.use((req, res, next) => logging(req, res, next));

if (development) {
  watchFile(VERSION_PATH, { interval: 300 }, async () => {
    build = await importBuild();
    logging = entry().httpLogging(build);
    broadcastDevReady(build);
  });
  app.all("*", (req, res, next) =>
    createRemixHandler({ build, mode: "development", getLoadContext })(req, res, next),
  );
} else {
  app.all("*", createRemixHandler({ build, mode: "production", getLoadContext }));
}

// Whatever escaped Remix: logged with the request's id, answered without details. (Express knows an error
// handler by its four parameters.)
// eslint-disable-next-line @typescript-eslint/no-unused-vars
app.use((error, req, res, _next) => {
  log.error({ err: error }, "request failed outside Remix");
  if (!res.headersSent) res.status(500).type("text/plain").send("Internal server error");
  else res.destroy();
});

const server = app.listen(PORT, () => {
  log.info({ port: PORT }, `Lodestone is listening on http://localhost:${PORT}`);
  if (development) broadcastDevReady(build);
});
// Keep idle connections longer than the clients and load balancers that reuse them (Node's 5 s default races a
// client sending on a socket the server is closing: the client sees "socket hang up"). Load balancers idle at
// 60 s (AWS ALB, Supabase's proxy), so the server waits a little longer; headersTimeout must exceed it.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

/** Resolves true once no request is in flight, or false after `ms`. */
function requestsFinished(ms) {
  if (inFlight.size === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    onIdle = () => {
      clearTimeout(timer);
      resolve(true);
    };
  });
}

/*
 * SIGTERM (or Ctrl-C): /readyz turns 503 and live streams are sent elsewhere at once; the server keeps accepting
 * connections for SHUTDOWN_DELAY_MS (so a load balancer probing /readyz stops sending traffic), then stops
 * accepting; the requests in flight finish (at most SHUTDOWN_TIMEOUT_MS); then the shutdown steps run (the `jobs`
 * phase, where a job queue drains once Lodestone has one, then the database closes). A second signal stops at once.
 */
async function stop(signal) {
  if (stopping) {
    log.warn(`${signal} again: stopping now.`);
    process.exit(1);
  }
  stopping = true;
  inFlight.forEach(closeAfterAnswer);
  log.info({ signal, inFlight: inFlight.size, shutdownDelayMs }, `${signal}: draining.`);
  await entry().beginDrain();
  if (shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, shutdownDelayMs));
  server.close();
  server.closeIdleConnections();
  log.info({ inFlight: inFlight.size }, "No longer accepting connections.");
  if (!(await requestsFinished(shutdownTimeoutMs))) {
    log.warn(
      { inFlight: inFlight.size, shutdownTimeoutMs },
      "Requests still in flight after SHUTDOWN_TIMEOUT_MS: closing them.",
    );
    server.closeAllConnections();
  }
  // The shutdown steps (jobs, database) get as long again; then the process ends regardless.
  setTimeout(() => {
    log.error("Shutdown steps did not finish in time: exiting.");
    process.exit(1);
  }, shutdownTimeoutMs).unref();
  await entry().shutdown();
  log.info("Stopped.");
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
