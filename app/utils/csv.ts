/*
 * CSV as RFC 4180 says: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted,
 * quotes doubled. Cells that a spreadsheet would run as a formula (=, +, -, @ at the start, unless the cell
 * is a plain number) get a leading apostrophe, so an export never carries a formula injection.
 */

export type Cell = string | number | bigint | boolean | null | undefined;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: a header row, then the rows, CRLF after each line. */
export function toCsv(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Cell>>) {
  return [header, ...rows].map((row) => row.map(csvCell).join(",") + "\r\n").join("");
}

export class CsvParseError extends Error {
  constructor(
    message: string,
    public readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Parses CSV text into rows of strings (quoted fields, doubled quotes, CRLF or LF; a byte-order mark is
 * ignored; blank lines are skipped). Throws CsvParseError with the line number for a malformed quote.
 */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === "" && !fieldStarted)) rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          quoted = false;
          const next = text[i + 1];
          if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
            throw new CsvParseError(`Line ${line}: a closing quote must end the field.`, line);
          }
        }
      } else {
        if (char === "\n") line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"') {
      if (field !== "") {
        throw new CsvParseError(`Line ${line}: a quote inside an unquoted field.`, line);
      }
      quoted = true;
      fieldStarted = true;
    } else if (char === ",") {
      row.push(field);
      field = "";
      fieldStarted = true;
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i += 1;
      endRow();
      line += 1;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvParseError(`Line ${line}: a quoted field is never closed.`, line);
  if (field !== "" || row.length > 0 || fieldStarted) endRow();
  return rows;
}

/** A Response that downloads `csv` as `filename`. */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
