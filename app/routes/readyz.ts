import { json } from "@remix-run/node";
import { checkReadiness } from "~/db/health.server";

/**
 * Readiness, for load balancers: 200 while this process should get traffic; 503 while it is stopping (after
 * SIGTERM), when the database does not answer, or when migrations are pending. /healthz stays liveness.
 */
export async function loader() {
  const readiness = await checkReadiness();
  return json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
