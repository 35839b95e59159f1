/*
 * The vocabulary of projects, shared by browser and server: segments, minerals, stages and statuses, each with
 * the labels people read. The database accepts the same values (projects_*_valid checks); every page, export
 * and picker takes its labels from here.
 */
export const SEGMENTS = ["mining", "refining", "magnets", "recycling"] as const;
export type Segment = (typeof SEGMENTS)[number];
export const SEGMENT_LABELS: Record<Segment, string> = {
  mining: "Mining",
  refining: "Refining and processing",
  magnets: "Permanent magnets",
  recycling: "Recycling",
};

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

export const MINERAL_LABELS: Record<Mineral, string> = {
  NdPr: "Neodymium-praseodymium (NdPr)",
  Dy: "Dysprosium (Dy)",
  Tb: "Terbium (Tb)",
  lithium: "Lithium",
  cobalt: "Cobalt",
  nickel: "Nickel",
  graphite: "Graphite",
  gallium: "Gallium",
  germanium: "Germanium",
  manganese: "Manganese",
  vanadium: "Vanadium",
  tungsten: "Tungsten",
  antimony: "Antimony",
  "platinum-group": "Platinum-group metals",
};
/** Short names for tables and cards. */
export const MINERAL_SHORT: Record<Mineral, string> = {
  ...MINERAL_LABELS,
  NdPr: "NdPr",
  Dy: "Dy",
  Tb: "Tb",
  "platinum-group": "PGM",
};

export const STAGES = ["concept", "feasibility", "construction", "production"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  concept: "Concept",
  feasibility: "Feasibility",
  construction: "Construction",
  production: "Production",
};

export const PROJECT_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "rejected",
  "completed",
  "cancelled",
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: "Draft",
  submitted: "Submitted for review",
  approved: "Approved",
  rejected: "Rejected",
  completed: "Completed",
  cancelled: "Cancelled",
};
