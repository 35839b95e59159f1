/*
 * A project's capital stack as the member sees it: the pledges that count towards it (as far as row-level
 * security lets the member see them) and the partnership's newest FX rates on or before the day asked for;
 * the arithmetic is app/domain/capital-stack.ts. What counts is what the co-funding engine says counts, so
 * the stack agrees with the project's Pledges tab: committed pledges, and conditional ones only for the part
 * their rule has triggered.
 */
import type { Queryable } from "~/db/engine.server";
import { computeCapitalStack, type CapitalStack } from "~/domain/capital-stack";
import { evaluateProject, loadRates, type EvaluatedPledgeRow } from "./funding.server";
import type { FxRate } from "~/utils/fx";
import { allocate } from "~/utils/money";
import { perReadRequest } from "~/utils/request-scope.server";

/** A live pledge of the project (committed, disbursing or fulfilled), as the evaluation reads it. */
export type LivePledge = Omit<EvaluatedPledgeRow, "memberCode" | "memberName">;

/**
 * The project's live pledges the member can see, read once per GET: the capital stack evaluates them and the
 * milestones' releases take their tranches' pledges from them (ADR 170). Only what the evaluation reads: no
 * join to the project (the caller has it) or to `members` (the stack names no government), whose policies
 * would be planned and tested once more (ADRs 164, 170).
 */
export function readLivePledges(
  tx: Queryable,
  partnershipId: string,
  projectId: string,
): Promise<LivePledge[]> {
  return perReadRequest(`live-pledges:${partnershipId}:${projectId}`, () =>
    tx.query<LivePledge>(
      `select p.id, p.member_id as "memberId", p.amount_minor::text as "amountMinor",
              p.currency::text as currency, p.instrument, p.status, p.cofunding_rule as rule
         from public.pledges p
        where p.partnership_id = $1 and p.project_id = $2
          and p.status in ('committed', 'disbursing', 'fulfilled')`,
      [partnershipId, projectId],
    ),
  );
}

/** Reads what the stack needs (under the caller's RLS) and computes it as of `onDate` ('YYYY-MM-DD'). */
export async function getCapitalStack(
  tx: Queryable,
  project: {
    id: string;
    partnershipId: string;
    currency: string;
    fundingSoughtMinor: string | null;
  },
  reportingCurrency: string,
  onDate: string,
): Promise<CapitalStack> {
  const { pledged, rates } = await countingPledges(tx, project, reportingCurrency, onDate);
  return computeCapitalStack({
    projectCurrency: project.currency,
    reportingCurrency,
    soughtMinor: project.fundingSoughtMinor,
    pledged,
    rates,
    onDate,
  });
}

/**
 * The counting part of each live pledge, in its own currency, grouped by currency, and the partnership's rates. A conditional pledge
 * counts for the share the engine triggered (split exactly with `allocate`), a pending one not at all; a live
 * pledge whose currency has no rate cannot be evaluated, so it counts in full only when it is unconditional
 * (the stack then names the missing rate).
 */
async function countingPledges(
  tx: Queryable,
  project: {
    id: string;
    partnershipId: string;
    currency: string;
    fundingSoughtMinor: string | null;
  },
  reportingCurrency: string,
  onDate: string,
): Promise<{
  pledged: Array<{ currency: string; minor: string; count: number }>;
  rates: FxRate[];
}> {
  const rows = await readLivePledges(tx, project.partnershipId, project.id);
  const rates = await loadRates(tx, project.partnershipId);
  const funding = evaluateProject(
    {
      id: project.id,
      name: "",
      currency: project.currency,
      fundingSoughtMinor: project.fundingSoughtMinor,
      status: "",
    },
    // The stack names no government: the rows carry none (no join to `members`, ADR 170).
    rows.map((row) => ({ ...row, memberCode: "", memberName: "" })),
    rates,
    reportingCurrency,
    null,
    onDate,
  );
  const groups = new Map<string, { minor: bigint; count: number }>();
  for (const pledge of funding.pledges) {
    const amount = BigInt(pledge.amountMinor);
    let counting = 0n;
    if (pledge.state === "committed" || (pledge.state === "unconverted" && !pledge.hasRule)) {
      counting = amount;
    } else if (
      pledge.state === "triggered" &&
      pledge.countingReporting &&
      pledge.pendingReporting
    ) {
      const [share = 0n] = allocate(amount, [
        BigInt(pledge.countingReporting),
        BigInt(pledge.pendingReporting),
      ]);
      counting = share;
    }
    if (counting === 0n) continue;
    const group = groups.get(pledge.currency) ?? { minor: 0n, count: 0 };
    groups.set(pledge.currency, { minor: group.minor + counting, count: group.count + 1 });
  }
  const pledged = [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, group]) => ({ currency, minor: group.minor.toString(), count: group.count }));
  // The same rates convert the stack: computeCapitalStack takes the newest on or before the day from them.
  return { pledged, rates };
}
