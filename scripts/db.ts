// The database commands, against DATABASE_URL (through DIRECT_URL when set) or else the embedded database in
// DATA_DIR:
//   npm run db:migrate | db:seed | db:reset
//   npm run db:backup -- <file>    a consistent backup while the server runs (ADR 123)
//   npm run db:restore -- <file>   into an empty embedded folder or an empty PostgreSQL; an export (db:export)
//                                  into an empty PostgreSQL or a new Supabase project
//   npm run db:export -- <file.sql>  the embedded database as SQL for PostgreSQL or Supabase (ADR 124)
import "./env.js";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { parseConfig, type Config } from "~/config.server";
import {
  askServer,
  backupPostgres,
  kindOf,
  restoreEmbedded,
  restoreExport,
  restorePostgres,
  snapshotEmbedded,
} from "~/db/backup.server";
import { openSessionDatabase, seed, sessionUrl } from "~/db/database.server";
import {
  lockDataFolder,
  openPglite,
  type Database,
  type EmbeddedDatabase,
} from "~/db/engine.server";
import { exportEmbedded } from "~/db/export.server";
import { migrate } from "~/db/migrate.server";
import { requireSession } from "~/db/session.server";
import { controlSocketPath } from "~/runtime/control.server";
import {
  checkDocuments,
  copyDocumentsIn,
  copyDocumentsOut,
  describeProblems,
  documentsBeside,
  documentsFolder,
} from "~/storage/backup.server";

const log = (line: string) => console.log(line);

const USAGE = `Usage:
  npm run db:migrate | db:seed | db:reset
  npm run db:backup -- <file>
  npm run db:restore -- <file>
  npm run db:export -- <file.sql>`;

/** The PostgreSQL session connection, checked to keep its session (migrations, pg_dump need one). */
async function openPostgresSession(config: Config, needs: string): Promise<Database> {
  const db = await openSessionDatabase(config);
  try {
    await requireSession(db, config.DIRECT_URL ? "DIRECT_URL" : "DATABASE_URL", needs);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Writes `content` to `file` through a temporary name, so a failed run never leaves a half file. */
function writeWhole(file: string, content: Uint8Array | string): void {
  const partial = `${file}.partial`;
  try {
    writeFileSync(partial, content, { mode: 0o600 });
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** A copy of the embedded database: from the running server, or from the folder itself under its lock. */
async function embeddedCopy(config: Config, what: "backup" | "export"): Promise<Buffer> {
  const fromServer = await askServer(controlSocketPath(config.dataDir), what);
  if (fromServer) {
    log(`The server on ${config.dataDir} made the ${what} while it runs.`);
    return fromServer;
  }
  const db: EmbeddedDatabase = await openPglite(config.dataDir);
  try {
    return what === "backup" ? await snapshotEmbedded(db) : Buffer.from(await exportEmbedded(db));
  } finally {
    await db.close();
  }
}

/**
 * The local adapter's documents beside a backup or export `file` (ADR 143), after the database's copy so every
 * row in it has its file. Written under a temporary name and renamed when whole. Supabase Storage keeps its
 * own files: nothing to copy.
 */
async function documentsOut(config: Config, file: string): Promise<void> {
  if (config.STORAGE === "supabase") return;
  const target = documentsBeside(file);
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    const copied = await copyDocumentsOut(config.dataDir, partial);
    rmSync(target, { recursive: true, force: true });
    renameSync(partial, target);
    log(`Copied ${copied.length} document file(s) with their sha256 to ${target}.`);
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/** Puts a backup's documents back and checks every document row's file; problems are named, exit code 1. */
async function documentsIn(config: Config, file: string, db: Database): Promise<void> {
  if (config.STORAGE === "supabase") return;
  const source = documentsBeside(file);
  if (existsSync(source)) {
    const copied = await copyDocumentsIn(source, config.dataDir);
    log(
      `Restored ${copied} document file(s) from ${source} into ${documentsFolder(config.dataDir)}.`,
    );
  }
  const problems = await checkDocuments(db, documentsFolder(config.dataDir));
  if (problems.length === 0) return;
  console.error(
    `${problems.length} document(s) cannot be downloaded after this restore:\n${describeProblems(problems)}`,
  );
  process.exitCode = 1;
}

async function backup(config: Config, file: string) {
  const url = sessionUrl(config);
  if (url) {
    const db = await openPostgresSession(config, "a backup");
    await db.close();
    const partial = `${file}.partial`;
    try {
      await backupPostgres(url, partial);
      chmodSync(partial, 0o600);
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
    }
  } else {
    writeWhole(file, await embeddedCopy(config, "backup"));
  }
  await documentsOut(config, file);
  log(
    `Backed up ${url ? "the PostgreSQL database" : `the embedded database in ${config.dataDir}`} to ${file}.`,
  );
}

async function exportSql(config: Config, file: string) {
  if (config.DATABASE_URL) {
    throw new Error(
      "db:export reads the embedded database: unset DATABASE_URL (a PostgreSQL database is copied with db:backup).",
    );
  }
  writeWhole(file, await embeddedCopy(config, "export"));
  await documentsOut(config, file);
  log(
    `Exported the embedded database in ${config.dataDir} to ${file}. Load it into an empty PostgreSQL or a new Supabase project with DATABASE_URL=… npm run db:restore -- ${file}`,
  );
  log(
    `Its documents are in ${documentsBeside(file)}: copy that folder to DATA_DIR/documents (STORAGE=local), or upload it to the Supabase Storage bucket under the same keys (docs/operations.md).`,
  );
}

async function restore(config: Config, file: string) {
  const content = readFileSync(file);
  const kind = kindOf(content.subarray(0, 8));
  const url = sessionUrl(config);
  if (!url) {
    if (kind !== "embedded") {
      throw new Error(
        `${file} is ${kind === "sql" ? "an SQL export" : "a PostgreSQL backup"}: it restores into PostgreSQL (set DATABASE_URL), not into the embedded database.`,
      );
    }
    // The folder's lock keeps a server from opening it while it is written.
    mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const release = lockDataFolder(config.dataDir);
    try {
      await restoreEmbedded(config.dataDir, content);
    } finally {
      release();
    }
    log(`Restored ${file} into ${config.dataDir}. Start the server on it with npm start.`);
    const restored = await openPglite(config.dataDir);
    try {
      await documentsIn(config, file, restored);
    } finally {
      await restored.close();
    }
    return;
  }
  if (kind === "embedded") {
    throw new Error(
      `${file} is an embedded backup: restore it into an empty DATA_DIR (unset DATABASE_URL), then db:export it for PostgreSQL.`,
    );
  }
  const db = await openPostgresSession(config, "a restore");
  try {
    if (kind === "postgres") await restorePostgres(db, url, file);
    else await restoreExport(db, content.toString("utf8"));
    log(`Restored ${file} into the PostgreSQL database.`);
    await documentsIn(config, file, db);
  } finally {
    await db.close();
  }
}

async function reset(config: Config) {
  if (!config.DATABASE_URL) {
    rmSync(path.join(config.dataDir, "pglite"), { recursive: true, force: true });
    return;
  }
  const host = new URL(config.DATABASE_URL).hostname;
  if (!["localhost", "127.0.0.1", "::1"].includes(host) && !process.argv.includes("--force")) {
    throw new Error(`Refusing to reset a database on ${host} without --force.`);
  }
  const db = await openPostgresSession(config, "a reset");
  try {
    await db.exec(`
      drop schema if exists public cascade;
      drop schema if exists private cascade;
      drop schema if exists supabase_migrations cascade;
      drop schema if exists reference cascade;
      create schema public;
      do $$ begin
        if exists (select 1 from pg_namespace where nspname = 'auth') then
          execute 'truncate auth.users cascade';
        end if;
      end $$;
    `);
  } finally {
    await db.close();
  }
}

async function migrateAndSeed(config: Config, command: "migrate" | "seed" | "reset") {
  const target = config.DATABASE_URL
    ? "DATABASE_URL"
    : `the embedded database in ${config.dataDir}`;
  if (command === "reset") {
    await reset(config);
    log(`Reset ${target}.`);
  }
  const db = config.DATABASE_URL
    ? await openPostgresSession(config, "Migrating")
    : await openSessionDatabase(config);
  try {
    if (command !== "seed") {
      const applied = await migrate(db, { log });
      if (applied.length === 0) log(`${target} is up to date.`);
    }
    if (command !== "migrate") {
      await seed(db);
      log(`Loaded the demo data into ${target}.`);
    }
  } finally {
    await db.close();
  }
}

async function main() {
  const [command, fileArg] = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
  const config = parseConfig();
  if (command === "migrate" || command === "seed" || command === "reset") {
    return migrateAndSeed(config, command);
  }
  if (!fileArg || !["backup", "restore", "export"].includes(command ?? "")) throw new Error(USAGE);
  const file = path.resolve(fileArg);
  if (command === "backup") return backup(config, file);
  if (command === "export") return exportSql(config, file);
  return restore(config, file);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
