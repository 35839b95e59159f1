/*
 * What a person (or a client) is told when input is refused before anything else looks at it: a body that is
 * not a form, a NUL character, a value no column can hold, an address that names nothing. One table, shared by
 * browser and server, so the refusals read alike everywhere. Each is a catalogue message (ADR 090; the words
 * are in app/locales/<language>/input.ts), translated where it is shown. The sentences of a refused operation
 * are in app/domain/refusals.ts; a form's own messages stay beside its schema.
 */
import { dayValue, msg } from "~/i18n/message";

export const INPUT_MESSAGES = {
  /* The body (app/forms/parse.server.ts). */
  notAForm: msg("input.notAForm"),
  brokenForm: msg("input.brokenForm"),
  nulInValue: msg("input.nulInValue"),
  nulInName: msg("input.nulInName"),

  /* Values (app/forms/values.ts). */
  chooseFromList: msg("input.chooseFromList"),
  dateFormat: msg("input.dateFormat"),
  dateExists: msg("input.dateExists"),
  /* The bounds are DATE_RANGE's (./values.ts, which imports this table). */
  dateRange: msg("input.dateRange", {
    min: dayValue("1900-01-01"),
    max: dayValue("2199-12-31"),
  }),
  wholeNumber: msg("input.wholeNumber"),
  wholeNumberRange: (min: number, max: number) => msg("input.wholeNumberRange", { min, max }),
  version: msg("input.version"),
  amountPositive: msg("money.positive"),
  amountTooLarge: msg("money.tooLarge"),
  tooLong: (max: number) => msg("validation.tooLong", { count: max, max }),
  emailTooLong: msg("input.emailTooLong"),
  returnPath: msg("input.returnPath"),
  resetTokenMissing: msg("input.resetTokenMissing"),
  resetTokenMalformed: msg("input.resetTokenMalformed"),

  /* Pages with several forms, told apart by `intent` (a browser always sends one of theirs). */
  chooseAction: msg("input.chooseAction"),
  choosePaymentAction: msg("input.choosePaymentAction"),
  chooseWorldTotalAction: msg("input.chooseWorldTotalAction"),
  chooseRatesAction: msg("input.chooseRatesAction"),

  /* Addresses (app/forms/params.server.ts). */
  notFound: msg("input.notFound"),

  /* The database's last word (app/db/errors.ts): a value got past the forms and no column could hold it. The
     detail is Postgres's own (English) words about the value, shown as they are. */
  valueNotStorable: (detail: string) => msg("input.valueNotStorable", { detail }),
} as const;
