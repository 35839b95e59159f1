/*
 * Malformed input for the fuzz tests (issue 17, "bad input never gets a 500"): the routes as the files in
 * app/routes declare them, the bodies that are not forms, and the malformed values of each kind of field.
 * Shared by the app-level test (tests/app/fuzz-input.test.ts, every case on both engines) and the one against
 * the built server (tests/e2e/fuzz.spec.ts, a bounded sample). Nothing here imports the app.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/* The routes, from the files ------------------------------------------------------------------------ */

export interface RouteFile {
  /** "p.$slug.projects.$projectId._index.tsx" */
  file: string;
  /** Remix's route id: "routes/p.$slug.projects.$projectId._index". */
  id: string;
  /** The path's parameters in order ("slug", "projectId"); "*" for a splat. */
  params: string[];
  hasAction: boolean;
  hasLoader: boolean;
  /** The URL of the route with these parameter values (index routes carry `?index`, as Remix's forms do). */
  url(values: Record<string, string>): string;
}

const ROUTES_DIR = path.resolve("app/routes");

/** Splits a flat-routes file name into its segments: dots separate them, except inside `[...]`. */
function segmentsOf(name: string): string[] {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const character of name) {
    if (character === "[") escaped = true;
    else if (character === "]") escaped = false;
    else if (character === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += character;
  }
  segments.push(current);
  return segments;
}

/** Every route module in app/routes: a new route (or a new action) is fuzzed without being listed anywhere. */
export function routeFiles(): RouteFile[] {
  return readdirSync(ROUTES_DIR)
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(ROUTES_DIR, file), "utf8");
      const name = file.replace(/\.(ts|tsx)$/, "");
      // A trailing "_" opts a segment out of its parent's layout (p.$slug.pledges.$pledgeId_.edit): the
      // address and the parameter's name do not carry it.
      const segments = segmentsOf(name)
        .filter((segment) => segment !== "_index")
        .map((segment) =>
          segment.length > 1 && segment.endsWith("_") ? segment.slice(0, -1) : segment,
        );
      const params = segments
        .filter((segment) => segment.startsWith("$"))
        .map((segment) => (segment === "$" ? "*" : segment.slice(1)));
      const index = name.endsWith("._index") || name === "_index";
      return {
        file,
        id: `routes/${name}`,
        params,
        hasAction: /export (async )?function action\b|export const action\b/.test(source),
        hasLoader: /export (async )?function loader\b|export const loader\b/.test(source),
        url(values: Record<string, string>) {
          const parts = segments.map((segment) => {
            if (!segment.startsWith("$")) return segment;
            const param = segment === "$" ? "*" : segment.slice(1);
            const value = values[param];
            if (value === undefined) throw new Error(`${file}: no value for :${param}`);
            return encodeURIComponent(value);
          });
          return `/${parts.join("/")}${index ? "?index" : ""}`;
        },
      };
    });
}

/* Bodies that are not forms -------------------------------------------------------------------------- */

export interface BadBody {
  name: string;
  contentType: string | null;
  body: string | null;
}

export const BAD_BODIES: BadBody[] = [
  { name: "JSON", contentType: "application/json", body: '{"intent":"move","version":1}' },
  { name: "text/plain", contentType: "text/plain", body: "intent=move&version=1" },
  { name: "no body at all", contentType: null, body: null },
  { name: "XML", contentType: "application/xml", body: "<form><intent>move</intent></form>" },
  {
    name: "broken multipart",
    contentType: "multipart/form-data; boundary=lodestone",
    body: '--lodestone\r\nContent-Disposition: form-data; name="intent"\r\n\r\nmove\r\n--lodest',
  },
  {
    name: "multipart without a boundary",
    contentType: "multipart/form-data",
    body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
  },
  {
    name: "a NUL byte in a field's name",
    contentType: "application/x-www-form-urlencoded",
    body: "inte%00nt=move&na%00me=x",
  },
];

/* Malformed values, by the kind of field --------------------------------------------------------------- */

export type FieldKind =
  /** Free text with a length limit (names, notes, reasons, references). */
  | "text"
  /** A uuid (a row's id). */
  | "id"
  /** A calendar date, YYYY-MM-DD. */
  | "date"
  /** A positive int4: a row's version, a count, a ratio. */
  | "int"
  /** A year. */
  | "year"
  /** Money as typed, stored as int8 minor units. */
  | "amount"
  /** A quantity per year (numeric, three decimals). */
  | "quantity"
  /** A latitude or longitude. */
  | "coordinate"
  /** An FX rate. */
  | "rate"
  /** One of a fixed list (an intent, a status, a currency, a role). */
  | "choice"
  | "email"
  /** An http(s) address shown as a link. */
  | "url"
  /** Where to go after a form (a path on this site). */
  | "redirect"
  /** A password or a token: never shown, only its NUL bytes and its length are checked. */
  | "secret"
  /** A pasted or uploaded CSV file: checked row by row by its own reader. */
  | "csv";

const NOT_UUIDS = [
  "not-a-uuid",
  "f1000000-0000-4000-8000-00000000000g",
  "f1000000000040008000000000000001",
  "{f1000000-0000-4000-8000-000000000001}",
  "1",
  "'; drop table public.projects; --",
];

export const MALFORMED: Record<FieldKind, string[]> = {
  text: ["x".repeat(20_000)],
  id: NOT_UUIDS,
  date: [
    "2026-02-30",
    "2026-02-29",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2026-13-01",
    "10000-01-01",
    "2026-1-1",
    "30/09/2027",
  ],
  int: ["2147483648", "99999999999999999999", "-1", "0", "1.5", "1e400", "NaN", "Infinity"],
  year: ["2147483648", "99999", "-2026", "1e400", "2026.5"],
  amount: ["99999999999999999999999", "9223372036854775808", "-1", "0", "1e9", "1.0001", "NaN"],
  quantity: ["1e400", "99999999999999999", "-5", "0", "1.0001", "Infinity"],
  coordinate: ["1e400", "NaN", "999", "-999", "1.123456789"],
  rate: ["1e400", "-1", "0x10", "99999999999", "1.12345678901", "Infinity"],
  choice: ["not-a-choice", "x".repeat(300), "' or 1=1 --"],
  email: ["not-an-email", `${"x".repeat(400)}@example.org`],
  url: ["javascript:alert(1)", "https://exa mple.org/", `https://example.org/${"x".repeat(3000)}`],
  redirect: ["/p\r\nSet-Cookie: lodestone=x", "/p\nLocation: //evil.example", "/p\r"],
  secret: ["x".repeat(20_000)],
  csv: [],
};

export interface Mutation {
  /** What was done, for the failure report: "title ← NUL appended". */
  label: string;
  value: string;
}

function shown(value: string): string {
  const text = JSON.stringify(
    value.length > 40 ? `${value.slice(0, 20)}…(${value.length})` : value,
  );
  return text;
}

/** Every malformed value for a field of `kind` whose valid value is `valid`: NUL bytes for every kind. */
export function mutationsOf(kind: FieldKind, valid: string): Mutation[] {
  return [
    { label: "NUL appended", value: `${valid}\u0000` },
    { label: "NUL alone", value: "\u0000" },
    ...MALFORMED[kind].map((value) => ({ label: shown(value), value })),
  ];
}
