// `npm start`: builds when the build is missing or older than the sources, then serves it in production mode
// (on the embedded database unless DATABASE_URL is set).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const VERSION_PATH = path.resolve("build/version.txt");
const SOURCES = ["app", "remix.config.js", "package.json"];

function newestChange(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(entry).map((child) => newestChange(path.join(entry, child))),
  );
}

const stale =
  !existsSync(VERSION_PATH) ||
  Math.max(...SOURCES.map(newestChange)) > statSync(VERSION_PATH).mtimeMs;

if (stale) {
  console.log("Building Lodestone…");
  const result = spawnSync("npx", ["remix", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.NODE_ENV = "production";
await import("./serve.js");
