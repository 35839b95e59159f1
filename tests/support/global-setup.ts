/* Prepares the migrated PostgreSQL template database that each test file clones (only with TEST_DATABASE_URL). */
import { openPostgres } from "~/db/engine.server";
import { migrate } from "~/db/migrate.server";
import { TEMPLATE_DATABASE, databaseUrl } from "./database";

export default async function setup() {
  if (!process.env.TEST_DATABASE_URL) return;
  const admin = openPostgres(databaseUrl("postgres"), { max: 1 });
  try {
    await admin.exec(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.exec(`create database ${TEMPLATE_DATABASE}`);
    const template = openPostgres(databaseUrl(TEMPLATE_DATABASE), { max: 1 });
    try {
      await migrate(template);
    } finally {
      await template.close();
    }
  } finally {
    await admin.close();
  }
}
