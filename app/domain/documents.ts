/*
 * Documents: which files are accepted, judged by their content (ADR 143), and how their names are cleaned.
 * Pure and shared by browser and server; the server sniffs the bytes (app/storage/sniff.server.ts) and asks
 * `acceptedType` what to make of them.
 */

/** The accepted types: what the bytes say (file-type's answer), the name's extensions, the type served. */
export const ACCEPTED_TYPES = [
  { detected: "pdf", extensions: ["pdf"], mime: "application/pdf" },
  {
    detected: "docx",
    extensions: ["docx"],
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  {
    detected: "xlsx",
    extensions: ["xlsx"],
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
  {
    detected: "pptx",
    extensions: ["pptx"],
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  },
  { detected: "odt", extensions: ["odt"], mime: "application/vnd.oasis.opendocument.text" },
  { detected: "ods", extensions: ["ods"], mime: "application/vnd.oasis.opendocument.spreadsheet" },
  { detected: "odp", extensions: ["odp"], mime: "application/vnd.oasis.opendocument.presentation" },
  // Word, Excel and PowerPoint before 2007 share one container format: the name tells them apart.
  { detected: "cfb", extensions: ["doc"], mime: "application/msword" },
  { detected: "cfb", extensions: ["xls"], mime: "application/vnd.ms-excel" },
  { detected: "cfb", extensions: ["ppt"], mime: "application/vnd.ms-powerpoint" },
  { detected: "png", extensions: ["png"], mime: "image/png" },
  { detected: "jpg", extensions: ["jpg", "jpeg"], mime: "image/jpeg" },
  { detected: "gif", extensions: ["gif"], mime: "image/gif" },
  { detected: "webp", extensions: ["webp"], mime: "image/webp" },
  { detected: "tif", extensions: ["tif", "tiff"], mime: "image/tiff" },
  // CSV has no signature: text (valid UTF-8, no control bytes but tabs and line ends) named .csv.
  { detected: "csv", extensions: ["csv"], mime: "text/csv" },
] as const;

export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** What the form's file input offers to choose (a hint for people; the server judges the content). */
export const ACCEPT_ATTRIBUTE = [
  ...new Set(ACCEPTED_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`))),
].join(",");

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export type TypeVerdict =
  { ok: true; type: AcceptedType } | { ok: false; reason: "typeRefused" | "typeMismatch" };

/**
 * Whether a file whose content was detected as `detected` (null: no signature found; "text" when it is
 * plain UTF-8 text) and named `name` is accepted. The content decides the type; a name that claims an accepted
 * type the content is not is refused too, so a document is never served under a type its bytes are not.
 */
export function acceptedType(detected: string | null, name: string): TypeVerdict {
  const extension = extensionOf(name);
  const claimed = ACCEPTED_TYPES.filter((type) =>
    (type.extensions as readonly string[]).includes(extension),
  );
  const candidates = ACCEPTED_TYPES.filter((type) =>
    detected === "text" ? type.detected === "csv" : type.detected === detected,
  );
  if (candidates.length === 0) {
    return { ok: false, reason: claimed.length > 0 ? "typeMismatch" : "typeRefused" };
  }
  const match = candidates.find((type) => claimed.includes(type));
  if (match) return { ok: true, type: match };
  // A content type that needs its name (CSV, the old office formats), or a name that says otherwise.
  if (claimed.length > 0 || candidates.length > 1 || detected === "text") {
    return { ok: false, reason: claimed.length > 0 ? "typeMismatch" : "typeRefused" };
  }
  return { ok: true, type: candidates[0]! };
}

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const RESERVED = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name safe to store, show and send back in Content-Disposition: the last path segment, NFC, no control
 * or bidirectional-override characters, no characters Windows or shells reserve, no leading dots, at most 200
 * characters with the extension kept, and ending in an extension of its type. Null when nothing usable remains.
 */
export function cleanFileName(raw: string, type: AcceptedType): string | null {
  const base = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let name = base
    .replace(RESERVED, "-")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  const dot = name.lastIndexOf(".");
  if (!/[\p{L}\p{N}]/u.test(dot > 0 ? name.slice(0, dot) : name)) return null;
  if (!(type.extensions as readonly string[]).includes(extensionOf(name))) {
    name = `${name}.${type.extensions[0]}`;
  }
  if (name.length > 200) {
    const extension = `.${extensionOf(name)}`;
    name = `${[...name.slice(0, name.length - extension.length)]
      .slice(0, 200 - extension.length)
      .join("")
      .trimEnd()}${extension}`;
  }
  return name;
}

/** The Content-Disposition of a download: always an attachment, the name in ASCII and in UTF-8 (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
