/*
 * Reading an uploaded CSV file (the FX-rate upload) with csv-parse, a maintained RFC 4180 parser: quoted
 * fields, doubled quotes, CRLF, LF or CR line ends, a byte-order mark ignored, blank lines skipped, rows of
 * any length (the caller reports a row whose length differs from the header's). A malformed quote is a
 * CsvParseError that says on which line.
 */
import { CsvError, parse } from "csv-parse/sync";

export class CsvParseError extends Error {
  constructor(
    message: string,
    public readonly line: number,
  ) {
    super(message);
  }
}

/** What a person is told about each way a file's quoting can be malformed. */
const QUOTING_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed.",
  INVALID_OPENING_QUOTE: "a quote inside an unquoted field.",
  CSV_INVALID_CLOSING_QUOTE: "a closing quote must end the field.",
};

/** The file's rows, each a list of its fields as text. */
export function parseCsv(input: string): string[][] {
  try {
    return parse(input, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? error.lines : 1;
    const problem = QUOTING_ERRORS[error.code] ?? error.message;
    throw new CsvParseError(`Line ${line}: ${problem}`, line);
  }
}
