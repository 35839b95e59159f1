/*
 * The co-funding rule engine (ADR 030). Pure: it takes one project's pledges with their amounts already in
 * the reporting currency's minor units and says, for each pledge, how much of it counts as committed,
 * triggered or pending, and the project's totals. No floats, no database, no clock.
 *
 * Rules (shapes in ADR 011):
 * - min_other_members {n}: holds when at least n OTHER governments have money counting on the project
 *   (committed, or a triggered part greater than zero);
 * - min_cofunding {amount}: holds when OTHER governments' counting money reaches the amount;
 * - match {ratio numerator:denominator, cap}: counts min(amount, cap, floor(base × numerator ÷ denominator))
 *   where base is other governments' counting money that is not itself a match (so matches never feed
 *   each other); the rest of the pledge is pending.
 *
 * Mutual conditions resolve to the LEAST fixed point: start with every conditional pledge pending, flip
 * whatever holds given the money already counting, repeat until nothing changes. Two governments each
 * conditional only on the other both stay pending (flagged `waitsOnEachOther`) until unconditional money
 * satisfies one of them. The loop ends after at most (number of threshold pledges + 2) rounds.
 */

export const LIVE_STATUSES = ["committed", "disbursing", "fulfilled"] as const;
export type PledgeStatus = "draft" | "committed" | "disbursing" | "fulfilled" | "withdrawn";

/** A rule with every amount in minor units of the reporting currency. */
export type EngineRule =
  | { kind: "min_other_members"; n: number }
  | { kind: "min_cofunding"; amountMinor: bigint }
  | { kind: "match"; numerator: bigint; denominator: bigint; capMinor: bigint };

export interface EnginePledge {
  id: string;
  memberId: string;
  status: PledgeStatus;
  /** The pledge's amount in minor units of the reporting currency (≥ 0). */
  amount: bigint;
  rule: EngineRule | null;
}

export type EffectiveState = "committed" | "triggered" | "pending" | "draft" | "withdrawn";

export interface PledgeEvaluation {
  id: string;
  state: EffectiveState;
  /** The part that counts: all of a committed or triggered pledge, the matched part of a match. */
  counting: bigint;
  /** The part still waiting on its rule (0 unless conditional). */
  pending: bigint;
  /** Pending only because of a cycle: it would hold if the pledges it waits on held too. */
  waitsOnEachOther: boolean;
  /** What the rule measured at the fixed point (other governments counting, their money, the match base). */
  measured: { otherMembers: number; otherMoney: bigint; matchBase: bigint } | null;
}

export interface CofundingTotals {
  /** Unconditional live pledges. */
  committed: bigint;
  /** The counting parts of conditional live pledges whose rule holds. */
  triggered: bigint;
  /** The parts of conditional live pledges still waiting. */
  pending: bigint;
  /** committed + triggered + pending: every live pledge in full. */
  pledged: bigint;
  /** Drafts the caller can see (only a government's own). Not in any other total. */
  drafts: bigint;
}

export interface CofundingResult {
  pledges: PledgeEvaluation[];
  totals: CofundingTotals;
  /** Rounds the least-fixed-point loop took (for the termination property). */
  rounds: number;
}

export function isLive(status: PledgeStatus): boolean {
  return (LIVE_STATUSES as readonly string[]).includes(status);
}

const isThreshold = (rule: EngineRule | null) =>
  rule !== null && (rule.kind === "min_other_members" || rule.kind === "min_cofunding");

interface Fixpoint {
  triggered: Set<string>;
  matched: Map<string, bigint>;
  rounds: number;
}

/** One project's pledges → the state of each and the totals. */
export function evaluateCofunding(pledges: ReadonlyArray<EnginePledge>): CofundingResult {
  for (const pledge of pledges) {
    if (pledge.amount < 0n) throw new RangeError(`Pledge ${pledge.id} has a negative amount.`);
  }
  const live = pledges.filter((pledge) => isLive(pledge.status));
  const least = solve(live, "least");
  const greatest = solve(live, "greatest");

  const countingOf = (pledge: EnginePledge, point: Fixpoint) => {
    if (pledge.rule === null) return pledge.amount;
    if (pledge.rule.kind === "match") return point.matched.get(pledge.id) ?? 0n;
    return point.triggered.has(pledge.id) ? pledge.amount : 0n;
  };

  const evaluations = pledges.map((pledge): PledgeEvaluation => {
    if (pledge.status === "draft" || pledge.status === "withdrawn") {
      return {
        id: pledge.id,
        state: pledge.status,
        counting: 0n,
        pending: 0n,
        waitsOnEachOther: false,
        measured: null,
      };
    }
    const counting = countingOf(pledge, least);
    if (pledge.rule === null) {
      return {
        id: pledge.id,
        state: "committed",
        counting,
        pending: 0n,
        waitsOnEachOther: false,
        measured: null,
      };
    }
    const wouldCount = countingOf(pledge, greatest);
    return {
      id: pledge.id,
      state: counting > 0n ? "triggered" : "pending",
      counting,
      pending: pledge.amount - counting,
      waitsOnEachOther: wouldCount > counting,
      measured: measure(pledge, live, (other) => countingOf(other, least)),
    };
  });

  const totals: CofundingTotals = {
    committed: 0n,
    triggered: 0n,
    pending: 0n,
    pledged: 0n,
    drafts: 0n,
  };
  pledges.forEach((pledge, index) => {
    const evaluation = evaluations[index];
    if (!evaluation) return;
    if (evaluation.state === "draft") totals.drafts += pledge.amount;
    if (evaluation.state === "committed") totals.committed += evaluation.counting;
    if (evaluation.state === "triggered" || evaluation.state === "pending") {
      totals.triggered += evaluation.counting;
      totals.pending += evaluation.pending;
    }
  });
  totals.pledged = totals.committed + totals.triggered + totals.pending;
  return { pledges: evaluations, totals, rounds: least.rounds };
}

function measure(
  pledge: EnginePledge,
  live: ReadonlyArray<EnginePledge>,
  counting: (other: EnginePledge) => bigint,
) {
  const members = new Set<string>();
  let otherMoney = 0n;
  let matchBase = 0n;
  for (const other of live) {
    if (other.memberId === pledge.memberId) continue;
    const amount = counting(other);
    if (amount > 0n) members.add(other.memberId);
    otherMoney += amount;
    if (other.rule?.kind !== "match") matchBase += amount;
  }
  return { otherMembers: members.size, otherMoney, matchBase };
}

function matchedAmount(pledge: EnginePledge, base: bigint): bigint {
  if (pledge.rule?.kind !== "match") return 0n;
  const { numerator, denominator, capMinor } = pledge.rule;
  const proportional = (base * numerator) / denominator; // rounds down: never promises more than the rule
  let result = proportional < capMinor ? proportional : capMinor;
  if (result > pledge.amount) result = pledge.amount;
  return result < 0n ? 0n : result;
}

function holds(pledge: EnginePledge, measured: ReturnType<typeof measure>): boolean {
  if (pledge.rule?.kind === "min_other_members") return measured.otherMembers >= pledge.rule.n;
  if (pledge.rule?.kind === "min_cofunding") return measured.otherMoney >= pledge.rule.amountMinor;
  return false;
}

/**
 * Monotone iteration. "least": start with every threshold pending and flip those that hold (never back).
 * "greatest": start with every threshold holding and drop those that fail (never back). Match amounts are
 * recomputed each round from the non-match money counting at the start of the round.
 */
function solve(live: ReadonlyArray<EnginePledge>, direction: "least" | "greatest"): Fixpoint {
  const thresholds = live.filter((pledge) => isThreshold(pledge.rule));
  const triggered = new Set<string>(
    direction === "greatest" ? thresholds.map((pledge) => pledge.id) : [],
  );
  const matched = new Map<string, bigint>();
  const limit = thresholds.length + 2;
  let rounds = 0;
  for (;;) {
    rounds += 1;
    if (rounds > limit + 1) throw new Error("The co-funding rules did not settle (engine bug).");
    const counting = (pledge: EnginePledge): bigint => {
      if (pledge.rule === null) return pledge.amount;
      if (pledge.rule.kind === "match") return matched.get(pledge.id) ?? 0n;
      return triggered.has(pledge.id) ? pledge.amount : 0n;
    };
    let changed = false;
    // Matches first, from the money counting now (thresholds as they stand at the start of the round).
    const nextMatched = new Map<string, bigint>();
    for (const pledge of live) {
      if (pledge.rule?.kind !== "match") continue;
      nextMatched.set(pledge.id, matchedAmount(pledge, measure(pledge, live, counting).matchBase));
    }
    for (const [id, amount] of nextMatched) {
      if (matched.get(id) !== amount) changed = true;
      matched.set(id, amount);
    }
    const flips: string[] = [];
    for (const pledge of thresholds) {
      const now = holds(pledge, measure(pledge, live, counting));
      if (direction === "least" && now && !triggered.has(pledge.id)) flips.push(pledge.id);
      if (direction === "greatest" && !now && triggered.has(pledge.id)) flips.push(pledge.id);
    }
    for (const id of flips) {
      if (direction === "least") triggered.add(id);
      else triggered.delete(id);
      changed = true;
    }
    if (!changed) return { triggered, matched, rounds };
  }
}
