/* The Japanese catalogue: the same keys as the English one (ADR 090 has the glossary). */
import { common, errors, nav, validation } from "./common";
import { auth, mail } from "./auth";
import { billing } from "./billing";
import { people } from "./people";
import { vocabulary } from "./vocabulary";

export const ja = { common, nav, errors, validation, vocabulary, auth, mail, people, billing };
