/*
 * The vocabulary of projects, shared by browser and server: segments, minerals, stages and statuses. The
 * database accepts the same values (projects_*_valid checks); the words people read for each are in the
 * catalogues (vocabulary.segment.<value>, vocabulary.mineral.<value>…, ADR 090).
 */
export const SEGMENTS = ["mining", "refining", "magnets", "recycling"] as const;
export type Segment = (typeof SEGMENTS)[number];

/** The minerals the schema accepts (projects_minerals_valid), in the order the picker shows them. */
export const MINERALS = [
  "NdPr",
  "Dy",
  "Tb",
  "lithium",
  "cobalt",
  "nickel",
  "graphite",
  "gallium",
  "germanium",
  "manganese",
  "vanadium",
  "tungsten",
  "antimony",
  "platinum-group",
] as const;
export type Mineral = (typeof MINERALS)[number];
/**
 * Minerals read as names in the reader's language ("Dysprosium", "Dysprosium", "ジスプロシウム"), with the
 * element symbol (or the usual abbreviation) in a tooltip: one style on every page (MineralName).
 */
export const MINERAL_SYMBOLS: Record<Mineral | "rare_earths" | "copper", string> = {
  NdPr: "NdPr",
  Dy: "Dy",
  Tb: "Tb",
  lithium: "Li",
  cobalt: "Co",
  nickel: "Ni",
  graphite: "C",
  gallium: "Ga",
  germanium: "Ge",
  manganese: "Mn",
  vanadium: "V",
  tungsten: "W",
  antimony: "Sb",
  "platinum-group": "PGM",
  rare_earths: "REE",
  copper: "Cu",
};

export const STAGES = ["concept", "feasibility", "construction", "production"] as const;
export type Stage = (typeof STAGES)[number];

export const PROJECT_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "rejected",
  "completed",
  "cancelled",
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
