// `npm run worker`: runs Lodestone's jobs (notification mail, digests, overdue checks) in a process of its own,
// for PostgreSQL deployments that scale out (ADR 141). Start the web servers with JOBS=worker so they only
// enqueue. The embedded database admits one process, which runs its jobs itself: this refuses to start on it.
import { getConfig } from "~/config.server";
import { closeDatabase, getDatabase } from "~/db/database.server";
import { startJobs, stopJobs } from "~/jobs/runtime.server";

const config = getConfig();
if (!config.DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL: the embedded database runs its jobs inside the server (npm start).",
  );
  process.exit(1);
}
const db = await getDatabase();
await startJobs(config, db, true);
console.log("[worker] Running Lodestone's jobs. Stop with Ctrl-C.");

async function stop() {
  await stopJobs();
  await closeDatabase();
  process.exit(0);
}
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
