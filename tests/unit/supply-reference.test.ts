/*
 * Reading and checking the supply reference files (app/domain/supply-reference.ts): the shipped dataset loads
 * faithfully (Namibia's NA, withheld figures, shares-only magnets, lists of sources), and a broken file is
 * refused with every problem named by file and line.
 */
import { readFileSync } from "node:fs";
import {
  describeReferenceError,
  outputUnitFor,
  parseReferenceDataset,
  worldTotalFor,
} from "~/domain/supply-reference.server";

const read = (file: string) => readFileSync(file, "utf8");
const shipped = {
  shares: read("supabase/reference/supply-shares.csv"),
  sources: read("supabase/reference/sources.csv"),
  worldTotals: read("supabase/reference/world-totals.csv"),
};
const HEADER =
  "mineral,stage,country_iso2,country_name,year,quantity,unit,share_pct,source_id,note";

function dataset(files = shipped) {
  const outcome = parseReferenceDataset(files);
  if (!outcome.ok)
    throw new Error(outcome.errors.map((error) => describeReferenceError(error)).join("\n"));
  return outcome.dataset;
}

function errorsOf(shares: string, extra: Partial<typeof shipped> = {}) {
  const outcome = parseReferenceDataset({ ...shipped, ...extra, shares });
  return outcome.ok ? [] : outcome.errors.map((error) => describeReferenceError(error));
}

describe("the shipped dataset", () => {
  it("has 168 rows in 17 groups, each with one rest-of-world row", () => {
    const { shares, groups } = dataset();
    expect(shares).toHaveLength(168);
    expect(groups).toHaveLength(17);
    for (const group of groups) {
      const rest = shares.filter(
        (row) =>
          row.mineral === group.mineral &&
          row.stage === group.stage &&
          row.year === group.year &&
          row.countryIso2 === "XX",
      );
      expect(rest).toHaveLength(1);
    }
  });

  it("keeps Namibia as NA, never as an empty value", () => {
    const namibia = dataset().shares.find((row) => row.countryName === "Namibia");
    expect(namibia).toMatchObject({
      countryIso2: "NA",
      mineral: "lithium",
      stage: "mining",
      quantity: "2700",
      sharePct: "1.15",
      line: 35,
    });
  });

  it("keeps the withheld U.S. lithium figure empty, with its note", () => {
    const us = dataset().shares.find(
      (row) => row.mineral === "lithium" && row.stage === "mining" && row.countryIso2 === "US",
    );
    expect(us).toMatchObject({ quantity: null, sharePct: null });
    expect(us?.note).toMatch(/^W: withheld by USGS/);
  });

  it("knows the magnets group only as shares, projected with the 2019 world-total estimate", () => {
    const { groups, worldTotals } = dataset();
    const magnets = groups.find((g) => g.stage === "magnets");
    expect(magnets).toMatchObject({
      mineral: "rare_earths",
      year: 2021,
      sharesOnly: true,
      outputUnit: "t sintered NdFeB",
      outputFactor: 1,
    });
    const total = worldTotalFor(worldTotals, magnets ?? { mineral: "", stage: "", year: 0 });
    expect(total).toMatchObject({
      year: 2019,
      worldTotal: "189000",
      sourceIds: ["adamas_2020_ndfeb", "macropolo_2024_magnets"],
    });
  });

  it("measures projects in tonnes where the source prints kilotonnes", () => {
    expect(outputUnitFor("kt Li content")).toEqual({ unit: "t Li content", factor: 1000 });
    expect(outputUnitFor("t REO")).toEqual({ unit: "t REO", factor: 1 });
    expect(outputUnitFor("kg Ga (primary low-purity)")).toEqual({
      unit: "kg Ga (primary low-purity)",
      factor: 1,
    });
    const refining = dataset().groups.find(
      (g) => g.mineral === "lithium" && g.stage === "refining",
    );
    expect(refining).toMatchObject({ unit: "kt Li content", outputUnit: "t Li content" });
  });

  it("reads the second-source file too (as a test input for the loader)", () => {
    const alt = dataset({
      ...shipped,
      shares: read("tests/fixtures/reference/supply-shares-alt.csv"),
    });
    expect(alt.shares).toHaveLength(43);
    expect(alt.groups).toHaveLength(8);
  });
});

describe("a file with problems", () => {
  it("names each problem with its line", () => {
    const shares = [
      HEADER,
      "lithium,mining,AU,Australia,2024,88000,t Li content,60.00,usgs_mcs2025_lithium,",
      "lithium,mining,cl,Chile,2024,49000,t Li content,30.00,usgs_mcs2025_lithium,",
      "lithium,mining,CN,China,2024,abc,t Li content,10.00,usgs_mcs2025_lithium,",
      "lithium,mining,NA,Namibia,2024,2700,t Li content,1.15,usgs_mcs2025_lithium;nobody_2024,",
      "lithium,mining,US,United States,2024,,t Li content,,usgs_mcs2025_lithium,",
      "lithium,quarrying,XX,Rest of world,2024,0,t Li content,0.00,usgs_mcs2025_lithium,",
    ].join("\n");
    expect(errorsOf(shares)).toEqual([
      'supply-shares.csv line 3: Country_iso2 "cl" is not two capital letters (XX for rest of world).',
      'supply-shares.csv line 4: Quantity "abc" is not a non-negative number.',
      'supply-shares.csv line 5: Source_id "nobody_2024" is not in sources.csv.',
      "supply-shares.csv line 6: A withheld figure (empty quantity and share) needs a note saying why.",
      'supply-shares.csv line 7: Stage "quarrying" is not one of mining, refining, magnets.',
    ]);
  });

  it("checks each group: sum to 100 ± 2, one rest-of-world row, one unit, shares matching quantities", () => {
    const shares = [
      HEADER,
      "cobalt,mining,CD,Congo,2024,220000,t Co content,70.00,usgs_mcs2025_cobalt,",
      "cobalt,mining,ID,Indonesia,2024,28000,t Co content,9.72,usgs_mcs2025_cobalt,",
      "nickel,mining,ID,Indonesia,2024,100,t Ni content,50.00,usgs_mcs2025_nickel,",
      "nickel,mining,XX,Rest of world,2024,100,t Ni content,50.00,usgs_mcs2025_nickel,",
      "nickel,mining,PH,Philippines,2024,0,kt Ni content,0.00,usgs_mcs2025_nickel,",
      "nickel,mining,XX,Rest of world,2024,0,t Ni content,0.00,usgs_mcs2025_nickel,",
    ].join("\r\n");
    expect(errorsOf(shares)).toEqual([
      "supply-shares.csv line 2: cobalt mining 2024 (lines 2–3): needs exactly one XX (rest of world) row, found 0.",
      "supply-shares.csv line 2: cobalt mining 2024 (lines 2–3): shares sum to 79.72 %, not 100 ± 2 %.",
      "supply-shares.csv line 2: cobalt mining 2024: share_pct 70.00 does not match the quantity (88.71 % of the group's 248000).",
      "supply-shares.csv line 3: cobalt mining 2024: share_pct 9.72 does not match the quantity (11.29 % of the group's 248000).",
      "supply-shares.csv line 4: nickel mining 2024 (lines 4–7): needs exactly one XX (rest of world) row, found 2.",
      'supply-shares.csv line 6: nickel mining 2024: unit "kt Ni content" differs from "t Ni content" (line 4).',
      "supply-shares.csv line 7: nickel mining 2024: XX already has a row (line 5).",
    ]);
  });

  it("refuses a wrong header, an unknown world-total source and a broken quote, naming the file", () => {
    expect(errorsOf("mineral,stage,country\nx,y,z")).toEqual([
      'supply-shares.csv line 1: The header must be exactly "mineral,stage,country_iso2,country_name,year,quantity,unit,share_pct,source_id,note" (it is "mineral,stage,country").',
    ]);
    expect(
      errorsOf(shipped.shares, {
        worldTotals:
          "mineral,stage,year,world_total,unit,source_id,note\nrare_earths,magnets,2019,0,t NdFeB,guess,",
      }),
    ).toEqual([
      'world-totals.csv line 2: World_total "0" is not a positive number; source_id "guess" is not in sources.csv.',
    ]);
    expect(
      errorsOf(`${HEADER}\nlithium,mining,AU,"Austr"alia,2024,1,t,100,usgs_mcs2025_lithium,`),
    ).toEqual(["supply-shares.csv line 2: Line 2: a closing quote must end the field."]);
  });
});
