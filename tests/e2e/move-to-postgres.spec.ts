/*
 * The move from the embedded default to PostgreSQL (issue 15, ADR 124), as the README tells an office to do
 * it: `npm run db:export -- office.sql` while the embedded server runs, then `npm run db:restore -- office.sql`
 * with DATABASE_URL set to an empty PostgreSQL, then the server on it. The office's own work comes along and
 * every demo account signs in there, in a browser and through the form. Part of the run with TEST_DATABASE_URL.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { openPostgres } from "~/db/engine.server";
import { ACCOUNTS, DEMO_PASSWORD, ROLES } from "./support/accounts";
import { PARTNERSHIP, uniqueName } from "./support/factories";
import { expect, test } from "./support/fixtures";
import {
  dbCommand,
  extraPort,
  factoriesOn,
  seededDataDir,
  signedInApi,
  startLodestone,
  temporaryFolder,
} from "./support/servers";
import { waitingForReact } from "./support/hydration";

const withDatabase = (name: string) => {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "postgres://missing");
  url.pathname = `/${name}`;
  return url.toString();
};

test("an office's embedded data moves to PostgreSQL with one command each, and everyone signs in there", async ({
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const port = extraPort(6);
  const dataDir = await seededDataDir("office");
  const office = await startLodestone("office", port, { DATA_DIR: dataDir });
  const on = factoriesOn(playwright, office.url);
  const name = uniqueName("Moved to PostgreSQL");
  let project: Awaited<ReturnType<typeof on.make.project>>;
  try {
    project = await on.make.project({ name, milestones: [{ title: "Moved with the office" }] });
  } finally {
    await on.dispose();
  }

  // 1. The export, taken while the office's server runs.
  const file = path.join(temporaryFolder("export"), "office.sql");
  try {
    const exported = await dbCommand(["export", file], { DATA_DIR: dataDir });
    expect(exported.code, exported.output).toBe(0);
    expect(exported.output).toContain("made the export while it runs");
  } finally {
    // Stopped whatever happened above: a server left running would hold its port for the next run.
    expect((await office.stop()).code).toBe(0);
  }

  // 2. Into an empty PostgreSQL.
  const database = `lodestone_moved_${randomBytes(5).toString("hex")}`;
  const admin = openPostgres(withDatabase("postgres"), { max: 1 });
  await admin.exec(`create database ${database}`);
  try {
    const restored = await dbCommand(["restore", file], { DATABASE_URL: withDatabase(database) });
    expect(restored.code, restored.output).toBe(0);

    // 3. The server on it.
    const moved = await startLodestone("moved", port, {
      DATABASE_URL: withDatabase(database),
      JWT_SECRET: randomBytes(32).toString("hex"),
      SMTP_URL: "smtp://127.0.0.1:2525",
      MAIL_FROM: "Lodestone <no-reply@ministry.example>",
      DATA_DIR: temporaryFolder("moved"),
    });
    try {
      const page = waitingForReact(
        await (await browser.newContext({ baseURL: moved.url })).newPage(),
      );
      await page.goto("/sign-in");
      await page.getByLabel("E-mail address").fill(ACCOUNTS.delegateAU);
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).not.toHaveURL(/\/sign-in/);
      await page.goto(project.url);
      await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
      await expect(page.getByRole("rowheader", { name: "Moved with the office" })).toBeVisible();
      await page.goto(`${PARTNERSHIP}/board`);
      await expect(page.locator(".live-indicator.live-live")).toBeVisible();
      await page.context().close();
      for (const role of ROLES) {
        const api = await signedInApi(playwright, moved.url, ACCOUNTS[role]);
        await api.dispose();
      }
    } finally {
      await moved.stop();
    }
  } finally {
    await admin.exec(`drop database if exists ${database} with (force)`);
    await admin.close();
  }
});
