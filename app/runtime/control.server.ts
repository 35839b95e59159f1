/*
 * The embedded server's control socket (ADR 123): `<DATA_DIR>/lodestone.sock`, a Unix socket only the
 * process's own user may open (mode 0600), answering POST /backup (the data folder as .tar.gz) and POST
 * /export (the SQL export). While the server runs it holds the data folder's lock, so `npm run db:backup` and
 * `db:export` ask it for the copy instead of opening the folder themselves. Whoever can open the socket can
 * read the folder already (it holds the database and the JWT secret): the socket gives no one more.
 */
import { chmodSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { getDatabase } from "~/db/database.server";
import { snapshotEmbedded } from "~/db/backup.server";
import type { EmbeddedDatabase } from "~/db/engine.server";
import { exportEmbedded } from "~/db/export.server";
import { onShutdown } from "./lifecycle.server";
import { getLogger } from "./log.server";

export const CONTROL_SOCKET = "lodestone.sock";

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, CONTROL_SOCKET);
}

async function embedded(): Promise<EmbeddedDatabase> {
  const db = await getDatabase();
  if (db.engine !== "pglite")
    throw new Error("the control socket serves the embedded database only");
  return db as EmbeddedDatabase;
}

/** Opens the control socket; a server that cannot open it still runs (backups then need it stopped). */
export async function startControlSocket(dataDir: string): Promise<Server | null> {
  const socketPath = controlSocketPath(dataDir);
  const log = getLogger();
  // This process holds the data folder's lock: a socket file left here is a dead server's.
  rmSync(socketPath, { force: true });
  const server = createServer((req, res) => {
    const what = req.method === "POST" ? req.url : undefined;
    if (what !== "/backup" && what !== "/export") {
      res.writeHead(404).end("POST /backup or POST /export");
      return;
    }
    const started = performance.now();
    const copy =
      what === "/backup"
        ? embedded().then((db) => snapshotEmbedded(db))
        : embedded().then((db) => exportEmbedded(db).then((sql) => Buffer.from(sql)));
    copy.then(
      (body) => {
        const durationMs = Math.round(performance.now() - started);
        log.info({ bytes: body.length, durationMs }, `Control socket: ${what.slice(1)} taken.`);
        res.writeHead(200, { "Content-Length": body.length }).end(body);
      },
      (error: unknown) => {
        log.error({ err: error }, `Control socket: ${what.slice(1)} failed.`);
        res.writeHead(500).end(error instanceof Error ? error.message : String(error));
      },
    );
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", (error) => {
      log.warn(
        { err: error, socketPath },
        "No control socket: stop the server to take a backup or an export of this folder.",
      );
      resolve(false);
    });
    server.listen(socketPath, () => resolve(true));
  });
  if (!listening) return null;
  chmodSync(socketPath, 0o600);
  onShutdown("drain", "close the control socket", () => {
    server.close();
    rmSync(socketPath, { force: true });
  });
  return server;
}
