// Words remembered with their numbers (ADR 176): `t(key, { count })` and messages of numbers are kept per
// language, key and every option, and must be exactly what i18next says; calls with a string are never kept.
import { LANGUAGES, type Language } from "~/i18n/config";
import { getT, RESOURCES } from "~/i18n/i18n.server";
import { msg, dayValue } from "~/i18n/message";
import { rememberingMessages, rememberingWords, translateMessage, wordId } from "~/i18n/translate";
import { formatDay } from "~/utils/dates";
import { FORMAT_LOCALES } from "~/i18n/config";

type T = (key: string, options?: Record<string, unknown>) => string;

function keysOf(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === "string"
      ? [`${prefix}${name}`]
      : keysOf(value as Record<string, unknown>, `${prefix}${name}.`),
  );
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * The keys a count or a value changes: those of a plural family (called without their suffix) and those with
 * values to put in ({{count, number}}, {{min}}); the others answer the same with or without options.
 */
function countedKeysOf(catalogue: Record<string, unknown>): string[] {
  const keys = new Set<string>();
  for (const key of keysOf(catalogue)) {
    const words = key
      .split(".")
      .reduce<unknown>((node, name) => (node as Record<string, unknown>)[name], catalogue);
    if (PLURAL.test(key)) keys.add(key.replace(PLURAL, ""));
    else if (typeof words === "string" && words.includes("{{")) keys.add(key);
  }
  return [...keys];
}

/** A translator that counts the calls that reach i18next. */
function counting(language: Language) {
  const fresh = getT(language) as unknown as T;
  const calls: Array<[string, unknown]> = [];
  const t = ((key: string, options?: Record<string, unknown>) => {
    calls.push([key, options]);
    return fresh(key, options);
  }) as unknown as ReturnType<typeof getT>;
  return { t, calls };
}

const COUNTS = [0, 1, 2, 5, 21, 1_234_567, -1, 1.5];

describe("words with numbers, remembered", () => {
  it("are what i18next says, for every key of every language with every count", () => {
    for (const language of LANGUAGES) {
      const fresh = getT(language) as unknown as T;
      const remembering = rememberingWords(getT(language), language) as unknown as T;
      const keys = countedKeysOf(RESOURCES[language].translation as Record<string, unknown>);
      expect(keys.length).toBeGreaterThan(50);
      for (const key of keys) {
        for (const count of COUNTS) {
          const expected = fresh(key, { count });
          expect(remembering(key, { count })).toBe(expected); // asks i18next
          expect(remembering(key, { count })).toBe(expected); // remembered
        }
        expect(remembering(key, { min: 2, max: 9 })).toBe(fresh(key, { min: 2, max: 9 }));
      }
    }
  });

  it("ask i18next once per language, key and options", () => {
    const { t, calls } = counting("en");
    const remembering = rememberingWords(t, "en") as unknown as T;
    // A key and options no other test uses, so the process's memory does not already hold them.
    const options = { count: 987_654 };
    const first = remembering("board.columnCount", options);
    expect(remembering("board.columnCount", { count: 987_654 })).toBe(first);
    expect(calls).toHaveLength(1);
    expect(remembering("board.columnCount", { count: 987_655 })).not.toBe(first);
    expect(calls).toHaveLength(2);
  });

  it("never give one count's, option's or language's words for another", () => {
    const en = rememberingWords(getT("en"), "en") as unknown as T;
    const fr = rememberingWords(getT("fr"), "fr") as unknown as T;
    expect(en("board.overdueLate", { count: 1 })).toBe("Overdue · 1 day late");
    expect(en("board.overdueLate", { count: 2 })).toBe("Overdue · 2 days late");
    expect(fr("board.overdueLate", { count: 2 })).toBe(
      (getT("fr") as unknown as T)("board.overdueLate", { count: 2 }),
    );
    expect(fr("board.overdueLate", { count: 2 })).not.toBe(en("board.overdueLate", { count: 2 }));
    expect(en("board.overdueLate")).toBe((getT("en") as unknown as T)("board.overdueLate"));
    expect(en("board.overdueLate", { count: 2 })).toBe("Overdue · 2 days late");
  });

  it("are kept under every option's name and value, in the order of the names", () => {
    expect(wordId("en", "a.b", { min: 1, max: 2 })).toBe(wordId("en", "a.b", { max: 2, min: 1 }));
    const ids = [
      wordId("en", "a.b"),
      wordId("en", "a.b", {}),
      wordId("en", "a.b", { count: 1 }),
      wordId("en", "a.b", { count: 11 }),
      wordId("en", "a.b", { count: 0 }),
      wordId("en", "a.b", { count: -0 }),
      wordId("en", "a.b", { counts: 1 }),
      wordId("en", "a.b", { count: 1, ordinal: true }),
      wordId("en", "a.b", { count: 1, ordinal: false }),
      wordId("fr", "a.b", { count: 1 }),
      wordId("en", "a.bc", { count: 1 }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("are never kept with a string, an object or anything but numbers and booleans", () => {
    expect(wordId("en", "board.moveTo", { title: "Secret plan" })).toBeNull();
    expect(wordId("en", "board.moveTo", { count: 1, title: "Secret plan" })).toBeNull();
    expect(wordId("en", "a.b", { value: { count: 1 } })).toBeNull();
    expect(wordId("en", "a.b", { value: null })).toBeNull();
    expect(wordId("en", "a.b", { value: 1n })).toBeNull();
    expect(wordId("en", "a.b", [1])).toBeNull();
    expect(wordId("en", "a.b", "default")).toBeNull();
    expect(wordId("en", "a.b", new Map())).toBeNull();

    const { t, calls } = counting("en");
    const remembering = rememberingWords(t, "en") as unknown as T;
    expect(remembering("board.moveTo", { title: "A" })).toBe("Move “A” to");
    expect(remembering("board.moveTo", { title: "A" })).toBe("Move “A” to");
    expect(remembering("board.moveTo", { title: "B" })).toBe("Move “B” to");
    expect(calls).toHaveLength(3);
  });
});

describe("messages of numbers, remembered", () => {
  it("are what translateMessage says, in every language", () => {
    for (const language of LANGUAGES) {
      const tm = rememberingMessages(getT(language), language);
      for (const count of COUNTS) {
        for (const message of [
          msg("milestones.due.in", { count }),
          msg("milestones.due.late", { count }),
          msg("board.overdueLate", { count }),
        ]) {
          const expected = translateMessage(getT(language), message, language);
          expect(tm(message)).toBe(expected);
          expect(tm(message)).toBe(expected);
        }
      }
      expect(tm("milestones.due.today")).toBe(getT(language)("milestones.due.today"));
    }
  });

  it("are asked once, and messages with a string or a date every time", () => {
    const { t, calls } = counting("fr");
    const tm = rememberingMessages(t, "fr");
    const numbers = msg("milestones.due.in", { count: 876_543 });
    expect(tm(numbers)).toBe(tm(numbers));
    expect(calls).toHaveLength(1);

    const withString = msg("board.moveTo", { title: "Private title" });
    expect(tm(withString)).toBe(translateMessage(getT("fr"), withString, "fr"));
    tm(withString);
    expect(calls).toHaveLength(3);

    const withDay = msg("milestones.due.in", { count: 2, day: dayValue("2027-01-02") });
    tm(withDay);
    tm(withDay);
    expect(calls).toHaveLength(5);
    // Not a message at all: shown as it is.
    expect(tm("plain words from elsewhere")).toBe("plain words from elsewhere");
  });
});

describe("days as words, remembered", () => {
  it("are what Intl says for every language, date and timestamp", () => {
    const dates = ["2027-09-30", "2026-01-05", "2024-02-29", "1999-12-31", "2031-07-14"];
    for (const language of LANGUAGES) {
      const format = new Intl.DateTimeFormat(FORMAT_LOCALES[language], {
        day: "numeric",
        month: "short",
        year: "numeric",
        timeZone: "UTC",
      });
      for (const date of dates) {
        const expected = format.format(new Date(`${date}T00:00:00Z`));
        expect(formatDay(date, language)).toBe(expected);
        expect(formatDay(date, language)).toBe(expected);
        expect(formatDay(`${date}T23:59:59.000Z`, language)).toBe(expected);
      }
    }
    expect(formatDay("2027-09-30", "en")).not.toBe(formatDay("2027-09-30", "ja"));
    expect(formatDay(null, "en")).toBe("—");
    expect(() => formatDay("not a date", "en")).toThrow(RangeError);
  });
});
