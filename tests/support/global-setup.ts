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

export default async function setup(project: TestProject) {
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
