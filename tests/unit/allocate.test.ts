import fc from "fast-check";
import { respreadAfterAmendment, quarterOf, trancheProgress } from "~/domain/tranches";
import { allocate, isCurrencyCode, splitEvenly } from "~/utils/money";

describe("allocate", () => {
  it("splits by weight with the leftover units to the largest remainders", () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocate(5n, [3n, 7n])).toEqual([2n, 3n]); // 1.5 and 3.5: equal remainders, the earlier part gets the unit
    expect(allocate(10n, [1n, 2n])).toEqual([3n, 7n]); // 3.33 and 6.67: the larger remainder gets it
    expect(allocate(-100n, [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
    expect(allocate(0n, [2n, 5n])).toEqual([0n, 0n]);
    expect(allocate(7n, [0n, 1n])).toEqual([0n, 7n]);
    expect(splitEvenly(1_000_000n, 3)).toEqual([333_334n, 333_333n, 333_333n]);
  });

  it("refuses what cannot be split", () => {
    expect(() => allocate(1n, [])).toThrow(RangeError);
    expect(() => allocate(1n, [0n, 0n])).toThrow(RangeError);
    expect(() => allocate(1n, [-1n, 2n])).toThrow(RangeError);
    expect(() => splitEvenly(1n, 0)).toThrow(RangeError);
  });

  it("always adds up to the whole, each part within one unit of its exact share (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0n));
          const parts = allocate(total, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((part, index) => {
            const exactTimesSum = total * (weights[index] ?? 0n);
            const diff = part * sum - exactTimesSum;
            expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("knows ISO 4217 codes", () => {
    expect(isCurrencyCode("JPY")).toBe(true);
    expect(isCurrencyCode("usd")).toBe(false);
    expect(isCurrencyCode("XXQ")).toBe(false);
    expect(isCurrencyCode("US$")).toBe(false);
  });
});

describe("tranches", () => {
  const t = (
    id: string,
    amount: bigint,
    status: "scheduled" | "requested" | "paid" | "cancelled" = "scheduled",
  ) => ({
    id,
    amountMinor: amount,
    status,
  });

  it("names quarters and sums progress", () => {
    expect(quarterOf("2027-01-01")).toBe("2027-Q1");
    expect(quarterOf("2027-03-31")).toBe("2027-Q1");
    expect(quarterOf("2027-04-01")).toBe("2027-Q2");
    expect(quarterOf("2027-12-31")).toBe("2027-Q4");
    expect(trancheProgress([t("a", 5n, "paid"), t("b", 3n, "requested"), t("c", 2n)])).toEqual({
      paid: 5n,
      requested: 3n,
      scheduled: 2n,
      cancelled: 0n,
      total: 10n,
    });
    // A withdrawn pledge's cancelled tranche is shown apart and counts for nothing (ADR 112).
    expect(trancheProgress([t("a", 5n, "paid"), t("d", 4n, "cancelled")])).toMatchObject({
      cancelled: 4n,
      total: 5n,
    });
  });

  it("re-spreads an amendment over scheduled tranches only, in proportion", () => {
    const plan = respreadAfterAmendment(
      [t("a", 1000n, "paid"), t("b", 1000n), t("c", 3000n)],
      7000n,
    );
    expect(plan).toEqual({
      ok: true,
      changes: [
        { id: "b", amountMinor: 1500n },
        { id: "c", amountMinor: 4500n },
      ],
    });
  });

  it("refuses an amendment below what is paid or requested, or with nothing left to adjust", () => {
    expect(respreadAfterAmendment([t("a", 1000n, "paid"), t("b", 1000n)], 900n).ok).toBe(false);
    expect(respreadAfterAmendment([t("a", 1000n, "paid"), t("b", 1000n)], 1000n).ok).toBe(false);
    expect(respreadAfterAmendment([t("a", 1000n, "paid")], 1500n).ok).toBe(false);
  });

  it("keeps the schedule adding up to the amended amount (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
            status: fc.constantFrom("scheduled" as const, "requested" as const, "paid" as const),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        (rows, newAmount) => {
          const tranches = rows.map((row, index) => t(`t${index}`, row.amount, row.status));
          const plan = respreadAfterAmendment(tranches, newAmount);
          if (!plan.ok) return;
          const changed = new Map(plan.changes.map((c) => [c.id, c.amountMinor]));
          const total = tranches.reduce(
            (sum, tr) => sum + (changed.get(tr.id) ?? tr.amountMinor),
            0n,
          );
          expect(total).toBe(newAmount);
          plan.changes.forEach((c) => expect(c.amountMinor).toBeGreaterThan(0n));
          tranches
            .filter((tr) => tr.status !== "scheduled")
            .forEach((tr) => expect(changed.has(tr.id)).toBe(false));
        },
      ),
      { numRuns: 400 },
    );
  });
});
