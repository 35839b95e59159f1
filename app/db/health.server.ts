import { getDatabase } from "./database.server";

/** The database's round trip for `select 1`, in milliseconds: the floor every page's time stands on. */
export async function measureDatabaseRoundTrip() {
  const db = await getDatabase();
  const started = performance.now();
  await db.query("select 1");
  return { engine: db.engine, databaseMs: Math.round((performance.now() - started) * 1000) / 1000 };
}
