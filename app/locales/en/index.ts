/*
 * The English catalogue: the reference every other catalogue follows (ADR 090). One module per area; keys are
 * "area.name". tests/unit/i18n-catalogues.test.ts fails when French or Japanese lacks a key English has.
 */
import { common, errors, nav, validation } from "./common";
import { auth, mail } from "./auth";
import { billing } from "./billing";
import { people } from "./people";
import { vocabulary } from "./vocabulary";

export const en = { common, nav, errors, validation, vocabulary, auth, mail, people, billing };

export type Catalogue = typeof en;
