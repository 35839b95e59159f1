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
  // Keyed as the rows' generated columns (migration 20261204120000): one text each, looked up without nesting.
  const groups = input.groups.map(({ mineral, stage, unit, state }) => ({
    key: `${mineral}/${stage}/${unit}`,
    w: state.worldTotal,
    s2: state.sumOfSquares,
  }));
  const quantities = input.groups.flatMap(({ mineral, stage, state }) =>
    [...state.quantities].map(([country, q]) => ({ key: `${mineral}/${stage}/${country}`, q })),
  );
  const scale = (100_000_000n * 10n ** BigInt(input.minorDigits)).toString();
  const chosen = await tx.query<{ projectId: string; groupKey: string; total: number }>(
    RANKING_SQL,
    [
      input.partnershipId,
      JSON.stringify(groups),
      JSON.stringify(quantities),
      input.horizon,
      input.limit,
      scale,
      DELTA_HHI_TOLERANCE,
    ],
  );
  if (chosen.length === 0) return { rows: [], count: 0 };
  // A second statement: planned with the keys in hand, it reads those rows by their primary key (one statement
  // joining back was estimated at every candidate's lookup, which made PostgreSQL compile it with JIT).
  const rows = await tx.query<CandidateRow>(ROWS_SQL, [
    input.partnershipId,
    chosen.map((row) => row.projectId),
    chosen.map((row) => row.groupKey),
  ]);
  return { rows, count: chosen[0]?.total ?? 0 };
}

// The candidates' columns come from their partial index (an index-only scan once the table is vacuumed): the
// row's float8 copies of capacity and gap, its group and quantity keys and its first and last output years
// (ADR 172). The quantities are a hash join on one key, materialized so that a nested loop, had the planner
// chosen one, would not re-parse the jsonb per candidate (ADR 168's first version did). x: the capacity counted by the
// horizon (every per-year capacity is positive, a check on project_outputs, so a row whose last year is counted
// counts its whole capacity); only a row whose years straddle the horizon adds its years up, from the few such
// rows (their own partial index). d: ΔHHI in closed form (fundedState); q is null for the unnamed country 'XX'.
const RANKING_SQL = `
with g as (
  select * from jsonb_to_recordset($2::jsonb) as g(key text, w float8, s2 float8)
), quantities as materialized (
  select * from jsonb_to_recordset($3::jsonb) as q(key text, q float8)
), rows as (
  select r.project_id, r.group_key, r.quantity_key, r.host_country, r.gap_f as gap,
         case when r.first_year > $4 then 0 else r.capacity_f end as x
    from public.resilience_project_outputs r
   where r.partnership_id = $1 and r.status = 'approved' and not r.funded
     and (r.first_year > $4 or r.last_year <= $4)
  union all
  select o.project_id, o.group_key, o.quantity_key, o.host_country, o.gap_f,
         (select sum(u.capacity) from unnest(o.years, o.capacities) as u(year, capacity)
           where u.year <= $4 and u.capacity > 0)::float8
    from public.resilience_project_outputs o
   where o.partnership_id = $1 and o.status = 'approved' and not o.funded and o.first_year < o.last_year
     and o.first_year <= $4 and o.last_year > $4
), counted as materialized (
  select r.project_id, r.group_key, r.gap, g.w, g.s2, r.x,
         case when r.host_country <> 'XX' then coalesce(q.q, 0) end as q
    from rows r
    join g on g.key = r.group_key
    left join quantities q on q.key = r.quantity_key
), changed as (
  select project_id, group_key, gap,
         case when x > 0
              then 10000 * ((s2 + case when q is not null then x * (2 * q + x) else 0 end) / ((w + x) * (w + x)))
                   - case when w > 0 then 10000 * (s2 / (w * w)) else 0 end
              else 0 end * (1000 * $6::float8) / gap as v
    from counted
   where gap is not null
  offset 0
), keyed as (
  select project_id, group_key, v - e as rank_lo, v + e as rank_hi
    from (select project_id, group_key, v,
                 (0.5 + 1000 * $7::float8) * $6::float8 / gap + 1 + 1e-9 * abs(v) as e
            from changed) k
), cut as (
  select rank_hi from keyed order by rank_hi limit 1 offset $5::int - 1
)
select project_id as "projectId", group_key as "groupKey", (select count(*) from counted)::int as total
  from counted where (select rank_hi from cut) is null
union all
select project_id, group_key, (select count(*) from counted)::int
  from keyed where rank_lo <= (select rank_hi from cut)`;

const ROWS_SQL = `
select r.project_id as id, r.name, r.host_country as "hostCountry", r.status, r.funded,
       r.sought_stated as "soughtStated", r.gap_minor::text as "gapMinor", r.missing_rates as "missingRates",
       r.mineral, r.stage, r.unit, r.years, r.capacities::text[] as capacities
  from unnest($2::uuid[], $3::text[]) as k(project_id, group_key)
  join public.resilience_project_outputs r on r.project_id = k.project_id and r.group_key = k.group_key
 where r.partnership_id = $1`;
