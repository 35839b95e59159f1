/* Dates, one way everywhere (app/utils/dates.ts): validation, day arithmetic and how dates read. */
import fc from "fast-check";
import {
  addDays,
  addMonths,
  dayNumber,
  daysBetween,
  formatDay,
  formatMoment,
  isIsoDate,
  isoDateOf,
  monthLabel,
} from "~/utils/dates";

describe("calendar dates", () => {
  it("accepts only days that exist, written YYYY-MM-DD", () => {
    for (const day of [
      "2026-11-30",
      "2028-02-29",
      "2000-02-29",
      "1999-12-31",
      "0001-01-01",
      "0004-02-29",
    ]) {
      expect(isIsoDate(day)).toBe(true);
    }
    for (const day of [
      "2027-02-29",
      "1900-02-29",
      "2026-02-30",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-11-00",
      "0000-01-01",
      "0001-02-29",
      "2026-1-5",
      "27/11/2026",
      "2026-11-30T00:00:00Z",
      "",
    ]) {
      expect(isIsoDate(day)).toBe(false);
    }
  });

  it("counts whole calendar days, across months, years and leap days", () => {
    expect(daysBetween("2026-11-26", "2026-11-27")).toBe(1);
    expect(daysBetween("2026-10-30", "2026-11-27")).toBe(28);
    expect(daysBetween("2027-12-31", "2028-01-01")).toBe(1);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-02-28", "2027-03-01")).toBe(1);
    expect(daysBetween("2026-11-27", "2026-11-20")).toBe(-7);
    expect(dayNumber("1970-01-02")).toBe(1);
  });

  it("adds days forwards and backwards", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-15", 365)).toBe("2027-12-15");
    expect(addDays("2027-12-15", 366)).toBe("2028-12-15");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-11-30", 0)).toBe("2026-11-30");
  });

  it("keeps adding and counting days the inverse of each other", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: -3000, max: 3000 }),
        (start, days) => {
          const from = isoDateOf(new Date(start * 86_400_000));
          const to = addDays(from, days);
          expect(isIsoDate(to)).toBe(true);
          expect(daysBetween(from, to)).toBe(days);
        },
      ),
    );
  });

  it("refuses a malformed date rather than guessing", () => {
    expect(() => daysBetween("27/11/2026", "2026-11-27")).toThrow(RangeError);
    expect(() => addDays("2026-11", 1)).toThrow(RangeError);
  });

  it("takes the UTC day of a moment", () => {
    expect(isoDateOf(new Date("2026-11-30T23:59:59Z"))).toBe("2026-11-30");
    expect(isoDateOf(new Date("2026-12-01T08:00:00+09:00"))).toBe("2026-11-30");
  });
});

describe("months", () => {
  it("adds months across years", () => {
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(addMonths("2027-01", -3)).toBe("2026-10");
    expect(addMonths("2026-12", 0)).toBe("2026-12");
  });

  it("names a month", () => {
    expect(monthLabel("2026-08")).toBe("Aug 2026");
    expect(monthLabel("2027-01")).toBe("Jan 2027");
  });
});

describe("how dates read", () => {
  it("shows a calendar date as day, short month and year, the same in every time zone", () => {
    expect(formatDay("2027-09-30")).toMatch(/^30 Sept? 2027$/);
    expect(formatDay("2026-01-05")).toBe("5 Jan 2026");
    expect(formatDay("2026-12-30T23:30:00.000Z")).toBe("30 Dec 2026");
    expect(formatDay(null)).toBe("—");
  });

  it("shows a moment in UTC, saying so", () => {
    expect(formatMoment("2026-11-27T14:05:00Z")).toBe("27 Nov 2026, 14:05 UTC");
    expect(formatMoment(new Date("2026-11-27T23:05:00-02:00"))).toBe("28 Nov 2026, 01:05 UTC");
  });
});
