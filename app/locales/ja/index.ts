/* The Japanese catalogue: the same keys as the English one (ADR 090 has the glossary). */
import { common, errors, nav, validation } from "./common";
import { vocabulary } from "./vocabulary";

export const ja = { common, nav, errors, validation, vocabulary };
