/*
 * The dated FX rate table the secretariat maintains (RLS: only the secretariat writes; every member reads).
 * A rate is "units of the reporting currency per 1 unit of the currency", as an exact decimal string.
 * CSV upload is two steps: a preview that checks every row and lists its errors, then the import of a file
 * with none, in one transaction (re-checked on the server: the preview is not trusted).
 */
import type { MemberContext } from "~/auth/auth.server";
import { refusalOf } from "~/db/errors";
import { REFUSALS } from "~/domain/refusals";
import { CsvParseError, parseCsv } from "~/utils/csv-read.server";
import { isFormDate } from "~/forms/values";
import { msg } from "~/i18n/message";
import { RATE_PATTERN } from "~/utils/fx";
import { isCurrencyCode } from "~/utils/money";

export interface RateRow {
  id: string;
  currency: string;
  rate: string;
  asOf: string;
  updatedAt: Date;
}

export function listRates({ user, partnership }: MemberContext): Promise<RateRow[]> {
  return user.db((tx) =>
    tx.query<RateRow>(
      `select id, currency::text as currency, rate::text as rate, to_char(as_of, 'YYYY-MM-DD') as "asOf",
              updated_at as "updatedAt"
         from public.fx_rates where partnership_id = $1 order by as_of desc, currency`,
      [partnership.id],
    ),
  );
}

export interface RateInput {
  currency: string;
  rate: string;
  asOf: string;
}

export interface PreviewRow extends Partial<RateInput> {
  line: number;
  raw: string[];
  errors: string[];
  replaces: string | null;
}

export interface Preview {
  rows: PreviewRow[];
  /** Errors about the file as a whole (header, size, quoting). */
  fileErrors: string[];
  valid: RateInput[];
}

const MAX_ROWS = 1000;

/** What is wrong with one field of a rate, as a catalogue message. */
export interface RateProblem {
  field: "currency" | "rate" | "asOf";
  message: string;
}

/** Checks a typed rate ("1,158" is refused: the decimal separator is a point); nothing when it is fine. */
export function checkRate(
  input: RateInput,
  reportingCurrency: string,
  today: string,
): RateProblem[] {
  const problems: RateProblem[] = [];
  if (!isCurrencyCode(input.currency)) {
    problems.push({
      field: "currency",
      message: msg("fxRates.check.notCurrency", { code: input.currency }),
    });
  } else if (input.currency === reportingCurrency) {
    problems.push({
      field: "currency",
      message: msg("fxRates.check.reporting", { currency: reportingCurrency }),
    });
  }
  if (!RATE_PATTERN.test(input.rate)) {
    problems.push({
      field: "rate",
      message: msg("fxRates.check.rateFormat", { rate: input.rate }),
    });
  } else if (/^0+(\.0+)?$/.test(input.rate)) {
    problems.push({ field: "rate", message: msg("fxRates.check.rateZero") });
  }
  if (!isFormDate(input.asOf)) {
    problems.push({ field: "asOf", message: msg("fxRates.check.date", { date: input.asOf }) });
  } else if (input.asOf > today) {
    problems.push({ field: "asOf", message: msg("fxRates.check.future", { date: input.asOf }) });
  }
  return problems;
}

/**
 * Checks an uploaded CSV (header `currency,rate,as_of`) row by row. `existing` are the stored rates, to say
 * which rows replace one.
 */
export function previewRates(
  text: string,
  reportingCurrency: string,
  existing: ReadonlyArray<Pick<RateRow, "currency" | "rate" | "asOf">>,
  today: string,
): Preview {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvParseError)
      return { rows: [], fileErrors: [error.sentence], valid: [] };
    throw error;
  }
  if (table.length === 0) {
    return { rows: [], fileErrors: [msg("fxRates.check.empty")], valid: [] };
  }
  const header = (table[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const column = (names: string[]) => header.findIndex((cell) => names.includes(cell));
  const at = {
    currency: column(["currency", "code"]),
    rate: column(["rate"]),
    // i18n-exempt: the column names a file may use, matched as written.
    asOf: column(["as_of", "as of", "date", "asof"]),
  };
  const missing = Object.entries(at)
    .filter(([, index]) => index < 0)
    .map(([name]) => (name === "asOf" ? "as_of" : name));
  if (missing.length > 0) {
    return {
      rows: [],
      fileErrors: [msg("fxRates.check.header", { missing: missing.join(", ") })],
      valid: [],
    };
  }
  const body = table.slice(1);
  if (body.length === 0) return { rows: [], fileErrors: [msg("fxRates.check.noRates")], valid: [] };
  if (body.length > MAX_ROWS) {
    return {
      rows: [],
      fileErrors: [msg("fxRates.check.tooMany", { max: MAX_ROWS, n: body.length })],
      valid: [],
    };
  }
  const stored = new Map(existing.map((rate) => [`${rate.currency}@${rate.asOf}`, rate.rate]));
  const seen = new Map<string, number>();
  const rows = body.map((raw, index): PreviewRow => {
    const line = index + 2;
    const input: RateInput = {
      currency: (raw[at.currency] ?? "").trim().toUpperCase(),
      rate: (raw[at.rate] ?? "").trim(),
      asOf: (raw[at.asOf] ?? "").trim(),
    };
    const errors = checkRate(input, reportingCurrency, today).map((problem) => problem.message);
    if (raw.length !== header.length) {
      errors.unshift(msg("fxRates.check.fields", { line, n: raw.length, header: header.length }));
    }
    const key = `${input.currency}@${input.asOf}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push(
        msg("fxRates.check.repeated", { earlier, currency: input.currency, date: input.asOf }),
      );
    } else {
      seen.set(key, line);
    }
    const previous = stored.get(key) ?? null;
    return {
      ...input,
      line,
      raw,
      errors,
      replaces: previous !== null && errors.length === 0 ? previous : null,
    };
  });
  return {
    rows,
    fileErrors: [],
    valid: rows.every((row) => row.errors.length === 0)
      ? rows.map((row) => ({
          currency: row.currency ?? "",
          rate: row.rate ?? "",
          asOf: row.asOf ?? "",
        }))
      : [],
  };
}

/** Adds or corrects rates (one per currency and day) in one transaction. */
export async function saveRates(
  { user, partnership }: MemberContext,
  rates: ReadonlyArray<RateInput>,
): Promise<{ ok: true; saved: number } | { ok: false; message: string }> {
  try {
    await user.db(async (tx) => {
      for (const rate of rates) {
        await tx.query(
          `insert into public.fx_rates (partnership_id, currency, rate, as_of)
           values ($1, $2, $3::numeric, $4::date)
           on conflict (partnership_id, currency, as_of) do update set rate = excluded.rate`,
          [partnership.id, rate.currency, rate.rate, rate.asOf],
        );
      }
    });
    return { ok: true, saved: rates.length };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return { ok: false, message: refusal.message ?? REFUSALS.saveRates };
  }
}
