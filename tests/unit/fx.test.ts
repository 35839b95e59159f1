import fc from "fast-check";
import {
  convertGroups,
  convertMinor,
  convertMinorCross,
  divideRoundHalfEven,
  rateOn,
} from "~/utils/fx";

describe("fx", () => {
  it("converts between currencies with different minor units", () => {
    // ¥1,000,000 at 0.0065 USD per JPY = US$6,500.00
    expect(convertMinor(1000000n, "JPY", "USD", "0.0065000000")).toBe(650000n);
    // €1.00 at 1.0825 = US$1.0825 → US$1.08 (half-even on the third digit)
    expect(convertMinor("100", "EUR", "USD", "1.0825")).toBe(108n);
    // US$10.00 in KRW at 1380.5 = ₩13,805
    expect(convertMinor(1000n, "USD", "KRW", "1380.5")).toBe(13805n);
    expect(convertMinor(12345n, "USD", "USD", "1")).toBe(12345n);
  });

  it("rounds ties to even", () => {
    expect(divideRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divideRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divideRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideRoundHalfEven(-7n, 2n)).toBe(-4n);
    expect(divideRoundHalfEven(10n, 3n)).toBe(3n);
  });

  it("never lands more than half a minor unit from the exact value (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 10 ** 9 }),
        (minor, rateMillionths) => {
          const rate = (rateMillionths / 1e6).toFixed(6);
          const converted = convertMinor(minor, "EUR", "USD", rate);
          // exact value × 10^6 = minor × rateMillionths; error ≤ 0.5 minor unit
          const error = converted * 1_000_000n - minor * BigInt(rateMillionths);
          return 2n * (error < 0n ? -error : error) <= 1_000_000n;
        },
      ),
    );
  });

  it("picks the newest rate on or before a date", () => {
    const rates = [
      { currency: "EUR", rate: "1.05", asOf: "2026-01-01" },
      { currency: "EUR", rate: "1.08", asOf: "2026-10-01" },
      { currency: "EUR", rate: "1.10", asOf: "2026-12-01" },
      { currency: "JPY", rate: "0.0065", asOf: "2026-11-01" },
    ];
    expect(rateOn(rates, "EUR", "2026-11-27")?.rate).toBe("1.08");
    expect(rateOn(rates, "EUR", "2025-12-31")).toBeUndefined();
    expect(rateOn(rates, "GBP", "2026-11-27")).toBeUndefined();
  });
});

describe("fx across a reporting currency and over currency groups", () => {
  const rates = [
    { currency: "EUR", rate: "1.1580", asOf: "2026-11-20" },
    { currency: "EUR", rate: "1.1630", asOf: "2026-10-30" },
    { currency: "JPY", rate: "0.0065200", asOf: "2026-11-20" },
    { currency: "AUD", rate: "0.6540", asOf: "2026-11-20" },
  ];

  it("converts between two currencies quoted against the reporting one, rounding once", () => {
    // 20,000,000 EUR → AUD at 1.158 / 0.654 = 35,412,844.0366… AUD
    expect(convertMinorCross(2000000000n, "EUR", "AUD", "1.1580", "0.6540")).toBe(3541284404n);
    expect(convertMinorCross(3000000000n, "JPY", "AUD", "0.0065200", "0.6540")).toBe(2990825688n);
    expect(convertMinorCross(123n, "AUD", "AUD", "0.654", "0.654")).toBe(123n);
  });

  it("agrees with a direct conversion when the target is the reporting currency (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.constantFrom("EUR", "JPY", "KRW", "GBP"),
        fc.integer({ min: 1, max: 10 ** 9 }),
        (minor, from, scaled) => {
          const rate = (scaled / 10 ** 6).toFixed(6);
          expect(convertMinorCross(minor, from, "USD", rate, "1")).toBe(
            convertMinor(minor, from, "USD", rate),
          );
        },
      ),
    );
  });

  it("converts each currency group once, names the rate dates and the currencies left out", () => {
    const total = convertGroups(
      [
        { currency: "EUR", minor: "1000000000" },
        { currency: "EUR", minor: 1000000000n },
        { currency: "USD", minor: "5" },
        { currency: "JPY", minor: "3000000000" },
        { currency: "CHF", minor: "100" },
      ],
      "USD",
      rates,
      "2026-11-27",
    );
    // EUR 20,000,000.00 × 1.158 = 23,160,000.00; JPY 3,000,000,000 × 0.00652 = 19,560,000.00
    expect(total.minor).toBe(2316000000n + 1956000000n + 5n);
    expect(total.missing).toEqual([{ currency: "CHF", minor: 100n }]);
    expect(total.oldestRateDate).toBe("2026-11-20");
    const older = convertGroups([{ currency: "EUR", minor: "100" }], "USD", rates, "2026-11-01");
    expect(older.ratesUsed[0]?.rate).toBe("1.1630");
    const none = convertGroups([{ currency: "USD", minor: "7" }], "USD", rates, "2026-11-27");
    expect(none.oldestRateDate).toBeNull();
  });
});
