/*
 * The storage port (ADR 143): where documents' bytes live. Two adapters — a folder under the data directory
 * (the embedded default) and Supabase Storage (a private bucket, downloads through short-lived signed URLs).
 * Neither decides who may read: the route serves or signs a file only after the document's metadata row was
 * read as the user, under row-level security. Keys are chosen by the server (`<partnership>/<uuid>`), never
 * from a file name.
 */
import type { Config } from "~/config.server";
import { createLocalStore } from "./local.server";
import { createSupabaseStore } from "./supabase.server";

export type Delivery = { kind: "bytes"; body: Uint8Array } | { kind: "redirect"; url: string };

export interface DocumentStore {
  readonly kind: "local" | "supabase";
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** How to hand the file to a reader already allowed to see it: its bytes, or a signed URL to send them to. */
  deliver(key: string, file: { name: string; contentType: string }): Promise<Delivery>;
  remove(key: string): Promise<void>;
}

export class StoredFileMissing extends Error {}

const globalStore = globalThis as typeof globalThis & { __lodestoneStore?: DocumentStore };

export function getDocumentStore(config: Config): DocumentStore {
  globalStore.__lodestoneStore ??=
    config.STORAGE === "supabase"
      ? createSupabaseStore({
          url: config.SUPABASE_URL ?? "",
          serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY ?? "",
          bucket: config.STORAGE_BUCKET,
        })
      : createLocalStore(config.dataDir);
  return globalStore.__lodestoneStore;
}
