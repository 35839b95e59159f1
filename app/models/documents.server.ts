/*
 * Documents (ADR 143): metadata in Postgres under row-level security, bytes in the storage port. An upload is
 * checked by its content, named cleanly, numbered as the next version of its name, and written as the member
 * (so RLS decides whether they may attach it); a download is served only after the metadata row was read as
 * the member.
 */
import { createHash, randomUUID } from "node:crypto";
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { refusalOf, sentenceOf } from "~/db/errors";
import { acceptedType, cleanFileName } from "~/domain/documents";
import { msg } from "~/i18n/message";
import { sniff } from "~/storage/sniff.server";
import type { DocumentStore } from "~/storage/store.server";
import { isUuid } from "./projects.server";

export interface DocumentVersion {
  id: string;
  name: string;
  version: number;
  sizeBytes: string;
  contentType: string;
  uploaderName: string | null;
  createdAt: Date;
}

/** A document's subject: a project (its page lists every document of the project), a milestone, a pledge. */
export type DocumentSubject =
  | { type: "project"; id: string }
  | { type: "milestone"; id: string }
  | { type: "pledge"; id: string };

const COLUMN_OF = {
  project: "project_id",
  milestone: "milestone_id",
  pledge: "pledge_id",
} as const;

/**
 * The documents of `subject`, newest version first within each name: for a project, those of the project and
 * of its milestones and pledges that the member may see (RLS leaves out a draft pledge's); for a milestone or
 * a pledge, its own.
 */
export async function listDocuments(
  tx: Queryable,
  subject: DocumentSubject,
): Promise<DocumentVersion[]> {
  if (!isUuid(subject.id)) return [];
  return tx.query<DocumentVersion>(
    `select a.id, a.name, a.revision as version, a.size_bytes as "sizeBytes", a.content_type as "contentType",
            nullif(btrim(p.display_name), '') as "uploaderName", a.created_at as "createdAt"
       from public.attachments a left join public.profiles p on p.id = a.created_by
      where a.${COLUMN_OF[subject.type]} = $1
      order by lower(a.name), a.name, a.revision desc`,
    [subject.id],
  );
}

export type UploadOutcome =
  | { ok: true; name: string; version: number }
  | { ok: false; status: 400 | 402 | 403 | 404 | 409 | 413 | 422; message: string };

/** Attaches `file` to `subject`, checked by content; `limitBytes` is the configured limit. */
export async function uploadDocument(
  { user, partnership }: MemberContext,
  store: DocumentStore,
  subject: DocumentSubject,
  input: {
    fileName: string;
    bytes: Uint8Array;
    limitBytes: number;
    limitLabel: string;
  },
): Promise<UploadOutcome> {
  if (!isUuid(subject.id)) {
    return { ok: false, status: 404, message: msg("collaboration.refusals.subjectNotFound") };
  }
  if (input.bytes.byteLength === 0) {
    return { ok: false, status: 422, message: msg("collaboration.documents.empty_file") };
  }
  if (input.bytes.byteLength > input.limitBytes) {
    return {
      ok: false,
      status: 413,
      message: msg("collaboration.documents.tooLarge", { size: input.limitLabel }),
    };
  }
  const verdict = acceptedType(await sniff(input.bytes), input.fileName);
  if (!verdict.ok) {
    return {
      ok: false,
      status: 422,
      message: msg(`collaboration.documents.${verdict.reason}`, {
        name: input.fileName.slice(0, 200),
      }),
    };
  }
  const name = cleanFileName(input.fileName, verdict.type);
  if (!name) return { ok: false, status: 422, message: msg("collaboration.documents.badName") };
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const storageKey = `${partnership.id}/${randomUUID()}`;
  try {
    const version = await user.db(async (tx) => {
      // A milestone's or pledge's project is filled in by the table's trigger, from the subject as the member
      // sees it (ADR 143): a subject they cannot see is "not found".
      const [row] = await tx.query<{ version: number }>(
        `insert into public.attachments (partnership_id, subject_type, ${COLUMN_OF[subject.type]}, name,
           size_bytes, content_type, sha256, storage_key)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning revision as version`,
        [
          partnership.id,
          subject.type,
          subject.id,
          name,
          input.bytes.byteLength,
          verdict.type.mime,
          sha256,
          storageKey,
        ],
      );
      // Inside the member's transaction: a refused row stores nothing, a failed store keeps no row.
      await store.put(storageKey, input.bytes, verdict.type.mime);
      return row!.version;
    });
    return { ok: true, name, version };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return {
      ok: false,
      status: refusal.status,
      message: sentenceOf(refusal, msg("collaboration.refusals.subjectNotFound")),
    };
  }
}

export interface StoredDocument {
  name: string;
  contentType: string;
  storageKey: string;
}

/** A document the member may read (its metadata row, read as them), or null. */
export async function findDocument(
  { user, partnership }: MemberContext,
  documentId: string,
): Promise<StoredDocument | null> {
  if (!isUuid(documentId)) return null;
  const [row] = await user.db((tx) =>
    tx.query<StoredDocument>(
      `select name, content_type as "contentType", storage_key as "storageKey"
         from public.attachments where id = $1 and partnership_id = $2`,
      [documentId, partnership.id],
    ),
  );
  return row ?? null;
}
