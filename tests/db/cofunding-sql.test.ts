/*
 * One definition of "a conditional pledge is triggered" (ADR 071): the SQL engine
 * (private.cofunding_evaluation) and the TypeScript one (app/domain/cofunding.ts) agree on generated cases,
 * and so do the money helpers they stand on (minor digits, half-even division, conversion), on both engines.
 * The TypeScript engine is kept for the pledge pages only because this holds.
 */
import fc from "fast-check";
import type { Database } from "~/db/engine.server";
import {
  evaluateCofunding,
  type EnginePledge,
  type EngineRule,
  type PledgeStatus,
} from "~/domain/cofunding";
import { convertMinor, divideRoundHalfEven } from "~/utils/fx";
import { minorDigits } from "~/utils/money";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";

const members = ["AU", "CA", "EU", "JP", "KR", "US"];
const ruleArb: fc.Arbitrary<EngineRule | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant("min_other_members" as const), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant("min_cofunding" as const),
    amountMinor: fc.bigInt({ min: 1n, max: 5_000_000n }),
  }),
  fc.record({
    kind: fc.constant("match" as const),
    numerator: fc.bigInt({ min: 1n, max: 3n }),
    denominator: fc.bigInt({ min: 1n, max: 5n }),
    capMinor: fc.bigInt({ min: 1n, max: 5_000_000n }),
  }),
);
const pledgesArb = fc
  .array(
    fc.record({
      memberId: fc.constantFrom(...members),
      // Mostly small amounts, where thresholds and caps bite; now and then amounts beyond 2^53.
      amount: fc.oneof(
        fc.bigInt({ min: 0n, max: 3_000_000n }),
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
      ),
      rule: ruleArb,
      status: fc.constantFrom<PledgeStatus>(
        "draft",
        "committed",
        "committed",
        "disbursing",
        "fulfilled",
        "withdrawn",
      ),
    }),
    { maxLength: 12 },
  )
  .map((list) => list.map((p, index) => ({ ...p, id: `p${index}` }) as EnginePledge));

/** The engine's input as the rollups build it: amounts as digit strings, rules in the stored shape. */
function asJson(pledges: ReadonlyArray<EnginePledge>) {
  return pledges.map((pledge) => ({
    id: pledge.id,
    member_id: pledge.memberId,
    status: pledge.status,
    amount: pledge.amount.toString(),
    rule:
      pledge.rule === null
        ? null
        : pledge.rule.kind === "min_other_members"
          ? { kind: pledge.rule.kind, n: pledge.rule.n }
          : pledge.rule.kind === "min_cofunding"
            ? { kind: pledge.rule.kind, amount_minor: pledge.rule.amountMinor.toString() }
            : {
                kind: pledge.rule.kind,
                numerator: Number(pledge.rule.numerator),
                denominator: Number(pledge.rule.denominator),
                cap_minor: pledge.rule.capMinor.toString(),
              },
  }));
}

async function sqlEvaluation(db: Database, pledges: ReadonlyArray<EnginePledge>) {
  const rows = await db.query<{
    id: string;
    state: string;
    counting: string;
    pending: string;
    waits: boolean;
  }>(
    `select id, state, counting::text as counting, pending::text as pending, waits_on_each_other as waits
       from private.cofunding_evaluation($1::text::jsonb)`,
    [JSON.stringify(asJson(pledges))],
  );
  return rows.map((row) => ({
    id: row.id,
    state: row.state,
    counting: BigInt(row.counting),
    pending: BigInt(row.pending),
    waitsOnEachOther: row.waits,
  }));
}

const CURRENCIES = ["USD", "EUR", "JPY", "KRW", "GBP", "AUD", "BHD", "KWD", "CLP", "ISK", "INR"];

describe.each(engines)("the co-funding engine in SQL on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(() => handle.dispose());

  it("agrees with the TypeScript engine on every pledge of generated projects", async () => {
    await fc.assert(
      fc.asyncProperty(pledgesArb, async (pledges) => {
        const expected = evaluateCofunding(pledges).pledges.map(
          ({ id, state, counting, pending, waitsOnEachOther }) => ({
            id,
            state,
            counting,
            pending,
            waitsOnEachOther,
          }),
        );
        expect(await sqlEvaluation(handle.db, pledges)).toEqual(expected);
      }),
      { numRuns: engine === "pglite" ? 300 : 150 },
    );
  });

  it("settles mutual conditions at the least fixed point, as ADR 030 says", async () => {
    // Two governments each waiting for the other: both pending, flagged; unconditional money frees them.
    const cycle: EnginePledge[] = [
      {
        id: "au",
        memberId: "AU",
        status: "committed",
        amount: 100n,
        rule: { kind: "min_other_members", n: 1 },
      },
      {
        id: "jp",
        memberId: "JP",
        status: "committed",
        amount: 100n,
        rule: { kind: "min_other_members", n: 1 },
      },
    ];
    expect(await sqlEvaluation(handle.db, cycle)).toEqual([
      { id: "au", state: "pending", counting: 0n, pending: 100n, waitsOnEachOther: true },
      { id: "jp", state: "pending", counting: 0n, pending: 100n, waitsOnEachOther: true },
    ]);
    const freed = [
      ...cycle,
      { id: "us", memberId: "US", status: "committed", amount: 5n, rule: null },
    ] as EnginePledge[];
    expect((await sqlEvaluation(handle.db, freed)).map((p) => p.state)).toEqual([
      "triggered",
      "triggered",
      "committed",
    ]);
  });

  it("states every currency's minor digits as the application does", async () => {
    const rows = await handle.db.query<{ code: string; digits: number }>(
      `select code, private.minor_digits(code) as digits
         from unnest(array[${CURRENCY_CODES.map((c) => `'${c}'`).join(",")}]::text[]) as code`,
    );
    expect(rows.filter((row) => row.digits !== minorDigits(row.code))).toEqual([]);
    expect(rows).toHaveLength(CURRENCY_CODES.length);
  });

  it("divides and converts exactly as app/utils/fx.ts does (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        async (numerator, denominator) => {
          const [row] = await handle.db.query<{ q: string }>(
            "select private.divide_round_half_even($1::numeric, $2::numeric)::text as q",
            [numerator.toString(), denominator.toString()],
          );
          expect(BigInt(row?.q ?? "x")).toBe(divideRoundHalfEven(numerator, denominator));
        },
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom(...CURRENCIES),
        // numeric(20, 10) as Postgres returns it: up to ten decimals
        fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9_999_999_999 })),
        async (minor, source, target, [whole, fraction]) => {
          if (whole === 0 && fraction === 0) return;
          const rate = `${whole}.${String(fraction).padStart(10, "0")}`;
          const [row] = await handle.db.query<{ converted: string }>(
            "select private.convert_minor($1::numeric, $2, $3, $4::numeric(20, 10))::text as converted",
            [minor.toString(), source, target, rate],
          );
          expect(BigInt(row?.converted ?? "x")).toBe(convertMinor(minor, source, target, rate));
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** The codes private.is_currency_code accepts (20261127010000_tenancy.sql). */
const CURRENCY_CODES = (
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD " +
  "CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ " +
  "GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR " +
  "LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN " +
  "PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB " +
  "TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG"
).split(" ");
