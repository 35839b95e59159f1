import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember, sessionStillLive } from "~/auth/auth.server";
import { liveEventStream } from "~/live/stream.server";

/**
 * Server-sent events for the partnership's board and project pages: one event per change to a project,
 * milestone or milestone update (ids and versions only), fed by LISTEN/NOTIFY. Browsers refetch through
 * their own loaders, so row-level security still decides what each person sees. The stream ends when the
 * membership or the session does (a sign-out in another tab).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  return liveEventStream(request, context, {
    sessionIsLive: () => sessionStillLive(request, context.user.id),
  });
}
