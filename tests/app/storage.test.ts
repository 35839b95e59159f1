/*
 * The storage port's two adapters (ADR 143). Supabase Storage is reached through supabase-js against a fake of
 * its HTTP API (paths, headers and response bodies as Supabase's storage server sends them); the local folder
 * adapter against a real temporary folder.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalStore } from "~/storage/local.server";
import { StoredFileMissing, type DocumentStore } from "~/storage/store.server";
import { createSupabaseStore } from "~/storage/supabase.server";

const SERVICE_KEY = "service-role-key-for-tests";
const BUCKET = "documents";

/** Supabase Storage's object API, as far as the adapter uses it. */
function fakeStorage() {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const tokens = new Map<string, string>();
  const requests: { method: string; url: string; authorization?: string; apikey?: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      requests.push({
        method: req.method ?? "",
        url: url.pathname,
        authorization: req.headers.authorization,
        apikey: req.headers.apikey as string | undefined,
      });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      };
      const body = Buffer.concat(chunks);
      const signed = url.pathname.match(/^\/storage\/v1\/object\/sign\/([^/]+)\/(.+)$/);
      if (req.method === "GET" && signed) {
        const key = decodeURIComponent(signed[2]!);
        const object = objects.get(key);
        if (!object || tokens.get(url.searchParams.get("token") ?? "") !== key) {
          return json(400, {
            statusCode: "400",
            error: "InvalidJWT",
            message: "invalid signature",
          });
        }
        const download = url.searchParams.get("download");
        res.writeHead(200, {
          "Content-Type": object.contentType,
          ...(download !== null
            ? { "Content-Disposition": `attachment; filename=${encodeURIComponent(download)}` }
            : {}),
        });
        return res.end(object.body);
      }
      if (req.headers.authorization !== `Bearer ${SERVICE_KEY}`) {
        return json(400, {
          statusCode: "403",
          error: "Unauthorized",
          message: "Invalid Compact JWS",
        });
      }
      if (req.method === "POST" && signed) {
        const key = decodeURIComponent(signed[2]!);
        if (!objects.has(key)) {
          return json(400, { statusCode: "404", error: "not_found", message: "Object not found" });
        }
        const token = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${randomUUID()}`;
        tokens.set(token, key);
        return json(200, { signedURL: `/object/sign/${BUCKET}/${key}?token=${token}` });
      }
      const object = url.pathname.match(/^\/storage\/v1\/object\/([^/]+)\/(.+)$/);
      if (req.method === "POST" && object) {
        const key = decodeURIComponent(object[2]!);
        if (objects.has(key) && req.headers["x-upsert"] !== "true") {
          return json(400, {
            statusCode: "409",
            error: "Duplicate",
            message: "The resource already exists",
          });
        }
        objects.set(key, { body, contentType: String(req.headers["content-type"]) });
        return json(200, { Key: `${object[1]}/${key}`, Id: randomUUID() });
      }
      if (req.method === "DELETE" && url.pathname === `/storage/v1/object/${BUCKET}`) {
        const { prefixes } = JSON.parse(body.toString()) as { prefixes: string[] };
        const removed = prefixes.filter((key) => objects.delete(key));
        return json(
          200,
          removed.map((name) => ({ name, bucket_id: BUCKET, id: randomUUID(), metadata: {} })),
        );
      }
      json(400, { statusCode: "404", error: "not_found", message: "Route not found" });
    });
  });
  return { server, objects, requests };
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const key = () => `${randomUUID()}/${randomUUID()}`;

function behavesAsAStore(make: () => DocumentStore) {
  it("keeps a file, refuses to overwrite it, forgets it when removed", async () => {
    const store = make();
    const k = key();
    await store.put(k, PDF, "application/pdf");
    await expect(store.put(k, Buffer.from("other"), "application/pdf")).rejects.toThrow();
    await store.remove(k);
    await expect(
      store.deliver(k, { name: "a.pdf", contentType: "application/pdf" }),
    ).rejects.toBeInstanceOf(StoredFileMissing);
  });
}

describe("Supabase Storage adapter", () => {
  let fake: ReturnType<typeof fakeStorage>;
  let base: string;
  beforeAll(async () => {
    fake = fakeStorage();
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (fake.server as Server).close(() => resolve())));
  const make = () =>
    createSupabaseStore({ url: base, serviceRoleKey: SERVICE_KEY, bucket: BUCKET });

  it("uploads with the service role key and the type, into the private bucket", async () => {
    const k = key();
    await make().put(k, PDF, "application/pdf");
    expect(fake.objects.get(k)).toEqual({ body: PDF, contentType: "application/pdf" });
    const upload = fake.requests.find((r) => r.url === `/storage/v1/object/${BUCKET}/${k}`);
    expect(upload).toMatchObject({ method: "POST", authorization: `Bearer ${SERVICE_KEY}` });
  });

  it("hands a reader a signed URL that downloads the file as an attachment under its name", async () => {
    const k = key();
    const store = make();
    await store.put(k, PDF, "application/pdf");
    const delivery = await store.deliver(k, {
      name: "Étude de faisabilité.pdf",
      contentType: "application/pdf",
    });
    expect(delivery.kind).toBe("redirect");
    const url = delivery.kind === "redirect" ? delivery.url : "";
    expect(url.startsWith(`${base}/storage/v1/object/sign/${BUCKET}/${k}?token=`)).toBe(true);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF);
  });

  it("says a file is missing when Supabase has no such object", async () => {
    await expect(
      make().deliver(key(), { name: "a.pdf", contentType: "application/pdf" }),
    ).rejects.toBeInstanceOf(StoredFileMissing);
  });

  behavesAsAStore(make);
});

describe("local folder adapter", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lodestone-documents-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const make = () => createLocalStore(dir);

  it("serves the bytes it kept, under the data directory's documents folder", async () => {
    const k = key();
    await make().put(k, PDF, "application/pdf");
    const delivery = await make().deliver(k, { name: "a.pdf", contentType: "application/pdf" });
    expect(delivery).toEqual({ kind: "bytes", body: new Uint8Array(PDF) });
  });

  it("accepts only its own keys, never a path", async () => {
    await expect(make().put("../../etc/passwd", PDF, "application/pdf")).rejects.toThrow(
      /Not a document key/,
    );
  });

  behavesAsAStore(make);
});
