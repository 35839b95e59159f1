/* What a file's bytes are (ADR 143): file-type's signatures, and "text" for plain UTF-8 without control bytes. */
import { fileTypeFromBuffer } from "file-type";

export async function sniff(bytes: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.ext;
  return isPlainText(bytes) ? "text" : null;
}

function isPlainText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex -- control bytes are what make it not text
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
  } catch {
    return false;
  }
}
