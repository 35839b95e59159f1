/*
 * The catalogues are complete (ADR 090): French and Japanese have every key English has and no other, every
 * plural form their language needs, the same placeholders and the same markup; nothing is empty; every nested
 * $t(...) reference exists. A key missing in any catalogue fails here.
 */
import { en } from "~/locales/en";
import { fr } from "~/locales/fr";
import { ja } from "~/locales/ja";
import { LANGUAGES, type Language } from "~/i18n/config";

const CATALOGUES: Record<Language, unknown> = { en, fr, ja };
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** "area.key" → text, for every leaf. */
function flatten(tree: unknown, prefix = ""): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") leaves.set(path, value);
    else for (const [k, v] of flatten(value, path)) leaves.set(k, v);
  }
  return leaves;
}

/** Keys without their plural suffix, each with the plural forms it has (empty when it is no plural). */
function baseKeys(leaves: Map<string, string>): Map<string, Set<string>> {
  const bases = new Map<string, Set<string>>();
  for (const key of leaves.keys()) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    const forms = bases.get(base) ?? new Set<string>();
    if (match?.[1]) forms.add(match[1]);
    bases.set(base, forms);
  }
  return bases;
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? "").sort();
const tags = (text: string) => [...text.matchAll(/<\/?(\w+)\s*\/?>/g)].map((m) => m[0]).sort();
const nestings = (text: string) => [...text.matchAll(/\$t\(([^)]+)\)/g)].map((m) => m[1] ?? "");

/** The texts of a base key (all its plural forms) in one catalogue. */
function textsOf(leaves: Map<string, string>, base: string, forms: Set<string>): string[] {
  return forms.size === 0
    ? [leaves.get(base) ?? ""]
    : [...forms].map((form) => leaves.get(`${base}_${form}`) ?? "");
}

const leavesOf = Object.fromEntries(
  LANGUAGES.map((language) => [language, flatten(CATALOGUES[language])]),
) as Record<Language, Map<string, string>>;
const english = baseKeys(leavesOf.en);

describe.each(LANGUAGES.filter((language) => language !== "en"))("the %s catalogue", (language) => {
  const leaves = leavesOf[language];
  const bases = baseKeys(leaves);

  it("has every key the English catalogue has", () => {
    expect([...english.keys()].filter((key) => !bases.has(key))).toEqual([]);
  });

  it("has no key the English catalogue lacks", () => {
    expect([...bases.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  it("has every plural form its language needs, where English has a plural", () => {
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const missing: string[] = [];
    for (const [base, forms] of english) {
      if (forms.size === 0) continue;
      for (const form of needed) if (!bases.get(base)?.has(form)) missing.push(`${base}_${form}`);
    }
    expect(missing).toEqual([]);
  });

  it("uses the same placeholders and markup as English", () => {
    const different: string[] = [];
    for (const [base, forms] of english) {
      const englishTexts = textsOf(leavesOf.en, base, forms);
      const theirs = textsOf(leaves, base, bases.get(base) ?? new Set());
      const names = (texts: string[]) => [...new Set(texts.flatMap(placeholders))].sort();
      const markup = (texts: string[]) => [...new Set(texts.flatMap(tags))].sort();
      // A plural form may leave the count out ("un jalon"); every other placeholder must be there.
      const withoutCount = (list: string[]) => list.filter((name) => name !== "count");
      if (
        JSON.stringify(withoutCount(names(englishTexts))) !==
          JSON.stringify(withoutCount(names(theirs))) ||
        JSON.stringify(markup(englishTexts)) !== JSON.stringify(markup(theirs))
      ) {
        different.push(base);
      }
    }
    expect(different).toEqual([]);
  });
});

describe.each(LANGUAGES)("the %s catalogue's texts", (language) => {
  const leaves = leavesOf[language];

  it("are never empty", () => {
    expect([...leaves].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });

  it("nest only keys that exist", () => {
    const bases = baseKeys(leaves);
    const broken = [...leaves].flatMap(([key, text]) =>
      nestings(text)
        .filter((nested) => !nested.includes("{{") && !bases.has(nested.split(",")[0] ?? ""))
        .map((nested) => `${key} → ${nested}`),
    );
    expect(broken).toEqual([]);
  });
});

describe("plural forms", () => {
  it("are the ones English needs (one, other) wherever English has a plural", () => {
    const incomplete = [...english].filter(
      ([, forms]) => forms.size > 0 && !(forms.has("one") && forms.has("other")),
    );
    expect(incomplete).toEqual([]);
  });
});
