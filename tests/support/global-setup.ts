/*
 * Prepares the migrated PostgreSQL template database that each test file clones (only with TEST_DATABASE_URL).
 * Its name is unique to this run, so runs sharing a server (several engineers, CI) never drop each other's.
 */
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { openPostgres } from "~/db/engine.server";
import { migrate } from "~/db/migrate.server";
import { databaseUrl } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

/**
 * In CI (REQUIRE_TEST_DATABASES=true, set by .ci/run) the PostgreSQL and PgBouncer suites must run: a missing
 * or silent URL fails the run here instead of leaving those suites out (ADR 125).
 */
async function requireTestDatabases() {
  for (const variable of ["TEST_DATABASE_URL", "TEST_PGBOUNCER_URL"] as const) {
    const url = process.env[variable];
    if (!url) throw new Error(`REQUIRE_TEST_DATABASES=true but ${variable} is not set.`);
    const db = openPostgres(url, { max: 1 });
    try {
      await db.query("select 1");
    } catch (error) {
      throw new Error(`${variable} does not answer: ${(error as Error).message}`);
    } finally {
      await db.close();
    }
  }
}

export default async function setup(project: TestProject) {
  if (process.env.REQUIRE_TEST_DATABASES === "true") await requireTestDatabases();
  if (!process.env.TEST_DATABASE_URL) return;
  const template = `lodestone_template_${randomBytes(5).toString("hex")}`;
  const admin = openPostgres(databaseUrl("postgres"), { max: 1 });
  try {
    await admin.exec(`create database ${template}`);
    const db = openPostgres(databaseUrl(template), { max: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
  } finally {
    await admin.close();
  }
  project.provide("templateDatabase", template);
  return async () => {
    const cleanup = openPostgres(databaseUrl("postgres"), { max: 1 });
    await cleanup.exec(`drop database if exists ${template} with (force)`);
    await cleanup.close();
  };
}
