/*
 * The suites' date logic as of other days (ADR 050). The seed is loaded with its dates shifted to today, to
 * a year ahead and to two years ahead (lodestone.seed_today), and every date-dependent answer is asked for
 * with that day as `today`: the board's attention set and overdue counts, the overview, the timeline, the
 * portfolio's FX rate dates, totals and milestones at risk, a project's funding and capital stack, the
 * tranches' due dates, the trial's days left and the future-date checks of payments and FX rates. Read back
 * as written in the seed (reference day 2026-11-30), each answer is the one of the reference day, whatever
 * day it is. Both engines.
 */
import { msg } from "~/i18n/message";
import type { MemberContext } from "~/auth/auth.server";
import { daysLate, describeDue, isOverdue } from "~/domain/milestones";
import { translate } from "~/i18n/i18n.server";
import { parseBoardFilters } from "~/domain/projects/filters";
import { getBillingState } from "~/models/billing.server";
import { getBoard, getTimeline } from "~/models/board.server";
import { getCapitalStack } from "~/models/capital-stack.server";
import { getProjectFunding } from "~/models/funding.server";
import { checkRate } from "~/models/fx-rates.server";
import { getOverview } from "~/models/overview.server";
import { listTranches, recordBankTransfer } from "~/models/payments.server";
import { getPortfolio } from "~/models/portfolio.server";
import { addDays, daysBetween } from "~/utils/dates";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids, rolledBack } from "../support/rls";
import { isoToday, SEED_REFERENCE_DAY, seedDate } from "../support/seed-dates";

/** Today, a year ahead and two years ahead (2028 is a leap year: 730 days is not two calendar years). */
const DAYS_AHEAD = [0, 365, 730];
const SEEDED_RATE_DAY = "2026-11-20";

interface World {
  today: string;
  handle: TestDatabase;
  observer: MemberContext;
  secretariat: MemberContext;
  delegateAu: MemberContext;
  pacificSecretariat: MemberContext;
  /** A date of this world read back as the seed writes it (the inverse of seedDate). */
  asWritten(day: string): string;
}

async function loadWorld(engine: (typeof engines)[number], today: string): Promise<World> {
  const handle = await createTestDatabase(engine, { seed: true, today });
  const shift = daysBetween(SEED_REFERENCE_DAY, today);
  return {
    today,
    handle,
    observer: await memberContext(handle.db, "observer"),
    secretariat: await memberContext(handle.db, "secretariat"),
    delegateAu: await memberContext(handle.db, "delegateAu"),
    pacificSecretariat: await memberContext(handle.db, "pacificSecretariat", "pacific-battery"),
    asWritten: (day) => addDays(day, -shift),
  };
}

describe.each(engines)("the date logic as of other days, on %s", (engine) => {
  describe.each(DAYS_AHEAD)("%i days ahead of today", (ahead) => {
    let world: World;
    beforeAll(async () => {
      world = await loadWorld(engine, addDays(isoToday(), ahead));
    });
    afterAll(() => world.handle.dispose());

    it("loads the seed with its dates moved to that day", async () => {
      expect(daysBetween(isoToday(), world.today)).toBeGreaterThanOrEqual(ahead);
      const [row] = await world.handle.db.query<{ due: string; rate: string; paid: Date }>(
        `select (select due_date from public.milestones where id = $1) as due,
                (select max(as_of) from public.fx_rates where partnership_id = $2) as rate,
                (select paid_at from public.tranches where id = $3) as paid`,
        [ids.milestone(2), ids.cm, ids.tranche(3)],
      );
      expect(row?.due).toBe(seedDate("2026-12-15", world.today));
      expect(row?.rate).toBe(seedDate(SEEDED_RATE_DAY, world.today));
      expect(row?.paid.toISOString()).toBe(`${seedDate("2026-07-20", world.today)}T08:00:00.000Z`);
    });

    it("puts the same milestones in the board's attention filter, as late as on the reference day", async () => {
      const { observer, today, asWritten } = world;
      const all = await getBoard(observer, parseBoardFilters(new URLSearchParams()), today);
      expect(asWritten(all.today)).toBe(SEED_REFERENCE_DAY);
      expect(all.total).toBe(19);
      expect(all.overdue).toBe(3);
      const attention = await getBoard(
        observer,
        parseBoardFilters(new URLSearchParams("attention=1")),
        today,
      );
      const cards = attention.columns.flatMap((column) => column.cards);
      expect(cards.map((card) => card.id).sort()).toEqual(
        [9, 12, 16, 19].map((n) => ids.milestone(n)).sort(),
      );
      expect(
        Object.fromEntries(
          cards.map((card) => [
            card.title,
            [
              asWritten(card.dueDate),
              daysLate(card, today),
              translate("en", describeDue(card, today)),
            ],
          ]),
        ),
      ).toEqual({
        "Automotive customer qualification": ["2026-10-30", 31, "31 days late"],
        "Concentrator construction complete": ["2026-09-30", 61, "61 days late"],
        "Hydrometallurgy pilot running": ["2026-11-13", 17, "17 days late"],
        "Strip-casting furnace commissioned": ["2027-01-29", 0, "due in 60 days"],
      });
    });

    it("counts the same milestones at risk and overdue on the overview", async () => {
      const overview = await getOverview(world.secretariat, world.today);
      expect(overview).toMatchObject({ milestonesAtRisk: 2, milestonesOverdue: 3 });
    });

    it("draws the same timeline around today", async () => {
      const { observer, today, asWritten } = world;
      const timeline = await getTimeline(
        observer,
        {
          segment: null,
          mineral: null,
          host: null,
          sponsor: null,
          from: null,
          months: 24,
          page: 1,
        },
        today,
      );
      expect(asWritten(timeline.today)).toBe(SEED_REFERENCE_DAY);
      expect(timeline.total).toBe(7);
      const kalgoorlie = timeline.projects.find((project) => project.id === ids.project(1));
      expect(
        kalgoorlie?.milestones.map((milestone) => [
          asWritten(milestone.dueDate),
          isOverdue(milestone, timeline.today),
        ]),
      ).toEqual([
        ["2026-03-31", false], // done
        ["2026-12-15", false],
        ["2027-09-30", false],
      ]);
    });

    it("values the portfolio at the same rates and lists the same milestones at risk", async () => {
      const { secretariat, today, asWritten } = world;
      const portfolio = await getPortfolio(secretariat, today);
      expect(asWritten(portfolio.onDate)).toBe(SEED_REFERENCE_DAY);
      expect(
        [portfolio.rateDates.oldest, portfolio.rateDates.newest].map((day) => asWritten(day ?? "")),
      ).toEqual([SEEDED_RATE_DAY, SEEDED_RATE_DAY]);
      expect(portfolio.missingRates).toEqual([]);
      expect(portfolio.totals).toEqual({
        committed: "11378900000",
        triggered: "1956000000",
        pending: "7630000000",
        drafts: "0",
        sought: "122007000000",
        gap: "108672100000",
      });
      expect(
        portfolio.milestonesAtRisk.map((row) => [
          row.id,
          asWritten(row.dueDate),
          row.overdue,
          row.tranchesAtStake,
        ]),
      ).toEqual([
        [ids.milestone(12), "2026-09-30", true, "0"],
        [ids.milestone(9), "2026-10-30", true, "652000000"], // ¥1,000,000,000 × 0.00652
        [ids.milestone(16), "2026-11-13", true, "2316000000"], // €20,000,000.00 × 1.158
        [ids.milestone(19), "2027-01-29", false, "1368000000"], // ₩20,000,000,000 × 0.000684
      ]);
    });

    it("evaluates a project's funding and capital stack at the rates of the day", async () => {
      const { handle, delegateAu, today, asWritten } = world;
      const funding = await getProjectFunding(delegateAu, ids.project(1), today);
      expect(
        [funding?.rateDate.oldest, funding?.rateDate.newest, funding?.rateDate.on].map((day) =>
          asWritten(day ?? ""),
        ),
      ).toEqual([SEEDED_RATE_DAY, SEEDED_RATE_DAY, SEED_REFERENCE_DAY]);
      // A$50,000,000.00 × 0.654, waiting on two other governments.
      expect(funding?.reporting.pending).toBe("3270000000");
      const kalgoorlie = {
        id: ids.project(1),
        partnershipId: ids.cm,
        currency: "AUD",
        fundingSoughtMinor: "40000000000",
      };
      const stack = await rolledBack(handle.db, "delegateAu", (tx) =>
        getCapitalStack(tx, kalgoorlie, "USD", today),
      );
      expect(asWritten(stack.onDate)).toBe(SEED_REFERENCE_DAY);
      expect(stack.rates.map((rate) => ({ ...rate, asOf: asWritten(rate.asOf) }))).toEqual([
        { currency: "AUD", rate: "0.6540000000", asOf: SEEDED_RATE_DAY },
      ]);
      expect(stack.reporting).toMatchObject({ soughtMinor: "26160000000" });
    });

    it("schedules the same tranches, in the same order", async () => {
      const tranches = await listTranches(world.secretariat);
      expect(
        tranches.map((tranche) => [
          tranche.id.slice(-2),
          world.asWritten(tranche.dueDate),
          tranche.state,
        ]),
      ).toEqual([
        ["08", "2026-06-30", "requested"],
        ["04", "2026-11-30", "scheduled"],
        ["12", "2026-12-31", "scheduled"],
        ["06", "2027-01-15", "scheduled"],
        ["16", "2027-02-26", "scheduled"],
        ["01", "2027-03-31", "scheduled"],
        ["09", "2027-03-31", "scheduled"],
        ["11", "2027-05-31", "scheduled"],
        ["07", "2027-10-31", "scheduled"],
        ["02", "2028-04-30", "scheduled"],
        ["13", "2025-12-15", "paid"],
        ["15", "2026-03-15", "paid"],
        ["03", "2026-07-31", "paid"],
        ["10", "2026-08-31", "paid"],
        ["14", "2026-10-15", "paid"],
      ]);
    });

    it("refuses a payment or an FX rate dated after today, and takes a rate dated today", async () => {
      const { secretariat, today } = world;
      const tomorrow = addDays(today, 1);
      const payment = await recordBankTransfer(
        secretariat,
        {
          intent: "record-transfer",
          trancheId: ids.tranche(8),
          reference: "FED-TIME-TRAVEL",
          paidOn: tomorrow,
          typedIn: "en",
          amount: "1",
        },
        today,
      );
      expect(payment).toEqual({
        ok: false,
        field: "paidOn",
        message: msg("payments.future"),
      });
      expect(translate("en", msg("payments.future"))).toBe(
        "A payment cannot be dated in the future.",
      );
      const rate = (asOf: string) =>
        checkRate({ currency: "EUR", rate: "1.1", asOf }, "USD", today);
      expect(rate(tomorrow)).toEqual([`Date ${tomorrow} is in the future.`]);
      expect(rate(today)).toEqual([]);
    });

    it("counts the same days left in the Pacific forum's trial", async () => {
      const { pacificSecretariat, today, asWritten } = world;
      const billing = await getBillingState(pacificSecretariat, new Date(`${today}T12:00:00Z`));
      expect({
        ...billing,
        trialEndsAt: asWritten((billing.trialEndsAt ?? "").slice(0, 10)),
      }).toMatchObject({
        status: "trialing",
        trialDaysLeft: 30,
        trialEndsAt: "2026-12-30",
        // The database decides with its own clock; the trial runs past it whatever day the seed is loaded as.
        writable: true,
        explanation: msg("billing.why.trial"),
      });
    });
  });
});
