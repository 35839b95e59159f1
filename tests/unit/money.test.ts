import fc from "fast-check";
import {
  formatMoney,
  minorDigits,
  MoneyInputError,
  parseAmount,
  sumMinor,
  toDecimalString,
} from "~/utils/money";
import { translate } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";

describe("money", () => {
  it("knows which currencies have no minor unit", () => {
    expect(minorDigits("USD")).toBe(2);
    expect(minorDigits("EUR")).toBe(2);
    expect(minorDigits("JPY")).toBe(0);
    expect(minorDigits("KRW")).toBe(0);
  });

  it("parses typed amounts exactly into minor units", () => {
    expect(parseAmount("1,250,000.50", "USD", "en")).toBe(125000050n);
    expect(parseAmount("2 000 000", "EUR", "en")).toBe(200000000n);
    expect(parseAmount("¥1,000", "JPY", "ja")).toBe(1000n);
    expect(parseAmount("0.1", "USD", "en")).toBe(10n);
    expect(parseAmount("90071992547409.93", "USD", "en")).toBe(9007199254740993n);
  });

  it("reads amounts as the person's language writes them, and refuses to guess", () => {
    // French: a comma marks the decimals; spaces (also narrow and no-break ones) or points group.
    expect(parseAmount("1 250 000,50", "EUR", "fr")).toBe(125000050n);
    expect(parseAmount("1\u202f250\u202f000,50 €", "EUR", "fr")).toBe(125000050n);
    expect(parseAmount("1.250.000,50", "EUR", "fr")).toBe(125000050n);
    expect(parseAmount("0,5", "USD", "fr")).toBe(50n);
    expect(parseAmount("2 000 000", "JPY", "fr")).toBe(2000000n);
    expect(parseAmount("12.5", "USD", "fr")).toBe(1250n);
    // "1.500" is 1 500 or 1,5 to a French reader: no guess.
    expect(() => parseAmount("1.500", "EUR", "fr")).toThrow(MoneyInputError);
    expect(() => parseAmount("1,2,3", "EUR", "fr")).toThrow(MoneyInputError);
    // English and Japanese: a comma groups three digits, never marks decimals.
    expect(() => parseAmount("1,5", "USD", "en")).toThrow(MoneyInputError);
    expect(() => parseAmount("12,50", "EUR", "ja")).toThrow(MoneyInputError);
    expect(parseAmount("1,250", "USD", "en")).toBe(125000n);
  });

  it("refuses more decimals than the currency has, instead of rounding", () => {
    expect(() => parseAmount("10.5", "JPY", "en")).toThrow(MoneyInputError);
    expect(() => parseAmount("10.555", "USD", "en")).toThrow(
      msg("money.tooManyDecimals", { currency: "USD", count: 2 }),
    );
    expect(() => parseAmount("ten", "USD", "en")).toThrow(msg("money.format"));
    expect(translate("fr", msg("money.tooManyDecimals", { currency: "USD", count: 2 }))).toBe(
      "Le USD compte au plus 2 décimales.",
    );
  });

  it("formats with the currency's own digits, beyond float precision", () => {
    expect(formatMoney(125000050n, "USD", "en")).toBe("US$1,250,000.50");
    expect(formatMoney("4000000000", "JPY", "en")).toBe("JP¥4,000,000,000");
    expect(formatMoney(9007199254740993n, "USD", "en")).toBe("US$90,071,992,547,409.93");
    expect(toDecimalString(-5n, "EUR")).toBe("-0.05");
  });

  it("formats in the reader's language, the currency told apart in each", () => {
    // Intl writes French grouping with a narrow no-break space and a no-break space before the symbol.
    expect(formatMoney(125000050n, "EUR", "fr")).toBe("1\u202f250\u202f000,50\u00a0€");
    expect(formatMoney(125000050n, "USD", "fr")).toBe("1\u202f250\u202f000,50\u00a0$US");
    expect(formatMoney("4000000000", "JPY", "ja")).toBe("4,000,000,000円");
    expect(formatMoney(125000050n, "USD", "ja")).toBe("1,250,000.50米ドル");
  });

  it("writes compact amounts the same way on every engine: whole when they are whole", () => {
    expect(formatMoney(10000000000n, "USD", "en", { compact: true })).toBe("US$100m");
    expect(formatMoney(123456789000n, "USD", "en", { compact: true })).toBe("US$1.2bn");
    expect(formatMoney(10000000000n, "EUR", "fr", { compact: true })).toBe("100\u00a0M\u00a0€");
    expect(formatMoney("400000000000", "JPY", "ja", { compact: true })).toBe("4000億円");
  });

  it("round-trips every amount through its decimal string (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.constantFrom("USD", "EUR", "JPY", "KRW", "GBP", "AUD", "CAD"),
        (minor, currency) =>
          parseAmount(toDecimalString(minor, currency), currency, "en") === minor,
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
