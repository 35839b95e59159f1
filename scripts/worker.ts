// `npm run worker`: runs Lodestone's jobs (notification mail, digests, overdue checks) in a process of its own,
// for PostgreSQL deployments that scale out (ADR 141). Start the web servers with JOBS=worker so they only
// enqueue. The embedded database admits one process, which runs its jobs itself: this refuses to start on it.
// It stops as the server does (ADR 121), without the HTTP part: the job queue drains, then the database closes.
import { getConfig } from "~/config.server";
import { getDatabase, getSessionDatabase } from "~/db/database.server";
import { requireSession } from "~/db/session.server";
import { startJobs } from "~/jobs/runtime.server";
import { shutdown } from "~/runtime/lifecycle.server";
import { getLogger } from "~/runtime/log.server";

const config = getConfig();
const log = getLogger();
if (!config.DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL: the embedded database runs its jobs inside the server (npm start).",
  );
  process.exit(1);
}
const db = await getDatabase();
// The queue listens and takes its locks on DIRECT_URL: it must keep its session (ADR 120).
await requireSession(
  await getSessionDatabase(),
  config.DIRECT_URL ? "DIRECT_URL" : "DATABASE_URL",
  "the job queue",
);
await startJobs(config, db, true);
log.info("Running Lodestone's jobs. Stop with Ctrl-C or SIGTERM.");

let stopping = false;
async function stop() {
  // A second signal exits at once, as the server's does.
  if (stopping) process.exit(1);
  stopping = true;
  await shutdown(log);
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
