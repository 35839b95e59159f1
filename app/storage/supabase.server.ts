/*
 * Documents in Supabase Storage (ADR 143): a private bucket reached with the service role key from the server
 * only; a reader is redirected to a signed URL valid for one minute, asked with `download` so Supabase answers
 * with Content-Disposition: attachment under the document's cleaned name and its stored type.
 */
import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { StoredFileMissing, type DocumentStore } from "./store.server";

export const SIGNED_URL_SECONDS = 60;

export function createSupabaseStore(options: {
  url: string;
  serviceRoleKey: string;
  bucket: string;
  fetch?: typeof fetch;
}): DocumentStore {
  const client = createClient(options.url, options.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    // supabase-js 2.109 on Node 20 needs a WebSocket for its (unused here) realtime client.
    realtime: { transport: WebSocket as never },
    global: options.fetch ? { fetch: options.fetch } : undefined,
  });
  const bucket = () => client.storage.from(options.bucket);
  return {
    kind: "supabase",
    async put(key, bytes, contentType) {
      const { error } = await bucket().upload(key, bytes, { contentType, upsert: false });
      if (error) throw new Error(`Supabase Storage refused the upload: ${error.message}`);
    },
    async deliver(key, file) {
      const { data, error } = await bucket().createSignedUrl(key, SIGNED_URL_SECONDS, {
        download: file.name,
      });
      if (error || !data) {
        if (/not.?found/i.test(error?.message ?? "")) throw new StoredFileMissing(key);
        throw new Error(`Supabase Storage could not sign a download: ${error?.message}`);
      }
      return { kind: "redirect", url: data.signedUrl };
    },
    async remove(key) {
      const { error } = await bucket().remove([key]);
      if (error) throw new Error(`Supabase Storage could not remove ${key}: ${error.message}`);
    },
  };
}
