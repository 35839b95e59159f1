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
    {
      name: "chromium",
      dependencies: ["sessions"],
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
    command: "node scripts/serve.js",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: { NODE_ENV: "production", PORT: String(PORT), DATA_DIR: dataDir },
  },
});
