/* Projects, pure: the registration schema (shared by browser and server), the URL filters and the capital
   stack's arithmetic. */
import { computeCapitalStack } from "~/domain/capital-stack";
import { countryName, isCountryCode } from "~/domain/countries";
import { projectFormValues, ProjectSchema, stepOfField } from "~/domain/projects/registration";
import {
  parseBoardFilters,
  parseProjectFilters,
  parseTimelineFilters,
  withParams,
} from "~/domain/projects/filters";
import { fieldErrorsFrom } from "~/forms/validation";
import { translate } from "~/i18n/i18n.server";

const AU = "b1000000-0000-4000-8000-000000000001";
const AUSTRAL = "c1000000-0000-4000-8000-000000000001";

const valid = {
  name: "  Mount Weld Expansion ",
  segment: "mining",
  minerals: ["NdPr", "Dy", "NdPr"],
  stage: "feasibility",
  hostCountry: "AU",
  latitude: "-28.862",
  longitude: "122.551",
  currency: "AUD",
  capex: "1,200,000,000",
  fundingSought: "250,000,000.50",
  esgNotes: "",
  registeringMemberId: AU,
  sponsorOrganisationId: AUSTRAL,
};

/** The form's errors as an English reader reads them. */
function errorsOf(values: Record<string, unknown>): Record<string, string> {
  const result = ProjectSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(
    Object.entries(fieldErrorsFrom(result.error)).map(([field, message]) => [
      field,
      translate("en", message),
    ]),
  );
}

describe("the registration schema", () => {
  it("turns what was typed into exact values for the database", () => {
    expect(ProjectSchema.parse(valid)).toEqual({
      name: "Mount Weld Expansion",
      segment: "mining",
      minerals: ["NdPr", "Dy"],
      stage: "feasibility",
      hostCountry: "AU",
      latitude: "-28.862",
      longitude: "122.551",
      currency: "AUD",
      capexMinor: "120000000000",
      fundingSoughtMinor: "25000000050",
      esgNotes: null,
      registeringMemberId: AU,
      sponsorOrganisationId: AUSTRAL,
    });
  });

  it("reads amounts in the currency's own minor unit (JPY has none)", () => {
    const yen = ProjectSchema.parse({
      ...valid,
      currency: "JPY",
      capex: "45,000,000,000",
      fundingSought: "15000000000",
    });
    expect(yen.fundingSoughtMinor).toBe("15000000000");
    expect(errorsOf({ ...valid, currency: "JPY", capex: "", fundingSought: "100.5" })).toEqual({
      fundingSought: "JPY has no minor unit: enter a whole amount.",
    });
  });

  it("names every missing or wrong field at once", () => {
    const errors = errorsOf({
      name: " ",
      segment: "",
      minerals: [],
      stage: "",
      hostCountry: "",
      currency: "XYZ",
      fundingSought: "",
      registeringMemberId: "",
    });
    expect(Object.keys(errors).sort()).toEqual(
      [
        "currency",
        "fundingSought",
        "hostCountry",
        "minerals",
        "name",
        "registeringMemberId",
        "segment",
        "stage",
      ].sort(),
    );
    expect(errors.minerals).toBe("Choose at least one mineral.");
  });

  it("checks coordinates: in range, decimal, both or neither", () => {
    expect(errorsOf({ ...valid, latitude: "91" }).latitude).toMatch(/between -90 and 90/);
    expect(errorsOf({ ...valid, longitude: "12°E" }).longitude).toMatch(/between -180 and 180/);
    expect(errorsOf({ ...valid, longitude: "" }).longitude).toBe(
      "Give both latitude and longitude, or neither.",
    );
    expect(ProjectSchema.parse({ ...valid, latitude: "", longitude: "" })).toMatchObject({
      latitude: null,
      longitude: null,
    });
  });

  it("reads amounts and coordinates as the form's language writes them (ADR 091)", () => {
    const french = ProjectSchema.parse({
      ...valid,
      typedIn: "fr",
      latitude: "-28,862",
      longitude: "122,551",
      capex: "1 200 000 000",
      fundingSought: "250 000 000,50",
    });
    expect(french).toMatchObject({
      latitude: "-28.862",
      longitude: "122.551",
      capexMinor: "120000000000",
      fundingSoughtMinor: "25000000050",
    });
    // "250,000,000.50" is no French amount: refused, not read as something else.
    expect(errorsOf({ ...valid, typedIn: "fr" }).fundingSought).toBe(
      "Enter an amount such as 1,250,000.",
    );
    expect(
      translate(
        "fr",
        fieldErrorsFrom(
          ProjectSchema.safeParse({ ...valid, typedIn: "fr", fundingSought: "12,5,0" }).error!,
        ).fundingSought ?? "",
      ),
    ).toBe("Saisissez un montant, par exemple 1 250 000,50.");
  });

  it("keeps the funding sought within the capex and both positive", () => {
    expect(errorsOf({ ...valid, capex: "100", fundingSought: "200" }).fundingSought).toMatch(
      /cannot be more/,
    );
    expect(errorsOf({ ...valid, fundingSought: "0" }).fundingSought).toBe(
      "Enter an amount greater than zero.",
    );
    expect(errorsOf({ ...valid, capex: "lots" }).capex).toMatch(/Enter an amount/);
  });

  it("refuses unknown minerals, countries and segments", () => {
    expect(errorsOf({ ...valid, minerals: ["gold"] })).toHaveProperty(["minerals.0"]);
    expect(errorsOf({ ...valid, hostCountry: "ZZ" })).toHaveProperty("hostCountry");
    expect(errorsOf({ ...valid, segment: "smelting" })).toHaveProperty("segment");
  });

  it("maps each field to its step, so a refused post opens the right one", () => {
    expect(stepOfField("minerals")).toBe(0);
    expect(stepOfField("latitude")).toBe(1);
    expect(stepOfField("fundingSought")).toBe(2);
    expect(stepOfField("esgNotes")).toBe(3);
  });

  it("reads a posted form with every ticked mineral", () => {
    const form = new FormData();
    form.append("name", "X");
    form.append("minerals", "NdPr");
    form.append("minerals", "Tb");
    expect(projectFormValues(form)).toEqual({ name: "X", minerals: ["NdPr", "Tb"] });
    expect(projectFormValues(new FormData())).toEqual({ minerals: [] });
  });
});

describe("countries", () => {
  it("knows ISO 3166 names and refuses the EU as a host country", () => {
    expect(countryName("AU")).toBe("Australia");
    expect(countryName("EU")).toBe("European Union");
    expect(isCountryCode("CL")).toBe(true);
    expect(isCountryCode("EU")).toBe(false);
  });
});

describe("filters in the URL", () => {
  it("reads the list's filters and ignores anything malformed", () => {
    const filters = parseProjectFilters(
      new URLSearchParams(
        "q=%20lith%20&segment=mining&mineral=gold&host=au&member=nope&sort=-name&page=3",
      ),
    );
    expect(filters).toEqual({
      q: "lith",
      segment: "mining",
      mineral: null,
      stage: null,
      host: "AU",
      status: null,
      member: null,
      sponsor: null,
      sort: "-name",
      page: 3,
    });
    expect(parseProjectFilters(new URLSearchParams("page=-1&sort=drop table")).page).toBe(1);
    expect(parseProjectFilters(new URLSearchParams("sort=drop table")).sort).toBe("name");
  });

  it("windows the board: a bounded number of cards per column", () => {
    expect(parseBoardFilters(new URLSearchParams("")).perColumn).toBe(30);
    expect(parseBoardFilters(new URLSearchParams("per=60")).perColumn).toBe(60);
    expect(parseBoardFilters(new URLSearchParams("per=100000")).perColumn).toBe(300);
    expect(parseBoardFilters(new URLSearchParams("attention=1")).attention).toBe(true);
  });

  it("reads the timeline's window", () => {
    expect(parseTimelineFilters(new URLSearchParams("from=2027-03&months=36"))).toMatchObject({
      from: "2027-03",
      months: 36,
    });
    expect(parseTimelineFilters(new URLSearchParams("from=2027-13&months=7"))).toMatchObject({
      from: null,
      months: 24,
    });
  });

  it("changes one parameter and keeps the others", () => {
    const current = new URLSearchParams("segment=mining&page=2");
    expect(withParams(current, { page: 3 })).toBe("?segment=mining&page=3");
    expect(withParams(current, { page: null, sort: "-name" })).toBe("?segment=mining&sort=-name");
    expect(withParams(new URLSearchParams("page=2"), { page: null })).toBe("");
  });
});

describe("the capital stack's arithmetic", () => {
  const rates = [
    { currency: "JPY", rate: "0.0065200", asOf: "2026-11-20" },
    { currency: "AUD", rate: "0.6540", asOf: "2026-11-20" },
    { currency: "AUD", rate: "0.6580", asOf: "2026-10-30" },
    { currency: "EUR", rate: "1.1580", asOf: "2026-12-01" },
  ];

  it("sums pledges in the project's currency and in the reporting currency, exactly", () => {
    const stack = computeCapitalStack({
      projectCurrency: "AUD",
      reportingCurrency: "USD",
      soughtMinor: "40000000000",
      pledged: [
        { currency: "AUD", minor: "5000000000", count: 1 },
        { currency: "JPY", minor: "3000000000", count: 1 },
      ],
      rates,
      onDate: "2026-11-27",
    });
    // JPY 3,000,000,000 × 0.00652 = USD 19,560,000.00; ÷ 0.654 = AUD 29,908,256.88 (rounded once).
    expect(stack.project).toEqual({
      currency: "AUD",
      soughtMinor: "40000000000",
      committedMinor: String(5000000000 + 2990825688),
      gapMinor: String(40000000000 - 5000000000 - 2990825688),
      surplusMinor: "0",
      complete: true,
    });
    // AUD 50,000,000 × 0.654 = USD 32,700,000.00; + USD 19,560,000.00.
    expect(stack.reporting).toMatchObject({
      currency: "USD",
      committedMinor: "5226000000",
      soughtMinor: "26160000000",
      complete: true,
    });
    expect(stack.rates.map((r) => `${r.currency}@${r.asOf}`)).toEqual([
      "AUD@2026-11-20",
      "JPY@2026-11-20",
    ]);
    expect(stack.pledgeCount).toBe(2);
  });

  it("leaves out and names a currency with no rate on or before the date", () => {
    const stack = computeCapitalStack({
      projectCurrency: "USD",
      reportingCurrency: "USD",
      soughtMinor: "1000",
      pledged: [
        { currency: "USD", minor: "400", count: 1 },
        { currency: "EUR", minor: "100000", count: 1 },
      ],
      rates,
      onDate: "2026-11-27",
    });
    expect(stack.missingRates).toEqual(["EUR"]);
    expect(stack.project).toMatchObject({
      committedMinor: "400",
      gapMinor: "600",
      complete: false,
    });
    expect(stack.reporting).toBeNull();
  });

  it("shows a surplus when commitments pass the funding sought", () => {
    const stack = computeCapitalStack({
      projectCurrency: "USD",
      reportingCurrency: "USD",
      soughtMinor: "1000",
      pledged: [{ currency: "USD", minor: "1500", count: 2 }],
      rates: [],
      onDate: "2026-11-27",
    });
    expect(stack.project).toMatchObject({ gapMinor: "0", surplusMinor: "500" });
  });
});
