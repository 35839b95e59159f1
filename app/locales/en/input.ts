/* Input refused before anything else looks at it (app/forms/messages.ts, ADR 067): bodies, values, addresses. */
export const input = {
  notAForm:
    "Send this as a web form (application/x-www-form-urlencoded or multipart/form-data): nothing was saved.",
  brokenForm: "The form could not be read: its body is not a well-formed form. Nothing was saved.",
  nulInValue: "Remove the NUL character (\\0): no field accepts it.",
  nulInName:
    "A field’s name contains a NUL character (\\0), which no form of Lodestone has. Nothing was saved.",
  chooseFromList: "Choose one from the list.",
  dateFormat: "Enter the date as YYYY-MM-DD, for example 2027-03-31.",
  dateExists: "That date does not exist: check the day and the month.",
  dateRange: "Enter a date between {{min}} and {{max}}.",
  wholeNumber: "Enter a whole number.",
  wholeNumberRange: "Enter a whole number from {{min, number}} to {{max, number}}.",
  version: "This form is out of date or damaged: reload the page and make the change again.",
  emailTooLong: "An e-mail address has at most 254 characters.",
  returnPath:
    "The address to return to after this form is malformed: open the page again from Lodestone’s menu.",
  resetTokenMissing: "This address has no reset token.",
  resetTokenMalformed: "This reset link is malformed: ask for a new one.",
  chooseAction: "Choose what to do.",
  choosePaymentAction: "Choose whether to record a transfer or issue an invoice.",
  chooseWorldTotalAction: "Choose whether to save or remove the world total.",
  chooseRatesAction: "Choose what to do: add a rate or upload a file.",
  notFound: "Not found: this address names nothing in Lodestone.",
  valueNotStorable:
    "A value in the request cannot be stored ({{detail}}). Nothing was saved: check the form and send it again.",
};
