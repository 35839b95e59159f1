/*
 * The next-pledge ranking's candidates near the top, chosen in SQL (ADR 168). The page shows 100 rows and the
 * report 10, of some 10,900 at N = 20,000: reading them all (with their arrays) into Node to rank them was the
 * resilience page's cost. The statement computes each candidate's ΔHHI in closed form from its group's funded
 * state (app/domain/resilience.ts, fundedState), brackets its rank key between two integers that provably hold
 * the one TypeScript computes, and returns only the rows that may be among the first `limit`: TypeScript then
 * assesses those exactly (pledgeImpactsIn) and sorts them with the ranking's own comparator.
 */
import type { Queryable } from "~/db/engine.server";
import { DELTA_HHI_TOLERANCE, type FundedState } from "~/domain/resilience";

/** One group's funded state at the horizon, keyed as the rollup's rows are. */
export interface GroupState {
  mineral: string;
  stage: string;
  /** The group's output unit: outputs in another unit are not counted (as in the ranking). */
  unit: string;
  state: FundedState;
}

/** A row of resilience_project_outputs as the ranking reads it. */
export interface CandidateRow {
  id: string;
  name: string;
  hostCountry: string;
  status: string;
  funded: boolean | null;
  soughtStated: boolean;
  gapMinor: string | null;
  missingRates: string[] | null;
  mineral: string;
  stage: string;
  unit: string;
  years: number[];
  capacities: string[];
}

/**
 * Every candidate row whose rank may be among the first `limit`, and the count of all rows. Rank bounds, in
 * float8: with v = 1000 · ΔHHI · S / gap (S = 10⁸ · 10^digits), the rank TypeScript computes,
 * round(round(1000 · ΔHHI') · S / gap) with |ΔHHI' − ΔHHI| ≤ DELTA_HHI_TOLERANCE, lies within
 * e = (0.5 + 1000 · tolerance) · S / gap + 1 of v (each rounding moves it by half a unit at most; 10⁻⁹ · |v|
 * more covers float8's own error). L is the `limit`-th smallest upper bound: at least `limit` rows rank at or
 * below L, so a row whose lower bound exceeds L ranks below all of them, and every row of the true first `limit`
 * (ties with the last one included) has its lower bound at or below L. Rows without a rank (no gap) come last,
 * by name in JavaScript's collation, which SQL does not have: they are returned, all of them, only when fewer
 * than `limit` rows have a rank.
 */
export async function candidatesNearTheTop(
  tx: Queryable,
  input: {
    partnershipId: string;
    groups: ReadonlyArray<GroupState>;
    horizon: number;
    limit: number;
    minorDigits: number;
  },
): Promise<{ rows: CandidateRow[]; count: number }> {
  const groups = input.groups.map(({ mineral, stage, unit, state }) => ({
    mineral,
    stage,
    unit,
    w: state.worldTotal,
    s2: state.sumOfSquares,
  }));
  // { mineral: { stage: { country: quantity } } }: looked up per row, no join.
  const quantities: Record<string, Record<string, Record<string, number>>> = {};
  for (const { mineral, stage, state } of input.groups) {
    (quantities[mineral] ??= {})[stage] = Object.fromEntries(state.quantities);
  }
  const scale = (100_000_000n * 10n ** BigInt(input.minorDigits)).toString();
  const rows = await tx.query<CandidateRow & { total: number }>(RANKING_SQL, [
    input.partnershipId,
    JSON.stringify(groups),
    JSON.stringify(quantities),
    input.horizon,
    input.limit,
    scale,
    DELTA_HHI_TOLERANCE,
  ]);
  return { rows, count: rows[0]?.total ?? 0 };
}

// x: the capacity counted by the horizon (every per-year capacity is positive, a check on project_outputs, so
// a row whose last year is counted counts its whole capacity). d: ΔHHI in closed form (fundedState).
const RANKING_SQL = `
with g as (
  select * from jsonb_to_recordset($2::jsonb) as g(mineral text, stage text, unit text, w float8, s2 float8)
), quantities as materialized (
  select $3::jsonb as q
), counted as materialized (
  select r.project_id, r.mineral, r.stage, r.unit, r.host_country <> 'XX' as named, g.w, g.s2,
         coalesce((quantities.q -> r.mineral -> r.stage ->> r.host_country)::float8, 0) as q,
         case when r.sought_stated then r.gap_minor else 0 end as gap,
         (case when r.first_year > $4 then 0
               when r.years[cardinality(r.years)] <= $4 then r.capacity
               else (select coalesce(sum(u.capacity), 0) from unnest(r.years, r.capacities) as u(year, capacity)
                      where u.year <= $4 and u.capacity > 0)
           end)::float8 as x
    from public.resilience_project_outputs r
    join g on g.mineral = r.mineral and g.stage = r.stage and g.unit = r.unit
    cross join quantities
   where r.partnership_id = $1 and r.status = 'approved' and not r.funded
), changed as (
  select project_id, mineral, stage, unit, gap,
         case when x > 0
              then 10000 * ((s2 + case when named then x * (2 * q + x) else 0 end) / ((w + x) * (w + x)))
                   - case when w > 0 then 10000 * (s2 / (w * w)) else 0 end
              else 0 end as d
    from counted
), keyed as (
  select project_id, mineral, stage, unit, count(*) over () as total,
         case when gap > 0 then v - e end as rank_lo, case when gap > 0 then v + e end as rank_hi
    from changed,
         lateral (select d * (1000 * $6::float8) / gap::float8 as v,
                         (0.5 + 1000 * $7::float8) * $6::float8 / gap::float8 + 1 as e0) k0,
         lateral (select k0.e0 + 1e-9 * abs(k0.v) as e) k1
), cut as (
  select rank_hi from keyed where rank_hi is not null order by rank_hi limit 1 offset $5::int - 1
)
select r.project_id as id, r.name, r.host_country as "hostCountry", r.status, r.funded,
       r.sought_stated as "soughtStated", r.gap_minor::text as "gapMinor", r.missing_rates as "missingRates",
       r.mineral, r.stage, r.unit, r.years, r.capacities::text[] as capacities, k.total::int as total
  from keyed k
  join public.resilience_project_outputs r
    on r.project_id = k.project_id and r.mineral = k.mineral and r.stage = k.stage and r.unit = k.unit
 where (select rank_hi from cut) is null or k.rank_lo <= (select rank_hi from cut)`;
