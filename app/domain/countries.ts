/*
 * Country names, one source for the whole product (ADR 091): every page, chart, map, filter, picker and export
 * names a country with countryName(code, language). The names are CLDR's (the Unicode consortium's locale data,
 * the source of Intl.DisplayNames), kept as a snapshot in app/domain/country-names.cldr.ts so the server and every
 * browser say the same; the override table below replaces CLDR's form where it is not the short form
 * governments use with each other ("South Korea" → "Republic of Korea", "Congo - Kinshasa" → "Democratic
 * Republic of the Congo"), per language.
 */
import type { Language } from "~/i18n/config";
import { CLDR_COUNTRY_NAMES } from "./country-names.cldr";

/**
 * The ISO 3166-1 alpha-2 countries and territories a project can be hosted in (the IATI 2.03 Country codelist,
 * https://iatistandard.org/en/iati-standard/203/codelists/country/). Left out of the list: Kosovo (XK, not an ISO
 * code), the Palestinian territories (PS), Taiwan (TW) and Western Sahara (EH), whose every name is disputed
 * between the partners' governments and others; a code outside the list reads as the code itself.
 */
export const HOST_COUNTRY_CODES: readonly string[] = [
  "AF",
  "AX",
  "AL",
  "DZ",
  "AS",
  "AD",
  "AO",
  "AI",
  "AQ",
  "AG",
  "AR",
  "AM",
  "AW",
  "AU",
  "AT",
  "AZ",
  "BS",
  "BH",
  "BD",
  "BB",
  "BY",
  "BE",
  "BZ",
  "BJ",
  "BM",
  "BT",
  "BO",
  "BQ",
  "BA",
  "BW",
  "BV",
  "BR",
  "IO",
  "BN",
  "BG",
  "BF",
  "BI",
  "KH",
  "CM",
  "CA",
  "CV",
  "KY",
  "CF",
  "TD",
  "CL",
  "CN",
  "CX",
  "CC",
  "CO",
  "KM",
  "CG",
  "CD",
  "CK",
  "CR",
  "CI",
  "HR",
  "CU",
  "CW",
  "CY",
  "CZ",
  "DK",
  "DJ",
  "DM",
  "DO",
  "EC",
  "EG",
  "SV",
  "GQ",
  "ER",
  "EE",
  "ET",
  "FK",
  "FO",
  "FJ",
  "FI",
  "FR",
  "GF",
  "PF",
  "TF",
  "GA",
  "GM",
  "GE",
  "DE",
  "GH",
  "GI",
  "GR",
  "GL",
  "GD",
  "GP",
  "GU",
  "GT",
  "GG",
  "GN",
  "GW",
  "GY",
  "HT",
  "HM",
  "VA",
  "HN",
  "HK",
  "HU",
  "IS",
  "IN",
  "ID",
  "IR",
  "IQ",
  "IE",
  "IM",
  "IL",
  "IT",
  "JM",
  "JP",
  "JE",
  "JO",
  "KZ",
  "KE",
  "KI",
  "KP",
  "KR",
  "KW",
  "KG",
  "LA",
  "LV",
  "LB",
  "LS",
  "LR",
  "LY",
  "LI",
  "LT",
  "LU",
  "MO",
  "MK",
  "MG",
  "MW",
  "MY",
  "MV",
  "ML",
  "MT",
  "MH",
  "MQ",
  "MR",
  "MU",
  "YT",
  "MX",
  "FM",
  "MD",
  "MC",
  "MN",
  "ME",
  "MS",
  "MA",
  "MZ",
  "MM",
  "NA",
  "NR",
  "NP",
  "NL",
  "NC",
  "NZ",
  "NI",
  "NE",
  "NG",
  "NU",
  "NF",
  "MP",
  "NO",
  "OM",
  "PK",
  "PW",
  "PA",
  "PG",
  "PY",
  "PE",
  "PH",
  "PN",
  "PL",
  "PT",
  "PR",
  "QA",
  "RE",
  "RO",
  "RU",
  "RW",
  "BL",
  "SH",
  "KN",
  "LC",
  "MF",
  "PM",
  "VC",
  "WS",
  "SM",
  "ST",
  "SA",
  "SN",
  "RS",
  "SC",
  "SL",
  "SG",
  "SX",
  "SK",
  "SI",
  "SB",
  "SO",
  "ZA",
  "GS",
  "SS",
  "ES",
  "LK",
  "SD",
  "SR",
  "SJ",
  "SZ",
  "SE",
  "CH",
  "SY",
  "TJ",
  "TZ",
  "TH",
  "TL",
  "TG",
  "TK",
  "TO",
  "TT",
  "TN",
  "TR",
  "TM",
  "TC",
  "TV",
  "UG",
  "UA",
  "AE",
  "GB",
  "US",
  "UM",
  "UY",
  "UZ",
  "VU",
  "VE",
  "VN",
  "VG",
  "VI",
  "WF",
  "YE",
  "ZM",
  "ZW",
];

/** The European Union, a participant that is not a country. */
export const EUROPEAN_UNION = "EU";
/** What supply data calls the countries it does not name (the reference CSVs' "XX"). */
export const REST_OF_WORLD = "XX";

/** Every code Lodestone names: host countries, the EU, the rest of the world. */
export const KNOWN_CODES: readonly string[] = [
  ...HOST_COUNTRY_CODES,
  EUROPEAN_UNION,
  REST_OF_WORLD,
];

/**
 * Where CLDR's short name is not the one governments use with each other, per language. It covers the
 * partnership's participants where CLDR differs, every country whose CLDR name carries a city in brackets, a
 * former name or "SAR", and the reference data's countries (tests/unit/countries.test.ts checks each).
 * i18n-exempt: names in each language are data, like the CLDR snapshot.
 */
export const COUNTRY_NAME_OVERRIDES: Record<Language, Readonly<Record<string, string>>> = {
  en: {
    KR: "Republic of Korea",
    KP: "Democratic People's Republic of Korea",
    CD: "Democratic Republic of the Congo",
    CG: "Republic of the Congo",
    MM: "Myanmar",
    HK: "Hong Kong, China",
    MO: "Macao, China",
    CV: "Cabo Verde",
    VA: "Holy See",
    XX: "Rest of world",
  },
  fr: {
    KR: "République de Corée",
    KP: "République populaire démocratique de Corée",
    CD: "République démocratique du Congo",
    CG: "République du Congo",
    MM: "Myanmar",
    HK: "Hong Kong (Chine)",
    MO: "Macao (Chine)",
    VA: "Saint-Siège",
    XX: "Reste du monde",
  },
  ja: {
    US: "米国",
    GB: "英国",
    CD: "コンゴ民主共和国",
    CG: "コンゴ共和国",
    MM: "ミャンマー",
    HK: "香港",
    MO: "マカオ",
    EU: "欧州連合（EU）",
    VA: "バチカン",
    XX: "その他の国・地域",
  },
};

/**
 * CLDR's English writes "&" and "St." ("Antigua & Barbuda", "St. Lucia"); governments write the words
 * ("Antigua and Barbuda", "Saint Lucia").
 */
function inFull(name: string, language: Language): string {
  return language === "en" ? name.replace(/ & /g, " and ").replace(/\bSt\. /g, "Saint ") : name;
}

/** The country's name in `language` ("KR" → "Republic of Korea"); the code itself when unknown. */
export function countryName(code: string, language: Language = "en"): string {
  const name = COUNTRY_NAME_OVERRIDES[language][code] ?? CLDR_COUNTRY_NAMES[language][code];
  return name === undefined ? code : inFull(name, language);
}

/** Whether `code` is a country a project can be hosted in. */
export function isCountryCode(code: string): boolean {
  return HOST_COUNTRY_CODES.includes(code);
}

/**
 * How a Japanese name reads, for sorting the picker in the order of the kana (あいうえお順): kanji have no
 * order of their own. Every Japanese name with kanji has its reading here (tests/unit/countries.test.ts).
 */
export const JAPANESE_READINGS: Readonly<Record<string, string>> = {
  AX: "オーランドショトウ",
  AS: "ベイリョウサモア",
  AQ: "ナンキョク",
  BQ: "オランダリョウカリブ",
  BV: "ブーベトウ",
  IO: "エイリョウインドヨウチイキ",
  KY: "ケイマンショトウ",
  CF: "チュウオウアフリカキョウワコク",
  CN: "チュウゴク",
  CX: "クリスマストウ",
  CC: "ココスキーリングショトウ",
  CG: "コンゴキョウワコク",
  CD: "コンゴミンシュキョウワコク",
  CK: "クックショトウ",
  DM: "ドミニカコク",
  DO: "ドミニカキョウワコク",
  GQ: "セキドウギニア",
  FK: "フォークランドショトウ",
  FO: "フェローショトウ",
  GF: "フツリョウギアナ",
  PF: "フツリョウポリネシア",
  TF: "フツリョウキョクナンショトウ",
  HM: "ハードトウマクドナルドショトウ",
  HK: "ホンコン",
  IM: "マントウ",
  JP: "ニホン",
  KP: "キタチョウセン",
  KR: "カンコク",
  MK: "キタマケドニア",
  MH: "マーシャルショトウ",
  FM: "ミクロネシアレンポウ",
  NF: "ノーフォークトウ",
  MP: "キタマリアナショトウ",
  PN: "ピトケアンショトウ",
  PM: "サンピエールトウミクロントウ",
  VC: "セントビンセントオヨビグレナディーンショトウ",
  SB: "ソロモンショトウ",
  ZA: "ミナミアフリカ",
  GS: "サウスジョージアサウスサンドウィッチショトウ",
  SS: "ミナミスーダン",
  SJ: "スバールバルショトウヤンマイエントウ",
  TL: "ヒガシティモール",
  TC: "タークスカイコスショトウ",
  AE: "アラブシュチョウコクレンポウ",
  US: "ベイコク",
  GB: "エイコク",
  UM: "ガッシュウコクリョウユウショウリトウ",
  VG: "エイリョウヴァージンショトウ",
  VI: "ベイリョウヴァージンショトウ",
  EU: "オウシュウレンゴウ",
  XX: "ソノタノクニチイキ",
};

/** A key that sorts names as a reader of `language` expects, the same on every engine (no ICU collator). */
export function sortKey(code: string, language: Language): string {
  const text =
    language === "ja"
      ? (JAPANESE_READINGS[code] ?? countryName(code, language))
      : countryName(code, language);
  return (
    text
      .normalize("NFD")
      // Accents, and the voicing marks of kana (ガ sorts with カ), do not change a name's place.
      .replace(/[\u0300-\u036f\u3099\u309a]/g, "")
      // Nor does the long-vowel mark, nor punctuation.
      .replace(/[ー・'’(),.\s-]/g, "")
      .toLowerCase()
  );
}

/** `codes` in the order of their names in `language`. */
export function sortCountryCodes(codes: readonly string[], language: Language): string[] {
  return codes
    .map((code) => ({ code, key: sortKey(code, language) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.code < b.code ? -1 : 1))
    .map(({ code }) => code);
}

/** The host countries for a picker, sorted by their names in `language`. */
export function countryOptions(language: Language): Array<{ value: string; label: string }> {
  return sortCountryCodes(HOST_COUNTRY_CODES, language).map((code) => ({
    value: code,
    label: countryName(code, language),
  }));
}
