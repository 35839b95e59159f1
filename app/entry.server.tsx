import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getConfig } from "./config.server";
import { closeDatabase, getDatabase } from "./db/database.server";
import { languageOr } from "./i18n/config";
import { startJobs, stopJobs } from "./jobs/runtime.server";
import { createPageI18n, languageOf } from "./i18n/i18n.server";
import { NonceProvider } from "./utils/nonce";
import "./i18n/zod-messages";

const ABORT_DELAY = 5_000;

/**
 * Called by the server before it listens: validates the configuration and opens (and, embedded,
 * migrates and seeds) the database, so a bad variable or a locked data folder stops the start-up.
 */
export async function startup(): Promise<void> {
  const config = getConfig();
  const db = await getDatabase();
  // Jobs run here by default; with JOBS=worker this process only enqueues, and `npm run worker` runs them.
  if (config.JOBS !== "off") await startJobs(config, db, config.JOBS === "in-process");
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
  const i18n = createPageI18n(await pageLanguage(request, remixContext));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <NonceProvider value={nonce ?? ""}>
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={ABORT_DELAY}
            nonce={nonce}
          />
        </NonceProvider>
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
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Called by the server on SIGINT/SIGTERM: closes the database so PGlite flushes and releases its lock. */
export async function shutdown(): Promise<void> {
  await stopJobs();
  await closeDatabase();
}
