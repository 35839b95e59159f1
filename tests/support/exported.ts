/*
 * The move to PostgreSQL as a test database: the embedded demo (PGlite, migrated and seeded), exported with
 * db:export's own function and loaded into a new, empty PostgreSQL database with db:restore's (ADR 124).
 * Tests that must hold on every engine also run on this one when TEST_DATABASE_URL is set: the RLS matrix.
 */
import type { EmbeddedDatabase } from "~/db/engine.server";
import { restoreExport } from "~/db/backup.server";
import { exportEmbedded } from "~/db/export.server";
import { createTestDatabase, engines, type TestDatabase } from "./database";

/** The embedded demo seeded as of `today`, as an export file's text. */
export async function exportedDemo(today?: string): Promise<string> {
  const source = await createTestDatabase("pglite", { seed: true, today });
  try {
    return await exportEmbedded(source.db as EmbeddedDatabase);
  } finally {
    await source.dispose();
  }
}

/** A PostgreSQL database holding the embedded demo, moved there by export and restore. */
export async function restoredFromExport(options: { today?: string } = {}): Promise<TestDatabase> {
  const sql = await exportedDemo(options.today);
  const target = await createTestDatabase("postgres", { migrate: false, today: options.today });
  try {
    await restoreExport(target.db, sql);
  } catch (error) {
    await target.dispose();
    throw error;
  }
  return target;
}

/**
 * Where a suite that must hold everywhere runs: each engine with the seed, and, with TEST_DATABASE_URL, the
 * seed moved from the embedded database to PostgreSQL by export and restore.
 */
export function seededTargets(today: string): Array<[string, () => Promise<TestDatabase>]> {
  return [
    ...engines.map(
      (engine) =>
        [engine, () => createTestDatabase(engine, { seed: true, today })] as [
          string,
          () => Promise<TestDatabase>,
        ],
    ),
    ...(process.env.TEST_DATABASE_URL
      ? [
          [
            "postgres, moved from the embedded database by export and restore",
            () => restoredFromExport({ today }),
          ] as [string, () => Promise<TestDatabase>],
        ]
      : []),
  ];
}
