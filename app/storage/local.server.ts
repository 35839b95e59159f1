/* Documents in a folder under the data directory (the embedded default; ADR 143). */
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { StoredFileMissing, type DocumentStore } from "./store.server";

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export function createLocalStore(dataDir: string): DocumentStore {
  const root = path.join(dataDir, "documents");
  const fileOf = (key: string) => {
    // Keys are the server's own; anything else never reaches the file system.
    if (!KEY.test(key)) throw new Error(`Not a document key: ${key}`);
    return path.join(root, key);
  };
  return {
    kind: "local",
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside, then linked into place: a reader never sees half a file, and an existing file is never
      // replaced (link fails with EEXIST).
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, bytes, { flag: "wx" });
      try {
        await link(partial, file);
      } finally {
        await rm(partial, { force: true });
      }
    },
    async deliver(key) {
      try {
        return { kind: "bytes", body: new Uint8Array(await readFile(fileOf(key))) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StoredFileMissing(key);
        throw error;
      }
    },
    async remove(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
