import { json } from "@remix-run/node";
import { measureDatabaseRoundTrip } from "~/db/health.server";

/** Liveness and database round trip, for load balancers and the benchmark's floor. */
export async function loader() {
  const { engine, databaseMs } = await measureDatabaseRoundTrip();
  return json(
    { status: "ok", database: engine, databaseMs },
    { headers: { "Cache-Control": "no-store" } },
  );
}
