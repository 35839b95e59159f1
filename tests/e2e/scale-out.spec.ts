/*
 * Scale-out (issue 15, ADR 120): two Lodestone processes (E2E_PORT + 1 and + 2) on one PostgreSQL database,
 * both with DATABASE_URL through PgBouncer in transaction mode (TEST_PGBOUNCER_URL) and DIRECT_URL to
 * PostgreSQL itself (TEST_DATABASE_URL). Migrated and seeded through the db commands the same way. A card moved
 * through one process reaches a board open on the other; sign-in, forms and exports work through either; a
 * browser behind a load balancer (E2E_PORT + 3) follows a stopping process's live stream to the other one.
 * Only the pooler configured, a process refuses to start. Part of the run when both URLs are set (CI).
 */
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { openPostgres } from "~/db/engine.server";
import { addDays, isoToday } from "../support/seed-dates";
import { ACCOUNTS, DEMO_PASSWORD } from "./support/accounts";
import { startBalancer } from "./support/balancer";
import { PARTNERSHIP, TEST_HOST_COUNTRY, uniqueName } from "./support/factories";
import { expect, test } from "./support/fixtures";
import {
  dbCommand,
  extraPort,
  failedStart,
  factoriesOn,
  signedInApi,
  startLodestone,
  temporaryFolder,
  type LodestoneProcess,
} from "./support/servers";
import { waitingForReact } from "./support/hydration";

test.describe.configure({ mode: "default", timeout: 120_000 });

const database = `lodestone_scale_${randomBytes(5).toString("hex")}`;
const withDatabase = (url: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};
const POOLER = withDatabase(process.env.TEST_PGBOUNCER_URL ?? "postgres://missing");
const DIRECT = withDatabase(process.env.TEST_DATABASE_URL ?? "postgres://missing");
const adminUrl = () => {
  const parsed = new URL(process.env.TEST_DATABASE_URL ?? "postgres://missing");
  parsed.pathname = "/postgres";
  return parsed.toString();
};

// What every process of the deployment shares: the database, the JWT secret (a session signed by one is good
// on the other), and production's mail settings (no mail is sent here).
const deployment = {
  DATABASE_URL: POOLER,
  DIRECT_URL: DIRECT,
  JWT_SECRET: randomBytes(32).toString("hex"),
  SMTP_URL: "smtp://127.0.0.1:2525",
  MAIL_FROM: "Lodestone <no-reply@ministry.example>",
};

let a: LodestoneProcess;
let b: LodestoneProcess;

test.beforeAll(async () => {
  const admin = openPostgres(adminUrl(), { max: 1 });
  await admin.exec(`create database ${database}`);
  await admin.close();
  // The db commands take DATABASE_URL (the pooler) and do their work through DIRECT_URL.
  for (const command of ["migrate", "seed"]) {
    const result = await dbCommand([command], deployment);
    expect(result.code, result.output).toBe(0);
  }
  [a, b] = await Promise.all([
    startLodestone("scale-a", extraPort(1), { ...deployment, DATA_DIR: temporaryFolder("a") }),
    startLodestone("scale-b", extraPort(2), { ...deployment, DATA_DIR: temporaryFolder("b") }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  const admin = openPostgres(adminUrl(), { max: 1 });
  await admin.exec(`drop database if exists ${database} with (force)`);
  await admin.close();
});

/** A page of its own, signed in through the sign-in form at `baseURL`. */
async function signedInPage(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const page = waitingForReact(await (await browser.newContext({ baseURL })).newPage());
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

const testBoard = `${PARTNERSHIP}/board?host=${TEST_HOST_COUNTRY}`;
const card = (page: Page, id: string, status: string) =>
  page.locator(`.board-column[data-status="${status}"] [data-milestone-id="${id}"]`);

test("with only the transaction pooler, the server and the migrations refuse to start and say why", async () => {
  const { JWT_SECRET, SMTP_URL, MAIL_FROM } = deployment;
  const server = await failedStart("pooler-only", extraPort(3), {
    DATABASE_URL: POOLER,
    JWT_SECRET,
    SMTP_URL,
    MAIL_FROM,
    DATA_DIR: temporaryFolder("pooler-only"),
  });
  expect(server.code).toBe(1);
  expect(server.output).toMatch(/the live board \(with the job queue\) needs a database session/);
  expect(server.output).toMatch(/set DIRECT_URL/);
  const migrate = await dbCommand(["migrate"], { ...deployment, DIRECT_URL: "" });
  expect(migrate.code).toBe(1);
  expect(migrate.output).toMatch(/Migrating needs a database session.*set DIRECT_URL/s);
});

// The issue asks for "within a second": the time it took is recorded as an annotation of the test (in the
// HTML report), not asserted: speed is measured, never a test's pass or fail; the wait allows 3 s.
test("a card moved through one process reaches a board open on the other, live, without a reload", async ({
  browser,
  playwright,
}) => {
  const throughA = factoriesOn(playwright, a.url);
  try {
    const project = await throughA.make.project({
      milestones: [{ title: "Offtake agreement signed", dueDate: addDays(isoToday(), 3) }],
    });
    const milestone = project.milestones[0];
    if (!milestone) throw new Error("the project has no milestone");

    const delegate = await signedInPage(browser, b.url, ACCOUNTS.delegateAU);
    await delegate.goto(testBoard);
    await expect(delegate.locator(".live-indicator.live-live")).toBeVisible();
    await expect(card(delegate, milestone.id, "planned")).toBeVisible();

    await throughA.make.moveMilestone("sponsor", milestone, "in_progress");
    const moved = Date.now();
    await expect(card(delegate, milestone.id, "in_progress")).toBeVisible({ timeout: 3_000 });
    test.info().annotations.push({
      type: "live latency across processes",
      description: `${Date.now() - moved} ms`,
    });
    await delegate.context().close();
  } finally {
    await throughA.dispose();
  }
});

test("sign-in, forms and exports work through either process", async ({ browser, playwright }) => {
  const names: string[] = [];
  for (const server of [a, b]) {
    // A person signs in through the form, and registers a project through the forms.
    const page = await signedInPage(browser, server.url, ACCOUNTS.secretariat);
    await page.goto(PARTNERSHIP);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.context().close();
    const through = factoriesOn(playwright, server.url);
    try {
      names.push((await through.make.project({ name: uniqueName(`Through ${server.port}`) })).name);
    } finally {
      await through.dispose();
    }
  }
  for (const server of [a, b]) {
    const api = await signedInApi(playwright, server.url, ACCOUNTS.delegateAU);
    const csv = await api.get(`${PARTNERSHIP}/projects/csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    for (const name of names) expect(text).toContain(name);
    await api.dispose();
  }
});

test("behind a load balancer, a board follows a stopping process's live stream to the other", async ({
  browser,
  playwright,
}) => {
  const balancer = await startBalancer(extraPort(3), [a.port, b.port]);
  const throughB = factoriesOn(playwright, b.url);
  try {
    const project = await throughB.make.project({
      milestones: [{ title: "Pilot plant commissioned", dueDate: addDays(isoToday(), 3) }],
    });
    const milestone = project.milestones[0];
    if (!milestone) throw new Error("the project has no milestone");
    const delegate = await signedInPage(browser, balancer.url, ACCOUNTS.delegateAU);
    await delegate.goto(testBoard);
    await expect(delegate.locator(".live-indicator.live-live")).toBeVisible();
    const events = `${PARTNERSHIP}/events`;
    // Every stream so far came from A: the page signing in landed on (its inbox count listens), then the board's.
    expect(Object.keys(balancer.served(events))).toEqual([String(a.port)]);

    // Process A stops: its stream tells the browser to come back, and the balancer sends it to B.
    expect(await a.stop()).toEqual({ code: 0, signal: null });
    await expect
      .poll(() => balancer.served(events)[b.port] ?? 0, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    await expect(delegate.locator(".live-indicator.live-live")).toBeVisible();

    await throughB.make.moveMilestone("sponsor", milestone, "at_risk");
    await expect(card(delegate, milestone.id, "at_risk")).toBeVisible({ timeout: 3_000 });
    await delegate.context().close();
  } finally {
    await throughB.dispose();
    await balancer.close();
  }
});
