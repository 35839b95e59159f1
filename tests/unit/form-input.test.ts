/*
 * Issue 17, "bad input never gets a 500", at the one place input enters: the form parser (bodies that are not
 * forms, NUL characters), the values every schema is built of (dates, int4, int8 amounts, ids, text, return
 * paths) and the route-parameter parser. tests/app/fuzz-input.test.ts posts the same attacks to every route.
 */
import fc from "fast-check";
import { z } from "zod";
import { INPUT_MESSAGES } from "~/forms/messages";
import { isParam, requireParam } from "~/forms/params.server";
import { parseForm, readForm } from "~/forms/parse.server";
import {
  amountProblem,
  INT4_MAX,
  isoDate,
  MAX_AMOUNT_MINOR,
  returnPath,
  version,
  wholeNumber,
} from "~/forms/values";
import { translate } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";

const post = (body: BodyInit | null, contentType?: string) =>
  new Request("http://localhost/p/critical-minerals/board", {
    method: "POST",
    headers: contentType ? { "Content-Type": contentType } : {},
    ...(body === null ? {} : { body }),
  });

async function refusal(request: Request) {
  const read = await readForm(request);
  if (read.ok) throw new Error("the form was accepted");
  return {
    status: read.response.status,
    body: (await read.response.json()) as { errors: Record<string, string> },
  };
}

describe("the form parser", () => {
  it.each([
    ["JSON", '{"intent":"move"}', "application/json"],
    ["text/plain", "intent=move", "text/plain"],
    ["XML", "<intent>move</intent>", "application/xml; charset=utf-8"],
    ["a body without a type", "intent=move", undefined],
    ["no body at all", null, undefined],
  ])("refuses %s with a 415 saying what to send", async (_, body, type) => {
    expect(await refusal(post(body, type))).toEqual({
      status: 415,
      body: { errors: { form: INPUT_MESSAGES.notAForm }, values: {} },
    });
  });

  it.each([
    ["a multipart body cut short", "multipart/form-data; boundary=x", "--x\r\nContent-Disposi"],
    [
      "a multipart body without a boundary",
      "multipart/form-data",
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
    ],
  ])("refuses %s with a 400", async (_, type, body) => {
    expect(await refusal(post(body, type))).toEqual({
      status: 400,
      body: { errors: { form: INPUT_MESSAGES.brokenForm }, values: {} },
    });
  });

  it("refuses a NUL character with a 400 naming each field, giving back what was typed", async () => {
    const body = new URLSearchParams({
      title: "Dam\u0000 raised",
      notes: "\u0000",
      status: "done",
    });
    const { status, body: answer } = await refusal(
      post(body.toString(), "application/x-www-form-urlencoded"),
    );
    expect(status).toBe(400);
    expect(answer).toEqual({
      errors: { title: INPUT_MESSAGES.nulInValue, notes: INPUT_MESSAGES.nulInValue },
      values: { title: "Dam\u0000 raised", notes: "\u0000", status: "done" },
    });
  });

  it("refuses a NUL character in a field's name, and in an uploaded file's name", async () => {
    expect(
      (await refusal(post("na%00me=x", "application/x-www-form-urlencoded"))).body.errors,
    ).toEqual({ form: INPUT_MESSAGES.nulInName });
    const form = new FormData();
    form.set("file", new File(["currency,rate,as_of\n"], "rates\u0000.csv"));
    expect((await refusal(post(form))).body.errors).toEqual({ file: INPUT_MESSAGES.nulInValue });
  });

  it("reads urlencoded and multipart forms, with a charset or not", async () => {
    for (const type of [
      "application/x-www-form-urlencoded",
      "application/x-www-form-urlencoded;charset=UTF-8",
    ]) {
      const read = await readForm(post("intent=move&status=done", type));
      expect(read.ok && Object.fromEntries(read.formData)).toEqual({
        intent: "move",
        status: "done",
      });
    }
    const multipart = new FormData();
    multipart.set("intent", "move");
    const read = await readForm(post(multipart));
    expect(read.ok && read.formData.get("intent")).toBe("move");
  });

  it("never throws, whatever the body and its type (property)", async () => {
    const schema = z.object({ intent: z.literal("move") });
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom(
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=b",
          "multipart/form-data",
          "application/json",
          "",
        ),
        async (body, type) => {
          const submission = await parseForm(post(body, type || undefined), schema);
          if (!submission.ok) {
            expect(submission.response.status).toBeGreaterThanOrEqual(400);
            expect(submission.response.status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the values forms are built of", () => {
  const messageOf = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? null : (result.error.issues[0]?.message ?? "?");
  };

  it("takes only dates that exist, between 1900 and 2199", () => {
    const date = isoDate();
    for (const good of ["2027-03-31", "2028-02-29", "1900-01-01", "2199-12-31", " 2027-03-31 "]) {
      expect(messageOf(date, good), good).toBeNull();
    }
    expect(messageOf(date, "2026-02-30")).toBe(INPUT_MESSAGES.dateExists);
    expect(messageOf(date, "2027-02-29")).toBe(INPUT_MESSAGES.dateExists);
    expect(messageOf(date, "2026-13-01")).toBe(INPUT_MESSAGES.dateExists);
    expect(messageOf(date, "0000-01-01")).toBe(INPUT_MESSAGES.dateExists);
    for (const outside of ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"]) {
      expect(messageOf(date, outside), outside).toBe(INPUT_MESSAGES.dateRange);
    }
    for (const malformed of ["10000-01-01", "2026-1-1", "30/09/2027", "", 20270331]) {
      expect(messageOf(date, malformed), String(malformed)).toBe(INPUT_MESSAGES.dateFormat);
    }
    expect(messageOf(isoDate({ format: "Enter a date." }), "soon")).toBe("Enter a date.");
  });

  it("keeps versions and other whole numbers within int4", () => {
    for (const good of ["1", "2147483647", 7]) expect(messageOf(version(), good)).toBeNull();
    for (const bad of [
      "2147483648",
      "99999999999999999999",
      "0",
      "-1",
      "1.5",
      "1e400",
      "NaN",
      "",
    ]) {
      expect(messageOf(version(), bad), bad).toBe(INPUT_MESSAGES.version);
    }
    const count = wholeNumber({ min: 1, max: 100 });
    expect(messageOf(count, "101")).toBe(INPUT_MESSAGES.wholeNumberRange(1, 100));
    expect(messageOf(count, "x")).toBe(INPUT_MESSAGES.wholeNumber);
    expect(messageOf(wholeNumber({ min: 0, max: Number.MAX_SAFE_INTEGER }), "2147483648")).toBe(
      INPUT_MESSAGES.wholeNumberRange(0, Number.MAX_SAFE_INTEGER),
    );
    expect(INT4_MAX).toBe(2 ** 31 - 1);
  });

  it("keeps amounts positive and within int8, in the currency's decimals", () => {
    expect(amountProblem("999,999,999,999,999,999", "JPY", "en")).toBeNull();
    expect(amountProblem("9,999,999,999,999,999.99", "USD", "en")).toBeNull();
    expect(amountProblem("1,000,000,000,000,000,000", "JPY", "en")).toBe(
      INPUT_MESSAGES.amountTooLarge,
    );
    expect(amountProblem("9223372036854775808", "USD", "en")).toBe(INPUT_MESSAGES.amountTooLarge);
    expect(amountProblem("0", "USD", "en")).toBe(INPUT_MESSAGES.amountPositive);
    expect(amountProblem("-5", "USD", "en")).toBe(INPUT_MESSAGES.amountPositive);
    const decimals = amountProblem("1.001", "USD", "en");
    expect(decimals).toBe(msg("money.tooManyDecimals", { currency: "USD", count: 2 }));
    expect(translate("en", decimals ?? "")).toBe("USD has 2 decimal places at most.");
    const format = amountProblem("1e9", "USD", "en");
    expect(format).toBe(msg("money.format"));
    expect(translate("en", format ?? "")).toBe("Enter an amount such as 1,250,000.");
    expect(MAX_AMOUNT_MINOR < 2n ** 63n - 1n).toBe(true);
  });

  it("reads amounts as the form's language writes them, with the same bounds", () => {
    expect(amountProblem("999 999 999 999 999 999", "JPY", "fr")).toBeNull();
    expect(amountProblem("9 999 999 999 999 999,99", "USD", "fr")).toBeNull();
    expect(amountProblem("1 000 000 000 000 000 000", "JPY", "fr")).toBe(
      INPUT_MESSAGES.amountTooLarge,
    );
    expect(amountProblem("0,00", "EUR", "fr")).toBe(INPUT_MESSAGES.amountPositive);
    expect(amountProblem("-5", "EUR", "fr")).toBe(INPUT_MESSAGES.amountPositive);
    expect(amountProblem("1,001", "EUR", "fr")).toBe(
      msg("money.tooManyDecimals", { currency: "EUR", count: 2 }),
    );
    expect(amountProblem("1 250 000,50", "EUR", "fr")).toBeNull();
    expect(amountProblem("999,999,999,999,999,999", "JPY", "ja")).toBeNull();
    expect(amountProblem("1,000,000,000,000,000,000", "JPY", "ja")).toBe(
      INPUT_MESSAGES.amountTooLarge,
    );
  });

  it("refuses a return path with a CR or LF", () => {
    expect(messageOf(returnPath, "/p/critical-minerals/board?x=1")).toBeNull();
    expect(messageOf(returnPath, undefined)).toBeNull();
    for (const bad of ["/p\r\nSet-Cookie: a=b", "/p\nx", "/p\r", `/${"x".repeat(2000)}`]) {
      expect(messageOf(returnPath, bad)).toBe(INPUT_MESSAGES.returnPath);
    }
  });
});

describe("the route-parameter parser", () => {
  it("gives a well-formed parameter back and answers anything else with a 404", async () => {
    const id = "f1000000-0000-4000-8000-000000000001";
    expect(requireParam({ projectId: id }, "projectId", "uuid")).toBe(id);
    expect(requireParam({ view: "countries" }, "view", ["countries", "members"] as const)).toBe(
      "countries",
    );
    for (const [kind, value] of [
      ["uuid", "not-a-uuid"],
      ["uuid", "f1000000000040008000000000000001"],
      ["uuid", `${id}\u0000`],
      ["uuid", undefined],
      ["slug", "Critical-Minerals"],
      ["slug", "a".repeat(64)],
      ["slug", "critical\u0000minerals"],
      ["mineral", "Rare earths"],
      ["token", "short"],
      ["token", "x".repeat(200)],
    ] as const) {
      const thrown = (() => {
        try {
          requireParam({ value }, "value", kind);
          return null;
        } catch (error) {
          return error;
        }
      })();
      expect(thrown, `${kind} ${String(value)}`).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
      expect(await (thrown as Response).text()).toBe(INPUT_MESSAGES.notFound);
    }
    expect(isParam("critical-minerals", "slug")).toBe(true);
    expect(isParam("rare_earths", "mineral")).toBe(true);
  });
});
