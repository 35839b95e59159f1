/*
 * CSV exports as RFC 4180 says: comma-separated, CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled. Cells that a spreadsheet would run as a formula (=, +, -, @ at the start, unless
 * the cell is a plain number) get a leading apostrophe, so an export never carries a formula injection.
 * Uploads are read by ./csv-read.server.ts.
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
