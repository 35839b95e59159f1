/*
 * A project's capital stack, the arithmetic (pure, exact): funding sought against committed pledges, in the
 * project's currency and in the partnership's reporting currency, each converted currency rounded once. A
 * currency without a rate on or before the date is left out of a converted total and named, never guessed.
 */
import { convertMinor, convertMinorCross, rateOn, type FxRate } from "~/utils/fx";
import { toMinor } from "~/utils/money";

export interface CapitalStack {
  projectCurrency: string;
  reportingCurrency: string;
  /** Today as the database sees it: rates are the newest on or before this date. */
  onDate: string;
  soughtMinor: string | null;
  /** Committed pledges per currency, as pledged. */
  pledged: Array<{ currency: string; minor: string; count: number }>;
  pledgeCount: number;
  /** In the project's currency. */
  project: Totals;
  /** In the partnership's reporting currency (null when the project is in it already). */
  reporting: Totals | null;
  /** The rates used, one per converted currency. */
  rates: FxRate[];
  /** Currencies left out of a converted total for want of a rate, with what they hold. */
  missingRates: string[];
}

export interface Totals {
  currency: string;
  soughtMinor: string | null;
  committedMinor: string;
  /** sought − committed when positive, else 0. */
  gapMinor: string | null;
  /** committed − sought when positive, else 0. */
  surplusMinor: string | null;
  /** Whether every pledged currency could be converted into this one. */
  complete: boolean;
}

function totals(
  currency: string,
  sought: bigint | null,
  committed: bigint,
  complete: boolean,
): Totals {
  return {
    currency,
    soughtMinor: sought === null ? null : sought.toString(),
    committedMinor: committed.toString(),
    gapMinor: sought === null ? null : (sought > committed ? sought - committed : 0n).toString(),
    surplusMinor:
      sought === null ? null : (committed > sought ? committed - sought : 0n).toString(),
    complete,
  };
}

export interface StackInputs {
  projectCurrency: string;
  reportingCurrency: string;
  soughtMinor: string | null;
  pledged: Array<{ currency: string; minor: string; count: number }>;
  rates: FxRate[];
  onDate: string;
}

/** The arithmetic, on values already read (exact: one rounding per converted currency). */
export function computeCapitalStack(inputs: StackInputs): CapitalStack {
  const { projectCurrency, reportingCurrency, onDate } = inputs;
  const missing = new Set<string>();
  const used = new Map<string, FxRate>();
  /** Units of the reporting currency per unit of `currency`, or null when there is no rate. */
  const rateOf = (currency: string): string | null => {
    if (currency === reportingCurrency) return "1";
    const rate = rateOn(inputs.rates, currency, onDate);
    if (!rate) {
      missing.add(currency);
      return null;
    }
    used.set(currency, rate);
    return rate.rate;
  };

  let committedProject = 0n;
  let committedReporting = 0n;
  let projectComplete = true;
  let reportingComplete = true;
  for (const group of inputs.pledged) {
    const minor = toMinor(group.minor);
    const fromRate = rateOf(group.currency);
    const toProjectRate = rateOf(projectCurrency);
    if (group.currency === projectCurrency) committedProject += minor;
    else if (fromRate && toProjectRate) {
      committedProject += convertMinorCross(
        minor,
        group.currency,
        projectCurrency,
        fromRate,
        toProjectRate,
      );
    } else projectComplete = false;
    if (fromRate) {
      committedReporting += convertMinor(minor, group.currency, reportingCurrency, fromRate);
    } else reportingComplete = false;
  }
  const sought = inputs.soughtMinor === null ? null : toMinor(inputs.soughtMinor);
  let reporting: Totals | null = null;
  if (projectCurrency !== reportingCurrency) {
    const projectRate = rateOf(projectCurrency);
    const soughtReporting =
      sought !== null && projectRate
        ? convertMinor(sought, projectCurrency, reportingCurrency, projectRate)
        : null;
    reporting = totals(
      reportingCurrency,
      soughtReporting,
      committedReporting,
      reportingComplete && (sought === null || soughtReporting !== null),
    );
  }
  return {
    projectCurrency,
    reportingCurrency,
    onDate,
    soughtMinor: inputs.soughtMinor,
    pledged: inputs.pledged,
    pledgeCount: inputs.pledged.reduce((sum, group) => sum + group.count, 0),
    project: totals(projectCurrency, sought, committedProject, projectComplete),
    reporting,
    rates: [...used.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    missingRates: [...missing].sort(),
  };
}
