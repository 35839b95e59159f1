import fc from "fast-check";
import { csvCell, CsvParseError, parseCsv, toCsv } from "~/utils/csv";

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

  it("says where a malformed quote is", () => {
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
