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

/** Normalises a typed rate ("1,158" is refused: the decimal separator is a point) to the stored form. */
export function checkRate(input: RateInput, reportingCurrency: string, today: string): string[] {
  const errors: string[] = [];
  if (!isCurrencyCode(input.currency)) {
    errors.push(`"${input.currency}" is not an ISO 4217 currency code (e.g. EUR).`);
  } else if (input.currency === reportingCurrency) {
    errors.push(`${reportingCurrency} is the reporting currency: its rate is always 1.`);
  }
  if (!RATE_PATTERN.test(input.rate)) {
    errors.push(
      `Rate "${input.rate}" must be a positive decimal with a point, at most 10 decimals (e.g. 1.158).`,
    );
  } else if (/^0+(\.0+)?$/.test(input.rate)) {
    errors.push("A rate must be greater than zero.");
  }
  if (!isFormDate(input.asOf)) {
    errors.push(`Date "${input.asOf}" must be a real date as YYYY-MM-DD.`);
  } else if (input.asOf > today) {
    errors.push(`Date ${input.asOf} is in the future.`);
  }
  return errors;
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
    if (error instanceof CsvParseError) return { rows: [], fileErrors: [error.message], valid: [] };
    throw error;
  }
  if (table.length === 0) {
    return { rows: [], fileErrors: ["The file is empty."], valid: [] };
  }
  const header = (table[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const column = (names: string[]) => header.findIndex((cell) => names.includes(cell));
  const at = {
    currency: column(["currency", "code"]),
    rate: column(["rate"]),
    asOf: column(["as_of", "as of", "date", "asof"]),
  };
  const missing = Object.entries(at)
    .filter(([, index]) => index < 0)
    .map(([name]) => (name === "asOf" ? "as_of" : name));
  if (missing.length > 0) {
    return {
      rows: [],
      fileErrors: [
        `The first line must name the columns currency, rate and as_of (missing: ${missing.join(", ")}).`,
      ],
      valid: [],
    };
  }
  const body = table.slice(1);
  if (body.length === 0) return { rows: [], fileErrors: ["The file has no rates."], valid: [] };
  if (body.length > MAX_ROWS) {
    return {
      rows: [],
      fileErrors: [`At most ${MAX_ROWS} rates per file (this one has ${body.length}).`],
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
    const errors = checkRate(input, reportingCurrency, today);
    if (raw.length !== header.length) {
      errors.unshift(
        `Line ${line} has ${raw.length} fields but the header has ${header.length} (a decimal comma? Use a point).`,
      );
    }
    const key = `${input.currency}@${input.asOf}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push(`Line ${earlier} already gives ${input.currency} on ${input.asOf}.`);
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
