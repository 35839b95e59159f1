/* Documents are judged by their content, and their names are cleaned (ADR 143). */
import { acceptedType, cleanFileName, contentDisposition } from "~/domain/documents";
import { sniff } from "~/storage/sniff.server";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
]);
const CSV = new TextEncoder().encode("mineral,tonnes\nNdPr,1250\n");
const ELF = Uint8Array.from([
  0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0,
]);

const verdict = async (bytes: Uint8Array, name: string) => acceptedType(await sniff(bytes), name);

describe("accepted types, by content", () => {
  it("accepts a PDF named as one, and serves it as application/pdf", async () => {
    expect(await verdict(PDF, "study.pdf")).toMatchObject({
      ok: true,
      type: { mime: "application/pdf" },
    });
  });

  it("refuses a file named .pdf whose content is something else", async () => {
    expect(await verdict(PNG, "study.pdf")).toEqual({ ok: false, reason: "typeMismatch" });
    expect(await verdict(CSV, "study.pdf")).toEqual({ ok: false, reason: "typeMismatch" });
    expect(await verdict(ELF, "study.pdf")).toEqual({ ok: false, reason: "typeMismatch" });
  });

  it("refuses content of a type Lodestone does not keep, whatever the name", async () => {
    expect(await verdict(ELF, "tool")).toEqual({ ok: false, reason: "typeRefused" });
    expect(
      await verdict(new TextEncoder().encode("<script>alert(1)</script>"), "page.html"),
    ).toEqual({
      ok: false,
      reason: "typeRefused",
    });
  });

  it("accepts CSV only as text named .csv", async () => {
    expect(await verdict(CSV, "tonnages.csv")).toMatchObject({
      ok: true,
      type: { mime: "text/csv" },
    });
    expect(await verdict(CSV, "tonnages")).toEqual({ ok: false, reason: "typeRefused" });
  });

  it("takes an image's type from its bytes when the name has no extension", async () => {
    expect(await verdict(PNG, "site photo")).toMatchObject({
      ok: true,
      type: { mime: "image/png" },
    });
  });
});

describe("cleanFileName", () => {
  const pdf = acceptedType("pdf", "a.pdf");
  const type = pdf.ok ? pdf.type : (undefined as never);

  it("keeps the last path segment and drops reserved and invisible characters", () => {
    expect(cleanFileName("C:\\Users\\me\\Term sheet: v2?.pdf", type)).toBe("Term sheet- v2-.pdf");
    expect(cleanFileName("../../etc/passwd.pdf", type)).toBe("passwd.pdf");
    expect(cleanFileName("report\u202Efdp.exe.pdf", type)).toBe("report-fdp.exe.pdf");
    expect(cleanFileName("  ..hidden.pdf  ", type)).toBe("hidden.pdf");
    expect(cleanFileName("-rf.pdf", type)).toBe("-rf.pdf");
  });

  it("ends the name with its type's extension", () => {
    expect(cleanFileName("Feasibility study", type)).toBe("Feasibility study.pdf");
  });

  it("keeps names in any script, at most 200 characters with the extension", () => {
    expect(cleanFileName("実現可能性調査.pdf", type)).toBe("実現可能性調査.pdf");
    const long = cleanFileName(`${"a".repeat(300)}.pdf`, type);
    expect(long).toHaveLength(200);
    expect(long?.endsWith(".pdf")).toBe(true);
  });

  it("gives up on a name with nothing usable in it", () => {
    expect(cleanFileName("../---.pdf", type)).toBeNull();
    expect(cleanFileName("?<>|.pdf", type)).toBeNull();
  });
});

describe("contentDisposition", () => {
  it("is always an attachment, with an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition('Étude "finale".pdf')).toBe(
      `attachment; filename="Etude _finale_.pdf"; filename*=UTF-8''%C3%89tude%20%22finale%22.pdf`,
    );
  });
});
