/*
 * What a person (or a client) is told when input is refused before anything else looks at it: a body that is
 * not a form, a NUL character, a value no column can hold, an address that names nothing. One table, shared by
 * browser and server, so the refusals read alike everywhere and are translated in one place. The sentences of a
 * refused operation are in app/domain/refusals.ts; a form's own messages stay beside its schema.
 */

export const INPUT_MESSAGES = {
  /* The body (app/forms/parse.server.ts). */
  notAForm:
    "Send this as a web form (application/x-www-form-urlencoded or multipart/form-data): nothing was saved.",
  brokenForm: "The form could not be read: its body is not a well-formed form. Nothing was saved.",
  nulInValue: "Remove the NUL character (\\0): no field accepts it.",
  nulInName:
    "A field's name contains a NUL character (\\0), which no form of Lodestone has. Nothing was saved.",

  /* Values (app/forms/values.ts). */
  chooseFromList: "Choose one from the list.",
  dateFormat: "Enter the date as YYYY-MM-DD, for example 2027-03-31.",
  dateExists: "That date does not exist: check the day and the month.",
  dateRange: "Enter a date between 1 Jan 1900 and 31 Dec 2199.",
  wholeNumber: "Enter a whole number.",
  wholeNumberRange: (min: number, max: number) =>
    `Enter a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}.`,
  version: "This form is out of date or damaged: reload the page and make the change again.",
  amountPositive: "Enter an amount greater than zero.",
  amountTooLarge: "That amount is too large.",
  tooLong: (max: number) => `Keep it under ${max.toLocaleString("en-GB")} characters.`,
  emailTooLong: "An e-mail address has at most 254 characters.",
  returnPath:
    "The address to return to after this form is malformed: open the page again from Lodestone's menu.",
  resetTokenMissing: "This address has no reset token.",
  resetTokenMalformed: "This reset link is malformed: ask for a new one.",

  /* Pages with several forms, told apart by `intent` (a browser always sends one of theirs). */
  chooseAction: "Choose what to do.",
  choosePaymentAction: "Choose whether to record a transfer or issue an invoice.",
  chooseWorldTotalAction: "Choose whether to save or remove the world total.",
  chooseRatesAction: "Choose what to do: add a rate or upload a file.",

  /* Addresses (app/forms/params.server.ts). */
  notFound: "Not found: this address names nothing in Lodestone.",

  /* The database's last word (app/db/errors.ts): a value got past the forms and no column could hold it. */
  valueNotStorable: (detail: string) =>
    `A value in the request cannot be stored (${detail}). Nothing was saved: check the form and send it again.`,
} as const;
