/*
 * zod's own messages, for a check whose schema gives none, as catalogue messages (ADR 090): translated where
 * they are shown, like every schema's message. Loaded once by each entry (browser and server) and by tests.
 */
import { z } from "zod";
import { msg } from "./message";

type Config = NonNullable<Parameters<typeof z.config>[0]>;
type Issue = Parameters<NonNullable<Config["customError"]>>[0];

function messageOf(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === ""
        ? msg("validation.required")
        : msg("validation.invalid");
    case "too_small":
      return issue.origin === "string"
        ? msg("validation.tooShort", { count: Number(issue.minimum), min: Number(issue.minimum) })
        : issue.origin === "array" || issue.origin === "set"
          ? msg("validation.tooFew", { count: Number(issue.minimum), min: Number(issue.minimum) })
          : msg("validation.tooSmall", { min: String(issue.minimum) });
    case "too_big":
      return issue.origin === "string"
        ? msg("validation.tooLong", { count: Number(issue.maximum), max: Number(issue.maximum) })
        : issue.origin === "array" || issue.origin === "set"
          ? msg("validation.tooMany", { count: Number(issue.maximum), max: Number(issue.maximum) })
          : msg("validation.tooBig", { max: String(issue.maximum) });
    case "invalid_format":
      return issue.format === "email" ? msg("validation.email") : msg("validation.invalid");
    case "invalid_value":
    case "invalid_union":
      return msg("validation.choose");
    default:
      return msg("validation.invalid");
  }
}

z.config({ customError: messageOf });
