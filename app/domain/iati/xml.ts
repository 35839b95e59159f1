/*
 * An IATI 2.03 activity file from the activities of ./activity.ts, elements in the order the schema's
 * sequences require (iati-activities-schema.xsd). Every value carries its currency and value date, every
 * narrative is in the activity's language (English: the project data is entered in English).
 */
import { element, xmlDocument, type XmlElement } from "~/utils/xml";
import type { IatiActivity, IatiFile, IatiOrg, IatiTransaction, IatiValue } from "./activity";
import { BUDGET_TYPE, IATI_VERSION, SECTOR_VOCABULARY } from "./codes";

const narrative = (text: string) => element("narrative", {}, text);

function valueElement(value: IatiValue): XmlElement {
  return element(
    "value",
    { currency: value.currency, "value-date": value.valueDate },
    value.amount,
  );
}

function orgElement(name: string, org: IatiOrg, extra: Record<string, string | null> = {}) {
  return element(name, { ref: org.ref, type: org.type, ...extra }, narrative(org.name));
}

function transactionElement(transaction: IatiTransaction): XmlElement {
  return element(
    "transaction",
    { ref: transaction.ref },
    element("transaction-type", { code: transaction.type }),
    element("transaction-date", { "iso-date": transaction.date }),
    valueElement(transaction.value),
    orgElement("provider-org", transaction.provider),
    transaction.receiver && orgElement("receiver-org", transaction.receiver),
    transaction.financeType && element("finance-type", { code: transaction.financeType }),
  );
}

export function activityElement(activity: IatiActivity): XmlElement {
  const { reportingOrg, budget } = activity;
  return element(
    "iati-activity",
    { "xml:lang": "en" },
    element("iati-identifier", {}, activity.identifier),
    orgElement("reporting-org", reportingOrg, {
      "secondary-reporter": reportingOrg.secondaryReporter ? "1" : "0",
    }),
    element("title", {}, narrative(activity.title)),
    ...activity.descriptions.map((description) =>
      element("description", { type: description.type }, narrative(description.text)),
    ),
    ...activity.participatingOrgs.map((org) =>
      orgElement("participating-org", org, { role: org.role, "activity-id": org.activityId }),
    ),
    element("activity-status", { code: activity.status }),
    ...activity.dates.map((date) =>
      element("activity-date", { type: date.type, "iso-date": date.isoDate }),
    ),
    activity.recipientCountry &&
      element("recipient-country", { code: activity.recipientCountry, percentage: "100" }),
    ...activity.sectors.map((sector) =>
      element("sector", {
        vocabulary: SECTOR_VOCABULARY,
        code: sector.code,
        percentage: sector.percentage,
      }),
    ),
    budget &&
      element(
        "budget",
        { type: BUDGET_TYPE.original, status: budget.status },
        element("period-start", { "iso-date": budget.periodStart }),
        element("period-end", { "iso-date": budget.periodEnd }),
        valueElement(budget.value),
      ),
    ...activity.transactions.map(transactionElement),
  );
}

/**
 * The whole file. `generatedAt` is the moment of the export (iati-activities/@generated-datetime). The
 * projects left out are named in a comment at the top, for the person who reads the file.
 */
export function iatiXml(file: IatiFile, generatedAt: Date): string {
  const comments = file.leftOut.length
    ? [
        // i18n-exempt: a comment in the XML file for whoever reads it, in the file's language (English).
        `Not reported, because the government that would report them has no IATI organisation identifier: ${file.leftOut
          .map((left) => `${left.projectName} (${left.governmentName})`)
          .join("; ")}.`,
      ]
    : [];
  return xmlDocument(
    element(
      "iati-activities",
      {
        version: IATI_VERSION,
        "generated-datetime": generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
      },
      ...file.activities.map(activityElement),
    ),
    comments,
  );
}
