import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DataFolderLockedError, openPglite } from "~/db/engine.server";

describe("the embedded database's data folder lock", () => {
  it("refuses a folder held by another live process, naming the folder and the pid", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lodestone-lock-"));
    const other = spawn("sleep", ["30"]);
    try {
      writeFileSync(path.join(dir, "lodestone.lock"), String(other.pid));
      const failure = await openPglite(dir).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DataFolderLockedError);
      expect((failure as Error).message).toContain(dir);
      expect((failure as Error).message).toContain(`pid ${other.pid}`);
      expect(existsSync(path.join(dir, "pglite"))).toBe(false);
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a process that died, keeps data across reopening, and releases on close", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lodestone-lock-"));
    mkdirSync(dir, { recursive: true });
    const dead = spawn("true");
    await new Promise((resolve) => dead.once("exit", resolve));
    writeFileSync(path.join(dir, "lodestone.lock"), String(dead.pid));

    const first = await openPglite(dir);
    expect(readFileSync(path.join(dir, "lodestone.lock"), "utf8")).toBe(String(process.pid));
    await first.exec("create table kept (value text); insert into kept values ('still here');");
    await first.close();
    expect(existsSync(path.join(dir, "lodestone.lock"))).toBe(false);

    const second = await openPglite(dir);
    expect(await second.query("select value from kept")).toEqual([{ value: "still here" }]);
    await second.close();
  });
});
