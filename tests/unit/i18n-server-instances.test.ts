// The server's i18n kept per process (ADR 154): one rendering instance per language, and words without values
// remembered per language and key. Neither may let one request's language into another's answer.
import { PassThrough } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { LANGUAGES, type Language } from "~/i18n/config";
import { getT, pageI18n, RESOURCES } from "~/i18n/i18n.server";
import { useT } from "~/i18n/react";
import { rememberingWords } from "~/i18n/translate";

/** Every key of a catalogue whose value is a string, as i18next names it ("board.title"). */
function keysOf(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === "string"
      ? [`${prefix}${name}`]
      : keysOf(value as Record<string, unknown>, `${prefix}${name}.`),
  );
}

/** A page that reads the same words many times, as the board's cards do, and one with a count. */
function Words({ count }: { count: number }) {
  const { t, language } = useT();
  const cards = Array.from({ length: 50 }, (_, i) =>
    createElement("li", { key: i }, `${t("board.due")}|${t("board.owner")}`),
  );
  return createElement(
    "div",
    { lang: language },
    createElement("h1", null, t("board.title")),
    createElement("p", null, t("board.overdueLate", { count })),
    createElement("ul", null, cards),
  );
}

/** Renders `Words` in `language` with the page instance, streaming, so renders of two requests interleave. */
function render(language: Language, count: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const body = new PassThrough();
    body.on("data", (chunk: Buffer) => chunks.push(chunk));
    body.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    const { pipe } = renderToPipeableStream(
      createElement(I18nextProvider, { i18n: pageI18n(language) }, createElement(Words, { count })),
      { onAllReady: () => pipe(body), onShellError: reject, onError: reject },
    );
  });
}

describe("the page instance of each language", () => {
  it("is made once per language and keeps its language", () => {
    for (const language of LANGUAGES) {
      expect(pageI18n(language)).toBe(pageI18n(language));
      expect(pageI18n(language).language).toBe(language);
    }
    expect(new Set(LANGUAGES.map((language) => pageI18n(language))).size).toBe(LANGUAGES.length);
  });

  it("refuses to change language, so no request can switch another's page", () => {
    for (const language of LANGUAGES) {
      const other = LANGUAGES.find((l) => l !== language) ?? language;
      expect(() => pageI18n(language).changeLanguage(other)).toThrow(/cannot change language/);
      expect(pageI18n(language).language).toBe(language);
      expect(pageI18n(language).t("board.title")).toBe(getT(language)("board.title"));
    }
  });

  it("renders concurrent requests in different languages each in its own", async () => {
    const requests = LANGUAGES.flatMap((language) => [
      { language, count: 1 },
      { language, count: 3 },
    ]);
    const pages = await Promise.all(requests.map(({ language, count }) => render(language, count)));
    requests.forEach(({ language, count }, i) => {
      const t = getT(language);
      const page = pages[i] ?? "";
      expect(page).toContain(`lang="${language}"`);
      expect(page).toContain(`<h1>${t("board.title")}</h1>`);
      expect(page).toContain(t("board.overdueLate", { count }));
      expect(page.split(`${t("board.due")}|${t("board.owner")}`).length - 1).toBe(50);
      for (const other of LANGUAGES.filter((l) => l !== language)) {
        expect(page).not.toContain(`<h1>${getT(other)("board.title")}</h1>`);
      }
    });
    for (const language of LANGUAGES) expect(pageI18n(language).language).toBe(language);
  });
});

describe("words without values, remembered", () => {
  it("are what a fresh translator says, for every key of every language", () => {
    for (const language of LANGUAGES) {
      const fresh = getT(language) as unknown as (key: string) => string;
      const remembering = rememberingWords(getT(language), language) as unknown as (
        key: string,
      ) => string;
      const keys = keysOf(RESOURCES[language].translation as Record<string, unknown>);
      expect(keys.length).toBeGreaterThan(100);
      for (const key of keys) {
        expect(remembering(key)).toBe(fresh(key)); // first call: asks i18next
        expect(remembering(key)).toBe(fresh(key)); // second call: remembered
      }
    }
  });

  it("never answer one language with another's word", () => {
    const [en, fr, ja] = (["en", "fr", "ja"] as const).map(
      (language) =>
        rememberingWords(getT(language), language) as unknown as (key: string) => string,
    );
    expect(en?.("board.title")).toBe("Board");
    expect(fr?.("board.title")).toBe("Tableau");
    expect(ja?.("board.title")).toBe(getT("ja")("board.title"));
    expect(ja?.("board.title")).not.toBe("Board");
    expect(en?.("board.title")).toBe("Board");
  });

  it("answer calls with values as i18next does, a count or a title", () => {
    const t = rememberingWords(getT("en"), "en") as unknown as (
      key: string,
      options?: Record<string, unknown>,
    ) => string;
    expect(t("board.overdueLate", { count: 1 })).toBe("Overdue · 1 day late");
    expect(t("board.overdueLate", { count: 2 })).toBe("Overdue · 2 days late");
    expect(t("board.moveTo", { title: "A" })).toBe("Move “A” to");
    expect(t("board.moveTo", { title: "B" })).toBe("Move “B” to");
  });
});
