/*
 * A document's download (ADR 143): its metadata row is read as the member first (row-level security), and
 * only then are its bytes served, or a short-lived signed URL handed out. Always an attachment, under the
 * cleaned name, with the type its content was checked to be (and the server's X-Content-Type-Options: nosniff).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import { getConfig } from "~/config.server";
import { contentDisposition } from "~/domain/documents";
import { requireParam } from "~/forms/params.server";
import { msg } from "~/i18n/message";
import { findDocument } from "~/models/documents.server";
import { getDocumentStore, StoredFileMissing } from "~/storage/store.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const document = await findDocument(context, requireParam(params, "documentId", "uuid"));
  if (!document) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  try {
    const delivery = await getDocumentStore(getConfig()).deliver(document.storageKey, document);
    if (delivery.kind === "redirect") {
      return redirect(delivery.url, { headers: { "Cache-Control": "no-store" } });
    }
    return new Response(Buffer.from(delivery.body), {
      headers: {
        "Content-Type": document.contentType,
        "Content-Disposition": contentDisposition(document.name),
        "Content-Length": String(delivery.body.byteLength),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof StoredFileMissing) {
      throw new Response(msg("errors.notFoundTitle"), { status: 404 });
    }
    throw error;
  }
}
