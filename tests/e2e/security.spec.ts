/*
 * Issue 17 in a real browser against the built server: the Content Security Policy breaks no page (no
 * violation reported on any main page, for the roles that see them), the headers are there, a redirectTo
 * that a browser would follow off-site keeps people on Lodestone, oversized bodies get a 413, and the
 * session cookie is Secure behind a trusted https proxy (a second server started with TRUST_PROXY=true).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/session";

const base = "/p/critical-minerals";
const KALGOORLIE = "f1000000-0000-4000-8000-000000000001";

/** Collects CSP violations the page reports (events) and logs (console), from the first script on. */
async function watchCsp(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void })
        .__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}`);
    });
  });
  return problems;
}

const pagesByRole = {
  "secretariat@demo.lodestone.example": [
    base,
    `${base}/board`,
    `${base}/timeline`,
    `${base}/projects`,
    `${base}/projects/${KALGOORLIE}`,
    `${base}/projects/${KALGOORLIE}/history`,
    `${base}/projects/${KALGOORLIE}/pledges`,
    `${base}/portfolio`,
    `${base}/pledges`,
    `${base}/review`,
    `${base}/people`,
    `${base}/fx-rates`,
    `${base}/payments`,
    `${base}/billing`,
    "/p",
    "/dev/outbox",
  ],
  "delegate.jp@demo.lodestone.example": [`${base}/pledges/new`, `${base}/projects/new`],
} as const;

for (const [email, paths] of Object.entries(pagesByRole)) {
  test(`no page reports a Content Security Policy violation for ${email}`, async ({ page }) => {
    test.setTimeout(90_000);
    const problems = await watchCsp(page);
    for (const anonymous of ["/", "/sign-in", "/forgot-password"]) {
      await page.goto(anonymous);
      await expect(page.locator("main")).toBeVisible();
    }
    await signIn(page, email);
    for (const url of paths) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.locator("main h1").first()).toBeVisible();
    }
    // A client-side navigation (scripts hydrated and fetching data) as well.
    await page.goto(base);
    await page.getByRole("link", { name: "Board", exact: true }).first().click();
    await expect(page).toHaveURL(/\/board$/);
    expect(problems).toEqual([]);
  });
}

test("every page carries the CSP with a fresh nonce and the framing rules", async ({ page }) => {
  const first = await page.goto("/sign-in");
  const headers = first?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers).toMatchObject({
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  });
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"] ?? "")?.[1];
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  const second = await page.goto("/sign-in");
  expect(second?.headers()["content-security-policy"]).not.toContain(nonce);
});

// One test a trick, each signing in once through the form (two sign-ins in one test took 15–20 s of its 30).
for (const [what, trick] of [
  ["a tab", "%2F%09%2Fevil.example"],
  ["a backslash", "%2F%5Cevil.example"],
] as const) {
  test(`a redirectTo with ${what} keeps the person on Lodestone`, async ({ page }) => {
    await page.goto(`/sign-in?redirectTo=${trick}`);
    await page.getByLabel("E-mail address").fill("observer@demo.lodestone.example");
    await page.getByLabel("Password").fill("lodestone-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL ?? "").host);
  });
}

test("a 20 MB form body is refused with 413 before it reaches the app", async ({ request }) => {
  const response = await request.post("/forgot-password", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: `email=${"a".repeat(20 * 1024 * 1024)}`,
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("larger than 256 KB");
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts another server on the same build, with these variables, on a free port. */
async function startServer(env: Record<string, string>): Promise<{ url: string; stop(): void }> {
  const child: ChildProcess = spawn(process.execPath, ["scripts/serve.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(await freePort()),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "lodestone-e2e-proxy-")),
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/localhost:\d+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

test("the session cookie is Secure, with HSTS, behind a trusted proxy that reports https", async ({
  playwright,
}) => {
  test.setTimeout(120_000);
  const server = await startServer({ TRUST_PROXY: "true" });
  try {
    const api = await playwright.request.newContext({ baseURL: server.url, maxRedirects: 0 });
    const signInAs = (headers: Record<string, string>) =>
      api.post("/sign-in", {
        headers,
        form: { email: "observer@demo.lodestone.example", password: "lodestone-demo" },
      });
    const proxied = await signInAs({ "X-Forwarded-Proto": "https" });
    expect(proxied.status()).toBe(302);
    expect(proxied.headers()["set-cookie"]).toMatch(/lodestone_session=.*;.*Secure/);
    expect(proxied.headers()["strict-transport-security"]).toBe(
      "max-age=31536000; includeSubDomains",
    );
    const direct = await signInAs({});
    expect(direct.headers()["set-cookie"]).not.toMatch(/Secure/);
    expect(direct.headers()["strict-transport-security"]).toBeUndefined();
    await api.dispose();
  } finally {
    server.stop();
  }
});

test("without TRUST_PROXY a forged X-Forwarded-Proto changes nothing", async ({ request }) => {
  const response = await request.post("/sign-in", {
    headers: { "X-Forwarded-Proto": "https" },
    form: { email: "observer@demo.lodestone.example", password: "lodestone-demo" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["set-cookie"]).not.toMatch(/Secure/);
  expect(response.headers()["strict-transport-security"]).toBeUndefined();
});
