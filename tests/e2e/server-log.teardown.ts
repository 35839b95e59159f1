/*
 * The last step of every end-to-end run (playwright.config.ts: the teardown of the chromium project): the logs
 * of every server the run started, the suite's own and the specs', read for secrets. People signed in,
 * invited each other, reset passwords and moved data all through the run: none of its cookies, tokens or
 * passwords may be in a log (ADR 122; docs/security-model.md). The log must also show what it is for.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test as teardown } from "@playwright/test";
import { DEMO_PASSWORD, ROLES, sessionFile } from "./support/accounts";

/** Every log file of this run. */
function runLogs(): Array<{ file: string; text: string }> {
  const dir = process.env.E2E_LOG_DIR ?? "";
  expect(dir, "E2E_LOG_DIR is set by playwright.config.ts").not.toBe("");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".log"))
    .map((file) => ({ file, text: readFileSync(path.join(dir, file), "utf8") }));
}

/** The values of the session cookies the run's demo accounts signed in with. */
function sessionCookieValues(): string[] {
  return ROLES.map((role) => sessionFile(role))
    .filter((file) => existsSync(file))
    .flatMap(
      (file) =>
        (JSON.parse(readFileSync(file, "utf8")) as { cookies: Array<{ value: string }> }).cookies,
    )
    .map((cookie) => cookie.value)
    .filter((value) => value.length >= 16);
}

const SECRETS: Array<[string, RegExp]> = [
  ["a JSON Web Token", /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./],
  ["a session cookie", /lodestone_session=/],
  ["a cookie header", /"(set-)?cookie"\s*:/i],
  ["an authorization header", /"authorization"\s*:/i],
  ["a bcrypt password hash", /\$2[aby]\$\d\d\$/],
  ["the demo password", new RegExp(DEMO_PASSWORD)],
  ["a test person's password", /a password for /],
  ["an invitation link's token", /\/invitations\/(?!:token)[A-Za-z0-9_-]{16,}/],
  ["a token in a query string", /[?&]token=/],
];

teardown("the servers' logs of this run hold no cookie, token or password", () => {
  const logs = runLogs();
  const all = logs.map((log) => log.text).join("\n");

  // The log is worth reading: every request with its id, route, status and time; the run signed each demo
  // account in (sessions.setup.ts), so those requests are there whatever specs ran. (The user and partnership
  // on a request's line are tested in tests/unit/http-log.test.ts and tests/app/guards.test.ts.)
  const requests = all
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => typeof entry.status === "number");
  const signIns = requests.filter((entry) => entry.route === "/sign-in" && entry.method === "POST");
  expect(signIns.length).toBeGreaterThanOrEqual(ROLES.length);
  for (const entry of requests) {
    expect(entry).toMatchObject({
      requestId: expect.any(String),
      route: expect.stringMatching(/^\//),
      durationMs: expect.any(Number),
    });
  }

  for (const { file, text } of logs) {
    for (const [what, pattern] of SECRETS) {
      expect(pattern.exec(text)?.[0], `${what} in ${file}`).toBeUndefined();
    }
  }
  const cookies = sessionCookieValues();
  expect(cookies.length).toBeGreaterThan(0);
  for (const value of cookies) {
    for (const { file, text } of logs) {
      expect(text.includes(value), `a signed-in session's cookie in ${file}`).toBe(false);
      expect(text.includes(decodeURIComponent(value)), `a session cookie in ${file}`).toBe(false);
    }
  }
});
