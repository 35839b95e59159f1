import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getConfig } from "./config.server";
import { getDatabase, getSessionDatabase } from "./db/database.server";
import { pendingMigrations } from "./db/migrate.server";
import { requireSession } from "./db/session.server";
import { startControlSocket } from "./runtime/control.server";
import * as lifecycle from "./runtime/lifecycle.server";
import { getLogger } from "./runtime/log.server";
import { languageOr } from "./i18n/config";
import { startJobs } from "./jobs/runtime.server";
import { languageOf, pageI18n } from "./i18n/i18n.server";
import { WordsProvider } from "./i18n/react";
import { NonceProvider } from "./utils/nonce";
import "./i18n/zod-messages";

export { httpLogging } from "./runtime/http-log.server";
export { getConfig, getLogger };
/** One scope per request, so its loaders share one session check and one membership read (ADR 073). */
export { withRequestScope } from "./utils/request-scope.server";

const ABORT_DELAY = 5_000;

/**
 * Called by the server before it listens: validates the configuration and opens (and, embedded,
 * migrates and seeds) the database, so a bad variable or a locked data folder stops the start-up. On
 * PostgreSQL it checks that the session connection keeps its session (the live board's LISTEN, the job
 * queue) and warns of pending migrations; embedded, it opens the control socket that backups go through.
 * Then it starts the job queue (ADR 141).
 */
export async function startup(): Promise<void> {
  const config = getConfig();
  const log = getLogger();
  const db = await getDatabase();
  if (db.engine === "pglite") {
    await startControlSocket(config.dataDir);
  } else {
    await requireSession(
      await getSessionDatabase(),
      config.DIRECT_URL ? "DIRECT_URL" : "DATABASE_URL",
      "the live board (with the job queue)",
    );
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      log.warn(
        { pending },
        "Migrations are pending: run `npm run db:migrate`. /readyz answers 503 until they are applied.",
      );
    }
  }
  // Jobs run here by default (ADR 141); with JOBS=worker this process only enqueues and `npm run worker`
  // runs them. The queue drains in the `jobs` step of the stop (ADR 121).
  if (config.JOBS !== "off") await startJobs(config, db, config.JOBS === "in-process");
}

/** Errors in loaders and actions (Remix's hook): logged once, except those of requests the client left. */
export function handleError(error: unknown, { request }: { request: Request }): void {
  if (request.signal.aborted) return;
  getLogger().error({ err: error }, "unexpected error");
}

/** SIGTERM, step 1 (scripts/serve.js): not ready any more, live streams told to reconnect elsewhere. */
export function beginDrain(): Promise<void> {
  return lifecycle.beginDrain(getLogger());
}

/**
 * The page's language: the root loader's (the profile, then the browser), or, when the root loader did not
 * run to the end (an error page), the browser's.
 */
async function pageLanguage(request: Request, remixContext: EntryContext) {
  const root = remixContext.staticHandlerContext.loaderData?.root as
    { language?: string } | null | undefined;
  return root?.language ? languageOr(root.language) : languageOf(request);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  const i18n = pageI18n(await pageLanguage(request, remixContext));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <WordsProvider>
          <NonceProvider value={nonce ?? ""}>
            <RemixServer
              context={remixContext}
              url={request.url}
              abortDelay={ABORT_DELAY}
              nonce={nonce}
            />
          </NonceProvider>
        </WordsProvider>
      </I18nextProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged; errors before it are handled by the error boundary.
          if (shellRendered) getLogger().error({ err: error }, "rendering failed after the shell");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** SIGTERM, last step, once no request is in flight: drain the job queue, close the database. */
export function shutdown(): Promise<void> {
  return lifecycle.shutdown(getLogger());
}
