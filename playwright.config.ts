import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, defineConfig, devices } from "@playwright/test";

/* Debian's Chromium when present (this project's machines), else a browser Playwright installed itself. */
function chromiumExecutable(): string | undefined {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    "No Chromium found: install it with `sudo apt-get install chromium` (Debian) or `npx playwright install chromium`.",
  );
}

const PORT = Number(process.env.E2E_PORT ?? 3100);
// Each run starts the built server on a fresh embedded database, migrated and seeded on its first start.
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "lodestone-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
// Every server of the run logs into this folder (the suite's own and those the specs start), and the last
// step reads it all for secrets (tests/e2e/server-log.teardown.ts). Workers load this file too: they inherit it.
const logDir = process.env.E2E_LOG_DIR ?? mkdtempSync(path.join(tmpdir(), "lodestone-e2e-logs-"));
process.env.E2E_LOG_DIR = logDir;
// A developer's .env never reaches the servers a run starts.
process.env.ENV_FILE = "none";

/*
 * The specs that need PostgreSQL (TEST_DATABASE_URL) or PgBouncer in front of it (TEST_PGBOUNCER_URL) are part
 * of the run when those are set; CI sets both (REQUIRE_TEST_DATABASES=true makes their absence an error). ADR 125.
 */
const NEEDS = [
  { spec: "move-to-postgres.spec.ts", variables: ["TEST_DATABASE_URL"] },
  { spec: "scale-out.spec.ts", variables: ["TEST_DATABASE_URL", "TEST_PGBOUNCER_URL"] },
];
const leftOut = NEEDS.filter(({ variables }) => variables.some((name) => !process.env[name]));
if (leftOut.length > 0 && process.env.REQUIRE_TEST_DATABASES === "true") {
  throw new Error(
    `REQUIRE_TEST_DATABASES=true, but ${leftOut.map(({ spec, variables }) => `${spec} needs ${variables.join(" and ")}`).join("; ")}.`,
  );
}
if (leftOut.length > 0 && !process.env.TEST_WORKER_INDEX) {
  console.log(
    `Not in this run: ${leftOut.map(({ spec, variables }) => `${spec} (set ${variables.join(" and ")})`).join(", ")}.`,
  );
}

// Two workers by default, on CI as here: the one server (PGlite runs its queries one at a time in the server
// process) and the browsers share the machine's cores, so more workers mostly queue. E2E_WORKERS overrides.
const WORKERS = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // Tests make their own data (tests/e2e/support/factories.ts) and sign in from stored sessions, so they run
  // in parallel and in any order.
  fullyParallel: true,
  workers: WORKERS,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // DOM snapshots of a failed test, without the film strip: recording every frame costs CPU on every test.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    // Signs each demo account in once and stores its session (tests/e2e/sessions.setup.ts).
    { name: "sessions", testMatch: /sessions\.setup\.ts$/ },
    // After everything else: the servers' logs hold no cookie, token or password.
    { name: "server logs", testMatch: /server-log\.teardown\.ts$/ },
    {
      name: "chromium",
      dependencies: ["sessions"],
      teardown: "server logs",
      testIgnore: leftOut.map(({ spec }) => `**/${spec}`),
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    // Its log goes to a file (exec: the signal to stop reaches node itself).
    command: `exec node scripts/serve.js >> "${path.join(logDir, "server.log")}" 2>&1`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      DATA_DIR: dataDir,
      ENV_FILE: "none",
      LOG_LEVEL: "info",
    },
  },
});
