// `npm run reference:load -- <supply-shares.csv>`: checks a newer supply-shares file (with sources.csv and
// world-totals.csv beside it, else the repository's) and loads it as a new reference dataset version, keeping
// the old ones. Against DATABASE_URL when set, else the embedded database in DATA_DIR (stop the server first:
// one process per data folder). Every problem is listed with its file and line; nothing loads if there is one.
import "./env.js";
import path from "node:path";
import { parseConfig } from "~/config.server";
import { openSessionDatabase } from "~/db/database.server";
import { migrate } from "~/db/migrate.server";
import { loadReferenceData, readReferenceFiles, ReferenceDataError } from "~/db/reference.server";
import { runAsServiceRole } from "~/db/service-role.server";

async function main() {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith("--"));
  if (!file) throw new Error("Usage: npm run reference:load -- <supply-shares.csv>");
  const files = readReferenceFiles(path.resolve(file));
  const db = await openSessionDatabase(parseConfig());
  try {
    await migrate(db, { log: (line) => console.log(line) });
    const outcome = await runAsServiceRole(db, (tx) =>
      loadReferenceData(tx, files, "reference:load"),
    );
    console.log(
      outcome.loaded
        ? `Loaded ${file} as reference version ${outcome.version}: ${outcome.rows} rows in ${outcome.groups} groups. Pages now use it; earlier versions are kept.`
        : `${file} is already loaded (version ${outcome.version}); nothing to do.`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ReferenceDataError || error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
