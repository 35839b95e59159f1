/*
 * Backups and restores (ADR 123), for `npm run db:backup | db:restore` (scripts/db.ts) and the embedded
 * server's control socket (app/runtime/control.server.ts).
 * - Embedded: a gzipped tar of the PGlite data folder, taken inside a transaction after a checkpoint, so no
 *   transaction is half-written in it; it restores into an empty data folder.
 * - PostgreSQL: pg_dump's custom format (pg_dump and pg_restore from the PostgreSQL client tools), restored
 *   with pg_restore into an empty database.
 * - An export (./export.server.ts) is plain SQL: it restores into an empty PostgreSQL or a new Supabase project.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { request } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { pgliteFolder, type Database, type EmbeddedDatabase } from "./engine.server";
import { platformRolesSql } from "./migrate.server";

export class BackupError extends Error {}

export type BackupKind = "embedded" | "postgres" | "sql";

/** What a backup file holds, from its first bytes: gzip (embedded), pg_dump's custom format, or SQL. */
export function kindOf(head: Uint8Array): BackupKind {
  if (head[0] === 0x1f && head[1] === 0x8b) return "embedded";
  if (new TextDecoder().decode(head.subarray(0, 5)) === "PGDMP") return "postgres";
  return "sql";
}

/**
 * The embedded database's data folder as a .tar.gz. The engine copies it in a transaction after a checkpoint
 * (EmbeddedDatabase.dumpDataDir), so the copy is consistent and opens without recovery. Queries wait while the
 * folder is copied (about a second for the demo); compression runs afterwards, off the database.
 */
export async function snapshotEmbedded(db: EmbeddedDatabase): Promise<Buffer> {
  return promisify(gzip)(await db.dumpDataDir());
}

export { pgliteFolder };

/** Whether `dataDir` holds no embedded database yet (restores go only there). */
export function isEmptyEmbeddedFolder(dataDir: string): boolean {
  const folder = pgliteFolder(dataDir);
  return !existsSync(folder) || readdirSync(folder).length === 0;
}

/**
 * Writes an embedded backup into `dataDir`, which must hold no database yet, and checks that it opens and is
 * a Lodestone database. The caller holds the data folder's lock.
 */
export async function restoreEmbedded(dataDir: string, archive: Uint8Array): Promise<void> {
  if (!isEmptyEmbeddedFolder(dataDir)) {
    throw new BackupError(
      `${pgliteFolder(dataDir)} already holds a database: restore into an empty DATA_DIR (or move that folder away first).`,
    );
  }
  const pg = await PGlite.create({
    dataDir: pgliteFolder(dataDir),
    loadDataDir: new Blob([new Uint8Array(archive)]),
  });
  try {
    const [row] = (
      await pg.query<{ migrated: boolean }>(
        "select to_regclass('supabase_migrations.schema_migrations') is not null as migrated",
      )
    ).rows;
    if (!row?.migrated)
      throw new BackupError("The backup opened, but holds no Lodestone database.");
  } finally {
    await pg.close();
  }
}

/** Asks the embedded server on `socketPath` for a backup or an export; null when no server answers there. */
export function askServer(socketPath: string, what: "backup" | "export"): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (!existsSync(socketPath)) return resolve(null);
    const req = request({ socketPath, path: `/${what}`, method: "POST" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(body);
        else reject(new BackupError(`The server refused the ${what}: ${body.toString("utf8")}`));
      });
      res.on("error", reject);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // A socket left by a server that died: nobody is listening.
      if (error.code === "ECONNREFUSED" || error.code === "ENOENT") resolve(null);
      else reject(error);
    });
    req.end();
  });
}

/** A connection string without its password, and the password apart (for PGPASSWORD, never argv). */
export function splitPassword(url: string): { url: string; password?: string } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = "";
  return { url: parsed.toString(), password };
}

function run(command: string, args: string[], password?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ["ignore", "inherit", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new BackupError(
              `${command} was not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client), of the server's major version or newer.`,
            )
          : error,
      ),
    );
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${command} failed (exit ${code}):\n${errors.trim()}`)),
    );
  });
}

/** pg_dump of the whole database in its custom format: consistent (one snapshot) while users work. */
export async function backupPostgres(url: string, file: string): Promise<void> {
  const target = splitPassword(url);
  await run(
    "pg_dump",
    ["--format=custom", "--no-owner", `--file=${file}`, `--dbname=${target.url}`],
    target.password,
  );
}

/** Whether the database holds no tables, views or sequences outside PostgreSQL's own schemas. */
async function isEmptyPostgres(db: Database): Promise<boolean> {
  const [row] = await db.query<{ count: number }>(
    `select count(*)::int as count
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`,
  );
  return row?.count === 0;
}

/** pg_restore of a db:backup file into an empty database, in one transaction, the API roles made first. */
export async function restorePostgres(db: Database, url: string, file: string): Promise<void> {
  if (!(await isEmptyPostgres(db))) {
    throw new BackupError(
      "The database is not empty: restore a PostgreSQL backup into a new, empty database.",
    );
  }
  await db.exec(platformRolesSql());
  const target = splitPassword(url);
  await run(
    "pg_restore",
    ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${target.url}`, file],
    target.password,
  );
}

/** Loads an export (plain SQL from db:export) in one transaction into a database without Lodestone's tables. */
export async function restoreExport(db: Database, sql: string): Promise<void> {
  const [row] = await db.query<{ present: boolean }>(
    `select to_regclass('public.partnerships') is not null
         or exists (select 1 from pg_namespace where nspname in ('private', 'reference')) as present`,
  );
  if (row?.present) {
    throw new BackupError(
      "The database already has Lodestone's tables: load an export into an empty database or a new Supabase project.",
    );
  }
  await db.transaction(async (tx) => {
    await tx.exec(sql);
    // pg_dump's SETs (search_path '', row_security off) would outlive the load on this pooled connection.
    await tx.exec("reset all");
  });
}
