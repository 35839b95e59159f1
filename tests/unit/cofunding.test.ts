import fc from "fast-check";
import {
  evaluateCofunding,
  isLive,
  type EnginePledge,
  type EngineRule,
  type PledgeStatus,
} from "~/domain/cofunding";

const pledge = (
  id: string,
  memberId: string,
  amount: bigint,
  rule: EngineRule | null = null,
  status: PledgeStatus = "committed",
): EnginePledge => ({ id, memberId, amount, rule, status });

const stateOf = (result: ReturnType<typeof evaluateCofunding>, id: string) =>
  result.pledges.find((p) => p.id === id);

describe("co-funding rule engine", () => {
  it("counts unconditional live pledges as committed, drafts apart, withdrawals not at all", () => {
    const result = evaluateCofunding([
      pledge("a", "JP", 100n),
      pledge("b", "AU", 50n, null, "disbursing"),
      pledge("c", "US", 25n, null, "fulfilled"),
      pledge("d", "JP", 70n, null, "draft"),
      pledge("e", "DE", 900n, null, "withdrawn"),
    ]);
    expect(result.totals).toEqual({
      committed: 175n,
      triggered: 0n,
      pending: 0n,
      pledged: 175n,
      drafts: 70n,
    });
    expect(stateOf(result, "d")?.state).toBe("draft");
    expect(stateOf(result, "e")?.state).toBe("withdrawn");
  });

  it("keeps 'at least N other members' pending until N other governments commit", () => {
    const rule: EngineRule = { kind: "min_other_members", n: 2 };
    const one = evaluateCofunding([pledge("au", "AU", 500n, rule), pledge("jp", "JP", 100n)]);
    expect(stateOf(one, "au")).toMatchObject({ state: "pending", counting: 0n, pending: 500n });
    expect(one.totals).toMatchObject({ committed: 100n, triggered: 0n, pending: 500n });

    const sameGovernmentTwice = evaluateCofunding([
      pledge("au", "AU", 500n, rule),
      pledge("jp1", "JP", 100n),
      pledge("jp2", "JP", 100n),
    ]);
    expect(stateOf(sameGovernmentTwice, "au")?.state).toBe("pending");

    const two = evaluateCofunding([
      pledge("au", "AU", 500n, rule),
      pledge("jp", "JP", 100n),
      pledge("us", "US", 1n),
    ]);
    expect(stateOf(two, "au")).toMatchObject({ state: "triggered", counting: 500n, pending: 0n });
    expect(two.totals).toMatchObject({ committed: 101n, triggered: 500n, pending: 0n });
  });

  it("ignores drafts and the pledger's own money when checking a rule", () => {
    const result = evaluateCofunding([
      pledge("au", "AU", 500n, { kind: "min_other_members", n: 1 }),
      pledge("au2", "AU", 100n),
      pledge("jp", "JP", 100n, null, "draft"),
    ]);
    expect(stateOf(result, "au")?.state).toBe("pending");
  });

  it("triggers 'co-funding reaches X' on other members' committed and triggered money", () => {
    const rule: EngineRule = { kind: "min_cofunding", amountMinor: 1000n };
    const below = evaluateCofunding([pledge("eu", "EU", 300n, rule), pledge("jp", "JP", 999n)]);
    expect(stateOf(below, "eu")?.state).toBe("pending");
    const reached = evaluateCofunding([
      pledge("eu", "EU", 300n, rule),
      pledge("jp", "JP", 999n),
      pledge("us", "US", 1n),
    ]);
    expect(stateOf(reached, "eu")?.state).toBe("triggered");
    // A chain: the second threshold is met only by the first one's triggered money.
    const chain = evaluateCofunding([
      pledge("jp", "JP", 600n),
      pledge("eu", "EU", 500n, { kind: "min_cofunding", amountMinor: 600n }),
      pledge("kr", "KR", 10n, { kind: "min_cofunding", amountMinor: 1100n }),
    ]);
    expect(stateOf(chain, "eu")?.state).toBe("triggered");
    expect(stateOf(chain, "kr")?.state).toBe("triggered");
  });

  it("matches others 1:R up to the cap, never above the pledge, the rest pending", () => {
    const match = (denominator: bigint, capMinor: bigint): EngineRule => ({
      kind: "match",
      numerator: 1n,
      denominator,
      capMinor,
    });
    const partial = evaluateCofunding([
      pledge("us", "US", 3500n, match(1n, 2500n)),
      pledge("jp", "JP", 1000n),
    ]);
    expect(stateOf(partial, "us")).toMatchObject({
      state: "triggered",
      counting: 1000n,
      pending: 2500n,
    });
    const capped = evaluateCofunding([
      pledge("us", "US", 3500n, match(1n, 2500n)),
      pledge("jp", "JP", 9000n),
    ]);
    expect(stateOf(capped, "us")).toMatchObject({ counting: 2500n, pending: 1000n });
    const belowPledge = evaluateCofunding([
      pledge("us", "US", 100n, match(1n, 2500n)),
      pledge("jp", "JP", 9000n),
    ]);
    expect(stateOf(belowPledge, "us")).toMatchObject({ counting: 100n, pending: 0n });
    const oneToThree = evaluateCofunding([
      pledge("us", "US", 1000n, match(3n, 1000n)),
      pledge("jp", "JP", 100n),
    ]);
    expect(stateOf(oneToThree, "us")?.counting).toBe(33n); // rounds down: never over-promises
    const nothingToMatch = evaluateCofunding([pledge("us", "US", 1000n, match(1n, 1000n))]);
    expect(stateOf(nothingToMatch, "us")).toMatchObject({ state: "pending", counting: 0n });
  });

  it("leaves two governments each conditional on the other pending, flagged, until other money comes", () => {
    const rule: EngineRule = { kind: "min_other_members", n: 1 };
    const deadlock = evaluateCofunding([
      pledge("au", "AU", 100n, rule),
      pledge("jp", "JP", 200n, rule),
    ]);
    expect(stateOf(deadlock, "au")).toMatchObject({ state: "pending", waitsOnEachOther: true });
    expect(stateOf(deadlock, "jp")).toMatchObject({ state: "pending", waitsOnEachOther: true });
    expect(deadlock.totals).toMatchObject({ committed: 0n, triggered: 0n, pending: 300n });

    const unlocked = evaluateCofunding([
      pledge("au", "AU", 100n, rule),
      pledge("jp", "JP", 200n, rule),
      pledge("us", "US", 1n),
    ]);
    expect(stateOf(unlocked, "au")).toMatchObject({ state: "triggered", waitsOnEachOther: false });
    expect(stateOf(unlocked, "jp")?.state).toBe("triggered");
  });

  it("never lets matches feed each other", () => {
    const match: EngineRule = { kind: "match", numerator: 1n, denominator: 1n, capMinor: 10_000n };
    const result = evaluateCofunding([
      pledge("a", "AU", 5000n, match),
      pledge("b", "JP", 5000n, match),
      pledge("c", "US", 100n),
    ]);
    expect(stateOf(result, "a")?.counting).toBe(100n);
    expect(stateOf(result, "b")?.counting).toBe(100n);
  });

  it("does not flag a pledge whose rule cannot hold whatever the others do", () => {
    const result = evaluateCofunding([
      pledge("au", "AU", 100n, { kind: "min_other_members", n: 3 }),
      pledge("jp", "JP", 100n),
    ]);
    expect(stateOf(result, "au")).toMatchObject({ state: "pending", waitsOnEachOther: false });
  });
});

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
      amount: fc.bigInt({ min: 1n, max: 3_000_000n }),
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
    { maxLength: 14 },
  )
  .map((list) => list.map((p, index) => ({ ...p, id: `p${index}` }) as EnginePledge));

describe("co-funding rule engine (properties)", () => {
  it("splits every live pledge exactly: the parts always sum to the whole", () => {
    fc.assert(
      fc.property(pledgesArb, (pledges) => {
        const result = evaluateCofunding(pledges);
        const live = pledges.filter((p) => isLive(p.status));
        const whole = live.reduce((sum, p) => sum + p.amount, 0n);
        expect(result.totals.committed + result.totals.triggered + result.totals.pending).toBe(
          whole,
        );
        expect(result.totals.pledged).toBe(whole);
        const drafts = pledges
          .filter((p) => p.status === "draft")
          .reduce((s, p) => s + p.amount, 0n);
        expect(result.totals.drafts).toBe(drafts);
        for (const p of live) {
          const evaluation = result.pledges.find((e) => e.id === p.id);
          expect((evaluation?.counting ?? -1n) + (evaluation?.pending ?? -1n)).toBe(p.amount);
          expect(evaluation?.counting).toBeGreaterThanOrEqual(0n);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("terminates within (threshold pledges + 2) rounds, mutual conditions included", () => {
    fc.assert(
      fc.property(pledgesArb, (pledges) => {
        const thresholds = pledges.filter(
          (p) => isLive(p.status) && p.rule && p.rule.kind !== "match",
        ).length;
        expect(evaluateCofunding(pledges).rounds).toBeLessThanOrEqual(thresholds + 2);
      }),
      { numRuns: 400 },
    );
  });

  it("reaches a fixed point: every triggered threshold holds and every pending one does not", () => {
    fc.assert(
      fc.property(pledgesArb, (pledges) => {
        const result = evaluateCofunding(pledges);
        const counting = new Map(result.pledges.map((e) => [e.id, e.counting]));
        for (const p of pledges) {
          if (!isLive(p.status) || !p.rule || p.rule.kind === "match") continue;
          const others = pledges.filter(
            (q) => isLive(q.status) && q.memberId !== p.memberId && (counting.get(q.id) ?? 0n) > 0n,
          );
          const holds =
            p.rule.kind === "min_other_members"
              ? new Set(others.map((q) => q.memberId)).size >= p.rule.n
              : others.reduce((s, q) => s + (counting.get(q.id) ?? 0n), 0n) >= p.rule.amountMinor;
          expect(result.pledges.find((e) => e.id === p.id)?.state).toBe(
            holds ? "triggered" : "pending",
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order of the pledges", () => {
    fc.assert(
      fc.property(pledgesArb, fc.integer(), (pledges, seed) => {
        const shuffled = [...pledges].sort(
          (a, b) => (((a.id.length * seed) ^ b.id.charCodeAt(1)) % 3) - 1,
        );
        const byId = (r: ReturnType<typeof evaluateCofunding>) =>
          Object.fromEntries(
            r.pledges.map((e) => [e.id, `${e.state}:${e.counting}:${e.waitsOnEachOther}`]),
          );
        expect(byId(evaluateCofunding(shuffled))).toEqual(byId(evaluateCofunding(pledges)));
      }),
      { numRuns: 200 },
    );
  });

  it("is monotone: more unconditional money never turns a triggered pledge back to pending", () => {
    fc.assert(
      fc.property(
        pledgesArb,
        fc.constantFrom(...members),
        fc.bigInt({ min: 1n, max: 5_000_000n }),
        (pledges, member, amount) => {
          const before = evaluateCofunding(pledges);
          const after = evaluateCofunding([
            ...pledges,
            { id: "extra", memberId: member, amount, rule: null, status: "committed" },
          ]);
          for (const evaluation of before.pledges) {
            const later = after.pledges.find((e) => e.id === evaluation.id);
            expect(later?.counting).toBeGreaterThanOrEqual(evaluation.counting);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
