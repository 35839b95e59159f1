/*
 * The IATI 2.03 codes the activity export uses, each from the official codelist named beside it (the
 * codelists are reference data: only the few codes used are copied here; docs/iati.md gives every code with
 * its reason, and tests/app/iati.test.ts checks each one against the codelist files, active and present).
 */
import type { Instrument } from "~/domain/pledges";
import type { Mineral, Segment } from "~/domain/projects/vocabulary";

/** The version attribute of iati-activities (codelist Version). */
export const IATI_VERSION = "2.03";

/** Codelist ActivityStatus. */
export const ACTIVITY_STATUS = {
  implementation: "2",
  finalisation: "3",
  closed: "4",
} as const;

/** Codelist ActivityDateType. */
export const ACTIVITY_DATE_TYPE = {
  plannedStart: "1",
  actualStart: "2",
  plannedEnd: "3",
  actualEnd: "4",
} as const;

/** Codelist TransactionType. */
export const TRANSACTION_TYPE = {
  outgoingCommitment: "2",
  disbursement: "3",
  outgoingPledge: "12",
} as const;

/** Codelist OrganisationRole. */
export const ORGANISATION_ROLE = { funding: "1", implementing: "4" } as const;

/** Codelist OrganisationType: every reporting and funding member of a partnership is a government. */
export const ORGANISATION_TYPE = { government: "10" } as const;

/** Codelist DescriptionType. */
export const DESCRIPTION_TYPE = { general: "1", other: "4" } as const;

/** Codelist BudgetType and BudgetStatus. */
export const BUDGET_TYPE = { original: "1" } as const;
export const BUDGET_STATUS = { indicative: "1", committed: "2" } as const;

/** Codelist SectorVocabulary: 1 = OECD DAC CRS purpose codes, 5 digits (the Sector codelist). */
export const SECTOR_VOCABULARY = "1";

/**
 * Codelist Sector (DAC 5-digit purpose codes):
 * 32264 Nonferrous metals, 32265 Precious metals/materials, 32266 Industrial minerals (mining, 322);
 * 32170 Non-ferrous metal industries, 32171 Engineering (manufacturing, 321).
 */
export const SECTOR = {
  nonferrousMetals: "32264",
  preciousMetals: "32265",
  industrialMinerals: "32266",
  nonferrousMetalIndustries: "32170",
  engineering: "32171",
} as const;

/** What a mine extracts, by mineral: every mineral Lodestone knows is a non-ferrous metal but two. */
export function miningSector(mineral: Mineral): string {
  if (mineral === "graphite") return SECTOR.industrialMinerals;
  if (mineral === "platinum-group") return SECTOR.preciousMetals;
  return SECTOR.nonferrousMetals;
}

/** The sector of the segments that are not mining (mining goes by mineral, above). */
export const SEGMENT_SECTOR: Record<Exclude<Segment, "mining">, string> = {
  refining: SECTOR.nonferrousMetalIndustries,
  recycling: SECTOR.nonferrousMetalIndustries,
  magnets: SECTOR.engineering,
};

/**
 * Codelist FinanceType, by pledge instrument: 110 Standard grant, 421 Standard loan, 510 Common equity,
 * 1100 Guarantees/insurance. An offtake agreement (a promise to buy output) is no financial instrument the
 * codelist names: its transactions carry no finance type.
 */
export const FINANCE_TYPE: Record<Instrument, string | null> = {
  grant: "110",
  loan: "421",
  equity: "510",
  guarantee: "1100",
  offtake: null,
};
