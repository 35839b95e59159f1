// The Lodestone HTTP server: Express serving the Remix build (production), or reloading it on each
// rebuild under `remix dev --manual` (development).
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
try {
  await build.entry.module.startup();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// Behind a load balancer, TRUST_PROXY=true makes the client's address come from X-Forwarded-For.
app.set("trust proxy", process.env.TRUST_PROXY === "true");
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
app.use(express.static("public", { maxAge: "1h" }));

if (development) {
  watchFile(VERSION_PATH, { interval: 300 }, async () => {
    build = await importBuild();
    broadcastDevReady(build);
  });
  app.all("*", (req, res, next) =>
    createRemixHandler({ build, mode: "development", getLoadContext })(req, res, next),
  );
} else {
  app.all("*", createRemixHandler({ build, mode: "production", getLoadContext }));
}

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Lodestone is listening on http://localhost:${port}`);
  if (development) broadcastDevReady(build);
});
// Keep idle connections longer than the clients and load balancers that reuse them (Node's 5 s default races a
// client sending on a socket the server is closing: the client sees "socket hang up"). Load balancers idle at
// 60 s (AWS ALB, Supabase's proxy), so the server waits a little longer; headersTimeout must exceed it.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

async function stop(signal) {
  console.log(`${signal}: closing the server and the database.`);
  server.close();
  server.closeAllConnections?.();
  await build.entry.module.shutdown();
  process.exit(0);
}
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
