import { spawnSync } from "node:child_process";

/** Builds the app for production, so a run or a profile never measures a stale build. */
export function buildApp(): void {
  const built = spawnSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error("remix build failed");
}
