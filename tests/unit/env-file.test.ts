/*
 * .env (ADR 126): the servers and scripts read it through scripts/env.js; the environment wins over the file;
 * ENV_FILE names another file (it must exist) or `none`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ENV_JS = path.resolve("scripts/env.js");

/** Runs scripts/env.js in `cwd` with `env`, and reports what the process then sees. */
function loadIn(cwd: string, env: Record<string, string>) {
  const result = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(ENV_JS)}); console.log(JSON.stringify({ PORT: process.env.PORT ?? null, LOG_LEVEL: process.env.LOG_LEVEL ?? null }));`,
    ],
    { cwd, env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env }, encoding: "utf8" },
  );
  return {
    status: result.status,
    seen: result.status === 0 ? (JSON.parse(result.stdout) as Record<string, string | null>) : null,
    stderr: result.stderr,
  };
}

describe(".env", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lodestone-env-"));
  writeFileSync(path.join(dir, ".env"), "PORT=4100\nLOG_LEVEL=debug\n");
  writeFileSync(path.join(dir, "other.env"), "PORT=4200\n");

  it("is read from the working folder, and the environment wins over it", () => {
    expect(loadIn(dir, {}).seen).toEqual({ PORT: "4100", LOG_LEVEL: "debug" });
    expect(loadIn(dir, { PORT: "5000" }).seen).toEqual({ PORT: "5000", LOG_LEVEL: "debug" });
  });

  it("can be another file, or none; a file named on purpose must exist", () => {
    expect(loadIn(dir, { ENV_FILE: "other.env" }).seen).toEqual({ PORT: "4200", LOG_LEVEL: null });
    expect(loadIn(dir, { ENV_FILE: "none" }).seen).toEqual({ PORT: null, LOG_LEVEL: null });
    const missing = loadIn(dir, { ENV_FILE: "missing.env" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Cannot read the environment file missing.env");
  });

  it("is optional: without one nothing is set and nothing is said", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "lodestone-env-"));
    const result = loadIn(empty, {});
    expect(result.seen).toEqual({ PORT: null, LOG_LEVEL: null });
    expect(result.stderr).toBe("");
  });
});
