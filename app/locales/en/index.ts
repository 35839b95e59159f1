/*
 * The English catalogue: the reference every other catalogue follows (ADR 090). One module per area, each
 * exporting its namespaces; keys are "namespace.name". app/locales/catalogue.ts puts them together the same way
 * for every language, and tests/unit/i18n-catalogues.test.ts fails when French or Japanese lacks a key English has.
 */
import { catalogueOf } from "../catalogue";
import * as common from "./common";
import * as auth from "./auth";
import * as billing from "./billing";
import * as input from "./input";
import * as board from "./board";
import * as people from "./people";
import * as pledges from "./pledges";
import * as project from "./project";
import * as projects from "./projects";
import * as sharing from "./sharing";
import * as supply from "./supply";
import * as resilience from "./resilience";
import * as fxRates from "./fx-rates";
import * as refusals from "./refusals";
import * as timeline from "./timeline";
import * as transparency from "./transparency";
import * as vocabulary from "./vocabulary";
import * as collaboration from "./collaboration";
import * as technology from "./technology";
import * as everyday from "./everyday";
import * as portfolio from "./portfolio";

// A few modules to a line (prettier would give each its own line, and the three files the same 21 lines).
// prettier-ignore
export const en = catalogueOf(
  common, auth, billing, input, board, people, pledges, project, projects, sharing, supply,
  resilience, fxRates, refusals, timeline, transparency, vocabulary, collaboration, technology,
  everyday, portfolio
);

export type Catalogue = typeof en;
