/*
 * The next-pledge ranking chosen in SQL (ADR 168) against the ranking assessed in TypeScript, on both engines:
 * generated groups (withheld rows, rest of world, partner and other countries, funded additions before and
 * after the horizon, estimated groups) and candidates (several first years around the horizon, hosts new to the
 * group or withheld in it or XX, outputs in another unit, equal names, equal capacities and gaps so that keys
 * tie, gaps unknown, zero or unstated, rises and falls of HHI). For each case and each number of rows asked,
 * nextPledgeTop returns exactly the first rows of nextPledgeTable and the count of all of its rows, read as the
 * secretariat under RLS.
 */
import type { MemberContext } from "~/auth/auth.server";
import { runAsServiceRole } from "~/db/service-role.server";
import type { Addition, ProjectClass, SupplyGroup } from "~/domain/resilience";
import { candidatesNearTheTop } from "~/models/next-pledge.server";
import {
  getResilience,
  groupStates,
  nextPledgeTable,
  nextPledgeTop,
  type RankingModel,
} from "~/models/resilience.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids } from "../support/rls";
import { seedDate } from "../support/seed-dates";
import { seededRandom, type SeededRandom } from "../support/seeded-random";

const ON = seedDate("2026-11-30");
const PROJECTS = 160;
const project = (n: number) => ids.fresh(9000 + n);

const PARTNERS = ["AU", "JP", "US", "FR", "DE"];
const OTHERS = ["CN", "CD", "ID", "ZA", "CL", "BR", "PH"];
const COUNTRIES = [...PARTNERS, ...OTHERS];
const NAMES = ["Alpha Works", "alpha works", "Ångström Mine", "Beta", "Zeta Refinery", "Éclair"];
const STAGES = ["mining", "refining", "magnets"] as const;
const BASELINE = 2024;

/** A capacity as numeric text with up to three decimals; small sets repeat so that keys tie. */
function capacity(r: SeededRandom): string {
  return r.next() < 0.4
    ? r.pick(["1000", "250.5", "12000", "0.001"])
    : (r.int(1, 40_000_000) / 1000).toFixed(3);
}

function generateGroups(r: SeededRandom, horizon: number): RankingModel["groups"] {
  return Array.from({ length: r.int(1, 4) }, (_, g) => {
    const mineral = `generated_${g}`;
    const stage = r.pick(STAGES);
    const listed = COUNTRIES.filter(() => r.next() < 0.5);
    const rows = [...listed, ...(r.next() < 0.8 ? ["XX"] : [])].map((country) => ({
      country,
      quantity: r.next() < 0.15 ? null : r.next() < 0.1 ? 0 : r.int(0, 5_000_000) / 7,
    }));
    const group: SupplyGroup = {
      mineral,
      stage,
      year: BASELINE,
      unit: "t",
      rows,
      estimated: false,
    };
    const additions = Array.from({ length: r.int(0, 6) }, (): Addition => ({
      country: r.pick(COUNTRIES),
      capacity: Number(capacity(r)),
      firstYear: horizon + r.int(-3, 2),
      projectClass: r.pick<ProjectClass>(["funded", "funded", "pipeline", "draft"]),
    }));
    return {
      view: { key: `${mineral}:${stage}`, mineral, stage, unit: "t", estimated: r.next() < 0.3 },
      group,
      additions,
    };
  });
}

interface GeneratedRow {
  projectId: string;
  mineral: string;
  stage: string;
  unit: string;
  name: string;
  host: string;
  status: string;
  funded: boolean | null;
  soughtStated: boolean;
  gap: string | null;
  years: number[];
  capacities: string[];
}

function generateRows(
  r: SeededRandom,
  groups: RankingModel["groups"],
  horizon: number,
): GeneratedRow[] {
  const gaps = ["500000000", "1200000000", "7", "99999999999"];
  const rows: GeneratedRow[] = [];
  for (let n = 1; n <= PROJECTS; n++) {
    const name = r.pick(NAMES);
    const host = r.next() < 0.15 ? "XX" : r.pick([...COUNTRIES, "NO", "IN"]);
    const roll = r.next();
    const gap =
      roll < 0.08 ? null : roll < 0.12 ? "0" : roll < 0.5 ? r.pick(gaps) : String(r.int(1, 9e9));
    const status = r.next() < 0.05 ? "completed" : "approved";
    const funded = r.next() < 0.05 ? (r.next() < 0.5 ? true : null) : false;
    const soughtStated = r.next() < 0.95;
    const chosen = groups.filter(() => r.next() < 0.6);
    for (const { view } of chosen.length > 0 ? chosen : groups.slice(0, 1)) {
      const years = [
        ...new Set(Array.from({ length: r.int(1, 3) }, () => horizon + r.int(-2, 2))),
      ].sort((a, b) => a - b);
      const unit = r.next() < 0.05 ? "kg" : view.unit;
      const base = { projectId: project(n), mineral: view.mineral, stage: view.stage, name, host };
      rows.push({
        ...base,
        ...{ unit, status, funded, soughtStated, gap },
        years,
        capacities: years.map(() => capacity(r)),
      });
    }
  }
  return rows;
}

describe.each(engines)("the next-pledge ranking chosen in SQL on %s", (engine) => {
  let handle: TestDatabase;
  let secretariat: MemberContext;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    secretariat = await memberContext(handle.db, "secretariat");
    await runAsServiceRole(handle.db, async (tx) => {
      for (let n = 1; n <= PROJECTS; n++) {
        await tx.query(
          `insert into public.projects (id, partnership_id, name, segment, minerals, host_country, stage,
             currency, funding_sought_minor, status, registering_member_id)
           values ($1, $2, $3, 'refining', array['lithium'], 'AU', 'feasibility', 'USD', 1000, 'approved', $4)`,
          [project(n), ids.cm, `Generated ${n}`, ids.member.AU],
        );
      }
    });
  });
  afterAll(() => handle.dispose());

  /** The generated rows, in place of whatever the triggers keep for the generated projects. */
  async function store(rows: ReadonlyArray<GeneratedRow>) {
    await runAsServiceRole(handle.db, async (tx) => {
      await tx.query(
        "delete from public.resilience_project_outputs where project_id = any($1::uuid[])",
        [Array.from({ length: PROJECTS }, (_, n) => project(n + 1))],
      );
      for (const row of rows) {
        await tx.query(
          `insert into public.resilience_project_outputs (partnership_id, project_id, mineral, stage, unit, name,
             host_country, status, funded, sought_stated, gap_minor, missing_rates, first_year, capacity, years,
             capacities)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::numeric, $12::text[], $13, $14::numeric,
                   $15::int[], $16::numeric[])`,
          [
            ids.cm,
            row.projectId,
            row.mineral,
            row.stage,
            row.unit,
            row.name,
            row.host,
            row.status,
            row.funded,
            row.soughtStated,
            row.gap,
            row.gap === null ? ["BHD"] : [],
            row.years[0],
            row.capacities.reduce((sum, c) => sum + Number(c), 0).toFixed(3),
            row.years,
            row.capacities,
          ],
        );
      }
    });
  }

  it("returns the first rows of the TypeScript ranking and the count of all, on generated cases", async () => {
    let tiesAtTheCut = 0;
    let unrankedShown = 0;
    let straddling = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = seededRandom(seed);
      const horizon = BASELINE + r.int(0, 12);
      const groups = generateGroups(r, horizon);
      const rows = generateRows(r, groups, horizon);
      // Candidates whose years straddle the horizon add them up in a branch of their own (ADR 172).
      straddling += rows.filter(
        (row) =>
          row.status === "approved" &&
          row.funded === false &&
          row.years[0]! <= horizon &&
          row.years[row.years.length - 1]! > horizon,
      ).length;
      await store(rows);
      const model: RankingModel = {
        params: { horizon, scenario: "funded", growthPct: r.pick([0, 0, 2, 5]) },
        partners: PARTNERS,
        standings: null,
        groups,
      };
      const currency = r.pick(["USD", "JPY", "BHD"]);
      const context = {
        ...secretariat,
        partnership: { ...secretariat.partnership, reportingCurrency: currency },
      };
      const all = await nextPledgeTable(context, model);
      expect(all.length).toBeGreaterThan(0);
      for (const limit of [1, 3, 10, 40, 100, 1000]) {
        const top = await nextPledgeTop(context, model, limit);
        expect(top.count).toBe(all.length);
        expect(top.rows).toEqual(all.slice(0, limit));
        const cut = all[limit - 1];
        const next = all[limit];
        if (cut && next && cut.perHundredMillionMilli === next.perHundredMillionMilli)
          tiesAtTheCut++;
        if (top.rows.some((row) => row.perHundredMillionMilli === null)) unrankedShown++;
      }
    }
    // The cases cover what they are for: ties at the cut, unranked rows shown after the ranked ones, and
    // candidates that count only some of their years by the horizon.
    expect(tiesAtTheCut).toBeGreaterThan(0);
    expect(unrankedShown).toBeGreaterThan(0);
    expect(straddling).toBeGreaterThan(0);
  });

  it("reads fewer rows than the table has when the first rows are asked for", async () => {
    const r = seededRandom(99);
    const horizon = BASELINE + 6;
    const groups = generateGroups(r, horizon);
    await store(generateRows(r, groups, horizon));
    const model: RankingModel = {
      params: { horizon, scenario: "funded", growthPct: 0 },
      partners: PARTNERS,
      standings: null,
      groups,
    };
    const states = groupStates(model);
    if (!states) throw new Error("the generated groups have a closed form");
    const chosen = await secretariat.user.db((tx) =>
      candidatesNearTheTop(tx, {
        partnershipId: ids.cm,
        groups: states,
        horizon,
        limit: 10,
        minorDigits: 2,
      }),
    );
    expect(chosen.count).toBe((await nextPledgeTable(secretariat, model)).length);
    expect(chosen.rows.length).toBeGreaterThanOrEqual(10);
    expect(chosen.rows.length).toBeLessThan(chosen.count / 2);
    // No group, no row: the statement joins the rows to the groups it is given.
    const none = await secretariat.user.db((tx) =>
      candidatesNearTheTop(tx, {
        partnershipId: ids.cm,
        groups: [],
        horizon,
        limit: 10,
        minorDigits: 2,
      }),
    );
    expect(none).toEqual({ rows: [], count: 0 });
  });

  it("equals the slice of the table on the seed, from the rollups and per request", async () => {
    const cases = [
      ["secretariat", "horizon=2030&scenario=funded"],
      ["delegateJp", "horizon=2036&scenario=with-my-drafts&growth=2"],
      ["delegateAu", "horizon=2024&scenario=pipeline"],
    ] as const;
    for (const [user, query] of cases) {
      const context = await memberContext(handle.db, user);
      for (const source of ["auto", "per-request"] as const) {
        const outcome = await getResilience(context, new URLSearchParams(query), ON, { source });
        if (!outcome.ok) throw new Error(`${user} ${query} refused`);
        const all = await nextPledgeTable(context, outcome.model);
        for (const limit of [1, 2, 5, 100]) {
          expect(await nextPledgeTop(context, outcome.model, limit)).toEqual({
            rows: all.slice(0, limit),
            count: all.length,
          });
        }
      }
    }
  });
});
