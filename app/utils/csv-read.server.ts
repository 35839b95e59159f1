/*
 * Reading an uploaded CSV file (the FX-rate upload) with csv-parse, a maintained RFC 4180 parser: quoted
 * fields, doubled quotes, CRLF, LF or CR line ends, a byte-order mark ignored, blank lines skipped, rows of
 * any length (the caller reports a row whose length differs from the header's). A malformed quote is a
 * CsvParseError that says on which line.
 */
import { CsvError, parse } from "csv-parse/sync";
import { translate } from "~/i18n/i18n.server";
import { msg, type MessageKey } from "~/i18n/message";

/**
 * A file that is not CSV: `sentence` is the catalogue message a person reads (the FX upload shows it in their
 * language); `message` is the same in English, for the reference loader's operator and the logs.
 */
export class CsvParseError extends Error {
  constructor(
    readonly sentence: string,
    readonly line: number,
  ) {
    super(translate("en", sentence));
  }
}

/** What a person is told about each way a file's quoting can be malformed. */
const QUOTING_ERRORS: Record<string, MessageKey> = {
  CSV_QUOTE_NOT_CLOSED: "fxRates.csv.quoteNotClosed",
  INVALID_OPENING_QUOTE: "fxRates.csv.quoteInside",
  CSV_INVALID_CLOSING_QUOTE: "fxRates.csv.closingQuote",
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
    throw new CsvParseError(
      msg(QUOTING_ERRORS[error.code] ?? "fxRates.csv.unreadable", { line }),
      line,
    );
  }
}
