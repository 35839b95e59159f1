import fc from "fast-check";
import {
  formatMoney,
  minorDigits,
  MoneyInputError,
  parseAmount,
  sumMinor,
  toDecimalString,
} from "~/utils/money";

describe("money", () => {
  it("knows which currencies have no minor unit", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("EUR")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KRW")).toBe(0);
  });

  it("parses typed amounts exactly into minor units", () => {
    expect(parseAmount("1,250,000.50", "USD")).toBe(125000050n);
    expect(parseAmount("2 000 000", "EUR")).toBe(200000000n);
    expect(parseAmount("¥1,000", "JPY")).toBe(1000n);
    expect(parseAmount("0.1", "USD")).toBe(10n);
    expect(parseAmount("90071992547409.93", "USD")).toBe(9007199254740993n);
  });

  it("refuses more decimals than the currency has, instead of rounding", () => {
    expect(() => parseAmount("10.5", "JPY")).toThrow(MoneyInputError);
    expect(() => parseAmount("10.555", "USD")).toThrow(/2 decimal places/);
    expect(() => parseAmount("ten", "USD")).toThrow(/Enter an amount/);
  });

  it("formats with the currency's own digits, beyond float precision", () => {
    expect(formatMoney(125000050n, "USD")).toBe("US$1,250,000.50");
    expect(formatMoney("1000", "JPY")).toBe("JP¥1,000");
    expect(formatMoney(9007199254740993n, "USD")).toBe("US$90,071,992,547,409.93");
    expect(toDecimalString(-5n, "EUR")).toBe("-0.05");
  });

  it("round-trips every amount through its decimal string (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.constantFrom("USD", "EUR", "JPY", "KRW", "GBP", "AUD", "CAD"),
        (minor, currency) => parseAmount(toDecimalString(minor, currency), currency) === minor,
      ),
    );
  });

  it("sums database strings and bigints without drift (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { maxLength: 50 }), (parts) => {
        const asStrings = parts.map(String);
        return sumMinor(asStrings) === parts.reduce((a, b) => a + b, 0n);
      }),
    );
  });
});
