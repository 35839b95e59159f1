/*
 * IATI 2.03 activities from a partnership's projects, as plain data (docs/iati.md has the mapping field by
 * field, with the reasons; ADRs 130–134). Pure: the model reads the rows under the viewer's row-level security
 * and evaluates the co-funding rules; this decides what each activity says. ./xml.ts writes the XML.
 *
 * Two scopes (ADR 131):
 * - "partnership": one activity per approved or completed project, reported under the identifier of the
 *   government that registered it, with every pledge the viewer may see. The file compiles several
 *   governments' money, so each activity is flagged as from a secondary reporter: aggregators count each
 *   government's own file instead, and never twice.
 * - "government": one activity per project the government has a live pledge on, reported under its own
 *   identifier, with its own pledges only: the file a government publishes to the IATI Registry.
 */
import { countryName, isCountryCode } from "~/domain/countries";
import type { Instrument } from "~/domain/pledges";
import type { Mineral, Segment, Stage } from "~/domain/projects/vocabulary";
import { vocabulary as english } from "~/locales/en/vocabulary";
import { allocate, toDecimalString } from "~/utils/money";
import {
  ACTIVITY_DATE_TYPE,
  ACTIVITY_STATUS,
  BUDGET_STATUS,
  DESCRIPTION_TYPE,
  FINANCE_TYPE,
  miningSector,
  ORGANISATION_ROLE,
  ORGANISATION_TYPE,
  SEGMENT_SECTOR,
  TRANSACTION_TYPE,
} from "./codes";

/* What the model hands over ------------------------------------------------------------------------ */

export interface IatiGovernment {
  id: string;
  name: string;
  /** The IATI organisation identifier (members.iati_org_ref), null until the secretariat records it. */
  orgRef: string | null;
}

export interface IatiPayment {
  id: string;
  amountMinor: bigint;
  /** 'YYYY-MM-DD' (UTC) */
  paidOn: string;
}

export interface IatiPledge {
  id: string;
  memberId: string;
  instrument: Instrument;
  status: "committed" | "disbursing" | "fulfilled";
  amountMinor: bigint;
  currency: string;
  /** 'YYYY-MM-DD' (UTC): the day the pledge was committed. */
  committedOn: string;
  /** The part of the amount that is firm (no condition, or its condition holds) and the part still waiting. */
  firmMinor: bigint;
  conditionalMinor: bigint;
  /**
   * The amount in the reporting currency at the day's rates, and the date of the rate used (null when the
   * pledge is in the reporting currency); null when its currency has no rate.
   */
  reporting: { minor: bigint; rateDate: string | null } | null;
  payments: IatiPayment[];
}

/** Dates from the project's milestones ('YYYY-MM-DD'); cancelled milestones count for none. */
export interface MilestoneDates {
  /** The earliest and latest due date. */
  plannedStart: string | null;
  plannedEnd: string | null;
  /** The first and last day a milestone was completed. */
  actualStart: string | null;
  actualEnd: string | null;
}

export interface IatiProject {
  id: string;
  name: string;
  segment: Segment;
  minerals: Mineral[];
  stage: Stage;
  hostCountry: string;
  status: "approved" | "completed";
  esgNotes: string | null;
  /** 'YYYY-MM-DD': the day the project was registered (the planned start when no milestone has a date). */
  registeredOn: string;
  registeringMemberId: string;
  sponsorName: string | null;
  dates: MilestoneDates;
  /** Its live pledges the viewer may see, each evaluated over all of them. */
  pledges: IatiPledge[];
}

export interface IatiPortfolio {
  partnershipName: string;
  reportingCurrency: string;
  governments: ReadonlyMap<string, IatiGovernment>;
  projects: IatiProject[];
}

export type IatiScope = { kind: "partnership" } | { kind: "government"; memberId: string };

/* What an activity says ---------------------------------------------------------------------------- */

export interface IatiValue {
  /** An exact decimal string in major units ("1250000.50", "3000000000" for yen). */
  amount: string;
  currency: string;
  valueDate: string;
}

export interface IatiOrg {
  ref: string | null;
  type: string | null;
  name: string;
}

export interface IatiTransaction {
  ref: string;
  type: string;
  date: string;
  value: IatiValue;
  provider: IatiOrg;
  receiver: IatiOrg | null;
  financeType: string | null;
}

export interface IatiActivity {
  identifier: string;
  reportingOrg: IatiOrg & { ref: string; secondaryReporter: boolean };
  title: string;
  descriptions: Array<{ type: string; text: string }>;
  participatingOrgs: Array<IatiOrg & { role: string; activityId: string | null }>;
  status: string;
  dates: Array<{ type: string; isoDate: string }>;
  recipientCountry: string | null;
  sectors: Array<{ code: string; percentage: string }>;
  budget: { status: string; periodStart: string; periodEnd: string; value: IatiValue } | null;
  transactions: IatiTransaction[];
}

export interface IatiFile {
  activities: IatiActivity[];
  /** Projects left out because the government that would report them has no IATI identifier. */
  leftOut: Array<{ projectName: string; governmentName: string }>;
}

/* Rules --------------------------------------------------------------------------------------------- */

/**
 * The firm and conditional parts of a pledge, in its own currency, from the co-funding evaluation (whose
 * parts are in the reporting currency): an unconditional pledge is firm whatever the rates; a conditional
 * one is firm where its rule holds (a match in part, split in the same proportion), and wholly conditional
 * while its rule waits or cannot be evaluated (no rate for its currency).
 */
export function firmAndConditional(
  amountMinor: bigint,
  hasRule: boolean,
  evaluation: { state: string; counting: bigint | null; pending: bigint | null },
): { firmMinor: bigint; conditionalMinor: bigint } {
  if (!hasRule) return { firmMinor: amountMinor, conditionalMinor: 0n };
  const counting = evaluation.counting ?? 0n;
  const pending = evaluation.pending ?? 0n;
  if (evaluation.state !== "triggered" || counting <= 0n) {
    return { firmMinor: 0n, conditionalMinor: amountMinor };
  }
  if (pending <= 0n) return { firmMinor: amountMinor, conditionalMinor: 0n };
  const [firmMinor = 0n, conditionalMinor = 0n] = allocate(amountMinor, [counting, pending]);
  return { firmMinor, conditionalMinor };
}

/** Sector shares: a mine by mineral (each mineral an equal share), any other segment one sector. */
export function sectorsOf(
  segment: Segment,
  minerals: ReadonlyArray<Mineral>,
): Array<{ code: string; percentage: string }> {
  if (segment !== "mining") return [{ code: SEGMENT_SECTOR[segment], percentage: "100" }];
  const counts = new Map<string, bigint>();
  for (const mineral of minerals) {
    const code = miningSector(mineral);
    counts.set(code, (counts.get(code) ?? 0n) + 1n);
  }
  const codes = [...counts.keys()].sort();
  const hundredths = allocate(
    10000n,
    codes.map((code) => counts.get(code) ?? 0n),
  );
  return codes.map((code, index) => ({
    code,
    percentage: percentageOf(hundredths[index] ?? 0n),
  }));
}

function percentageOf(hundredths: bigint): string {
  const whole = hundredths / 100n;
  const rest = hundredths % 100n;
  return rest === 0n ? whole.toString() : `${whole}.${rest.toString().padStart(2, "0")}`;
}

/** Approved: implementation; completed: finalisation while money is still owed, closed once all is paid. */
export function activityStatusOf(project: Pick<IatiProject, "status">, pledges: IatiPledge[]) {
  if (project.status === "approved") return ACTIVITY_STATUS.implementation;
  return pledges.some((pledge) => pledge.status !== "fulfilled")
    ? ACTIVITY_STATUS.finalisation
    : ACTIVITY_STATUS.closed;
}

/** Planned start and end from the milestones' due dates, actual start and (once completed) end. */
export function activityDatesOf(
  project: Pick<IatiProject, "status" | "dates" | "registeredOn">,
): Array<{ type: string; isoDate: string }> {
  const { plannedStart, plannedEnd, actualStart, actualEnd } = project.dates;
  const start = plannedStart ?? project.registeredOn;
  const dates: Array<{ type: string; isoDate: string } | null> = [
    { type: ACTIVITY_DATE_TYPE.plannedStart, isoDate: start },
    actualStart ? { type: ACTIVITY_DATE_TYPE.actualStart, isoDate: actualStart } : null,
    plannedEnd && plannedEnd >= start
      ? { type: ACTIVITY_DATE_TYPE.plannedEnd, isoDate: plannedEnd }
      : null,
    project.status === "completed" && actualEnd
      ? { type: ACTIVITY_DATE_TYPE.actualEnd, isoDate: actualEnd }
      : null,
  ];
  return dates.filter((date): date is { type: string; isoDate: string } => date !== null);
}

/**
 * One budget over the planned period: the activity's pledges in full, exact in their currency when they share
 * one, otherwise in the reporting currency at the day's rates. Committed when every part is firm. None
 * without pledges, without a planned period, or when a currency has no rate.
 */
export function budgetOf(
  project: Pick<IatiProject, "dates">,
  pledges: IatiPledge[],
  reportingCurrency: string,
): IatiActivity["budget"] {
  const { plannedStart, plannedEnd } = project.dates;
  if (pledges.length === 0 || !plannedStart || !plannedEnd || plannedStart >= plannedEnd)
    return null;
  const status = pledges.every((pledge) => pledge.conditionalMinor === 0n)
    ? BUDGET_STATUS.committed
    : BUDGET_STATUS.indicative;
  const currencies = new Set(pledges.map((pledge) => pledge.currency));
  const [only] = currencies;
  if (currencies.size === 1 && only) {
    const total = pledges.reduce((sum, pledge) => sum + pledge.amountMinor, 0n);
    const value = { amount: toDecimalString(total, only), currency: only, valueDate: plannedStart };
    return { status, periodStart: plannedStart, periodEnd: plannedEnd, value };
  }
  if (pledges.some((pledge) => pledge.reporting === null)) return null;
  const total = pledges.reduce((sum, pledge) => sum + (pledge.reporting?.minor ?? 0n), 0n);
  // The newest rate used; a pledge already in the reporting currency used none.
  const rateDates = pledges.map((pledge) => pledge.reporting?.rateDate ?? null);
  const valueDate =
    rateDates
      .filter((date): date is string => date !== null)
      .sort()
      .at(-1) ?? plannedStart;
  return {
    status,
    periodStart: plannedStart,
    periodEnd: plannedEnd,
    value: {
      amount: toDecimalString(total, reportingCurrency),
      currency: reportingCurrency,
      valueDate,
    },
  };
}

function governmentOrg(government: IatiGovernment): IatiOrg {
  return { ref: government.orgRef, type: ORGANISATION_TYPE.government, name: government.name };
}

/** A pledge's transactions: its firm part as a commitment, its conditional part as a pledge, its payments. */
export function transactionsOf(
  pledge: IatiPledge,
  government: IatiGovernment,
  sponsorName: string | null,
): IatiTransaction[] {
  const value = (minor: bigint, date: string): IatiValue => ({
    amount: toDecimalString(minor, pledge.currency),
    currency: pledge.currency,
    valueDate: date,
  });
  const common = {
    provider: governmentOrg(government),
    receiver: sponsorName ? { ref: null, type: null, name: sponsorName } : null,
    financeType: FINANCE_TYPE[pledge.instrument],
  };
  const promised = [
    { type: TRANSACTION_TYPE.outgoingCommitment, minor: pledge.firmMinor },
    { type: TRANSACTION_TYPE.outgoingPledge, minor: pledge.conditionalMinor },
  ]
    .filter((part) => part.minor > 0n)
    .map((part) => ({
      ref: pledge.id,
      type: part.type,
      date: pledge.committedOn,
      value: value(part.minor, pledge.committedOn),
      ...common,
    }));
  const paid = [...pledge.payments]
    .sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.id.localeCompare(b.id))
    .map((payment) => ({
      ref: payment.id,
      type: TRANSACTION_TYPE.disbursement,
      date: payment.paidOn,
      value: value(payment.amountMinor, payment.paidOn),
      ...common,
    }));
  return [...promised, ...paid];
}

/*
 * The activity's description narrative, in English (the file's xml:lang, docs/iati.md): IATI content is data
 * read by portals in the reporting organisation's language, not a page in the reader's (ADR 093); its words
 * are the English catalogue's, as the CSV exports' are.
 */
function descriptionOf(project: IatiProject, partnershipName: string): string {
  const minerals = project.minerals.map((mineral) => english.mineral[mineral]).join(", ");
  return [
    `Segment: ${english.segment[project.segment]}.`,
    `Minerals: ${minerals}.`,
    `Stage: ${english.stage[project.stage]}.`,
    // i18n-exempt: IATI narrative in the file's language (see descriptionOf).
    `Host country: ${countryName(project.hostCountry)}.`,
    `Partnership: ${partnershipName}.`,
  ].join(" ");
}

/* Activities ---------------------------------------------------------------------------------------- */

function activityOf(
  project: IatiProject,
  pledges: IatiPledge[],
  reporter: IatiGovernment & { orgRef: string },
  portfolio: IatiPortfolio,
  secondaryReporter: boolean,
): IatiActivity {
  const identifier = `${reporter.orgRef}-${project.id}`;
  const government = (id: string): IatiGovernment =>
    portfolio.governments.get(id) ?? { id, name: id, orgRef: null };
  const funders = [...new Set(pledges.map((pledge) => pledge.memberId))]
    .map(government)
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  const esg = project.esgNotes?.trim();
  const descriptions: Array<{ type: string; text: string } | null> = [
    { type: DESCRIPTION_TYPE.general, text: descriptionOf(project, portfolio.partnershipName) },
    esg ? { type: DESCRIPTION_TYPE.other, text: esg } : null,
  ];
  return {
    identifier,
    reportingOrg: { ...governmentOrg(reporter), ref: reporter.orgRef, secondaryReporter },
    title: project.name,
    descriptions: descriptions.filter(
      (description): description is { type: string; text: string } => description !== null,
    ),
    participatingOrgs: [
      ...funders.map((funder) => {
        const theirs = funder.orgRef ? `${funder.orgRef}-${project.id}` : null;
        return {
          ...governmentOrg(funder),
          role: ORGANISATION_ROLE.funding,
          activityId: theirs === identifier ? null : theirs,
        };
      }),
      ...(project.sponsorName
        ? [
            {
              ref: null,
              type: null,
              name: project.sponsorName,
              role: ORGANISATION_ROLE.implementing,
              activityId: null,
            },
          ]
        : []),
    ],
    status: activityStatusOf(project, pledges),
    dates: activityDatesOf(project),
    recipientCountry: isCountryCode(project.hostCountry) ? project.hostCountry : null,
    sectors: sectorsOf(project.segment, project.minerals),
    budget: budgetOf(project, pledges, portfolio.reportingCurrency),
    transactions: [...pledges]
      .sort((a, b) => a.committedOn.localeCompare(b.committedOn) || a.id.localeCompare(b.id))
      .flatMap((pledge) =>
        transactionsOf(pledge, government(pledge.memberId), project.sponsorName),
      ),
  };
}

/** The activities of `scope`, in project-name order, and the projects left out for want of an identifier. */
export function buildIatiActivities(portfolio: IatiPortfolio, scope: IatiScope): IatiFile {
  const file: IatiFile = { activities: [], leftOut: [] };
  const projects = [...portfolio.projects].sort(
    (a, b) => a.name.localeCompare(b.name, "en") || a.id.localeCompare(b.id),
  );
  for (const project of projects) {
    const reporterId = scope.kind === "government" ? scope.memberId : project.registeringMemberId;
    const pledges =
      scope.kind === "government"
        ? project.pledges.filter((pledge) => pledge.memberId === scope.memberId)
        : project.pledges;
    if (scope.kind === "government" && pledges.length === 0) continue;
    const reporter = portfolio.governments.get(reporterId);
    if (!reporter?.orgRef) {
      file.leftOut.push({
        projectName: project.name,
        governmentName: reporter?.name ?? reporterId,
      });
      continue;
    }
    file.activities.push(
      activityOf(
        project,
        pledges,
        { ...reporter, orgRef: reporter.orgRef },
        portfolio,
        scope.kind === "partnership",
      ),
    );
  }
  return file;
}
