/*
 * The IATI mapping's rules (app/domain/iati), without a database: which part of a pledge is a commitment,
 * sectors, status, dates, budget, transactions, the two scopes; and every code the mapping can emit is an
 * active code of its official codelist.
 */
import {
  activityDatesOf,
  activityStatusOf,
  budgetOf,
  buildIatiActivities,
  firmAndConditional,
  sectorsOf,
  transactionsOf,
  type IatiPledge,
  type IatiPortfolio,
  type IatiProject,
} from "~/domain/iati/activity";
import * as codes from "~/domain/iati/codes";
import { HOST_COUNTRY_CODES } from "~/domain/countries";
import { INSTRUMENTS } from "~/domain/pledges";
import { MINERALS, SEGMENTS } from "~/domain/projects/vocabulary";
import { notInCodelist } from "../support/iati-standard";

const pledge = (overrides: Partial<IatiPledge> = {}): IatiPledge => ({
  id: "p1",
  memberId: "jp",
  instrument: "loan",
  status: "committed",
  amountMinor: 1000n,
  currency: "USD",
  committedOn: "2026-03-01",
  firmMinor: 1000n,
  conditionalMinor: 0n,
  reporting: { minor: 1000n, rateDate: null },
  payments: [],
  ...overrides,
});

const project = (overrides: Partial<IatiProject> = {}): IatiProject => ({
  id: "proj-1",
  name: "Test Mine",
  segment: "mining",
  minerals: ["lithium"],
  stage: "construction",
  hostCountry: "AU",
  status: "approved",
  esgNotes: null,
  registeredOn: "2025-12-01",
  registeringMemberId: "au",
  sponsorName: "Sponsor Pty",
  dates: {
    plannedStart: "2026-01-31",
    plannedEnd: "2027-06-30",
    actualStart: null,
    actualEnd: null,
  },
  pledges: [],
  ...overrides,
});

const governments = new Map([
  ["au", { id: "au", name: "Australia", orgRef: "XM-DAC-801" }],
  ["jp", { id: "jp", name: "Japan", orgRef: "XM-DAC-701" }],
  ["in", { id: "in", name: "India", orgRef: null }],
]);

const portfolio = (projects: IatiProject[]): IatiPortfolio => ({
  partnershipName: "Test Partnership",
  reportingCurrency: "USD",
  governments,
  projects,
});

describe("the firm part of a pledge", () => {
  it("is all of an unconditional pledge, whatever the evaluation says", () => {
    for (const state of ["committed", "unconverted", "pending"]) {
      expect(firmAndConditional(900n, false, { state, counting: null, pending: null })).toEqual({
        firmMinor: 900n,
        conditionalMinor: 0n,
      });
    }
  });

  it("is none of a conditional pledge that waits, or cannot be evaluated for want of a rate", () => {
    expect(firmAndConditional(900n, true, { state: "pending", counting: 0n, pending: 5n })).toEqual(
      {
        firmMinor: 0n,
        conditionalMinor: 900n,
      },
    );
    expect(
      firmAndConditional(900n, true, { state: "unconverted", counting: null, pending: null }),
    ).toEqual({ firmMinor: 0n, conditionalMinor: 900n });
  });

  it("is the matched share of a match, in the pledge's own currency, adding up exactly", () => {
    // ¥1,000,001 whose rule counts 1 part of 3 in the reporting currency.
    const parts = firmAndConditional(1_000_001n, true, {
      state: "triggered",
      counting: 100n,
      pending: 200n,
    });
    expect(parts).toEqual({ firmMinor: 333_334n, conditionalMinor: 666_667n });
    expect(parts.firmMinor + parts.conditionalMinor).toBe(1_000_001n);
    expect(firmAndConditional(5n, true, { state: "triggered", counting: 7n, pending: 0n })).toEqual(
      {
        firmMinor: 5n,
        conditionalMinor: 0n,
      },
    );
  });
});

describe("sectors", () => {
  it("gives a mine each of its minerals' sectors in equal shares, adding up to 100", () => {
    expect(sectorsOf("mining", ["NdPr", "Dy", "Tb"])).toEqual([
      { code: "32264", percentage: "100" },
    ]);
    expect(sectorsOf("mining", ["lithium", "graphite"])).toEqual([
      { code: "32264", percentage: "50" },
      { code: "32266", percentage: "50" },
    ]);
    expect(sectorsOf("mining", ["nickel", "graphite", "platinum-group"])).toEqual([
      { code: "32264", percentage: "33.34" },
      { code: "32265", percentage: "33.33" },
      { code: "32266", percentage: "33.33" },
    ]);
  });

  it("gives processing and recycling non-ferrous metal industries, magnets engineering", () => {
    expect(sectorsOf("refining", ["graphite"])).toEqual([{ code: "32170", percentage: "100" }]);
    expect(sectorsOf("recycling", ["NdPr"])).toEqual([{ code: "32170", percentage: "100" }]);
    expect(sectorsOf("magnets", ["NdPr", "Dy"])).toEqual([{ code: "32171", percentage: "100" }]);
  });
});

describe("status and dates", () => {
  it("is implementation while approved; once completed, finalisation until every pledge is fulfilled", () => {
    expect(activityStatusOf({ status: "approved" }, [])).toBe("2");
    expect(activityStatusOf({ status: "completed" }, [pledge({ status: "disbursing" })])).toBe("3");
    expect(activityStatusOf({ status: "completed" }, [pledge({ status: "fulfilled" })])).toBe("4");
    expect(activityStatusOf({ status: "completed" }, [])).toBe("4");
  });

  it("takes the planned period from the milestones, the actual end only once completed", () => {
    const dates = {
      plannedStart: "2026-01-31",
      plannedEnd: "2027-06-30",
      actualStart: "2026-01-28",
      actualEnd: "2026-09-01",
    };
    expect(activityDatesOf({ status: "approved", dates, registeredOn: "2025-01-01" })).toEqual([
      { type: "1", isoDate: "2026-01-31" },
      { type: "2", isoDate: "2026-01-28" },
      { type: "3", isoDate: "2027-06-30" },
    ]);
    expect(
      activityDatesOf({ status: "completed", dates, registeredOn: "2025-01-01" }),
    ).toContainEqual({
      type: "4",
      isoDate: "2026-09-01",
    });
  });

  it("falls back on the registration day when no milestone has a date (IATI needs one date)", () => {
    const none = { plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null };
    expect(
      activityDatesOf({ status: "approved", dates: none, registeredOn: "2025-12-01" }),
    ).toEqual([{ type: "1", isoDate: "2025-12-01" }]);
  });
});

describe("the budget", () => {
  it("sums pledges of one currency exactly, committed when every part is firm", () => {
    const budget = budgetOf(
      project(),
      [
        pledge({ currency: "JPY", amountMinor: 3_000_000_000n, firmMinor: 3_000_000_000n }),
        pledge({ id: "p2", currency: "JPY", amountMinor: 1n, firmMinor: 1n }),
      ],
      "USD",
    );
    expect(budget).toEqual({
      status: "2",
      periodStart: "2026-01-31",
      periodEnd: "2027-06-30",
      value: { amount: "3000000001", currency: "JPY", valueDate: "2026-01-31" },
    });
  });

  it("sums several currencies in the reporting currency, dated by the newest rate, indicative if conditional", () => {
    const budget = budgetOf(
      project(),
      [
        pledge({ currency: "EUR", reporting: { minor: 116_000n, rateDate: "2026-11-20" } }),
        pledge({
          id: "p2",
          currency: "USD",
          amountMinor: 500n,
          firmMinor: 0n,
          conditionalMinor: 500n,
          reporting: { minor: 500n, rateDate: null },
        }),
        pledge({ id: "p3", currency: "BHD", reporting: { minor: 2_650n, rateDate: "2026-10-30" } }),
      ],
      "USD",
    );
    expect(budget?.status).toBe("1");
    expect(budget?.value).toEqual({ amount: "1191.50", currency: "USD", valueDate: "2026-11-20" });
  });

  it("is left out without pledges, without a planned period, or when a currency has no rate", () => {
    expect(budgetOf(project(), [], "USD")).toBeNull();
    const noEnd = {
      plannedStart: "2026-01-31",
      plannedEnd: null,
      actualStart: null,
      actualEnd: null,
    };
    expect(budgetOf(project({ dates: noEnd }), [pledge()], "USD")).toBeNull();
    const sameDay = { ...noEnd, plannedEnd: "2026-01-31" };
    expect(budgetOf(project({ dates: sameDay }), [pledge()], "USD")).toBeNull();
    expect(
      budgetOf(
        project(),
        [pledge(), pledge({ id: "p2", currency: "EUR", reporting: null })],
        "USD",
      ),
    ).toBeNull();
  });
});

describe("transactions", () => {
  const japan = { id: "jp", name: "Japan", orgRef: "XM-DAC-701" };

  it("reports the firm part as a commitment, the rest as a pledge, each payment as a disbursement", () => {
    const transactions = transactionsOf(
      pledge({
        amountMinor: 3_000n,
        firmMinor: 1_000n,
        conditionalMinor: 2_000n,
        currency: "KRW",
        instrument: "equity",
        payments: [
          { id: "t2", amountMinor: 300n, paidOn: "2026-05-02" },
          { id: "t1", amountMinor: 200n, paidOn: "2026-04-01" },
        ],
      }),
      japan,
      "Sponsor Pty",
    );
    expect(
      transactions.map((t) => [
        t.ref,
        t.type,
        t.date,
        t.value.amount,
        t.value.currency,
        t.financeType,
      ]),
    ).toEqual([
      ["p1", "2", "2026-03-01", "1000", "KRW", "510"],
      ["p1", "12", "2026-03-01", "2000", "KRW", "510"],
      ["t1", "3", "2026-04-01", "200", "KRW", "510"],
      ["t2", "3", "2026-05-02", "300", "KRW", "510"],
    ]);
    expect(transactions.every((t) => t.value.valueDate === t.date)).toBe(true);
    expect(transactions[0]?.provider).toEqual({ ref: "XM-DAC-701", type: "10", name: "Japan" });
    expect(transactions[0]?.receiver).toEqual({ ref: null, type: null, name: "Sponsor Pty" });
  });

  it("writes money as exact decimals in the currency's own digits, and no finance type for an offtake", () => {
    const [bhd] = transactionsOf(
      pledge({ currency: "BHD", amountMinor: 1_234_567n, firmMinor: 1_234_567n }),
      japan,
      null,
    );
    expect(bhd?.value.amount).toBe("1234.567");
    expect(bhd?.receiver).toBeNull();
    const [offtake] = transactionsOf(pledge({ instrument: "offtake" }), japan, null);
    expect(offtake?.financeType).toBeNull();
    const [big] = transactionsOf(
      pledge({ amountMinor: 900_719_925_474_099_312n, firmMinor: 900_719_925_474_099_312n }),
      japan,
      null,
    );
    expect(big?.value.amount).toBe("9007199254740993.12");
  });
});

describe("the two scopes", () => {
  const shared = project({
    id: "shared",
    name: "Shared Mine",
    registeringMemberId: "au",
    pledges: [
      pledge({ id: "jp-loan", memberId: "jp" }),
      pledge({ id: "au-grant", memberId: "au" }),
    ],
  });
  const indian = project({ id: "indian", name: "Indian Plant", registeringMemberId: "in" });

  it("reports the partnership's projects under their registering government, as a secondary reporter", () => {
    const file = buildIatiActivities(portfolio([shared, indian]), { kind: "partnership" });
    expect(file.activities.map((a) => a.identifier)).toEqual(["XM-DAC-801-shared"]);
    expect(file.activities[0]?.reportingOrg).toMatchObject({
      ref: "XM-DAC-801",
      secondaryReporter: true,
    });
    expect(file.activities[0]?.transactions.map((t) => t.ref)).toEqual(["au-grant", "jp-loan"]);
    expect(file.leftOut).toEqual([{ projectName: "Indian Plant", governmentName: "India" }]);
  });

  it("reports a government's own pledges under its own identifier, as the primary reporter", () => {
    const file = buildIatiActivities(portfolio([shared, indian]), {
      kind: "government",
      memberId: "jp",
    });
    expect(file.activities.map((a) => a.identifier)).toEqual(["XM-DAC-701-shared"]);
    expect(file.activities[0]?.reportingOrg).toMatchObject({
      ref: "XM-DAC-701",
      secondaryReporter: false,
    });
    expect(file.activities[0]?.transactions.map((t) => t.ref)).toEqual(["jp-loan"]);
    expect(
      file.activities[0]?.participatingOrgs.map((o) => [o.role, o.name, o.activityId]),
    ).toEqual([
      ["1", "Japan", null],
      ["4", "Sponsor Pty", null],
    ]);
    expect(file.leftOut).toEqual([]);
    const india = buildIatiActivities(portfolio([shared]), { kind: "government", memberId: "in" });
    expect(india).toEqual({ activities: [], leftOut: [] });
  });
});

describe("the codes", () => {
  it("are all active codes of their official codelists", () => {
    expect(notInCodelist("Version", [codes.IATI_VERSION])).toEqual([]);
    expect(notInCodelist("ActivityStatus", Object.values(codes.ACTIVITY_STATUS))).toEqual([]);
    expect(notInCodelist("ActivityDateType", Object.values(codes.ACTIVITY_DATE_TYPE))).toEqual([]);
    expect(notInCodelist("TransactionType", Object.values(codes.TRANSACTION_TYPE))).toEqual([]);
    expect(notInCodelist("OrganisationRole", Object.values(codes.ORGANISATION_ROLE))).toEqual([]);
    expect(notInCodelist("OrganisationType", Object.values(codes.ORGANISATION_TYPE))).toEqual([]);
    expect(notInCodelist("DescriptionType", Object.values(codes.DESCRIPTION_TYPE))).toEqual([]);
    expect(notInCodelist("BudgetType", Object.values(codes.BUDGET_TYPE))).toEqual([]);
    expect(notInCodelist("BudgetStatus", Object.values(codes.BUDGET_STATUS))).toEqual([]);
    expect(notInCodelist("SectorVocabulary", [codes.SECTOR_VOCABULARY])).toEqual([]);
    expect(notInCodelist("Sector", Object.values(codes.SECTOR))).toEqual([]);
    const financeTypes = INSTRUMENTS.map((instrument) => codes.FINANCE_TYPE[instrument]);
    expect(
      notInCodelist(
        "FinanceType",
        financeTypes.filter((code) => code !== null),
      ),
    ).toEqual([]);
  });

  it("cover every segment, mineral and instrument, and every host country the app offers", () => {
    const sectors = SEGMENTS.flatMap((segment) =>
      sectorsOf(segment, [...MINERALS]).map((s) => s.code),
    );
    expect(notInCodelist("Sector", sectors)).toEqual([]);
    expect(INSTRUMENTS.filter((instrument) => !(instrument in codes.FINANCE_TYPE))).toEqual([]);
    expect(notInCodelist("Country", [...HOST_COUNTRY_CODES])).toEqual([]);
  });
});
