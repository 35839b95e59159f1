import fc from "fast-check";
import { csvCell, toCsv } from "~/utils/csv";
import { previewRates } from "~/models/fx-rates.server";
import { CsvParseError, parseCsv } from "~/utils/csv-read.server";
import { translate } from "~/i18n/i18n.server";

describe("csv", () => {
  it("writes RFC 4180: quotes what needs quoting, CRLF line ends", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          ["line\nbreak", 12n],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",12\r\n');
    expect(csvCell(null)).toBe("");
    expect(csvCell(-12.5)).toBe("-12.5");
  });

  it("defuses spreadsheet formulas but leaves negative numbers alone", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("-1250.50")).toBe("-1250.50");
  });

  it("parses quoted fields, doubled quotes, CRLF and LF, a BOM, and skips blank lines", () => {
    expect(parseCsv('\uFEFFcurrency,rate\r\n"EUR","1.1"\n\nJPY,"0,0065"\n')).toEqual([
      ["currency", "rate"],
      ["EUR", "1.1"],
      ["JPY", "0,0065"],
    ]);
    expect(parseCsv('a,"he said ""no"""')).toEqual([["a", 'he said "no"']]);
    expect(parseCsv("a,,b")).toEqual([["a", "", "b"]]);
  });

  it("reads CR line ends and keeps rows of any length for the caller to report", () => {
    expect(parseCsv("a,b\rc,d,e\r\nf")).toEqual([["a", "b"], ["c", "d", "e"], ["f"]]);
    expect(parseCsv('x,"multi\nline"\ny,z')).toEqual([
      ["x", "multi\nline"],
      ["y", "z"],
    ]);
    expect(parseCsv("")).toEqual([]);
  });

  it("says where a malformed quote is", () => {
    expect(() => parseCsv('a,b\nc,d\ne,"open')).toThrow(
      /^Line 3: a quoted field is never closed\.$/,
    );
    const thrown = (() => {
      try {
        parseCsv('a,b\nx"y,z');
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(CsvParseError);
    expect((thrown as CsvParseError).line).toBe(2);
    expect(() => parseCsv('a,b\n"open')).toThrow(CsvParseError);
    expect(() => parseCsv('a,b\nx"y,z')).toThrow(/Line 2/);
    expect(() => parseCsv('"a"b')).toThrow(/closing quote/);
  });

  it("reads back exactly what it wrote (property)", () => {
    const safe = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.array(safe, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const width = rows[0]?.length ?? 0;
          const table = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          expect(parseCsv(toCsv(header, table))).toEqual([header, ...table]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the FX-rate upload's preview, on the parsed file", () => {
  it("reports each row's problems with its line, and the file's quoting with its line", () => {
    const preview = previewRates(
      "currency,rate,as_of\nGBP,1.3190,2026-11-26\nEUR,1,158,2026-11-26\n",
      "USD",
      [],
      "2026-11-27",
    );
    expect(preview.rows.map((row) => [row.line, row.errors.length])).toEqual([
      [2, 0],
      [3, 2],
    ]);
    expect(translate("en", preview.rows[1]?.errors[0] ?? "")).toMatch(
      /^Line 3 has 4 fields but the header has 3/,
    );
    expect(translate("fr", preview.rows[1]?.errors[0] ?? "")).toMatch(
      /^La ligne 3 a 4 champs mais l’en-tête en a 3/,
    );
    expect(preview.valid).toEqual([]);
    const broken = previewRates(
      'currency,rate,as_of\nGBP,"1.3,2026-11-26',
      "USD",
      [],
      "2026-11-27",
    );
    expect(broken.fileErrors.map((error) => translate("en", error))).toEqual([
      "Line 2: a quoted field is never closed.",
    ]);
  });
});
