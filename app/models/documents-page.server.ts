/*
 * A documents section's loader data and upload, for any subject (a project, a milestone, a pledge): the route
 * finds the subject as the member (a 404 when they cannot see it) and reads the form (readForm, after its path
 * parameters), then hands them here. Uploads are written as the member (ADR 143), so RLS decides.
 */
import type { MemberContext } from "~/auth/auth.server";
import { getConfig } from "~/config.server";
import { msg } from "~/i18n/message";
import { getDocumentStore } from "~/storage/store.server";
import { listDocuments, uploadDocument, type DocumentSubject } from "./documents.server";

/** The roles that upload documents (observers read them). */
const UPLOADERS = new Set(["delegate", "sponsor", "secretariat"]);
const MB = 1024 * 1024;

/** What a documents section shows: the versions, the size limit, and whether the member may upload. */
export async function loadDocuments(
  { user, partnership, membership }: MemberContext,
  subject: DocumentSubject,
) {
  return {
    slug: partnership.slug,
    documents: await user.db((tx) => listDocuments(tx, subject)),
    limitMb: getConfig().UPLOAD_LIMIT_MB,
    canUpload: UPLOADERS.has(membership.role),
  };
}

export type UploadResult = { ok: boolean; message: string };

/** The upload form's file, attached to `subject`: the outcome as a sentence, with its status. */
export async function uploadFromForm(
  context: MemberContext,
  subject: DocumentSubject,
  form: FormData,
): Promise<{ result: UploadResult; status: number }> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0 || !file.name) {
    return { result: { ok: false, message: msg("collaboration.documents.noFile") }, status: 400 };
  }
  const config = getConfig();
  const outcome = await uploadDocument(context, getDocumentStore(config), subject, {
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    limitBytes: config.UPLOAD_LIMIT_MB * MB,
    limitLabel: `${config.UPLOAD_LIMIT_MB} MB`,
  });
  if (!outcome.ok) {
    return { result: { ok: false, message: outcome.message }, status: outcome.status };
  }
  const message = msg("collaboration.documents.uploaded", {
    name: outcome.name,
    version: outcome.version,
  });
  return { result: { ok: true, message }, status: 200 };
}
