/*
 * Documents' bytes in backups and exports (ADR 143): the local adapter's files go beside a backup with a
 * manifest of sha256, come back into a fresh data folder, and every document row is checked against its file;
 * a missing or changed file is named. Real files in temporary data folders, on both engines.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  MANIFEST,
  checkDocuments,
  copyDocumentsIn,
  copyDocumentsOut,
  describeProblems,
  documentsFolder,
  type ManifestEntry,
} from "~/storage/backup.server";
import { openPglite } from "~/db/engine.server";
import { createLocalStore } from "~/storage/local.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";

const PARTNERSHIP = "a1000000-0000-4000-8000-000000000001";
const PROJECT = "f1000000-0000-4000-8000-000000000001";
const KEY = `${PARTNERSHIP}/0d0c0000-0000-4000-8000-000000000001`;
const BYTES = new TextEncoder().encode("site,tonnes\nKwinana,42\n");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const tempDir = (name: string) => mkdtempSync(path.join(tmpdir(), `lodestone-${name}-`));

describe.each(engines)("document bytes in a backup (%s)", (engine) => {
  let handle: TestDatabase;
  const folders: string[] = [];
  const folder = (name: string) => {
    const made = tempDir(name);
    folders.push(made);
    return made;
  };

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(async () => {
    await handle.dispose();
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });

  /** A stored study and its metadata row, as the upload makes them (file first, then the row commits). */
  async function storeStudy(dataDir: string) {
    await createLocalStore(dataDir).put(KEY, BYTES, "text/csv");
    await handle.db.query(
      `insert into public.attachments (partnership_id, subject_type, project_id, name, size_bytes,
         content_type, sha256, storage_key)
       values ($1, 'project', $2, 'Feasibility study.csv', $3, 'text/csv', $4, $5)
       on conflict (storage_key) do nothing`,
      [PARTNERSHIP, PROJECT, BYTES.byteLength, sha256(BYTES), KEY],
    );
  }

  it("a database with no documents backs up an empty manifest and checks clean", async () => {
    const empty = folder("nodocs");
    const backup = folder("nodocs-backup");
    expect(await copyDocumentsOut(empty, backup)).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(backup, MANIFEST), "utf8"))).toEqual([]);
    const fresh = folder("nodocs-fresh");
    expect(await copyDocumentsIn(backup, fresh)).toBe(0);
    const [row] = await handle.db.query<{ count: number }>(
      "select count(*)::int as count from public.attachments",
    );
    expect(row?.count).toBe(0);
    expect(await checkDocuments(handle.db, documentsFolder(fresh))).toEqual([]);
  });

  it("round-trips a document's bytes into a fresh data folder, where it downloads whole", async () => {
    const source = folder("docs");
    await storeStudy(source);
    const backup = folder("docs-backup");
    const manifest: ManifestEntry[] = await copyDocumentsOut(source, backup);
    expect(manifest).toEqual([{ key: KEY, size: BYTES.byteLength, sha256: sha256(BYTES) }]);

    const fresh = folder("docs-fresh");
    // Before the restore, the fresh folder's download would fail: the check names the document.
    expect(await checkDocuments(handle.db, documentsFolder(fresh))).toEqual([
      { name: "Feasibility study.csv", key: KEY, problem: "missing" },
    ]);
    expect(await copyDocumentsIn(backup, fresh)).toBe(1);
    expect(await checkDocuments(handle.db, documentsFolder(fresh))).toEqual([]);
    const delivery = await createLocalStore(fresh).deliver(KEY, {
      name: "Feasibility study.csv",
      contentType: "text/csv",
    });
    expect(delivery.kind).toBe("bytes");
    expect(delivery.kind === "bytes" && sha256(delivery.body)).toBe(sha256(BYTES));
  });

  it("names a tampered or missing file after a restore", async () => {
    const source = folder("tamper");
    await storeStudy(source);
    const backup = folder("tamper-backup");
    await copyDocumentsOut(source, backup);
    writeFileSync(path.join(backup, KEY), "site,tonnes\nKwinana,4200\n");

    const fresh = folder("tamper-fresh");
    await copyDocumentsIn(backup, fresh);
    const problems = await checkDocuments(handle.db, documentsFolder(fresh));
    expect(problems).toEqual([{ name: "Feasibility study.csv", key: KEY, problem: "corrupt" }]);
    expect(describeProblems(problems)).toContain('Corrupt: "Feasibility study.csv"');

    rmSync(path.join(documentsFolder(fresh), KEY));
    expect(existsSync(path.join(documentsFolder(fresh), KEY))).toBe(false);
    expect(describeProblems(await checkDocuments(handle.db, documentsFolder(fresh)))).toBe(
      `Missing: "Feasibility study.csv" (${KEY}) has no file; its download will fail.`,
    );
  });
});

describe.each(engines)("a backup taken before documents existed (%s)", (engine) => {
  it("restores with nothing to check", async () => {
    const handle = await createTestDatabase(engine, { migrate: false });
    try {
      expect(await checkDocuments(handle.db, documentsFolder(tempDir("old")))).toEqual([]);
    } finally {
      await handle.dispose();
    }
  });
});

/** `npm run db:<command> -- <file>` on an embedded data folder: its exit code and what it printed. */
function dbCommand(dataDir: string, ...args: string[]) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/db.ts", ...args],
      {
        env: {
          ...process.env,
          ENV_FILE: "none",
          DATA_DIR: dataDir,
          DATABASE_URL: "",
          STORAGE: "local",
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe("db:backup and db:restore with documents (embedded)", () => {
  it("carry a document's bytes to a fresh data folder, and name a tampered one", async () => {
    const work = tempDir("commands");
    try {
      const source = path.join(work, "source");
      expect((await dbCommand(source, "reset")).code).toBe(0);
      await createLocalStore(source).put(KEY, BYTES, "text/csv");
      const db = await openPglite(source);
      await db.query(
        `insert into public.attachments (partnership_id, subject_type, project_id, name, size_bytes,
           content_type, sha256, storage_key)
         values ($1, 'project', $2, 'Feasibility study.csv', $3, 'text/csv', $4, $5)`,
        [PARTNERSHIP, PROJECT, BYTES.byteLength, sha256(BYTES), KEY],
      );
      await db.close();
      const backup = path.join(work, "office.tar.gz");
      expect((await dbCommand(source, "backup", backup)).code).toBe(0);

      const fresh = path.join(work, "fresh");
      expect(await dbCommand(fresh, "restore", backup)).toMatchObject({ code: 0 });
      expect(sha256(readFileSync(path.join(documentsFolder(fresh), KEY)))).toBe(sha256(BYTES));

      writeFileSync(path.join(`${backup}.documents`, KEY), "tampered");
      const tampered = await dbCommand(path.join(work, "tampered"), "restore", backup);
      expect(tampered.code).toBe(1);
      expect(tampered.output).toContain(`Corrupt: "Feasibility study.csv" (${KEY})`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
