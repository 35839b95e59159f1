/*
 * Documents' bytes in backups and exports (ADR 143, ADR 123, ADR 124). The database holds each document's
 * metadata row (with its sha256); the local adapter keeps the bytes under DATA_DIR/documents/<key>. A backup
 * or an export `<file>` gets the folder `<file>.documents` beside it: the files under their keys and a
 * manifest (key, size, sha256 per file). Beside the file, not inside it, so the database's formats (and every
 * backup taken before) stay as they were: a backup with no such folder restores as before.
 * Taken after the database's copy: a file is stored before its row commits (app/models/documents.server.ts),
 * so every row in the copy has its file; files never change once written, so copying while people work is safe.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Database } from "~/db/engine.server";

export const MANIFEST = "manifest.json";
const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export interface ManifestEntry {
  key: string;
  size: number;
  sha256: string;
}

/** Where a backup or export file's documents go. */
export function documentsBeside(file: string): string {
  return `${file}.documents`;
}

export function documentsFolder(dataDir: string): string {
  return path.join(dataDir, "documents");
}

async function storedKeys(root: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const keys: string[] = [];
  for (const partnership of await readdir(root, { withFileTypes: true })) {
    if (!partnership.isDirectory()) continue;
    for (const file of await readdir(path.join(root, partnership.name))) {
      const key = `${partnership.name}/${file}`;
      // Half-written files (`.partial`) and anything not a document key are not documents.
      if (KEY.test(key)) keys.push(key);
    }
  }
  return keys.sort();
}

function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Copies the data folder's documents to `target` (created 0700) with a manifest; returns what it copied. */
export async function copyDocumentsOut(dataDir: string, target: string): Promise<ManifestEntry[]> {
  const root = documentsFolder(dataDir);
  const manifest: ManifestEntry[] = [];
  await mkdir(target, { recursive: true, mode: 0o700 });
  for (const key of await storedKeys(root)) {
    const bytes = await readFile(path.join(root, key));
    await mkdir(path.join(target, path.dirname(key)), { recursive: true, mode: 0o700 });
    await writeFile(path.join(target, key), bytes, { mode: 0o600 });
    manifest.push({ key, size: bytes.byteLength, sha256: sha256Of(bytes) });
  }
  await writeFile(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, {
    mode: 0o600,
  });
  return manifest;
}

/** Puts a backup's documents into the data folder (an existing file is kept, never overwritten). */
export async function copyDocumentsIn(source: string, dataDir: string): Promise<number> {
  const root = documentsFolder(dataDir);
  let copied = 0;
  for (const key of await storedKeys(source)) {
    const file = path.join(root, key);
    if (existsSync(file)) continue;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await copyFile(path.join(source, key), file);
    copied += 1;
  }
  return copied;
}

export interface DocumentProblem {
  name: string;
  key: string;
  problem: "missing" | "corrupt";
}

/**
 * Checks every document row against the bytes in `folder` (a data folder's documents, or a backup's): the
 * file is there and its sha256 is the row's. Reads the rows as the connection's owner (backups and restores
 * run as the database owner), so every partnership is checked.
 */
export async function checkDocuments(db: Database, folder: string): Promise<DocumentProblem[]> {
  // A backup taken before documents existed (issue 14) has no table to check.
  const [table] = await db.query<{ present: boolean }>(
    "select to_regclass('public.attachments') is not null as present",
  );
  if (!table?.present) return [];
  const rows = await db.query<{ name: string; key: string; sha256: string }>(
    `select name, storage_key as key, sha256 from public.attachments order by storage_key`,
  );
  const problems: DocumentProblem[] = [];
  for (const row of rows) {
    if (!KEY.test(row.key)) {
      problems.push({ name: row.name, key: row.key, problem: "missing" });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path.join(folder, row.key));
    } catch {
      problems.push({ name: row.name, key: row.key, problem: "missing" });
      continue;
    }
    if (sha256Of(bytes) !== row.sha256)
      problems.push({ name: row.name, key: row.key, problem: "corrupt" });
  }
  return problems;
}

/** One line per problem, naming the document: what an operator reads after a restore. */
export function describeProblems(problems: DocumentProblem[]): string {
  return problems
    .map((p) =>
      p.problem === "missing"
        ? `Missing: "${p.name}" (${p.key}) has no file; its download will fail.`
        : `Corrupt: "${p.name}" (${p.key}) does not match its sha256; its download would serve other bytes.`,
    )
    .join("\n");
}
